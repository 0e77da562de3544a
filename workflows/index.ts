/** Every workflow the govflow worker runs; one process per file. */
export { effectivenessReview } from './effectiveness-review';
