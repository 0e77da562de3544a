import { readFileSync } from 'node:fs';
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
  /** An SVG or PNG file (checked and read by councilLogo below); blank is unset. */
  GOVFLOW_COUNCIL_LOGO: z.string().trim().optional(),
  /** The council's OpenID Connect provider; unset, the console runs its own (console/issuer.ts). */
  GOVFLOW_OIDC_ISSUER: z.url({ message: 'must be the issuer URL of an OpenID Connect provider' }).optional(),
  GOVFLOW_OIDC_CLIENT_ID: z.string().min(1).optional(),
  GOVFLOW_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

/** The council's logo as the console and the public pages serve it. */
export interface CouncilLogo {
  type: 'image/svg+xml' | 'image/png';
  bytes: Buffer;
}

/** Who runs govflow, as the console and the public pages show it in their header. */
export interface Council {
  name: string;
  colour: string;
  logo?: CouncilLogo;
}

export type GovflowConfig = z.infer<typeof schema> & { dataDir: string; council: Council };

/** A logo sits in every page's header: a megabyte is far more than one needs. */
const LOGO_MAX_BYTES = 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * GOVFLOW_COUNCIL_LOGO read and checked at start, so a wrong path stops `npm start` with one line naming the
 * variable rather than showing a broken image on every page. The type is the file's own (a PNG's signature,
 * an SVG's root element), not only its name. A relative path is taken from the project root, as the data
 * directory's is.
 */
function councilLogo(setting: string | undefined): CouncilLogo | undefined {
  if (!setting) return undefined;
  const file = path.resolve(projectRoot, setting);
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.svg' && extension !== '.png')
    throw new UserError(`GOVFLOW_COUNCIL_LOGO: must be an SVG or PNG file (.svg or .png), not "${setting}"`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError(
      `GOVFLOW_COUNCIL_LOGO: cannot read "${setting}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  if (bytes.length > LOGO_MAX_BYTES)
    throw new UserError(`GOVFLOW_COUNCIL_LOGO: "${setting}" is larger than 1 MB`);
  if (extension === '.png' && !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new UserError(`GOVFLOW_COUNCIL_LOGO: "${setting}" is not a PNG image`);
  if (
    extension === '.svg' &&
    !/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/.test(
      bytes.toString('utf8'),
    )
  )
    throw new UserError(
      `GOVFLOW_COUNCIL_LOGO: "${setting}" is not an SVG image (its root element is not <svg>)`,
    );
  return { type: extension === '.png' ? 'image/png' : 'image/svg+xml', bytes };
}

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
  const council = {
    name: result.data.GOVFLOW_COUNCIL_NAME,
    colour: result.data.GOVFLOW_COUNCIL_COLOUR,
    logo: councilLogo(result.data.GOVFLOW_COUNCIL_LOGO),
  };
  return { ...result.data, dataDir: dataDir(env), council };
}
