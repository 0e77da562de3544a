/**
 * How a client knows that a deployment encrypts, before it sends anything.
 *
 * The worker is the one party that must hold the key: it records, in its namespace's data (a key-value map
 * every client may read with DescribeNamespace), which key ids it decrypts, under the key
 * `govflow.encryption:<task queue>` (a namespace may hold several govflow deployments, one per task queue).
 * Only key ids are recorded, never keys. Every client reads the marker when it connects and refuses, before
 * sending anything, when it could not encrypt to that worker: no key while the worker encrypts, a key the
 * worker does not hold, or a key while the worker does not encrypt (the worker could not read the payload,
 * and the workflow would retry for ever). A worker without a key refuses to start on a task queue recorded
 * as encrypted, so dropping the key by mistake cannot switch encryption off either.
 */
import { status } from '@grpc/grpc-js';
import type { temporal } from '@temporalio/proto';
import { KeyConfigError, type KeyRing } from './codec';

type WorkflowService = temporal.api.workflowservice.v1.WorkflowService;

export interface DeploymentTarget {
  namespace: string;
  taskQueue: string;
}

const KEY_SETTINGS = 'GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE';

export const markerName = (taskQueue: string) => `govflow.encryption:${taskQueue}`;

/** The key ids the worker decrypts (empty: it does not encrypt); undefined when nothing is recorded. */
async function recordedKeyIds(
  service: WorkflowService,
  target: DeploymentTarget,
): Promise<string[] | undefined> {
  const described = await service.describeNamespace({ namespace: target.namespace });
  const value = described.namespaceInfo?.data?.[markerName(target.taskQueue)];
  if (value === undefined || value === '') return undefined;
  try {
    const keys = (JSON.parse(value) as { keys?: unknown }).keys;
    if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) return keys;
  } catch {
    // fall through: an unreadable marker is treated as "encrypts with an unknown key".
  }
  return ['(unreadable marker)'];
}

/** A server that cannot answer (the time-skipping test server) or a role that may not: the marker is unknown. */
const unanswerable = (error: unknown) =>
  [status.UNIMPLEMENTED, status.PERMISSION_DENIED].includes((error as { code?: number }).code ?? -1);

/**
 * For every client, before it sends anything: refuses (a KeyConfigError naming the setting) when its key
 * setting cannot work with the worker's. Nothing recorded (an older worker, or one not allowed to record)
 * lets the client through: the documented limit of this check.
 */
export async function requireMatchingEncryption(
  service: WorkflowService,
  target: DeploymentTarget,
  ring: KeyRing | undefined,
): Promise<void> {
  let workerKeys: string[] | undefined;
  try {
    workerKeys = await recordedKeyIds(service, target);
  } catch (error) {
    if (unanswerable(error)) return;
    throw error;
  }
  if (workerKeys === undefined) return;
  const where = `task queue "${target.taskQueue}" in namespace "${target.namespace}"`;
  if (workerKeys.length > 0 && !ring) {
    throw new KeyConfigError(
      `${where} is encrypted (key ${workerKeys.join(', ')}): set ${KEY_SETTINGS} to its key ring; nothing was sent`,
    );
  }
  if (workerKeys.length === 0 && ring) {
    throw new KeyConfigError(
      `${ring.source} is set but the worker of ${where} does not encrypt and could not read what you send: unset it; nothing was sent`,
    );
  }
  if (ring && !workerKeys.includes(ring.current.id)) {
    throw new KeyConfigError(
      `${ring.source}: key "${ring.current.id}" encrypts, but the worker of ${where} holds only ${workerKeys.join(', ')}: put one of them first; nothing was sent`,
    );
  }
}

/**
 * For the worker, before it polls: records which keys it decrypts (none without a key). Refuses to start
 * without a key on a task queue recorded as encrypted. Returns a warning when the marker cannot be
 * recorded (the namespace role may not update the namespace): clients are then not checked.
 */
export async function recordWorkerEncryption(
  service: WorkflowService,
  target: DeploymentTarget,
  ring: KeyRing | undefined,
): Promise<string | undefined> {
  const recorded = await recordedKeyIds(service, target).catch((error: unknown) => {
    if (unanswerable(error)) return undefined;
    throw error;
  });
  if (!ring && recorded && recorded.length > 0) {
    throw new KeyConfigError(
      `task queue "${target.taskQueue}" in namespace "${target.namespace}" is encrypted (key ${recorded.join(', ')}): set ${KEY_SETTINGS} to its key ring (docs/reliability-and-security.md says how to stop encrypting)`,
    );
  }
  const keys = ring ? [...ring.keys.keys()] : [];
  if (recorded && recorded.join(',') === keys.join(',')) return undefined;
  try {
    await service.updateNamespace({
      namespace: target.namespace,
      updateInfo: { data: { [markerName(target.taskQueue)]: JSON.stringify({ keys }) } },
    });
    return undefined;
  } catch (error) {
    if (!unanswerable(error)) throw error;
    return `could not record in namespace "${target.namespace}" whether task queue "${target.taskQueue}" is encrypted (${(error as Error).message.split('\n')[0]}): clients without the key are not refused`;
  }
}
