/** Module-cost probe: the bare baseline plus zod and one small schema, evaluated with every workflow. */
import { z } from 'zod';
export { idle } from '../baseline-workflow';
export const probe = z.object({ a: z.string() });
