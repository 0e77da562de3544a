/**
 * Shared pieces of the crash, restart and outage tests: the worker child process, a decision that runs on
 * real time driven only by Updates (its meeting is today, it is not a key decision, so no notice period
 * waits), and the bookkeeping that shows every email and record happened once.
 */
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { inject } from 'vitest';
import type { Register } from '../../../activities/records/register';
import {
  decisionWorkflowId,
  type CallInUpdate,
  type DecisionInput,
  type ScrutinyOutcomeUpdate,
} from '../../../definitions';
import { londonCivilDate, londonWallClock } from '../../../governance/civil-date';
import { resolveStandingOrders } from '../../../governance/standing-orders';
import { startProcess } from '../../support/processes';

export const southampton = resolveStandingOrders('southampton-jcb', londonCivilDate(Date.now()));
const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);

/** The call-in every reliability test lodges: five O&S members, as Southampton's standing orders ask. */
export const CALL_IN: CallInUpdate = {
  members: osMembers.slice(0, 5),
  grounds: 'Respite capacity in the east of the city was not assessed.',
};
/** O&S takes no further action, recorded by democratic services: the decision may be implemented. */
export const NO_FURTHER_ACTION: ScrutinyOutcomeUpdate = {
  by: southampton.officers.democraticServices.email,
  outcome: 'no-further-action',
  reasons: 'Capacity was assessed in the pilot report.',
};

/** Votes are taken on the meeting day (London): keep clear of midnight so "today" does not change mid-test. */
export async function awayFromLondonMidnight(): Promise<void> {
  const now = Date.now();
  const { time } = londonWallClock(new Date(now).toISOString());
  if (time < '23:57') return;
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  // To 5 s past midnight in London (its offset from UTC is whole hours, so the second hand is UTC's).
  const toMidnight = (24 * 60 - (hours * 60 + minutes)) * 60_000 - (now % 60_000);
  await new Promise((resolve) => setTimeout(resolve, toMidnight + 5_000));
}

/** The longest awayFromLondonMidnight waits: a test that calls it allows this on top of its own time. */
export const MIDNIGHT_WAIT_MS = 3 * 60_000 + 5_000;

/** Meeting today, £90,000 (below the £500,000 key-decision threshold), in scope: straight to the vote. */
export function itemToday(ref: string, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    ref,
    standingOrders: southampton,
    title: 'Carers respite pilot: extension',
    summary: 'Extend the carers respite pilot by six months within the carers pooled budget.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 90_000,
    wardsAffected: 0,
    meetingDate: londonCivilDate(Date.now()),
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
}

export function startItem(client: Client, taskQueue: string, input: DecisionInput): Promise<WorkflowHandle> {
  return client.workflow.start('decision', {
    taskQueue,
    workflowId: decisionWorkflowId(southampton.board.id, input.ref),
    args: [input],
  });
}

export type WorkerProcess = ReturnType<typeof startProcess> & { kill(): Promise<void> };

/** The worker (test/reliability/support/worker-process.ts) as a child process; resolves once it polls. */
export async function spawnWorker(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  // node --import tsx, not the tsx binary: the binary runs the script in a child process of its own, which a
  // SIGKILL to the binary would leave running.
  const proc = startProcess(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'worker-process.ts')],
    {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      GOVFLOW_HTTP_PORT: '0',
      GOVFLOW_TEST_STALL: '',
      GOVFLOW_ENCRYPTION_KEY: '',
      GOVFLOW_ENCRYPTION_KEY_FILE: '',
      ...env,
    },
  );
  await proc.waitFor('READY', 60_000);
  return {
    ...proc,
    async kill() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
    },
  };
}

/**
 * After a SIGKILL the server learns that the attempt died only when its timeout passes (30 s for record
 * and for a stage's effects, which heartbeat; 2 min for notify) and sends the workflow's next task to the
 * dead worker's sticky queue for 10 s. To keep the suite short, `expedite` tells the server both at once
 * (what the timeouts would tell it later): RespondActivityTaskFailedById for the attempt that was running,
 * and ResetStickyTaskQueue.
 * The retried attempt then runs exactly as it would after the timeout. One crash point in the suite does
 * without this and waits out the real timeouts.
 */
export async function expedite(client: Client, workflowId: string): Promise<string[]> {
  const description = await client.workflow.getHandle(workflowId).describe();
  const failed: string[] = [];
  for (const activity of description.raw.pendingActivities ?? []) {
    if (activity.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
      await client.activity.fail(
        { workflowId, runId: description.runId, activityId: activity.activityId! },
        new Error('the worker running this attempt was killed'),
      );
      failed.push(`${activity.activityType?.name}#${activity.activityId}`);
    }
  }
  await client.workflowService.resetStickyTaskQueue({
    namespace: client.options.namespace,
    execution: { workflowId, runId: description.runId },
  });
  return failed;
}

/** Register steps of a workflow, in order. */
export async function auditSteps(register: Register, workflowId: string): Promise<string[]> {
  const { rows } = await register.db.query<{ step: string }>(
    'select step from audit_log where workflow_id = $1 order by seq',
    [workflowId],
  );
  return rows.map((r) => r.step);
}

export async function notificationRows(register: Register, workflowId: string) {
  const { rows } = await register.db.query<{
    step: string;
    recipient_email: string;
    status: string;
    attempts: number;
    message_id: string;
  }>(
    'select step, recipient_email, status, attempts, message_id from notifications where workflow_id = $1 order by step, recipient_email',
    [workflowId],
  );
  return rows;
}

export async function poll<T>(
  fn: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
