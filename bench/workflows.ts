/**
 * The bench bundle: every govflow workflow exactly as the worker runs it, plus the bare baseline.
 * One bundle for both, so the comparison is between workflow code, not between isolates or bundles.
 */
export * from '../workflows';
export { baseline, idle } from './baseline-workflow';
