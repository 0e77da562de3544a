import { z } from 'zod';
import { UserError } from '../definitions/errors';
import { describeZodError } from '../definitions/validation';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** govflow's own settings, from the environment. Temporal's connection settings follow Temporal's convention (see connection.ts). */
const schema = z.object({
  GOVFLOW_TEMPORAL_PORT: port(7233),
  GOVFLOW_UI_PORT: port(8233),
  GOVFLOW_TEMPORAL_IP: z.string().min(1).default('127.0.0.1'),
  GOVFLOW_TASK_QUEUE: z.string().min(1).default('govflow'),
  GOVFLOW_HTTP_PORT: port(8080),
  GOVFLOW_DATA_DIR: z.string().min(1).default('.data'),
  /** Sticky cache size of the worker; unset: sized to its heap (worker/create-worker.ts). 0 turns the cache off. */
  GOVFLOW_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
});

export type GovflowConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GovflowConfig {
  const result = schema.safeParse(env);
  if (!result.success) throw new UserError(describeZodError(result.error));
  return result.data;
}
