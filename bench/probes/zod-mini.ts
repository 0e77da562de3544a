/** Module-cost probe: the bare baseline plus zod/mini and one small schema: zod's lighter build. */
import * as z from 'zod/mini';
export { idle } from '../baseline-workflow';
export const probe = z.object({ a: z.string() });
