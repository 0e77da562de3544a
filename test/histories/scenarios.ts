/**
 * The main paths of every workflow, driven on a time-skipping server, whose histories are committed as
 * JSON next to this file and replayed by test/reliability/replay.test.ts against the current workflow
 * code. `npm run histories:capture` runs them (capture.ts beside this file); see
 * docs/reliability-and-security.md for when and how.
 *
 * Each scenario gets a fresh server (time only moves forward) and a worker with a test double of the
 * activities; it returns the executions whose histories are kept.
 *
 * Every date is found from the day the scenarios run (test/support/dates.ts: today, or a later
 * GOVFLOW_TEST_ANCHOR, to which each scenario first moves the server clock), so a capture runs on any day.
 * The committed histories were captured in November 2026 with the cases that day gave (a decision meeting on
 * 11 March 2027, a board established on 24 December 2027...); a capture on another day finds other days with
 * the same shape, and the same sequence of events (how the server groups them into workflow tasks may differ
 * between any two captures, as it does in the board's histories).
 */
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { proposeBoard } from '../../client/processes/board';
import { startConsultation } from '../../client/processes/consultation';
import { startMeeting } from '../../client/processes/meeting';
import { startPartnershipRecommendation } from '../../client/processes/partnership-recommendation';
import { startRecommendation } from '../../client/processes/recommendation';
import {
  announceHolidaysUpdate,
  boardStatusQuery,
  boardWorkflowId,
  callInUpdate,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  addItemUpdate,
  agreeContributionsUpdate,
  cancelMeetingUpdate,
  withdrawUpdate,
  approveMinutesUpdate,
  signOffUpdate,
  takeUnsignedAsLateUpdate,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  commitBudgetUpdate,
  escalationResolutionUpdate,
  partnershipRecommendationStatusQuery,
  pooledBudgetStatusQuery,
  pooledBudgetWorkflowId,
  reserveBudgetUpdate,
  varySchemeUpdate,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
  recordParentDecisionUpdate,
  reconsiderationUpdate,
  scrutinyOutcomeUpdate,
  submitSelfAssessmentUpdate,
  voteUpdate,
  type BoardStage,
  type ConsultationInput,
  type DecisionInput,
  type PartnerKind,
  type VoteUpdate,
} from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import { REPORTED_TO } from '../../governance/consultation';
import {
  type CivilDate,
  addMonths,
  compareCivilDates,
  makeCivilDate,
  nthWeekdayOfMonth,
} from '../../governance/civil-date';
import { agreementDueOn } from '../../governance/pooled-budget-agreement';
import { PRESET_SIGN_OFFS } from '../../governance/standing-orders/presets/sign-offs';
import { isWorkingDay } from '../../governance/working-days';
import {
  MONDAY,
  THURSDAY,
  TUESDAY,
  addDays,
  anchorDay,
  anchorMs,
  at,
  firstDay,
  firstYear,
  noBankHolidayBetween,
  presetFrom,
  quietDay,
  yearOf,
} from '../support/dates';

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

const southampton = presetFrom('southampton-jcb');
const everyoneFor: VoteUpdate[] = southampton.members.map((m) => ({ member: m.id, vote: 'for' }));
const against = (partner: string): VoteUpdate[] =>
  southampton.members.map((m) => ({ member: m.id, vote: m.partner === partner ? 'against' : 'for' }));
const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);

const england = holidayCalendar('england-and-wales');

/**
 * The decision scenarios' meeting: the first Southampton meeting (2nd Thursday) at least 8 weeks ahead (the
 * Forward Plan's 28 clear days and the agenda both still to come) whose next meeting, where a deferred item
 * returns, is four weeks later (too soon for the Forward Plan: the general exception), with no bank holiday
 * from 5 weeks before the meeting to 5 weeks after the next one. The call-in is lodged the day after the
 * meeting (a Friday), O&S meets on the Tuesday after and the decision is reconsidered the next day.
 */
const MEETING = quietDay({
  weekday: THURSDAY,
  quietAfter: 28 + 35,
  where: (d) => southampton.meetings.includes(d) && southampton.meetings.includes(addDays(d, 28)),
});
const NEXT_MEETING = addDays(MEETING, 28);

