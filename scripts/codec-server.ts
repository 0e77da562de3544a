/**
 * `npm run codec-server`: the remote codec the Temporal Web UI (and `temporal workflow show --codec-endpoint`)
 * uses to show encrypted payloads to authorised managers. Settings from the environment:
 *
 *   GOVFLOW_ENCRYPTION_KEY / GOVFLOW_ENCRYPTION_KEY_FILE  the key ring (the same as the worker's)
 *   GOVFLOW_CODEC_TOKEN / GOVFLOW_CODEC_TOKEN_FILE        bearer token(s), comma- or line-separated, >= 16 characters
 *   GOVFLOW_CODEC_PORT                                    default 8234
 *   GOVFLOW_CODEC_HOST                                    default 127.0.0.1
 *   GOVFLOW_CODEC_ORIGINS                                 CORS origins; default the local Web UI
 *                                                         (http://127.0.0.1:<GOVFLOW_UI_PORT>, http://localhost:<GOVFLOW_UI_PORT>)
 *   GOVFLOW_CODEC_NAMESPACES                              when set, the only namespaces served
 */
import { readFileSync } from 'node:fs';
import { environment, type Environment } from '../runtime/config';
import { EncryptionCodec, KeyConfigError, keyRingFromEnv } from '../security/codec';
import { startCodecServer } from '../security/codec-server';

const list = (value: string | undefined) => (value ?? '').split(/[\s,]+/).filter(Boolean);

function fail(message: string): never {
  console.error(`govflow codec-server: ${message}`);
  process.exit(2);
}

function tokens(env: Environment): string[] {
  if (env.GOVFLOW_CODEC_TOKEN?.trim() && env.GOVFLOW_CODEC_TOKEN_FILE?.trim())
    fail('GOVFLOW_CODEC_TOKEN and GOVFLOW_CODEC_TOKEN_FILE are both set: set one of them');
  if (env.GOVFLOW_CODEC_TOKEN_FILE?.trim()) {
    try {
      return list(readFileSync(env.GOVFLOW_CODEC_TOKEN_FILE.trim(), 'utf8').replace(/#.*$/gm, ''));
    } catch (error) {
      fail(
        `GOVFLOW_CODEC_TOKEN_FILE: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }
  return list(env.GOVFLOW_CODEC_TOKEN);
}

async function main(): Promise<void> {
  const env = environment();
  let ring;
  try {
    ring = keyRingFromEnv(env);
  } catch (error) {
    if (error instanceof KeyConfigError) fail(error.message);
    throw error;
  }
  if (!ring)
    fail(
      'set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE (the worker’s key ring): there is nothing to decode with',
    );
  const bearer = tokens(env);
  if (bearer.length === 0)
    fail(
      'set GOVFLOW_CODEC_TOKEN (or GOVFLOW_CODEC_TOKEN_FILE): the codec server never runs without a bearer token',
    );
  if (bearer.some((t) => t.length < 16))
    fail('GOVFLOW_CODEC_TOKEN: each token must be at least 16 characters (e.g. openssl rand -hex 24)');
  const port = Number(env.GOVFLOW_CODEC_PORT?.trim() || 8234);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`GOVFLOW_CODEC_PORT: "${env.GOVFLOW_CODEC_PORT}" is not a port number`);
  const uiPort = env.GOVFLOW_UI_PORT?.trim() || '8233';
  const origins = env.GOVFLOW_CODEC_ORIGINS?.trim()
    ? list(env.GOVFLOW_CODEC_ORIGINS)
    : [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
  const namespaces = env.GOVFLOW_CODEC_NAMESPACES?.trim() ? list(env.GOVFLOW_CODEC_NAMESPACES) : undefined;
  const server = await startCodecServer({
    codec: new EncryptionCodec(ring),
    tokens: bearer,
    origins,
    namespaces,
    port,
    host: env.GOVFLOW_CODEC_HOST?.trim() || '127.0.0.1',
  });
  console.log(
    `govflow codec server on ${server.url} (key ring: ${ring.keys.size} key${ring.keys.size === 1 ? '' : 's'}, encrypting with "${ring.current.id}")`,
  );
  console.log(
    `  CORS origins: ${origins.join(', ')}${namespaces ? `; namespaces: ${namespaces.join(', ')}` : ''}`,
  );
  console.log(
    `  Web UI: Settings (Data Encoder) > codec server endpoint ${server.url}, "pass the user access token" on`,
  );
  console.log(
    `  CLI:    temporal workflow show -w <id> --codec-endpoint ${server.url} --codec-auth "Bearer <token>"`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `govflow codec-server: could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
