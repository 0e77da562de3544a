/** The bare baseline bundled on its own: what a workflow costs without govflow's modules (zod, schemas, rules). */
export { baseline, idle } from './baseline-workflow';
