/**
 * The main paths of every workflow, driven on a time-skipping server, whose histories are committed as
 * JSON next to this file and replayed by test/reliability/replay.test.ts against the current workflow
 * code. `npm run histories:capture` runs them (scripts/capture-histories.ts); see
 * docs/reliability-and-security.md for when and how.
 *
 * Each scenario gets a fresh server (time only moves forward) and a worker with a test double of the
 * activities; it returns the executions whose histories are kept.
 */
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { proposeBoard } from '../../client/processes/board';
import { startRecommendation } from '../../client/processes/recommendation';
import {
  boardStatusQuery,
  boardWorkflowId,
  callInUpdate,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  escalationResolutionUpdate,
  recordParentDecisionUpdate,
  reconsiderationUpdate,
  scrutinyOutcomeUpdate,
  submitSelfAssessmentUpdate,
  voteUpdate,
  type BoardStage,
  type DecisionInput,
  type PartnerKind,
  type VoteUpdate,
} from '../../definitions';
import { resolveStandingOrders } from '../../governance/standing-orders';

/** Democratic services of the Southampton preset: records scrutiny outcomes, reconsiderations and escalations. */
const OFFICER = 'democratic.services@southampton.example.org';

export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Moves the server clock forward to an instant, firing every timer on the way. */
  clockTo(instant: string): Promise<void>;
}

export interface CapturedExecution {
  /** File name (without .json) under test/histories. */
  name: string;
  workflowId: string;
  runId: string;
}

export interface Scenario {
  name: string;
  what: string;
  run(ctx: ScenarioContext): Promise<CapturedExecution[]>;
}

const southampton = resolveStandingOrders('southampton-jcb');
const everyoneFor: VoteUpdate[] = southampton.members.map((m) => ({ member: m.id, vote: 'for' }));
const against = (partner: string): VoteUpdate[] =>
  southampton.members.map((m) => ({ member: m.id, vote: m.partner === partner ? 'against' : 'for' }));
const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);

function item(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    ref: '2027-014',
    standingOrders: southampton,
    title: 'Integrated rehabilitation and reablement service: new contract',
    summary: 'Award a three-year contract for integrated rehabilitation and reablement.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 800_000,
    wardsAffected: 0,
    meetingDate: '2027-03-11',
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
}

async function startDecision(ctx: ScenarioContext, input: DecisionInput): Promise<WorkflowHandle> {
  return ctx.env.client.workflow.start('decision', {
    taskQueue: ctx.taskQueue,
    workflowId: decisionWorkflowId(southampton.board.id, input.ref),
    args: [input],
  });
}

async function vote(handle: WorkflowHandle, votes: VoteUpdate[]): Promise<void> {
  for (const v of votes) await handle.executeUpdate(voteUpdate, { args: [v] });
}

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ended(handle: WorkflowHandle): Promise<CapturedExecution> {
  await handle.result();
  const { runId } = await handle.describe();
  return { name: '', workflowId: handle.workflowId, runId };
}

