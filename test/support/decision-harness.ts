import { THURSDAY, anchorDay, quietDay } from './dates';
import type { CivilDate } from '../../governance/civil-date';
import type { WorkflowHandle } from '@temporalio/client';
import type { GovernanceActivities } from '../../activities/contract';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  decisionStatusQuery,
  decisionWorkflowId,
  type DecisionInput,
  type VoteUpdate,
  voteUpdate,
} from '../../definitions';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { recordingActivities } from './recording-activities';
import { meetingDesk } from '../../activities/meetings';
import { timeSkipping, uniqueTaskQueue } from './temporal';
import { createGovflowWorker } from '../../worker/create-worker';
import { workflowBundle } from './temporal';

export const southampton = resolveStandingOrders('southampton-jcb', anchorDay());

/**
 * The case most decision tests run: the first Southampton meeting (2nd Thursday) at least 8 weeks after
 * the day the tests run (room for the Forward Plan's 28 clear days), with no bank holiday 5 weeks either
 * side. Its deadlines follow from plain counting: the agenda is published on the Wednesday of the week
 * before (MEETING - 8), the call-in window is the five working days after the meeting (MEETING + 1,
 * + 4 ... + 7) and the decision is implementable on the Friday a week later (MEETING + 8).
 */
export const MEETING: CivilDate = quietDay({
  weekday: THURSDAY,
  where: (d) => southampton.meetings.includes(d),
});

/** The board's first meeting after `day` (from the preset's calendar). */
export function meetingAfter(day: CivilDate): CivilDate {
  const next = southampton.meetings.find((m) => m > day);
  if (next === undefined) throw new Error(`the Southampton calendar has no meeting after ${day}`);
  return next;
}

/**
 * The meeting after MEETING, where a deferred item returns: the 2nd Thursday of the next month, which no
 * bank holiday moves (MEETING is quiet 5 weeks after).
 */
export const NEXT_MEETING: CivilDate = meetingAfter(MEETING);

export const everyoneFor: VoteUpdate[] = southampton.members.map((m) => ({ member: m.id, vote: 'for' }));

export function item(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    ref: '2027-014',
    standingOrders: southampton,
    title: 'Integrated rehabilitation and reablement service: new contract',
    summary: 'Award a three-year contract for integrated rehabilitation and reablement.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 800_000,
    wardsAffected: 0,
    meetingDate: MEETING,
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
}

/**
 * A time-skipping server with a govflow worker; the caller drives time with `until`. The activities are
 * the in-memory double unless real ones are given (their calls are then still counted by the double).
 */
export async function decisionHarness(real?: GovernanceActivities, options: { meetings?: boolean } = {}) {
  const env: TestWorkflowEnvironment = await timeSkipping();
  const taskQueue = uniqueTaskQueue('decision');
  // With `meetings`, items join real meeting processes on this worker (issue 14).
  const double = recordingActivities(real, options.meetings ? meetingDesk(env.client, taskQueue) : undefined);
  const worker = await createGovflowWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: double.activities,
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  return {
    env,
    /** The worker's queue, for processes started the way the CLI and the console start them. */
    taskQueue,
    ...double,
    kinds: () => double.entries.map((e) => e.kind),
    async start(input: DecisionInput): Promise<WorkflowHandle> {
      return env.client.workflow.start('decision', {
        taskQueue,
        workflowId: decisionWorkflowId(southampton.board.id, input.ref),
        args: [input],
      });
    },
    /** Lets the server clock run to an instant (ISO), firing every timer on the way. */
    async until(instant: string): Promise<void> {
      const ms = Date.parse(instant) - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    },
    async vote(handle: WorkflowHandle, votes: VoteUpdate[]): Promise<void> {
      for (const v of votes) await handle.executeUpdate(voteUpdate, { args: [v] });
    },
    status: (handle: WorkflowHandle) => handle.query(decisionStatusQuery),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
