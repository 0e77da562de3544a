import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

/**
 * govflow's modules load once per worker, not once per workflow (worker/bundle-options.ts): the bundle
 * preloads the workflows entry, and zod and govflow's own modules are joined into it, so none of them has
 * a module record of its own that the SDK would evaluate again for each workflow, or deep-freeze when shared.
 * That an open decision then takes about 0.5 MiB instead of 2–3.5 is measured by `npm run bench`; the
 * committed histories replaying on this bundle (replay.test.ts) say that sharing changed no command.
 */
describe('the workflow bundle the worker runs', () => {
  const code = readFileSync(inject('workflowBundlePath'), 'utf8');
  const moduleRecords = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)].map((m) => m[1]!);

  it('preloads the workflows entry, so its modules are evaluated once and shared by every workflow', () => {
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1];
    expect(preload).toContain('"./workflows/index.ts"');
  });

  it('joins zod and govflow’s modules into that entry instead of keeping module records of their own', () => {
    expect(moduleRecords).toContain('./workflows/index.ts');
    const own = moduleRecords.filter((id) =>
      /^\.\/(?:node_modules\/zod|governance|definitions|workflows)\//.test(id),
    );
    expect(own).toEqual(['./workflows/index.ts']);
  });
});
