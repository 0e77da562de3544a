/**
 * `npm run demo`: fills the running stack (`npm start` in another terminal; or any cluster from
 * TEMPORAL_ADDRESS & co. with a worker on GOVFLOW_TASK_QUEUE) with the three seed boards and items at
 * different stages. Safe to run against any state: what the demo started before is taken on from where it
 * is; what someone else started under the same ID is left as it is; a board whose reviews another process
 * already runs is not proposed. It reports what really happened to each process, and how each run stands.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  boardWorkflowId,
  callInUpdate,
  decideTermsOfReferenceUpdate,
  decisionWorkflowId,
  recordParentDecisionUpdate,
  recommendationWorkflowId,
  voteUpdate,
  type BoardStatus,
  type ProcessStatus,
} from '../definitions';
import { addDays, londonCivilDate } from '../governance/civil-date';
import { PRESETS, resolveStandingOrders, type StandingOrders } from '../governance/standing-orders';
import { registeredStandingOrders } from '../client/boards';
import { UserError } from '../definitions/errors';
import {
  DEMO_BOARDS,
  DEMO_ITEMS,
  DEMO_MEMO,
  firstMeetingFor,
  meetingDateFor,
  termsOfReferenceText,
  withMeeting,
  type DemoBoard,
  type DemoItem,
} from '../client/actions/demo-plan';
import { describeIfExists, executionOf, stateInBrief } from '../client/actions/execution';
import { boardProposalConflict, proposeBoard } from '../client/processes/board';
import { startDecision } from '../client/processes/decision';
import { loadConfig } from '../runtime/config';
import { temporalTarget } from '../runtime/connection';
import { withClient } from '../client/actions/connect';

const DAY_MS = 24 * 3600 * 1000;
const say = (line: string) => console.log(`demo: ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Demo {
  client: Client;
  namespace: string;
  taskQueue: string;
  today: string;
  /** Every process the demo shows in its closing table. */
  shown: string[];
  /** Processes the demo started in this run: one of them failing is a bug, and the exit code says so. */
  startedNow: Set<string>;
}

type Status = ProcessStatus &
  Partial<Omit<BoardStatus, keyof ProcessStatus>> & { perPartner?: Record<string, string> };

interface Settled {
  description?: WorkflowExecutionDescription;
  status?: Status;
  reached: boolean;
  /** Why it is not there yet, when it is not. */
  why?: string;
}

