/**
 * Issue 19, item 4: decoys must not hide a real attempt. The first 25 refusals on authority are written to
 * the register's audit log; the next ones are still taken, failed with their number in the reason and kept
 * in the process history (who tried what), without a register write each; only past 1,025 does the
 * validator turn them away unrecorded. Before, every refusal after the 25th left no trace at all.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { voteUpdate } from '../../definitions';
import { MAX_AUDITED_REFUSALS } from '../../workflows/kit/refusals';
import { decisionHarness, item } from '../support/decision-harness';

describe('refusals beyond the audited ones are counted (time-skipping server)', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('keeps the 26th and 27th refused votes in the history with their number, and audits the first 25', async () => {
    const handle = await h.start(item({ ref: 'decoys-1' }));
    const reasons: string[] = [];
    for (let i = 0; i < MAX_AUDITED_REFUSALS + 2; i++) {
      const error = await handle
        .executeUpdate(voteUpdate, { args: [{ member: `decoy-${i}`, vote: 'for' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      reasons.push(String((error as WorkflowUpdateFailedError).cause?.message));
    }
    expect(h.entries.filter((e) => e.kind === 'action-refused')).toHaveLength(MAX_AUDITED_REFUSALS);
    expect(reasons[MAX_AUDITED_REFUSALS - 1]).not.toMatch(/refusal \d+/);
    expect(reasons.slice(MAX_AUDITED_REFUSALS)).toEqual([
      expect.stringMatching(
        / \(refusal 26: kept in the process history, not written to the register, which has the first 25\)$/,
      ),
      expect.stringMatching(
        / \(refusal 27: kept in the process history, not written to the register, which has the first 25\)$/,
      ),
    ]);
    // Each attempt stands in the history: accepted, then failed, naming who tried.
    const events = (await handle.fetchHistory()).events ?? [];
    const accepted = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(MAX_AUDITED_REFUSALS + 2);
    await handle.terminate('test over');
  });
});
