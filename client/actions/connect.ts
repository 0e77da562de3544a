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
    throw namespaceMissing(error, target) ?? unreachable(error, target);
  }
  try {
    return await fn(connected.client, target.namespace);
  } catch (error) {
    throw namespaceMissing(error, target) ?? searchAttributesMissing(error, target) ?? error;
  } finally {
    await connected.connection.close();
  }
}

type Target = ReturnType<typeof temporalTarget>;

/** An unknown TEMPORAL_NAMESPACE is a setting to correct, however deep in a call the server says so. */
export function namespaceMissing(error: unknown, target: Target): UserError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (/namespace .* (is )?not found/i.test(e.message))
      return new UserError(
        `TEMPORAL_NAMESPACE: namespace "${target.namespace}" does not exist at ${target.connectionOptions.address ?? '(no address)'}`,
      );
  }
  return undefined;
}

/** A namespace where govflow's search attributes were never registered cannot be listed by them. */
function searchAttributesMissing(error: unknown, target: Target): UserError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const missing = /invalid search attribute: (\w+)/i.exec(e.message);
    if (missing)
      return new UserError(
        `TEMPORAL_NAMESPACE: namespace "${target.namespace}" has no search attribute ${missing[1]}: register govflow's with \`npx govflow search-attributes register\` (npm start does it on its own dev server)`,
      );
  }
  return undefined;
}

function unreachable(error: unknown, target: Target): UserError {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return new UserError(
    `cannot reach Temporal at ${target.connectionOptions.address ?? '(no address)'} (namespace ${target.namespace}): ${reason}. ` +
      'Is `npm start` running, or TEMPORAL_ADDRESS set to your cluster?',
  );
}