/**
 * The board scenario: proposed on a Monday, its first meeting (a Southampton meeting day, a Thursday) ten days
 * later; the council's Cabinet approves the Terms of Reference eleven days after the meeting (a Monday), the
 * NHS board four days after that (a Friday), which establishes the board. Its first review falls due twelve
 * months later, on a weekend (a Friday a year on), so it starts on the Monday after; no bank holiday comes
 * near any of these days.
 */
const FIRST_MEETING = quietDay({
  weekday: THURSDAY,
  daysAhead: 11,
  where: (d) => {
    const due = addMonths(addDays(d, 15), 12);
    return southampton.meetings.includes(d) && noBankHolidayBetween(addDays(due, -35), addDays(due, 50));
  },
});
const ESTABLISHED = addDays(FIRST_MEETING, 15);
const REVIEW_DUE = addMonths(ESTABLISHED, 12);
/** The first working day from the due date: the review clock starts the review then, at 09:00. */
const REVIEW_STARTS = firstDay(REVIEW_DUE, (d) => isWorkingDay(d, england));

/**
 * The recommendation scenario: the first December after the anchor (GMT throughout). Sent on 1 December;
 * the council's Cabinet meets on the second Tuesday of December and decides within a week; the PCT Board
 * meets two days later and has three weeks, over Christmas. Both approve at their meetings.
 */
const REC_YEAR = firstYear(
  yearOf(anchorDay()),
  (y) => compareCivilDates(makeCivilDate(y, 12, 1), anchorDay()) > 0,
);
const CABINET_MEETS = nthWeekdayOfMonth(REC_YEAR, 12, TUESDAY, 2);
const BOARD_MEETS = addDays(CABINET_MEETS, 2);

/**
 * The effectiveness-review scenario: counted from the first day after the anchor whose review twelve months
 * on, and the reminders 28 and 7 days ahead of it, all fall on working days (neither reminder moves).
 */
const REVIEW_FROM: CivilDate = firstDay(addDays(anchorDay(), 1), (d) =>
  [0, -28, -7].every((back) => isWorkingDay(addDays(addMonths(d, 12), back), england)),
);

/**
 * The public consultation scenario: opened on a Monday with no bank holiday in the thirteen weeks after it,
 * so it closes on the Monday twelve weeks later, with reminders on the two Mondays before.
 */
const CONSULTATION_OPENS = quietDay({ weekday: MONDAY, quietBefore: 0, quietAfter: 90 });
const CONSULTATION_CLOSES = addDays(CONSULTATION_OPENS, 84);

const CONSULTATION_OFFICER = 'democratic.services@bathnes.example.org';
const CONSULTATION_CLERKS = {
  'partnership-board': CONSULTATION_OFFICER,
  cabinet: 'cabinet.clerk@bathnes.example.org',
  'nhs-board': 'governing.body@bathnes-ccg.example.nhs.uk',
} as const;

/** Bath & NES's consultation on integration (¶11.7), run by democratic services. */
function consultationInput(): ConsultationInput {
  return {
    boardId: 'bath-nes-joint-committee',
    ref: '2027-C01',
    subject: 'Integrating adult social care with community health services',
    affected: 'People who use adult social care, their carers, and the staff of both partners',
    methods: ['Press release', 'Leaflets for staff, partners, users and the public', 'An open workshop'],
    howToRespond: 'Write to consultation@bathnes.example.org, or come to the open workshop',
    officers: { democraticServices: { name: 'Democratic Services', email: CONSULTATION_OFFICER } },
    bodies: {
      'partnership-board': {
        name: 'Bath & North East Somerset Joint Committee',
        clerk: { name: 'Democratic Services', email: CONSULTATION_OFFICER },
      },
      cabinet: {
        name: 'Cabinet of Bath & North East Somerset Council',
        clerk: { name: 'Cabinet clerk', email: CONSULTATION_CLERKS.cabinet },
        partner: 'council',
      },
      'nhs-board': {
        name: 'B&NES CCG Governing Body',
        clerk: { name: 'Governing body secretary', email: CONSULTATION_CLERKS['nhs-board'] },
        partner: 'nhs',
      },
    },
  };
}

/** Moves a fresh server's clock to the anchor (it starts at the real now; GOVFLOW_TEST_ANCHOR may be later). */
async function toTheAnchor(ctx: ScenarioContext): Promise<void> {
  const ahead = anchorMs() - (await ctx.env.currentTimeMs());
  if (ahead > 0) await ctx.env.sleep(ahead);
}