async function workflowPollers(demo: Demo): Promise<number> {
  const response = await demo.client.workflowService.describeTaskQueue({
    namespace: demo.namespace,
    taskQueue: { name: demo.taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return response.pollers?.length ?? 0;
}

const noWorker = (demo: Demo) =>
  `no worker polls task queue ${demo.taskQueue} in namespace ${demo.namespace}: start one with \`npm start\` (or \`npm run worker\` against your cluster) and run the demo again`;

/**
 * Waits until a process reaches what `wanted` says, and stops waiting as soon as that cannot happen by
 * itself soon: the run has ended, or it is quiet (no workflow task or activity pending, no deadline due in
 * the next seconds), so it waits for a person or a later day. The worker is blamed only when it is absent.
 */
async function settle(
  demo: Demo,
  workflowId: string,
  wanted: (s: Status) => boolean,
  timeoutMs = 60_000,
): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  const handle = demo.client.workflow.getHandle(workflowId);
  let quiet = 0;
  for (;;) {
    const description = await describeIfExists(demo.client, workflowId);
    // A child (the recommendation) is started a moment after its parent says it waits for it.
    const status = description ? await handle.query<Status>('status').catch(() => undefined) : undefined;
    if (status && wanted(status)) return { description, status, reached: true };
    if (description && description.status.name !== 'RUNNING') {
      return {
        description,
        status,
        reached: false,
        why: stateInBrief(await executionOf(demo.client, description)),
      };
    }
    const raw = description?.raw;
    const busy =
      !description || Boolean(raw?.pendingWorkflowTask) || (raw?.pendingActivities?.length ?? 0) > 0;
    const due = status?.nextDeadline !== undefined && Date.parse(status.nextDeadline) <= Date.now() + 5_000;
    quiet = busy || due ? 0 : quiet + 1;
    if (quiet >= 4 && status) {
      return { description, status, reached: false, why: `waiting for ${status.waitingFor}` };
    }
    if (Date.now() > deadline) {
      const why =
        (await workflowPollers(demo)) === 0
          ? noWorker(demo)
          : `still ${description ? 'busy' : 'not started'} after ${timeoutMs / 1000} s`;
      return { description, status, reached: false, why };
    }
    await sleep(300);
  }
}

const at =
  (...stages: string[]) =>
  (s: ProcessStatus) =>
    stages.includes(s.stage);
const ENDED = ['implemented', 'referred', 'rescinded', 'withdrawn', 'unresolved'];
/** Today's meeting is open, or was held on an earlier run (the item may since have moved to a later meeting). */
const votingOrVoted = (s: ProcessStatus) =>
  s.stage === 'voting' || s.steps.some((step) => step.kind === 'meeting-held') || ENDED.includes(s.stage);

/** An action already taken on an earlier run is refused by the workflow; that is the idempotence we want. */
async function act(what: string, update: () => Promise<unknown>): Promise<void> {
  try {
    await update();
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    say(`  (${what}: ${error.cause?.message ?? error.message})`);
  }
}

const isDemos = (description: WorkflowExecutionDescription) =>
  description.memo?.startedBy === DEMO_MEMO.startedBy;

/** Where a process stands, in a few words: "at proposed (the first meeting on ...)". */
const where = (s: Settled) =>
  s.status ? `at ${s.status.stage}${s.why ? ` (${s.why})` : ''}` : (s.why ?? 'no status');

/**
 * Whether the demo may act on a process it found: only on its own, and only while it runs. Someone else's is
 * reported as it is and left alone; the demo's own that has ended tells its story if it ended where planned.
 */
async function mayAct(
  demo: Demo,
  label: string,
  description: WorkflowExecutionDescription,
  plan: { expectStages: string[]; story: string },
): Promise<boolean> {
  if (!isDemos(description)) {
    const execution = await executionOf(demo.client, description);
    const status = await demo.client.workflow
      .getHandle(description.workflowId)
      .query<ProcessStatus>('status')
      .catch(() => undefined);
    const stage = status ? `, at ${status.stage}: ${status.waitingFor}` : '';
    say(
      `${label}: left as it is: ${description.workflowId} was started before the demo, not by it (${stateInBrief(execution)}${stage})`,
    );
    return false;
  }
  if (description.status.name !== 'RUNNING') {
    await tell(demo, label, description.workflowId, plan.expectStages, plan.story);
    return false;
  }
  return true;
}

/** Tells the story once the process is where the story says, and otherwise what is really the case. */
async function tell(demo: Demo, label: string, workflowId: string, stages: string[], story: string) {
  const settled = await settle(demo, workflowId, at(...stages));
  say(
    settled.reached ? `${label}: ${story}` : `${label}: not as planned: ${workflowId} is ${where(settled)}`,
  );
}

async function board(demo: Demo, plan: DemoBoard): Promise<void> {
  const label = `board ${plan.preset}`;
  const so = resolveStandingOrders(plan.preset, demo.today);
  const workflowId = boardWorkflowId(so.board.id);
  let description = await describeIfExists(demo.client, workflowId);
  if (!description) {
    const conflict = await boardProposalConflict(demo.client, so.board.id);
    if (conflict) {
      say(`${label}: not proposed: ${conflict.message.replace(/^standingOrders: /, '')}`);
      demo.shown.push(conflict.workflowId);
      return;
    }
    try {
      await proposeBoard(
        demo.client,
        demo.taskQueue,
        {
          standingOrders: plan.preset,
          termsOfReference: termsOfReferenceText(so),
          proposedOn: addDays(demo.today, -plan.proposedDaysAgo),
          firstMeeting: firstMeetingFor(plan, so, demo.today),
        },
        { memo: DEMO_MEMO },
      );
      demo.startedNow.add(workflowId);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    description = await describeIfExists(demo.client, workflowId);
  }
  demo.shown.push(workflowId);
  if (!description || !(await mayAct(demo, label, description, plan))) return;
  const handle = demo.client.workflow.getHandle(workflowId);
  if (plan.torDecisions.length > 0) {
    const before = await settle(
      demo,
      workflowId,
      at('awaiting-tor-approval', 'revision-requested', 'awaiting-review', 'escalated'),
    );
    if (!before.reached) {
      say(`${label}: not as planned: ${workflowId} is ${where(before)}`);
      return;
    }
    for (const d of plan.torDecisions) {
      if (before.status?.draft?.decisions[d.body] !== 'pending') continue;
      const clerk = so.partners.find((p) => p.kind === d.body)!.clerk.email;
      await act(`ToR ${d.body}`, () =>
        handle.executeUpdate(decideTermsOfReferenceUpdate, {
          args: [{ body: d.body, outcome: d.outcome, by: clerk, comments: d.comments ?? '' }],
        }),
      );
    }
  }
  await tell(demo, label, workflowId, plan.expectStages, plan.story);
}

function proposer(so: StandingOrders): string {
  return so.officers.commissioning?.email ?? so.officers.democraticServices.email;
}

async function item(demo: Demo, plan: DemoItem): Promise<void> {
  const label = `item ${plan.preset}/${plan.ref}`;
  const { client } = demo;
  // Like every item, it runs under its board's registered standing orders (the board is proposed above).
  let so: StandingOrders;
  try {
    so = (await registeredStandingOrders(client, PRESETS[plan.preset].board.id)).standingOrders;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    say(`${label}: not proposed: ${error.message}`);
    return;
  }
  const workflowId = decisionWorkflowId(so.board.id, plan.ref);
  let description = await describeIfExists(client, workflowId);
  if (!description) {
    const meetingDate = meetingDateFor(plan, so, demo.today);
    // Officers cannot propose for today (the CLI refuses a meeting that is not in the future, or too close for
    // the agenda rule); the demo holds today's meeting on purpose, as if proposed a month ago, so a newcomer
    // sees votes, publication and a call-in without waiting for a date.
    const now = plan.meeting === 'today' ? Date.now() - 30 * DAY_MS : Date.now();
    try {
      await startDecision(
        client,
        demo.taskQueue,
        {
          ref: plan.ref,
          standingOrders: withMeeting(so, meetingDate),
          title: plan.title,
          summary: plan.summary,
          topic: plan.topic,
          meetingDate,
          proposedBy: proposer(so),
          ...(plan.amountGbp !== undefined ? { amountGbp: plan.amountGbp } : {}),
          ...(plan.exemptParagraph !== undefined ? { exemptParagraph: plan.exemptParagraph } : {}),
        },
        now,
        { memo: DEMO_MEMO },
      );
      demo.startedNow.add(workflowId);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    description = await describeIfExists(client, workflowId);
  }
  demo.shown.push(workflowId);
  if (!description || !(await mayAct(demo, label, description, plan))) return;
  const handle = client.workflow.getHandle(workflowId);
  if (plan.votes) {
    const meeting = await settle(demo, workflowId, votingOrVoted);
    if (!meeting.reached) {
      say(`${label}: not as planned: ${workflowId} is ${where(meeting)}`);
      return;
    }
    if (meeting.status?.stage === 'voting') {
      for (const m of so.members.filter((member) => member.voting)) {
        const vote =
          plan.votes === 'all-for' || so.partners.find((p) => p.id === m.partner)?.kind === 'council'
            ? 'for'
            : 'against';
        await act(`vote ${m.id}`, () => handle.executeUpdate(voteUpdate, { args: [{ member: m.id, vote }] }));
      }
    }
  }
  if (plan.callIn) {
    const published = await settle(
      demo,
      workflowId,
      at('in-call-in-window', 'called-in', 'awaiting-reconsideration', ...ENDED),
    );
    if (published.status?.stage === 'in-call-in-window') {
      const members = [so.overviewAndScrutiny.chair, ...so.overviewAndScrutiny.members]
        .slice(0, so.callIn.signatoriesRequired)
        .map((m) => m.id);
      await act('call-in', () =>
        handle.executeUpdate(callInUpdate, {
          args: [{ members, grounds: 'The consultation with service users was inadequate.' }],
        }),
      );
    }
  }
  if (plan.parentDecisions) {
    const childId = recommendationWorkflowId(so.board.id, plan.ref);
    const sent = await settle(demo, workflowId, at('awaiting-parent-bodies', ...ENDED));
    if (sent.reached) {
      demo.shown.push(childId);
      const child = await settle(
        demo,
        childId,
        at('awaiting-decisions', 'approved', 'rejected', 'amended', 'expired'),
      );
      for (const d of plan.parentDecisions) {
        if (child.status?.perPartner?.[d.partner] !== 'no-answer') continue;
        const clerk = so.partners.find((p) => p.id === d.partner)!.clerk.email;
        await act(`parent body ${d.partner}`, () =>
          client.workflow.getHandle(childId).executeUpdate(recordParentDecisionUpdate, {
            args: [{ partner: d.partner, outcome: d.outcome, by: clerk, reasons: 'Agreed at the meeting.' }],
          }),
        );
      }
    }
  }
  await tell(demo, label, workflowId, plan.expectStages, plan.story);
}

/** The closing table: how each run stands (a FAILED or terminated one says so) and where its process is. */
async function table(demo: Demo): Promise<{ failedNow: string[] }> {
  const failedNow: string[] = [];
  console.log('');
  for (const workflowId of demo.shown) {
    const description = await describeIfExists(demo.client, workflowId);
    if (!description) {
      console.log(`  ${workflowId.padEnd(44)} (not started)`);
      continue;
    }
    const execution = await executionOf(demo.client, description);
    const status = await demo.client.workflow
      .getHandle(workflowId)
      .query<ProcessStatus>('status')
      .catch(() => undefined);
    const state = execution.state === 'failed' ? 'FAILED' : execution.state;
    const detail =
      execution.state === 'running' || execution.state === 'completed'
        ? (status?.waitingFor ?? '')
        : (execution.reason ?? execution.meaning);
    console.log(
      `  ${workflowId.padEnd(44)} ${state.padEnd(10)} ${(status?.stage ?? '-').padEnd(28)} ${detail}`,
    );
    if (execution.state === 'failed' && demo.startedNow.has(workflowId)) failedNow.push(workflowId);
  }
  return { failedNow };
}

async function main(): Promise<number> {
  const config = loadConfig();
  const target = temporalTarget();
  const today = londonCivilDate(Date.now());
  return withClient(async (client, namespace) => {
    const demo: Demo = {
      client,
      namespace,
      taskQueue: config.GOVFLOW_TASK_QUEUE,
      today,
      shown: [],
      startedNow: new Set(),
    };
    say(
      `filling ${target.connectionOptions.address} (namespace ${namespace}, task queue ${config.GOVFLOW_TASK_QUEUE}) for ${today}`,
    );
    // Nothing moves without a worker: say so now rather than after a minute of waiting.
    if ((await workflowPollers(demo)) === 0) throw new UserError(noWorker(demo));
    for (const plan of DEMO_BOARDS) await board(demo, plan);
    for (const plan of DEMO_ITEMS) await item(demo, plan);
    const { failedNow } = await table(demo);
    const ui = target.external
      ? ''
      : `http://127.0.0.1:${config.GOVFLOW_UI_PORT}/namespaces/${namespace}/workflows`;
    console.log(
      [
        '',
        ui ? `Web UI:          ${ui}` : '',
        `Public pages:    http://127.0.0.1:${config.GOVFLOW_HTTP_PORT}/forward-plan and /decisions`,
        `Console:         http://127.0.0.1:${config.GOVFLOW_CONSOLE_PORT} (mail sent at /mail, for democratic services)`,
        'Saved queries:   npx govflow queries   (then npx govflow list --saved call-in-window)',
        'Where one is:    npx govflow status southampton-jcb/DEMO-102',
        'Take an action:  npx govflow consent-urgency southampton-jcb/DEMO-102 --by cllr-gil-turner --reason "Winter pressures"',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    if (failedNow.length > 0) {
      console.error(
        `demo: FAILED: ${failedNow.join(', ')} (started by this run); see \`npx govflow status <id>\``,
      );
      return 1;
    }
    return 0;
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(
      `demo: ${error instanceof UserError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(error instanceof UserError ? 2 : 1);
  });
