import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import {
  SA,
  boardStatusQuery,
  boardWorkflowId,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  submitSelfAssessmentUpdate,
  type BoardCarriedState,
  type BoardResult,
  type BoardStage,
  type BoardStatus,
  type PartnerKind,
  type ReviewOutcomeDecision,
} from '../../definitions';
import { kindSchemas } from '../../activities/records/kinds';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  addMonths,
  civilDateParts,
  compareCivilDates,
  dayOfWeek,
  type CivilDate,
} from '../../governance/civil-date';
import { board } from '../../workflows';
import {
  FRIDAY,
  SUNDAY,
  THURSDAY,
  WEDNESDAY,
  addDays,
  anchorDay,
  at,
  firstDay,
  firstYear,
  noBankHolidayBetween,
  presetFrom,
  quietDay,
  yearOf,
} from '../support/dates';
import {
  historyOf,
  refusal,
  sentAt,
  sha256,
  southamptonPeople,
  timeSkippingPerTest,
} from '../support/time-skipping';

const { so, CLERK, DEMOCRATIC_SERVICES } = southamptonPeople;
const MEMBER_IDS = so.members.map((m) => m.id);
const WORKFLOW_ID = boardWorkflowId('southampton-jcb');

/** Every case starts after the day the tests run as, so the server clock can still get there. */
const ahead = (day: CivilDate) => compareCivilDates(day, anchorDay()) > 0;
/** The same day of the month and month, `n` years on or (n < 0) back (never used on 29 February). */
const yearsOn = (day: CivilDate, n: number) => `${yearOf(day) + n}${day.slice(4)}`;

const TOR_V1 =
  'Terms of Reference: Southampton Joint Commissioning Board\n1. Joint commissioning of health and care.';
const TOR_V2 = `${TOR_V1}\n2. The Board also oversees the joint equipment service.`;

