/** Module-cost probe: the bare baseline in a bundle with every govflow workflow, as the govflow worker loads it. */
export * from '../../workflows';
export { idle } from '../baseline-workflow';
