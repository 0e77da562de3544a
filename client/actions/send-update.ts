import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { UserError } from '../../definitions/errors';
import { withClient } from './connect';
import { PROCESS_KINDS, workflowIdFor, type ProcessKind } from './workflow-ids';

/**
 * Checks that `workflowId` is a running process of the right kind, so a typo or a finished process gets a
 * sentence rather than a gRPC error. Throws a UserError otherwise.
 */
export async function requireRunning(
  client: Client,
  kind: ProcessKind,
  workflowId: string,
  namespace: string,
): Promise<void> {
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new UserError(
        `no ${kind} process "${workflowId}" in namespace ${namespace} (give ${PROCESS_KINDS[kind].prefix}/${PROCESS_KINDS[kind].shape}; \`govflow list\` shows them)`,
      );
    }
    throw error;
  }
  if (description.type !== PROCESS_KINDS[kind].workflowType) {
    throw new UserError(`"${workflowId}" is a ${description.type} process, not a ${kind}`);
  }
  if (description.status.name !== 'RUNNING') {
    throw new UserError(
      `"${workflowId}" has ended (${description.status.name.toLowerCase()}): it takes no more actions; see \`govflow status ${workflowId}\``,
    );
  }
}

/**
 * Reads the process's input the way its answer will have to be read: a client without the key it was
 * encrypted with is refused here, naming the setting, before it sends anything (otherwise the worker
 * records the action and the client, unable to read the answer, reports a failure). The namespace's
 * encryption marker (security/encryption-marker.ts) catches this earlier where the worker could record it.
 */
async function requireReadable(client: Client, workflowId: string, namespace: string): Promise<void> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace,
    execution: { workflowId },
    maximumPageSize: 1,
  });
  let payloads = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
  try {
    for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse())
      payloads = await codec.decode(payloads);
  } catch (error) {
    if (error instanceof UserError) throw error;
    // A key ring without the key the process was started under (see the rotation rule in docs/).
    throw new UserError(
      `${workflowId}: cannot read its data with this key ring: ${error instanceof Error ? error.message : String(error)}; nothing was sent`,
    );
  }
}

/**
 * Sends one Update to a running process and returns its result. The workflow's validator has the last word:
 * a refusal comes back as a UserError carrying the validator's reason, and leaves no trace in the process.
 */
export async function sendUpdate<Ret, Arg>(
  kind: ProcessKind,
  given: string,
  action: string,
  update: UpdateDefinition<Ret, [Arg]>,
  payload: Arg,
): Promise<{ workflowId: string; result: Ret }> {
  const workflowId = workflowIdFor(kind, given);
  return withClient(async (client, namespace) => {
    await requireRunning(client, kind, workflowId, namespace);
    await requireReadable(client, workflowId, namespace);
    try {
      const result = await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [payload] });
      return { workflowId, result };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        throw new UserError(`${action} refused by ${workflowId}: ${error.cause?.message ?? error.message}`);
      }
      // Ended between the check and the Update.
      if (error instanceof WorkflowNotFoundError)
        throw new UserError(`"${workflowId}" has ended: it takes no more actions`);
      throw error;
    }
  });
}