describe('P2 review cycles of an established board, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const status = (handle: WorkflowHandle) => handle.query(boardStatusQuery);
  const until = (handle: WorkflowHandle, check: (s: BoardStatus) => boolean) =>
    expect.poll(async () => check(await status(handle)), { timeout: 20_000, interval: 100 }).toBe(true);
  const stageIs = (handle: WorkflowHandle, stage: BoardStage, cycle?: number) =>
    until(handle, (s) => s.stage === stage && (cycle === undefined || s.cycle === cycle));
  const assess = (handle: WorkflowHandle, member: string, rating: number, comments = '') =>
    handle.executeUpdate(submitSelfAssessmentUpdate, { args: [{ member, rating, comments }] });
  const respond = (
    handle: WorkflowHandle,
    body: PartnerKind,
    outcome: ReviewOutcomeDecision['outcome'],
    extra: Partial<ReviewOutcomeDecision> = {},
  ) =>
    handle.executeUpdate(decideReviewOutcomeUpdate, { args: [{ body, outcome, by: CLERK[body], ...extra }] });
  const approveTor = (handle: WorkflowHandle, body: PartnerKind) =>
    handle.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body, outcome: 'approve', by: CLERK[body] }],
    });
  /** A board established before this run (or after a continue-as-new): it starts in review cycle `carried.cycle`. */
  const startEstablished = (taskQueue: string, carried: BoardCarriedState) =>
    env().client.workflow.start(board, {
      taskQueue,
      workflowId: WORKFLOW_ID,
      args: [{ standingOrders: so, carried }],
    });

  it('runs the first review after establishment: reminders, self-assessments, report, both continue → continue-as-new into cycle 2', async () => {
    // Established on Christmas Eve of the first year Y (after the anchor) whose next Christmas Eve, the review's
    // due day, is a Sunday (24 December 2028 first written). Every such year lays out the days after it alike:
    // 25 and 26 December Y + 1 are a Monday and a Tuesday, New Year's Day Y + 2 a Monday.
    const y = firstYear(
      yearOf(anchorDay()),
      (y) => dayOfWeek(`${y + 1}-12-24`) === SUNDAY && ahead(`${y}-11-29`),
    );
    const firstMeeting = presetFrom('southampton-jcb', `${y}-01-01`).meetings.find((m) =>
      m.startsWith(`${y}-12-`),
    )!;
    const established = `${y}-12-24`;
    const reviewDue = `${y + 1}-12-24`;
    const reviewStarts = `${y + 1}-12-27`;
    const reportOn = `${y + 2}-01-03`;
    const completedOn = `${y + 2}-02-15`;
    await clockTo(at(`${y}-11-29`, '10:00'));
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting,
      });
      await clockTo(at(firstMeeting, '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(`${y}-12-20`, '14:00'));
      await approveTor(handle, 'council');
      await clockTo(at(established, '11:00'));
      await approveTor(handle, 'nhs');
      await stageIs(handle, 'awaiting-review', 1);

      // Twelve months on is 24 December Y + 1, a Sunday, then Christmas Day and Boxing Day (bank holidays):
      // the review clock (a child workflow) starts the review on the next working day, Wednesday 27 December, at 09:00.
      expect((await status(handle)).nextDeadline).toBe(at(reviewStarts, '09:00'));
      await clockTo(at(reviewStarts, '10:00'));
      await stageIs(handle, 'self-assessment');
      expect(await status(handle)).toMatchObject({
        cycle: 1,
        // 20 working days from the start, skipping New Year's Day: 28 and 29 December, then Tuesday 2 January
        // to Thursday 25 January (18 more).
        review: {
          cycle: 1,
          due: reviewDue,
          startsOn: reviewStarts,
          selfAssessmentDeadline: `${y + 2}-01-25`,
          received: [],
          outstanding: MEMBER_IDS,
        },
        // To the end of that day: midnight London time (GMT) starting 26 January.
        nextDeadline: at(`${y + 2}-01-26`, '00:00'),
        waitingFor: 'self-assessments from 6 of 6 members',
      });
      expect(await refusal(assess(handle, 'cllr-zed-unknown', 4))).toBe(
        'member: "cllr-zed-unknown" is not a member of Southampton Joint Commissioning Board',
      );
      expect(await refusal(assess(handle, 'cllr-ada-shaw', 6))).toBe(
        'invalid self-assessment: rating: must be from 1 to 5',
      );
      expect(await refusal(respond(handle, 'council', 'continue'))).toBe(
        'no review report is before the parent bodies now (stage: self-assessment)',
      );
      await clockTo(at(reportOn, '10:00'));
      const ratings = [5, 4, 4, 3, 4];
      for (const [i, rating] of ratings.entries())
        await assess(
          handle,
          MEMBER_IDS[i]!,
          rating,
          i === 0 ? 'Decisions come faster since the s75 pool' : '',
        );
      expect(await refusal(assess(handle, 'cllr-ada-shaw', 2))).toBe(
        'Cllr Ada Shaw has already sent a self-assessment for review 1',
      );
      expect((await status(handle)).review).toMatchObject({
        received: MEMBER_IDS.slice(0, 5),
        outstanding: ['finn-hughes'],
      });
      expect(await assess(handle, 'finn-hughes', 2)).toEqual({ received: 6, outstanding: [] });
      // Every member has answered: the report goes at once, without waiting for the deadline.
      await stageIs(handle, 'awaiting-review-outcome');

      expect(await refusal(respond(handle, 'nhs', 'continue', { by: CLERK.council }))).toBe(
        `by: only the clerk to Southampton City CCG Governing Body may record its response; ${CLERK.council} is not that clerk`,
      );
      await clockTo(at(`${y + 2}-02-08`, '10:00'));
      expect(await respond(handle, 'council', 'continue')).toEqual({ council: 'continue', nhs: 'pending' });
      expect(await refusal(respond(handle, 'council', 'dissolve'))).toBe(
        'Cabinet of Southampton City Council has already responded to review 1 (continue)',
      );
      await clockTo(at(completedOn, '10:00'));
      await respond(handle, 'nhs', 'continue');

      // Continue-as-new: a new run of board/southampton-jcb for cycle 2, with the state it needs and no more.
      await stageIs(handle, 'awaiting-review', 2);
      const description = await handle.describe();
      expect(description.runId).not.toBe(handle.firstExecutionRunId);
      // The search attributes are set again by the new run.
      expect(description.typedSearchAttributes.get(SA.board)).toBe('southampton-jcb');
      expect(description.typedSearchAttributes.get(SA.process)).toBe('board');
      expect(description.typedSearchAttributes.get(SA.stage)).toBe('awaiting-review');
      expect(description.typedSearchAttributes.get(SA.waitingFor)).toBe('timer');
      // Review 2 is due twelve months after review 1 was due: 24 December Y + 2, a Monday or a Tuesday, a working
      // day, so it starts that day at 09:00.
      const nextDue = `${y + 2}-12-24`;
      expect(description.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(
        at(nextDue, '09:00'),
      );
      const cycle2 = await status(handle);
      expect(cycle2).toMatchObject({
        process: 'board',
        cycle: 2,
        establishedOn: established,
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
        review: { cycle: 2, due: nextDue },
        nextDeadline: at(nextDue, '09:00'),
      });
      expect(cycle2.steps.map((s) => s.kind)).toEqual(['review-scheduled']);
      expect((await env().client.workflow.getHandle('review/southampton-jcb/2').describe()).status.name).toBe(
        'RUNNING',
      );

      const firstRun = env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId);
      const firstRunEvents = await historyOf(firstRun, 'board establishment + review cycle 1 (first run)');
      expect(firstRunEvents.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
      expect(firstRunEvents.length).toBeLessThan(300);
      const secondRunEvents = await historyOf(handle, 'board cycle 2 (second run, running)');
      expect(secondRunEvents.length).toBeLessThan(30);

      const refused = entries.filter((e) => e.kind === 'action-refused');
      expect(refused.map((e) => [e.key.step, e.data])).toEqual([
        [
          'cycle-1/refused/1',
          expect.objectContaining({ action: 'submitSelfAssessment', actor: 'cllr-zed-unknown' }),
        ],
        [
          'cycle-1/refused/2',
          expect.objectContaining({ action: 'decideReviewOutcome', actor: CLERK.council }),
        ],
      ]);
      const cycle1 = entries.filter((e) => e.key.step.startsWith('cycle-1/') && e.kind !== 'action-refused');
      expect(cycle1.map((e) => e.kind)).toEqual([
        's75-review',
        'review-report',
        'review-outcome-decision',
        'review-outcome-decision',
        'review-completed',
      ]);
      const s75 = cycle1[0]!.data as { schemes: { id: string }[]; totalGbp: number };
      expect(s75.schemes).toHaveLength(10);
      expect(s75.totalGbp).toBe(105_196_000); // southampton-2017 ¶24: £105,196k across 10 schemes
      expect(cycle1[1]!.data).toMatchObject({
        cycle: 1,
        reviewDue,
        responses: 6,
        members: 6,
        averageRating: 3.67,
        ratings: { '1': 0, '2': 1, '3': 1, '4': 3, '5': 1 },
        missing: [],
        comments: [{ member: 'cllr-ada-shaw', comments: 'Decisions come faster since the s75 pool' }],
      });
      expect(cycle1[4]!.data).toMatchObject({
        cycle: 1,
        reviewDue,
        completedOn,
        outcome: 'continue',
      });
      expect(
        entries.filter((e) => e.key.workflowId === 'review/southampton-jcb/1').map((e) => e.kind),
      ).toEqual(['review-scheduled', 'review-reminder', 'review-reminder', 'review-started']);

      const p2 = notifications
        // In the order they were sent: the child's review-started comes before the board goes on.
        .filter((n) => n.key.workflowId === 'review/southampton-jcb/1' || n.key.step.startsWith('cycle-1/'));
      expect(p2.map((n) => [n.kind, n.sentAt])).toEqual([
        // Reminders on the last working day on or before 28 and 7 days ahead (both dates are Sundays, 26 November
        // and 17 December): the Fridays before, 24 November and 15 December.
        ['review-reminder', sentAt(`${y + 1}-11-24`, '09:00')],
        ['review-reminder', sentAt(`${y + 1}-12-15`, '09:00')],
        ['review-started', sentAt(reviewStarts, '09:00')],
        ['s75-review', sentAt(reviewStarts, '09:00')],
        ['self-assessment-required', sentAt(reviewStarts, '09:00')],
        ['review-report', sentAt(reportOn, '10:00')],
        ['review-completed', sentAt(completedOn, '10:00')],
      ]);
      expect(p2.find((n) => n.kind === 'self-assessment-required')).toMatchObject({
        deadline: `${y + 2}-01-25`,
      });
      expect(p2.find((n) => n.kind === 'review-report')!.recipients.map((r) => r.email)).toEqual([
        CLERK.council,
        CLERK.nhs,
      ]);
      await handle.terminate('test finished');
    });
  });

  it('amend-tor: the report goes after the self-assessment deadline, then a revised ToR both approve, then cycle 2 under the new hash', async () => {
    // The review is due on a Thursday whose 20 working days take in one bank holiday, on the Monday 11 days on
    // (20 April 2028 and the early May bank holiday first written): the first such Thursday with 50 days
    // before it after the anchor, no other bank holiday from it to the day after the deadline.
    const calendar = holidayCalendar('england-and-wales');
    const due = firstDay(
      addDays(anchorDay(), 51),
      (d) =>
        dayOfWeek(d) === THURSDAY &&
        calendar.isHoliday(addDays(d, 11)) &&
        noBankHolidayBetween(d, addDays(d, 10)) &&
        noBankHolidayBetween(addDays(d, 12), addDays(d, 30)),
    );
    const reportOn = addDays(due, 30);
    const approvedOn = addDays(due, 49);
    await clockTo(at(addDays(due, -50), '10:00'));
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 1,
        establishedOn: yearsOn(due, -1),
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
      });
      // Review due twelve months after establishment, 09:00 London time.
      await clockTo(at(due, '12:00'));
      await stageIs(handle, 'self-assessment');
      await assess(handle, 'cllr-ada-shaw', 4);
      await assess(handle, 'dr-dev-patel', 3);
      // 20 working days, the bank holiday excluded: four weeks and a day, the Friday 29 days on, to the end of the
      // day (midnight London time starting the Saturday).
      expect((await status(handle)).nextDeadline).toBe(at(reportOn, '00:00'));
      await clockTo(at(reportOn, '10:00'));
      await stageIs(handle, 'awaiting-review-outcome');
      expect(entries.find((e) => e.kind === 'review-report')!.data).toMatchObject({
        responses: 2,
        averageRating: 3.5,
        missing: ['cllr-ben-okafor', 'cllr-cara-lewis', 'dr-eve-morgan', 'finn-hughes'],
        reportOn,
      });
      expect(await refusal(assess(handle, 'finn-hughes', 3))).toBe(
        'self-assessments are not being collected now (stage: awaiting-review-outcome)',
      );

      expect(await refusal(respond(handle, 'council', 'amend-tor'))).toBe(
        'invalid review outcome: comments: amend-tor must say what to amend',
      );
      await respond(handle, 'council', 'amend-tor', {
        comments: 'Bring the joint equipment service into scope',
      });
      await respond(handle, 'nhs', 'continue');
      await stageIs(handle, 'revision-requested');
      const revise = (text: string) =>
        handle.executeUpdate(reviseTermsOfReferenceUpdate, { args: [{ text, by: DEMOCRATIC_SERVICES }] });
      // The text in force is only known by its hash after continue-as-new; the identical text is still refused.
      expect(await refusal(revise(TOR_V1))).toBe(
        'the revised text is identical to version 1; it must make the amendments asked for',
      );
      await clockTo(at(addDays(due, 42), '10:00'));
      expect(await revise(TOR_V2)).toEqual({ version: 2, contentHash: sha256(TOR_V2) });
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(approvedOn, '10:00'));
      await approveTor(handle, 'council');
      await approveTor(handle, 'nhs');

      await stageIs(handle, 'awaiting-review', 2);
      expect(await status(handle)).toMatchObject({
        cycle: 2,
        establishedOn: yearsOn(due, -1),
        termsOfReference: { version: 2, contentHash: sha256(TOR_V2) },
        // Counted from the last review's due date, not from the day the amendment was approved.
        review: { due: yearsOn(due, 1) },
      });
      expect(entries.filter((e) => e.key.workflowId === WORKFLOW_ID).map((e) => e.key.step)).toEqual([
        'cycle-1/s75-review',
        'cycle-1/review-report',
        'cycle-1/review-outcome-decision/council',
        'cycle-1/review-outcome-decision/nhs',
        'cycle-1/review-completed',
        'cycle-1/tor-amendment-requested/v1',
        'cycle-1/tor-revised/v2',
        'cycle-1/tor-sent/v2',
        'cycle-1/tor-decision/v2/council',
        'cycle-1/tor-decision/v2/nhs',
        'cycle-1/tor-approved/v2',
      ]);
      expect(entries.find((e) => e.kind === 'review-completed')!.data).toMatchObject({
        outcome: 'amend-tor',
      });
      expect(entries.find((e) => e.kind === 'tor-approved')!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        approvedOn,
      });
      expect(notifications.find((n) => n.kind === 'tor-amended')).toMatchObject({
        sentAt: sentAt(approvedOn, '10:00'),
        facts: { version: 2, contentHash: sha256(TOR_V2) },
      });
      await historyOf(
        env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId),
        'board amend-tor cycle (first run)',
      );
      await handle.terminate('test finished');
    });
  });

  it('dissolve: both parent bodies dissolve the board after its third review; the process ends as dissolved', async () => {
    // Review 3 due on a Friday with no bank holiday near (30 June 2028 first written), 60 days after the clock's
    // start; established three years before it, review 2 due a year before it; both dissolve 13 days on.
    const due = quietDay({ weekday: FRIDAY, daysAhead: 61, where: (d) => !d.endsWith('-02-29') });
    const dissolvedOn = addDays(due, 13);
    await clockTo(at(addDays(due, -60), '10:00'));
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 3,
        establishedOn: yearsOn(due, -3),
        termsOfReference: { version: 3, contentHash: sha256(TOR_V2) },
        lastReviewOn: yearsOn(due, -1),
      });
      expect((await status(handle)).review).toMatchObject({ cycle: 3, due });
      await clockTo(at(due, '12:00'));
      await stageIs(handle, 'self-assessment');
      for (const member of MEMBER_IDS) await assess(handle, member, 2);
      await stageIs(handle, 'awaiting-review-outcome');
      await clockTo(at(dissolvedOn, '10:00'));
      await respond(handle, 'council', 'dissolve', {
        comments: 'Functions move to the integrated care partnership',
      });
      await respond(handle, 'nhs', 'dissolve');
      const result = await handle.result();
      expect(result).toEqual<BoardResult>({
        boardId: 'southampton-jcb',
        status: 'dissolved',
        on: dissolvedOn,
        cycle: 3,
        termsOfReference: { version: 3, contentHash: sha256(TOR_V2) },
      });
      expect((await status(handle)).stage).toBe('dissolved');
      expect(entries.filter((e) => e.key.workflowId === WORKFLOW_ID).map((e) => e.kind)).toEqual([
        's75-review',
        'review-report',
        'review-outcome-decision',
        'review-outcome-decision',
        'review-completed',
        'board-dissolved',
      ]);
      expect(entries.at(-1)).toMatchObject({
        key: { step: 'cycle-3/board-dissolved' },
        data: { dissolvedOn },
      });
      // The register validates these kinds' data: the entries must pass its schemas.
      for (const kind of ['review-completed', 'board-dissolved'] as const) {
        expect(kindSchemas[kind].safeParse(entries.find((e) => e.kind === kind)!.data).error).toBeUndefined();
      }
      const dissolved = notifications.find((n) => n.kind === 'board-dissolved')!;
      expect(dissolved.recipients).toHaveLength(so.members.length + 2 + 1);
      expect((await env().client.workflow.getHandle('review/southampton-jcb/3').describe()).status.name).toBe(
        'COMPLETED',
      );
      const events = await historyOf(handle, 'board dissolve (cycle 3 run)');
      expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    });
  });

  it('extend-delegation: a lone dissolve does not dissolve; the response deadline escalates; the extension is recorded; cycle 2 follows', async () => {
    // Review due on a Wednesday with no bank holiday near (4 October 2028 first written), 33 days after the
    // clock's start: 20 working days are four weeks, to the Wednesday 28 days on, and the report goes the day
    // after, at most the 28th of its month, so three months on is the same day of the month (2 February 2029).
    const due = quietDay({
      weekday: WEDNESDAY,
      daysAhead: 34,
      where: (d) => civilDateParts(addDays(d, 29)).day <= 28 && !d.endsWith('-02-29'),
    });
    const reportOn = addDays(due, 29);
    const responseDue = addMonths(reportOn, 3);
    await clockTo(at(addDays(due, -33), '10:00'));
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 1,
        establishedOn: yearsOn(due, -1),
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
      });
      // No self-assessments at all: the report goes when the deadline passes (the end of the day 28 days on).
      await clockTo(at(reportOn, '10:00'));
      await stageIs(handle, 'awaiting-review-outcome');
      expect(entries.find((e) => e.kind === 'review-report')!.data).toMatchObject({
        responses: 0,
        averageRating: null,
        missing: MEMBER_IDS,
      });
      expect(await refusal(respond(handle, 'council', 'extend-delegation'))).toBe(
        'invalid review outcome: extension: extend-delegation must say what is extended',
      );
      await respond(handle, 'council', 'extend-delegation', {
        extension: 'Joint posts and financial alignment of the carers budgets',
      });
      // The response is due three months after the report, to the end of that day (midnight London time).
      expect((await status(handle)).nextDeadline).toBe(at(addDays(responseDue, 1), '00:00'));
      // Three months pass without the NHS body's response: both chief executives are told.
      await clockTo(at(addDays(responseDue, 3), '10:00'));
      await stageIs(handle, 'escalated');
      expect(notifications.find((n) => n.kind === 'escalated')).toMatchObject({
        key: { step: 'cycle-1/escalated/review-outcome' },
        sentAt: sentAt(addDays(responseDue, 1), '00:00'),
        facts: { council: 'extend-delegation', nhs: 'pending' },
      });
      await respond(handle, 'nhs', 'dissolve');
      await stageIs(handle, 'awaiting-review', 2);
      expect(entries.find((e) => e.kind === 'review-completed')!.data).toMatchObject({
        outcome: 'extend-delegation',
        summary:
          'Cabinet of Southampton City Council: extend-delegation; Southampton City CCG Governing Body: dissolve',
      });
      expect(entries.find((e) => e.kind === 'delegation-extended')!.data).toMatchObject({
        cycle: 1,
        extensions: [
          {
            body: 'council',
            extension: 'Joint posts and financial alignment of the carers budgets',
            by: CLERK.council,
          },
        ],
      });
      expect(entries.map((e) => e.kind)).not.toContain('board-dissolved');
      await historyOf(
        env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId),
        'board extend-delegation with escalation (first run)',
      );
      await handle.terminate('test finished');
    });
  });
});
