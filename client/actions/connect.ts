import type { Client } from '@temporalio/client';
import { connectClient, temporalTarget } from '../../runtime/connection';
import { UserError } from '../../definitions/errors';

/**
 * Runs `fn` with a client from the environment (Temporal's convention: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_TLS_*, TEMPORAL_API_KEY) and always closes the connection. A cluster that cannot be reached is
 * reported in one line: the usual cause is a setting, not a bug.
 */
export async function withClient<T>(fn: (client: Client, namespace: string) => Promise<T>): Promise<T> {
  const target = temporalTarget();
  let connected: Awaited<ReturnType<typeof connectClient>>;
  try {
    connected = await connectClient();
  } catch (error) {
    // A bad setting (e.g. the encryption key) is already a one-line UserError of its own.
    if (error instanceof UserError) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError(
      `cannot reach Temporal at ${target.connectionOptions.address ?? '(no address)'} (namespace ${target.namespace}): ${reason}. ` +
        'Is `npm start` running, or TEMPORAL_ADDRESS set to your cluster?',
    );
  }
  try {
    return await fn(connected.client, target.namespace);
  } finally {
    await connected.connection.close();
  }
}
