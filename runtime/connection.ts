import { loadClientConnectConfig } from '@temporalio/envconfig';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { dataConverterFromEnv, keyRingFromEnv } from '../security/codec';
import { requireMatchingEncryption } from '../security/encryption-marker';
import { environment, loadConfig } from './config';
import { UserError } from '../definitions/errors';

/** Temporal's settings (profile, config file), a mistake in them named in one line instead of a stack trace. */
function connectConfig(): ReturnType<typeof loadClientConnectConfig> {
  try {
    return loadClientConnectConfig();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    const setting = /profile/i.test(reason)
      ? 'TEMPORAL_PROFILE'
      : 'Temporal connection settings (TEMPORAL_CONFIG_FILE, TEMPORAL_*)';
    throw new UserError(`${setting}: ${reason}`);
  }
}

/**
 * Where Temporal is, in Temporal's own convention: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_*,
 * TEMPORAL_API_KEY, TEMPORAL_PROFILE and the TOML config file. Without TEMPORAL_ADDRESS it is the local
 * dev server that `npm start` runs.
 */
export function temporalTarget(): {
  connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions'];
  namespace: string;
  external: boolean;
} {
  const { connectionOptions, namespace } = connectConfig();
  const external = Boolean(environment().TEMPORAL_ADDRESS);
  if (!external && !connectionOptions.address) {
    const config = loadConfig();
    connectionOptions.address = `${config.GOVFLOW_TEMPORAL_IP === '0.0.0.0' ? '127.0.0.1' : config.GOVFLOW_TEMPORAL_IP}:${config.GOVFLOW_TEMPORAL_PORT}`;
  }
  return { connectionOptions, namespace: namespace ?? 'default', external };
}

export async function connectClient(): Promise<{ client: Client; connection: Connection }> {
  const { connectionOptions, namespace } = temporalTarget();
  // Encrypts payloads when GOVFLOW_ENCRYPTION_KEY(_FILE) is set (security/codec.ts); a bad setting is a UserError.
  const ring = keyRingFromEnv();
  const connection = await Connection.connect(connectionOptions);
  try {
    // Before anything is sent: a key setting the worker cannot work with is refused (security/encryption-marker.ts).
    const target = { namespace, taskQueue: loadConfig().GOVFLOW_TASK_QUEUE };
    await requireMatchingEncryption(connection.workflowService, target, ring);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return { client: new Client({ connection, namespace, dataConverter: dataConverterFromEnv() }), connection };
}

export async function connectWorker(): Promise<{ connection: NativeConnection; namespace: string }> {
  const { connectionOptions, namespace } = temporalTarget();
  return { connection: await NativeConnection.connect(connectionOptions), namespace };
}
