import { DefaultLogger, type BundleOptions } from '@temporalio/worker';

/**
 * How every govflow workflow bundle is made (the worker's, the cached one `npm start` keeps, the bench's).
 *
 * The SDK evaluates a bundle's modules again for each workflow it runs, so zod, the standing-orders schema
 * and the processes' schemas were built anew for every decision: about 1.7 of its 2 MiB in the cache and
 * most of its replay CPU (BENCHMARKS.md). Two settings make them load once per worker instead:
 * - webpack's module concatenation joins govflow's modules and zod (all ES modules) into the entry, so
 *   their objects live in one closure rather than in module records of their own;
 * - the SDK's `preloadModules` evaluates that entry before any workflow exists and shares it. The SDK
 *   deep-freezes what a shared module exports (here only the workflow functions) and the globals it
 *   leaves (zod's config and registry, fixed once its first schema is built); zod's caches and patterns,
 *   which it writes as it parses, stay inside the closure and writable.
 * That is safe because govflow keeps no per-workflow state at module scope: workflow state lives in the
 * workflow function, and module scope holds only constants, schemas and update/query definitions.
 */
export function workflowBundleOptions(workflowsPath: string): BundleOptions {
  return {
    workflowsPath,
    // Webpack's progress lines are noise for officers starting govflow; warnings and errors still show.
    logger: new DefaultLogger('WARN'),
    preloadModules: [workflowsPath],
    webpackConfigHook: (config) => ({
      ...config,
      optimization: { ...config.optimization, concatenateModules: true, providedExports: true },
    }),
  };
}
