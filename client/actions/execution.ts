/**
 * Whether a process exists and how its run stands, told in governance words: a process that FAILED or was
 * terminated takes no more actions, and an officer must hear that, not the stage it last reached.
 */
import {
  WorkflowFailedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { ApplicationFailure, TemporalFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';

/** The process's description, or undefined when no process has that workflow ID (or it is past retention). */
export async function describeIfExists(
  client: Client,
  workflowId: string,
): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

export type ExecutionState =
  'running' | 'completed' | 'failed' | 'terminated' | 'cancelled' | 'timed-out' | 'continued-as-new';

export interface Execution {
  /** How the run stands. */
  state: ExecutionState;
  /** Temporal's own name for it (RUNNING, COMPLETED, FAILED, TERMINATED, ...), as the Web UI shows it. */
  temporalStatus: string;
  closedAt?: string;
  /** What it means for the process, in one sentence. */
  meaning: string;
  /** Why it stopped, for a failure, a termination, a time-out or a cancellation. */
  reason?: string;
}

const STATES: Record<string, ExecutionState> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TERMINATED: 'terminated',
  CANCELLED: 'cancelled',
  TIMED_OUT: 'timed-out',
  CONTINUED_AS_NEW: 'continued-as-new',
};

/** A failure's cause as an officer can act on it; the technical message is kept after it. */
function failureInWords(failure: unknown): string {
  const message = failure instanceof Error ? failure.message : String(failure);
  const type = failure instanceof ApplicationFailure ? failure.type : undefined;
  if (type === 'RegisterKeyReused' || /already recorded with a different entry/.test(message)) {
    return `the register already held different records under this process's ID: its reference had been used before (${message})`;
  }
  if (/workflow execution already started/i.test(message)) {
    return `a process it had to start already existed under the same ID (${message})`;
  }
  return message;
}

/** The cause of a closed run: the failure, the administrator's reason for terminating it, ... */
async function closingReason(client: Client, workflowId: string, runId: string): Promise<string | undefined> {
  try {
    await client.workflow.getHandle(workflowId, runId, { followRuns: false }).result();
    return undefined;
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) return undefined;
    const cause = error.cause;
    if (cause instanceof TerminatedFailure) return cause.message;
    if (cause instanceof TimeoutFailure) return 'its time limit passed';
    if (cause instanceof TemporalFailure) {
      // The innermost cause is the one that says what went wrong (a child's own failure, say).
      let inner: Error = cause;
      while (inner.cause instanceof Error) inner = inner.cause;
      return failureInWords(inner === cause ? cause : inner);
    }
    return failureInWords(cause ?? error);
  }
}

/** How a process's run stands, with what that means for the officer and, for a run that stopped, why. */
export async function executionOf(
  client: Client,
  description: WorkflowExecutionDescription,
): Promise<Execution> {
  const temporalStatus = description.status.name;
  const state = STATES[temporalStatus] ?? 'running';
  const closedAt = description.closeTime?.toISOString();
  const base = { state, temporalStatus, ...(closedAt ? { closedAt } : {}) };
  if (state === 'running') return { ...base, meaning: 'running: it moves on by itself and takes actions' };
  if (state === 'completed')
    return { ...base, meaning: 'ended: the process has run its course and takes no more actions' };
  if (state === 'continued-as-new')
    return { ...base, meaning: 'carried on in a newer run of the same process' };
  const reason = await closingReason(client, description.workflowId, description.runId);
  const meaning = {
    failed:
      'FAILED: it stopped on an error, not on any governance decision, and takes no more actions; whoever runs govflow must fix the cause and reset it',
    terminated: 'terminated: an administrator stopped it; it takes no more actions',
    cancelled: 'cancelled: it was stopped on request; it takes no more actions',
    'timed-out': 'timed out: it stopped when its time limit passed; it takes no more actions',
  }[state];
  return { ...base, meaning, ...(reason ? { reason } : {}) };
}

/** One short phrase for a message: "running", "ended (completed)", "FAILED (...)". */
export function stateInBrief(execution: Execution): string {
  if (execution.state === 'running') return 'running';
  if (execution.state === 'completed') return 'ended';
  const why = execution.reason ? `: ${execution.reason}` : '';
  return `${execution.state === 'failed' ? 'FAILED' : execution.state}${why}`;
}