function item(overrides: Partial<DecisionInput> = {}): DecisionInput {
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

async function startDecision(ctx: ScenarioContext, input: DecisionInput): Promise<WorkflowHandle> {
  await toTheAnchor(ctx);
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
      await ctx.clockTo(at(MEETING, '10:00'));
      await vote(handle, everyoneFor);
      return [named('decision-happy-path', await ended(handle))];
    },
  },
  {
    name: 'decision-deferral-escalation',
    what: 'P4: no consensus twice, deferred to the next meeting, escalated, the chief executives agree, implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item());
      await ctx.clockTo(at(MEETING, '10:00'));
      await vote(handle, against('nhs'));
      await ctx.clockTo(at(NEXT_MEETING, '10:00'));
      await vote(handle, against('council'));
      await ctx.clockTo(at(addDays(NEXT_MEETING, 1), '10:00'));
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
      await ctx.clockTo(at(MEETING, '10:00'));
      await handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-zed-unknown', vote: 'for' }] }).then(
        () => Promise.reject(new Error('a non-member’s vote was taken')),
        () => undefined,
      );
      await vote(handle, everyoneFor);
      await ctx.clockTo(at(addDays(MEETING, 1), '10:00'));
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
      await ctx.clockTo(at(MEETING, '10:00'));
      await vote(handle, everyoneFor);
      await ctx.clockTo(at(addDays(MEETING, 1), '10:00'));
      await handle.executeUpdate(callInUpdate, {
        args: [{ members: osMembers.slice(0, 5), grounds: 'The consultation did not include carers.' }],
      });
      await ctx.clockTo(at(addDays(MEETING, 5), '10:00'));
      await handle.executeUpdate(scrutinyOutcomeUpdate, {
        args: [{ by: OFFICER, outcome: 'refer-back', reasons: 'Consult carers first' }],
      });
      await ctx.clockTo(at(addDays(MEETING, 6), '10:00'));
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
    name: 'decision-holiday-news',
    what: 'P3 hearing holiday news (announceHolidays): a holiday before the meeting brings the agenda a working day earlier, one in the call-in window extends it (timer cancelled and restarted, O&S told); implemented',
    async run(ctx) {
      const handle = await startDecision(ctx, item({ ref: '2027-016' }));
      const stageIs = (stage: string) => async () =>
        (await handle.query(decisionStatusQuery)).stage === stage;
      const proclaimed = (date: CivilDate) => ({
        source: 'Royal Proclamation (capture)',
        regions: { 'england-and-wales': { added: [{ date, name: 'Proclaimed holiday' }], removed: [] } },
      });
      await poll(stageIs('awaiting-agenda-publication'), 'the agenda wait');
      await handle.executeUpdate(announceHolidaysUpdate, { args: [proclaimed(addDays(MEETING, -3))] });
      await ctx.clockTo(at(MEETING, '10:00'));
      await vote(handle, everyoneFor);
      await ctx.clockTo(at(addDays(MEETING, 1), '10:00'));
      await poll(stageIs('in-call-in-window'), 'the call-in window');
      await handle.executeUpdate(announceHolidaysUpdate, { args: [proclaimed(addDays(MEETING, 4))] });
      return [named('decision-holiday-news', await ended(handle))];
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
      await toTheAnchor(ctx);
      await ctx.clockTo(at(addDays(FIRST_MEETING, -10), '10:00'));
      const handle = await proposeBoard(ctx.env.client, ctx.taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: tor,
        firstMeeting: FIRST_MEETING,
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
      await ctx.clockTo(at(FIRST_MEETING, '12:00'));
      await stageIs('awaiting-tor-approval');
      await ctx.clockTo(at(addDays(FIRST_MEETING, 11), '14:00'));
      await approve('council');
      await ctx.clockTo(at(ESTABLISHED, '11:00'));
      await approve('nhs');
      await stageIs('awaiting-review', 1);
      await ctx.clockTo(at(REVIEW_STARTS, '10:00'));
      await stageIs('self-assessment');
      for (const [i, member] of so.members.map((m) => m.id).entries()) {
        await handle.executeUpdate(submitSelfAssessmentUpdate, {
          args: [{ member, rating: 3 + (i % 3), comments: '' }],
        });
      }
      await stageIs('awaiting-review-outcome');
      // Both parent bodies answer six weeks after the review started, well within their 3 months.
      await ctx.clockTo(at(addDays(REVIEW_STARTS, 42), '10:00'));
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
      await toTheAnchor(ctx);
      await ctx.clockTo(at(makeCivilDate(REC_YEAR, 12, 1), '10:00'));
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
            meetingDate: CABINET_MEETS,
            deadline: addDays(CABINET_MEETS, 7),
          },
          {
            partner: 'nhs',
            body: 'NHS Wiltshire PCT Board',
            clerk: { name: 'Board secretary', email: nhs },
            meetingDate: BOARD_MEETS,
            deadline: addDays(BOARD_MEETS, 21),
          },
        ],
      });
      await ctx.clockTo(at(CABINET_MEETS, '15:00'));
      await handle.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: 'council', outcome: 'approve', by: council }],
      });
      await ctx.clockTo(at(BOARD_MEETS, '16:00'));
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
      await toTheAnchor(ctx);
      const handle = await ctx.env.client.workflow.start('effectivenessReview', {
        taskQueue: ctx.taskQueue,
        workflowId: 'review/southampton-jcb/1',
        args: [
          {
            boardId: 'southampton-jcb',
            boardName: 'Southampton Joint Commissioning Board',
            from: REVIEW_FROM,
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
  {
    name: 'consultation-change-may-be-made',
    what: 'P7: a public consultation opened, responses counted, two reminders, closed by itself, the outcome report to the Partnership Board, Cabinet and the NHS board, each notes it: the change may be made',
    async run(ctx) {
      await toTheAnchor(ctx);
      await ctx.clockTo(at(CONSULTATION_OPENS, '10:00'));
      const handle = await startConsultation(ctx.env.client, ctx.taskQueue, consultationInput());
      await ctx.clockTo(at(addDays(CONSULTATION_OPENS, 10), '11:00'));
      await handle.executeUpdate(recordConsultationResponsesUpdate, {
        args: [{ by: CONSULTATION_OFFICER, count: 40, themes: ['home care', 'staff transfer'] }],
      });
      await ctx.clockTo(at(addDays(CONSULTATION_CLOSES, 3), '10:00'));
      await handle.executeUpdate(recordConsultationReportUpdate, {
        args: [
          {
            by: CONSULTATION_OFFICER,
            summary: 'Most respondents support integration if home care stays local.',
          },
        ],
      });
      await ctx.clockTo(at(addDays(CONSULTATION_CLOSES, 10), '15:00'));
      for (const body of REPORTED_TO)
        await handle.executeUpdate(recordConsultationBodyAnswerUpdate, {
          args: [{ body, by: CONSULTATION_CLERKS[body], answer: 'noted' }],
        });
      return [named('consultation-change-may-be-made', await ended(handle))];
    },
  },
  {
    name: 'consultation-overdue-holiday-news',
    what: 'P7 deadlines (patch consultation-deadlines): four weeks open, holiday news moves the outcome report’s day (the officers told), the report is late and chased, the Partnership Board is late and chased, all three answer: the change may be made',
    async run(ctx) {
      const opens = CONSULTATION_OPENS;
      const closes = addDays(opens, 28);
      await toTheAnchor(ctx);
      await ctx.clockTo(at(opens, '10:00'));
      const input = consultationInput();
      const handle = await startConsultation(ctx.env.client, ctx.taskQueue, {
        ...input,
        ref: '2027-C02',
        periodWeeks: 4,
        reportWorkingDays: 5,
        bodies: {
          'partnership-board': { ...input.bodies['partnership-board'], answerBy: { workingDays: 3 } },
          cabinet: { ...input.bodies.cabinet, answerBy: { on: addDays(closes, 15) } },
          'nhs-board': input.bodies['nhs-board'],
        },
      });
      // The report is due five working days after the close; a holiday proclaimed in them moves it a day.
      await ctx.clockTo(at(addDays(closes, 1), '10:00'));
      await handle.executeUpdate(announceHolidaysUpdate, {
        args: [
          {
            source: 'Royal Proclamation (scenario)',
            regions: {
              'england-and-wales': {
                added: [{ date: addDays(closes, 3), name: 'Proclaimed holiday' }],
                removed: [],
              },
            },
          },
        ],
      });
      await ctx.clockTo(at(addDays(closes, 9), '10:00'));
      await handle.executeUpdate(recordConsultationReportUpdate, {
        args: [{ by: CONSULTATION_OFFICER, summary: 'Most respondents support integration.' }],
      });
      await ctx.clockTo(at(addDays(closes, 10), '15:00'));
      for (const body of ['cabinet', 'nhs-board'] as const)
        await handle.executeUpdate(recordConsultationBodyAnswerUpdate, {
          args: [{ body, by: CONSULTATION_CLERKS[body], answer: 'noted' }],
        });
      await ctx.clockTo(at(addDays(closes, 16), '15:00'));
      await handle.executeUpdate(recordConsultationBodyAnswerUpdate, {
        args: [{ body: 'partnership-board', by: CONSULTATION_OFFICER, answer: 'noted' }],
      });
      return [named('consultation-overdue-holiday-news', await ended(handle))];
    },
  },
  {
    name: 'pooled-budget-year',
    what: 'P6: a pooled budget year opened, two reservations, a variation, a commitment, quarterly monitoring, the section 75 review after 31 March: continue-as-new into the next year',
    async run(ctx) {
      await toTheAnchor(ctx);
      const year = firstYear(
        yearOf(anchorDay()),
        (y) => compareCivilDates(makeCivilDate(y, 4, 1), anchorDay()) > 0,
      );
      await ctx.clockTo(at(makeCivilDate(year, 4, 1), '10:00'));
      const so = southampton;
      const handle = await ctx.env.client.workflow.start('pooledBudget', {
        taskQueue: ctx.taskQueue,
        workflowId: pooledBudgetWorkflowId(so.board.id),
        args: [{ standingOrders: so, startYear: year }],
      });
      const holder = (ref: string) => decisionWorkflowId(so.board.id, ref);
      for (const [ref, amountGbp] of [
        ['2027-070', 500_000],
        ['2027-071', 300_000],
      ] as const)
        await handle.executeUpdate(reserveBudgetUpdate, {
          args: [{ holder: holder(ref), schemeId: 'carers', amountGbp }],
        });
      await handle.executeUpdate(varySchemeUpdate, {
        args: [
          {
            schemeId: 'carers',
            budgetGbp: 1_200_000,
            reason: 'NHS contribution reduced',
            by: so.officers.democraticServices.email,
          },
        ],
      });
      await handle.executeUpdate(commitBudgetUpdate, { args: [{ holder: holder('2027-070') }] });
      await ctx.clockTo(at(makeCivilDate(year + 1, 4, 1), '10:00'));
      await poll(
        async () => (await handle.query(pooledBudgetStatusQuery)).financialYear.startsWith(String(year + 1)),
        'the next financial year',
      );
      return [
        { name: 'pooled-budget-year', workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
      ];
    },
  },
  {
    name: 'pooled-budget-contributions-agreed',
    what: 'P6: a pooled budget year with fixed risk-share percentages; the section 75 review asks both parent bodies to agree the next year’s contributions; the next year opens on last year’s, one body agrees, the other is chased on the due day and then agrees: the schemes take the agreed budgets',
    async run(ctx) {
      await toTheAnchor(ctx);
      const year = firstYear(
        yearOf(anchorDay()),
        (y) => compareCivilDates(makeCivilDate(y, 4, 1), anchorDay()) > 0,
      );
      await ctx.clockTo(at(makeCivilDate(year, 4, 1), '10:00'));
      const so = southampton;
      const handle = await ctx.env.client.workflow.start('pooledBudget', {
        taskQueue: ctx.taskQueue,
        workflowId: pooledBudgetWorkflowId(so.board.id),
        args: [
          {
            standingOrders: so,
            startYear: year,
            riskShare: { rule: 'fixed', percentages: { nhs: 60, council: 40 } },
            agreementWorkingDays: 10,
          },
        ],
      });
      await handle.executeUpdate(reserveBudgetUpdate, {
        args: [
          { holder: decisionWorkflowId(so.board.id, '2027-072'), schemeId: 'carers', amountGbp: 400_000 },
        ],
      });
      const reviewed = makeCivilDate(year + 1, 4, 1);
      await ctx.clockTo(at(reviewed, '10:00'));
      await poll(
        async () => (await handle.query(pooledBudgetStatusQuery)).financialYear.startsWith(String(year + 1)),
        'the next financial year',
      );
      const agree = (body: string) =>
        handle.executeUpdate(agreeContributionsUpdate, {
          args: [
            {
              body,
              contributions: { carers: { nhs: 1_300_000, council: 150_000 } },
              reference: `${body} minute 4/${year + 1}`,
              by: so.partners.find((p) => p.id === body)!.clerk.email,
            },
          ],
        });
      await agree('nhs');
      await ctx.clockTo(at(addDays(agreementDueOn(reviewed, 10, so.holidays), 1), '10:00'));
      await agree('council');
      const { runId } = await handle.describe();
      return [
        { name: 'pooled-budget-year', workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
        { name: 'pooled-budget-next-year-agreed', workflowId: handle.workflowId, runId },
      ];
    },
  },
  {
    name: 'meeting-minutes-approved',
    what: 'Issue 14: a meeting arranged with one invitation per member, two items (one exempt), moved a week (SEQUENCE 1), the agenda on its day, attendance and both items decided, draft minutes, approved at the next meeting',
    async run(ctx) {
      await toTheAnchor(ctx);
      const so = southampton;
      const clerk = so.officers.democraticServices.email;
      const arranged = addDays(MEETING, -21);
      const moved = addDays(MEETING, 7);
      await ctx.clockTo(at(arranged, '10:00'));
      const handle = await startMeeting(
        ctx.env.client,
        ctx.taskQueue,
        {
          standingOrders: so,
          date: MEETING,
          by: clerk,
          venue: 'Civic Centre, Committee Room 1',
          attendance: 'in-person',
        },
        arranged,
      );
      const update = (def: { name: string }, payload: unknown) =>
        handle.executeUpdate<string, [unknown]>(def.name, { args: [payload] });
      await update(addItemUpdate, {
        by: clerk,
        ref: '2027-040',
        title: 'Joint carers strategy',
        exemptParagraph: null,
        notices: {},
      });
      await update(addItemUpdate, {
        by: clerk,
        ref: '2027-041',
        title: 'Exempt contract award',
        exemptParagraph: 3,
        notices: { privateMeeting: addDays(MEETING, -35) },
      });
      await ctx.clockTo(at(addDays(MEETING, -14), '10:00'));
      await update(moveMeetingUpdate, {
        by: clerk,
        date: moved,
        reason: 'The Civic Centre is closed for works',
      });
      await ctx.clockTo(at(moved, '10:00'));
      const voters = so.members.filter((m) => m.voting).map((m) => m.id);
      await update(recordAttendanceUpdate, { by: clerk, present: voters, apologies: [], interests: [] });
      for (const ref of ['2027-040', '2027-041'])
        await update(recordItemOutcomeUpdate, {
          by: clerk,
          ref,
          votes: Object.fromEntries(voters.map((v) => [v, 'for'])),
          resolution: 'Agreed as recommended',
          reasons: 'Both partners support it',
          alternatives: ['Do nothing'],
        });
      await ctx.clockTo(at(addDays(moved, 4), '11:00'));
      await update(publishDraftMinutesUpdate, { by: clerk });
      const next = addDays(moved, 28);
      await ctx.clockTo(at(next, '10:30'));
      await update(approveMinutesUpdate, { by: clerk, approvedAt: next, amendments: '' });
      return [named('meeting-minutes-approved', await ended(handle))];
    },
  },
  {
    name: 'meeting-sign-offs',
    what: 'Issue 14 item 4: a meeting of a board that asks for finance, legal and monitoring officer sign-offs; three items: one signed off and published, one without its finance sign-off chased on its due day and deferred on the agenda’s day, one without its legal sign-off taken as a late item with the chair’s consent; then cancelled',
    async run(ctx) {
      await toTheAnchor(ctx);
      const signOffs = PRESET_SIGN_OFFS['southampton-jcb'];
      const so = { ...southampton, signOffs: [...signOffs] };
      const clerk = so.officers.democraticServices.email;
      const officer = (role: string) => signOffs.find((r) => r.role === role)!.officer.email;
      const arranged = addDays(MEETING, -21);
      await ctx.clockTo(at(arranged, '10:00'));
      const handle = await startMeeting(
        ctx.env.client,
        ctx.taskQueue,
        { standingOrders: so, date: MEETING, by: clerk, venue: 'Civic Centre', attendance: 'in-person' },
        arranged,
      );
      const update = (def: { name: string }, payload: unknown) =>
        handle.executeUpdate<string, [unknown]>(def.name, { args: [payload] });
      const unsigned: Record<string, string> = { '2027-040': '', '2027-041': 'finance', '2027-042': 'legal' };
      for (const [ref, missing] of Object.entries(unsigned)) {
        await update(addItemUpdate, { by: clerk, ref, title: `Item ${ref}`, exemptParagraph: null });
        for (const { role } of signOffs)
          if (role !== missing) await update(signOffUpdate, { ref, role, by: officer(role) });
      }
      // Past the finance and legal sign-offs' day (5 working days before the agenda's, 8 before the meeting).
      await ctx.clockTo(at(addDays(MEETING, -14), '09:00'));
      await update(takeUnsignedAsLateUpdate, {
        by: clerk,
        ref: '2027-042',
        chairConsent: { chair: so.chair, reasons: 'The winter grant must be committed this month.' },
      });
      await ctx.clockTo(at(addDays(MEETING, -7), '10:00'));
      await update(cancelMeetingUpdate, { by: clerk, reason: 'No quorum expected' });
      return [named('meeting-sign-offs', await ended(handle))];
    },
  },
  {
    name: 'partnership-recommendation-implemented',
    what: 'Wiltshire ¶19: a partnership board recommends to the JCB; its item goes to the next meeting that can still meet the notice (a child decision), decided, implemented, and the outcome reported back',
    async run(ctx) {
      await toTheAnchor(ctx);
      const handle = await startPartnershipRecommendation(ctx.env.client, ctx.taskQueue, {
        ref: '2027-PB01',
        standingOrders: southampton,
        partnershipBoard: {
          id: 'older-people-pb',
          name: 'Older People’s Partnership Board',
          clerk: { name: 'Partnership board clerk', email: 'older.people.board@southampton.example.org' },
        },
        title: 'Reablement at home after hospital discharge',
        recommendation: 'Extend the integrated reablement service to weekends, as carers asked.',
        topic: 'integrated rehabilitation and reablement',
        presentedBy: 'commissioning.lead@southampton.example.org',
      });
      let meeting: string | undefined;
      await poll(async () => {
        meeting = (await handle.query(partnershipRecommendationStatusQuery)).meetingDate;
        return meeting !== undefined;
      }, 'the JCB meeting');
      await ctx.clockTo(at(meeting!, '10:00'));
      await vote(
        ctx.env.client.workflow.getHandle(decisionWorkflowId(southampton.board.id, '2027-PB01')),
        everyoneFor,
      );
      return [named('partnership-recommendation-implemented', await ended(handle))];
    },
  },
  {
    name: 'meeting-items-told',
    what: 'Issue 14: a meeting with a decision item is moved a week (the item told it moved: patch tell-items-of-changes), then cancelled (the item told it goes to the next meeting)',
    async run(ctx) {
      await toTheAnchor(ctx);
      const so = southampton;
      const clerk = so.officers.democraticServices.email;
      const arranged = addDays(MEETING, -21);
      await ctx.clockTo(at(arranged, '10:00'));
      const handle = await startMeeting(
        ctx.env.client,
        ctx.taskQueue,
        { standingOrders: so, date: MEETING, by: clerk },
        arranged,
      );
      const update = (def: { name: string }, payload: unknown) =>
        handle.executeUpdate<string, [unknown]>(def.name, { args: [payload] });
      await update(addItemUpdate, {
        by: clerk,
        ref: '2027-042',
        title: 'Joint equipment store',
        exemptParagraph: null,
        keyDecision: true,
        notices: { forwardPlan: addDays(MEETING, -40) },
        decision: decisionWorkflowId(so.board.id, '2027-042'),
      });
      await update(moveMeetingUpdate, {
        by: clerk,
        date: addDays(MEETING, 7),
        reason: 'The Civic Centre is closed for works',
      });
      await update(cancelMeetingUpdate, { by: clerk, reason: 'Too few members can attend' });
      return [named('meeting-items-told', await ended(handle))];
    },
  },
  {
    name: 'decision-withdrawn-from-meeting',
    what: 'Issue 14: an item on its meeting’s agenda is withdrawn by its officer and leaves the agenda (patch leave-meeting)',
    async run(ctx) {
      const handle = await startDecision(ctx, item({ ref: '2027-043' }));
      await ctx.clockTo(at(addDays(MEETING, -20), '10:00'));
      await handle.executeUpdate(withdrawUpdate, {
        args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'The tender is to be re-run' }],
      });
      return [named('decision-withdrawn-from-meeting', await ended(handle))];
    },
  },
];