const named = (name: string, e: CapturedExecution): CapturedExecution => ({ ...e, name });
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const SCENARIOS: Scenario[] = [
  {
    name: 'decision-happy-path',
    what: 'P3: Forward Plan, agenda, six votes by Update, consensus, pooled-budget headroom read, publication, call-in window closes, implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item({ schemeId: 'rehab-reablement' }));
      await ctx.clockTo('2027-03-11T10:00:00Z');
      await vote(handle, everyoneFor);
      return [named('decision-happy-path', await ended(handle))];
    },
  },
  {
    name: 'decision-deferral-escalation',
    what: 'P4: no consensus twice, deferred to the next meeting, escalated, the chief executives agree, implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item());
      await ctx.clockTo('2027-03-11T10:00:00Z');
      await vote(handle, against('nhs'));
      await ctx.clockTo('2027-04-08T10:00:00Z');
      await vote(handle, against('council'));
      await ctx.clockTo('2027-04-09T10:00:00Z');
      await poll(async () => (await handle.query(decisionStatusQuery)).stage === 'escalated', 'escalation');
      await handle.executeUpdate(escalationResolutionUpdate, {
        args: [
          { by: OFFICER, step: 'chief-executives', outcome: 'agreed', resolution: 'Phased contract agreed' },
        ],
      });
      return [named('decision-deferral-escalation', await ended(handle))];
    },
  },
  {
    name: 'decision-refusals-audited',
    what: 'P3 with the wrong people: a vote by a non-member and a call-in signed by a board member, each audited and failed (patch audit-refused-actions); then decided and implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item({ ref: '2027-015' }));
      await ctx.clockTo('2027-03-11T10:00:00Z');
      await handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-zed-unknown', vote: 'for' }] }).then(
        () => Promise.reject(new Error('a non-member’s vote was taken')),
        () => undefined,
      );
      await vote(handle, everyoneFor);
      await ctx.clockTo('2027-03-12T10:00:00Z');
      await handle.executeUpdate(callInUpdate, { args: [{ members: ['cllr-ada-shaw'], grounds: 'x' }] }).then(
        () => Promise.reject(new Error('a board member’s call-in was lodged')),
        () => undefined,
      );
      return [named('decision-refusals-audited', await ended(handle))];
    },
  },
  {
    name: 'decision-call-in-refer-back',
    what: 'P3: decided, called in by five O&S members, referred back, confirmed on reconsideration, implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item());
      await ctx.clockTo('2027-03-11T10:00:00Z');
      await vote(handle, everyoneFor);
      await ctx.clockTo('2027-03-12T10:00:00Z');
      await handle.executeUpdate(callInUpdate, {
        args: [{ members: osMembers.slice(0, 5), grounds: 'The consultation did not include carers.' }],
      });
      await ctx.clockTo('2027-03-16T10:00:00Z');
      await handle.executeUpdate(scrutinyOutcomeUpdate, {
        args: [{ by: OFFICER, outcome: 'refer-back', reasons: 'Consult carers first' }],
      });
      await ctx.clockTo('2027-03-17T10:00:00Z');
      await handle.executeUpdate(reconsiderationUpdate, {
        args: [
          {
            by: OFFICER,
            outcome: 'confirm',
            reasons: 'Carers were consulted through the carers centre; the decision stands.',
          },
        ],
      });
      return [named('decision-call-in-refer-back', await ended(handle))];
    },
  },
  {
    name: 'board-establishment-review-continue-as-new',
    what: 'P1 + P2: proposal, ToR approved by both parent bodies, established; first review (child clock), self-assessments, both continue: continue-as-new into cycle 2',
    async run(ctx) {
      const so = southampton;
      const clerk = (kind: PartnerKind) => so.partners.find((p) => p.kind === kind)!.clerk.email;
      const tor =
        'Terms of Reference: Southampton Joint Commissioning Board\n1. Joint commissioning of health and care.';
      await ctx.clockTo('2027-11-29T10:00:00Z');
      const handle = await proposeBoard(ctx.env.client, ctx.taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: tor,
        firstMeeting: '2027-12-09',
      });
      const stageIs = (stage: BoardStage, cycle?: number) =>
        poll(async () => {
          const s = await handle.query(boardStatusQuery);
          return s.stage === stage && (cycle === undefined || s.cycle === cycle);
        }, `board stage ${stage}`);
      const approve = (body: PartnerKind) =>
        handle.executeUpdate(decideTermsOfReferenceUpdate, {
          args: [{ body, outcome: 'approve', by: clerk(body) }],
        });
      await ctx.clockTo('2027-12-09T12:00:00Z');
      await stageIs('awaiting-tor-approval');
      await ctx.clockTo('2027-12-20T14:00:00Z');
      await approve('council');
      await ctx.clockTo('2027-12-24T11:00:00Z');
      await approve('nhs');
      await stageIs('awaiting-review', 1);
      await ctx.clockTo('2028-12-27T10:00:00Z');
      await stageIs('self-assessment');
      for (const [i, member] of so.members.map((m) => m.id).entries()) {
        await handle.executeUpdate(submitSelfAssessmentUpdate, {
          args: [{ member, rating: 3 + (i % 3), comments: '' }],
        });
      }
      await stageIs('awaiting-review-outcome');
      await ctx.clockTo('2029-02-08T10:00:00Z');
      for (const body of ['council', 'nhs'] as const) {
        await handle.executeUpdate(decideReviewOutcomeUpdate, {
          args: [{ body, outcome: 'continue', by: clerk(body) }],
        });
      }
      await stageIs('awaiting-review', 2);
      const child = ctx.env.client.workflow.getHandle('review/southampton-jcb/1');
      await child.result();
      const current = await handle.describe();
      const status = await handle.query(boardStatusQuery);
      if (status.termsOfReference?.contentHash !== sha256(tor))
        throw new Error('board: unexpected ToR hash after continue-as-new');
      return [
        {
          name: 'board-establishment-review-cycle-1',
          workflowId: boardWorkflowId('southampton-jcb'),
          runId: handle.firstExecutionRunId,
        },
        {
          name: 'board-review-clock-cycle-1',
          workflowId: child.workflowId,
          runId: (await child.describe()).runId,
        },
        {
          name: 'board-review-cycle-2-waiting',
          workflowId: boardWorkflowId('southampton-jcb'),
          runId: current.runId,
        },
      ];
    },
  },
  {
    name: 'recommendation-approved',
    what: 'P5: a recommendation to Cabinet and the PCT Board, both approve in parallel, both clerks told',
    async run(ctx) {
      const council = 'cabinet.clerk@wiltshire.example.org';
      const nhs = 'board.secretary@wiltshire-pct.example.nhs.uk';
      await ctx.clockTo('2027-12-01T10:00:00Z');
      const handle = await startRecommendation(ctx.env.client, ctx.taskQueue, {
        boardId: 'wiltshire-adult-jcb',
        ref: '2027-031',
        title: 'Joint carers strategy 2028-2031',
        recommendation:
          'That Cabinet and the PCT Board adopt the joint carers strategy and its pooled funding.',
        parentBodies: [
          {
            partner: 'council',
            body: 'Cabinet of Wiltshire Council',
            clerk: { name: 'Cabinet clerk', email: council },
            meetingDate: '2027-12-14',
            deadline: '2027-12-21',
          },
          {
            partner: 'nhs',
            body: 'NHS Wiltshire PCT Board',
            clerk: { name: 'Board secretary', email: nhs },
            meetingDate: '2027-12-16',
            deadline: '2028-01-06',
          },
        ],
      });
      await ctx.clockTo('2027-12-14T15:00:00Z');
      await handle.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'council', outcome: 'approve', by: council }],
      });
      await ctx.clockTo('2027-12-16T16:00:00Z');
      await handle.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'nhs', outcome: 'approve', by: nhs }],
      });
      return [named('recommendation-approved', await ended(handle))];
    },
  },
  {
    name: 'effectiveness-review',
    what: 'P2 clock on its own: review scheduled, reminders 28 and 7 days ahead, review started on the due date',
    async run(ctx) {
      const handle = await ctx.env.client.workflow.start('effectivenessReview', {
        taskQueue: ctx.taskQueue,
        workflowId: 'review/southampton-jcb/1',
        args: [
          {
            boardId: 'southampton-jcb',
            boardName: 'Southampton Joint Commissioning Board',
            from: '2027-03-10',
            recipients: [
              {
                role: 'officer',
                name: 'Democratic services',
                email: 'democratic.services@council.example.org',
              },
            ],
          },
        ],
      });
      return [named('effectiveness-review', await ended(handle))];
    },
  },
];
