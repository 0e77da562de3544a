/**
 * `govflow list` in a namespace where govflow's search attributes were never registered (a new cluster
 * namespace): one line saying what to run, never a stack trace.
 */
import { describe, expect, inject, it } from 'vitest';
import { govflow } from '../support/processes';
import { isolatedNamespace } from '../support/temporal';

describe('govflow list without govflow search attributes', () => {
  it('says the namespace lacks them and how to register them', async () => {
    const namespace = await isolatedNamespace({ searchAttributes: false });
    const result = await govflow(['list'], {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: namespace,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `govflow: TEMPORAL_NAMESPACE: namespace "${namespace}" has no search attribute GovflowProcess: register govflow's with \`npx govflow search-attributes register\` (npm start does it on its own dev server)\n`,
    );
  });
});
