import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../definitions/errors';
import { describeZodError } from '../definitions/validation';
import { ENVIRONMENT, type VariableName } from './environment';
import { projectRoot } from './paths';

/** The documented variables (runtime/environment.ts, the README's table) as a process sees them. */
export type Environment = Readonly<Partial<Record<VariableName, string>>>;

/**
 * The one place govflow reads process.env: only the documented variables get through, so a setting cannot be
 * read without being in the README's table. Every other module takes an Environment (tests hand in their own).
 */
export function environment(): Environment {
  return Object.fromEntries(
    ENVIRONMENT.flatMap(({ name }) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
}

/** The environment for a child process: everything this one has (PATH, HOME...), plus `extra`. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * GOVFLOW_DATA_DIR, default `.data`. A relative directory is taken from the project root, as `.tools/` is, so the
 * worker, `npm start` and the CLI find the same data whichever directory they were started from.
 */
export function dataDir(env: Environment = environment()): string {
  return path.resolve(projectRoot, env.GOVFLOW_DATA_DIR?.trim() || '.data');
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** govflow's own settings. Temporal's connection settings follow Temporal's convention (see connection.ts). */
const schema = z.object({
  GOVFLOW_TEMPORAL_PORT: port(7233),
  GOVFLOW_UI_PORT: port(8233),
  GOVFLOW_TEMPORAL_IP: z.string().min(1).default('127.0.0.1'),
  GOVFLOW_TASK_QUEUE: z.string().min(1).default('govflow'),
  GOVFLOW_HTTP_PORT: port(8080),
  GOVFLOW_HTTP_HOST: z.string().min(1).optional(),
  /** Sticky cache size of the worker; unset: sized to its heap (worker/create-worker.ts). 0 turns the cache off. */
  GOVFLOW_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** A bundle prebuilt by `npm run build:workflows`; unset: the workflows are bundled at start. */
  GOVFLOW_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** The officers' console; 0 picks a free port. */
  GOVFLOW_CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  GOVFLOW_CONSOLE_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where people reach the console (behind a proxy); an https address makes its cookies Secure. */
  GOVFLOW_CONSOLE_URL: z.url({ message: 'must be a URL such as https://govflow.example.org' }).optional(),
  GOVFLOW_CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(480),
  GOVFLOW_COUNCIL_NAME: z.string().trim().min(1).max(100).default('govflow'),
  GOVFLOW_COUNCIL_COLOUR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour #rrggbb' })
    .default('#1f4e79'),
  /** The council's OpenID Connect provider; unset, the console runs its own (console/issuer.ts). */
  GOVFLOW_OIDC_ISSUER: z.url({ message: 'must be the issuer URL of an OpenID Connect provider' }).optional(),
  GOVFLOW_OIDC_CLIENT_ID: z.string().min(1).optional(),
  GOVFLOW_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

export type GovflowConfig = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: Environment = environment()): GovflowConfig {
  const result = schema.safeParse(env);
  if (!result.success) throw new UserError(describeZodError(result.error));
  const {
    GOVFLOW_OIDC_ISSUER: issuer,
    GOVFLOW_OIDC_CLIENT_ID: id,
    GOVFLOW_OIDC_CLIENT_SECRET: secret,
  } = result.data;
  if (issuer && (!id || !secret))
    throw new UserError(
      'GOVFLOW_OIDC_CLIENT_ID and GOVFLOW_OIDC_CLIENT_SECRET: required when GOVFLOW_OIDC_ISSUER is set',
    );
  return { ...result.data, dataDir: dataDir(env) };
}
