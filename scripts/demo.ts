/**
 * `npm run demo`: fills the running stack (`npm start` in another terminal; or any cluster from
 * TEMPORAL_ADDRESS & co. with a worker on GOVFLOW_TASK_QUEUE) with the three seed boards and items at
 * different stages. Safe to run again: what exists is left alone, and only missing steps are taken.
 */
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import {
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
import { resolveStandingOrders, type StandingOrders } from '../governance/standing-orders';
import { UserError } from '../client/errors';
import {
  DEMO_BOARDS,
  DEMO_ITEMS,
  meetingDateFor,
  termsOfReferenceText,
  type DemoBoard,
  type DemoItem,
} from '../client/actions/demo-plan';
import { proposeBoard } from '../client/processes/board';
import { startDecision } from '../client/processes/decision';
import { loadConfig } from '../runtime/config';
import { temporalTarget } from '../runtime/connection';
import { withClient } from '../client/actions/connect';

const DAY_MS = 24 * 3600 * 1000;
const say = (line: string) => console.log(`demo: ${line}`);

async function exists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** Polls the status query until `ready` says so (the worker moves the process on by itself). */
async function until<S extends ProcessStatus>(
  handle: WorkflowHandle,
  what: string,
  ready: (s: S) => boolean,
  timeoutMs = 60_000,
): Promise<S> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A child (the recommendation) is started a moment after its parent says it waits for it.
    const status = await handle.query<S>('status').catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    });
    if (status && ready(status)) return status;
    if (Date.now() > deadline) {
      throw new Error(
        `${handle.workflowId} is at ${status?.stage ?? '(not started)'}, still not ${what}: is a worker polling this task queue?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
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

async function board(client: Client, taskQueue: string, plan: DemoBoard, today: string): Promise<string> {
  const so = resolveStandingOrders(plan.preset, today);
  const workflowId = `board/${so.board.id}`;
  if (!(await exists(client, workflowId))) {
    await proposeBoard(client, taskQueue, {
      standingOrders: plan.preset,
      termsOfReference: termsOfReferenceText(so),
      proposedOn: addDays(today, -plan.proposedDaysAgo),
      firstMeeting: addDays(today, plan.firstMeetingInDays),
    });
  }
  const handle = client.workflow.getHandle(workflowId);
  if (plan.torDecisions.length > 0) {
    const status = await until<BoardStatus>(
      handle,
      'before the parent bodies',
      at('awaiting-tor-approval', 'revision-requested', 'awaiting-review', 'escalated'),
    );
    for (const d of plan.torDecisions) {
      if (status.draft?.decisions[d.body] !== 'pending') continue;
      const clerk = so.partners.find((p) => p.kind === d.body)!.clerk.email;
      await act(`ToR ${d.body}`, () =>
        handle.executeUpdate(decideTermsOfReferenceUpdate, {
          args: [{ body: d.body, outcome: d.outcome, by: clerk, comments: d.comments ?? '' }],
        }),
      );
    }
  }
  return workflowId;
}

function proposer(so: StandingOrders): string {
  return so.officers.commissioning?.email ?? so.officers.democraticServices.email;
}

async function item(client: Client, taskQueue: string, plan: DemoItem, today: string): Promise<string[]> {
  const so = resolveStandingOrders(plan.preset, today);
  const workflowId = decisionWorkflowId(so.board.id, plan.ref);
  if (!(await exists(client, workflowId))) {
    const meetingDate = meetingDateFor(plan, so, today);
    // Officers cannot propose for today (the CLI refuses a meeting that is not in the future, or too close for
    // the agenda rule); the demo holds today's meeting on purpose, as if proposed a month ago, so a newcomer
    // sees votes, publication and a call-in without waiting for a date.
    const now = plan.meeting === 'today' ? Date.now() - 30 * DAY_MS : Date.now();
    await startDecision(
      client,
      taskQueue,
      {
        ref: plan.ref,
        standingOrders: so,
        title: plan.title,
        summary: plan.summary,
        topic: plan.topic,
        meetingDate,
        proposedBy: proposer(so),
        ...(plan.amountGbp !== undefined ? { amountGbp: plan.amountGbp } : {}),
        ...(plan.exemptParagraph !== undefined ? { exemptParagraph: plan.exemptParagraph } : {}),
      },
      now,
    );
  }
  const handle = client.workflow.getHandle(workflowId);
  const touched = [workflowId];
  if (!plan.votes) return touched;
  let status = await until(handle, 'at its meeting', votingOrVoted);
  if (status.stage === 'voting') {
    for (const m of so.members.filter((member) => member.voting)) {
      const vote =
        plan.votes === 'all-for' || so.partners.find((p) => p.id === m.partner)?.kind === 'council'
          ? 'for'
          : 'against';
      await act(`vote ${m.id}`, () => handle.executeUpdate(voteUpdate, { args: [{ member: m.id, vote }] }));
    }
  }
  if (plan.callIn) {
    status = await until(
      handle,
      'published',
      at('in-call-in-window', 'called-in', 'awaiting-reconsideration', ...ENDED),
    );
    if (status.stage === 'in-call-in-window') {
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
    await until(handle, 'with the parent bodies', at('awaiting-parent-bodies', ...ENDED));
    const child = client.workflow.getHandle(recommendationWorkflowId(so.board.id, plan.ref));
    touched.push(child.workflowId);
    const childStatus = await until<ProcessStatus & { perPartner: Record<string, string> }>(
      child,
      'sent',
      at('awaiting-decisions', 'approved', 'rejected', 'amended', 'expired'),
    );
    for (const d of plan.parentDecisions) {
      if (childStatus.perPartner[d.partner] !== 'no-answer') continue;
      const clerk = so.partners.find((p) => p.id === d.partner)!.clerk.email;
      await act(`parent body ${d.partner}`, () =>
        child.executeUpdate(recordParentDecisionUpdate, {
          args: [{ partner: d.partner, outcome: d.outcome, by: clerk, reasons: 'Agreed at the meeting.' }],
        }),
      );
    }
  }
  return touched;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const target = temporalTarget();
  const today = londonCivilDate(Date.now());
  await withClient(async (client, namespace) => {
    say(
      `filling ${target.connectionOptions.address} (namespace ${namespace}, task queue ${config.GOVFLOW_TASK_QUEUE}) for ${today}`,
    );
    const shown: string[] = [];
    for (const plan of DEMO_BOARDS) {
      shown.push(await board(client, config.GOVFLOW_TASK_QUEUE, plan, today));
      say(`board ${plan.preset}: ${plan.story}`);
    }
    for (const plan of DEMO_ITEMS) {
      shown.push(...(await item(client, config.GOVFLOW_TASK_QUEUE, plan, today)));
      say(`item ${plan.preset}/${plan.ref}: ${plan.story}`);
    }
    console.log('');
    for (const workflowId of shown) {
      const status = await client.workflow.getHandle(workflowId).query<ProcessStatus>('status');
      console.log(`  ${workflowId.padEnd(44)} ${status.stage.padEnd(28)} ${status.waitingFor}`);
    }
    const ui = target.external
      ? ''
      : `http://127.0.0.1:${config.GOVFLOW_UI_PORT}/namespaces/${namespace}/workflows`;
    console.log(
      [
        '',
        ui ? `Web UI:          ${ui}` : '',
        `Public pages:    http://127.0.0.1:${config.GOVFLOW_HTTP_PORT}/forward-plan and /decisions; mail at /mail`,
        'Saved queries:   npx govflow queries   (then npx govflow list --saved call-in-window)',
        'Take an action:  npx govflow consent-urgency southampton-jcb/DEMO-102 --by cllr-gil-turner --reason "Winter pressures"',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
}

main().catch((error: unknown) => {
  console.error(
    `demo: ${error instanceof UserError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(error instanceof UserError ? 2 : 1);
});
