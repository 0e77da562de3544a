/** Module-cost probe: the bare baseline plus definitions/ (every process's zod schemas and messages). */
import * as definitions from '../../definitions';
export { idle } from '../baseline-workflow';
export const probe = definitions;
