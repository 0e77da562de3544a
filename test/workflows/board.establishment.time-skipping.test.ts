import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import { UserError } from '../../definitions/errors';
import {
  boardStatusQuery,
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  type BoardResult,
  type BoardStage,
  type PartnerKind,
  type TermsOfReferenceDecision,
} from '../../definitions';
import { kindSchemas } from '../../activities/records/kinds';
import { easterSunday } from '../../governance/bank-holidays';
import {
  addMonths,
  compareCivilDates,
  dayOfWeek,
  isLeapYear,
  type CivilDate,
} from '../../governance/civil-date';
import { SUNDAY, addDays, anchorDay, at, firstDay, firstYear, presetFrom, yearOf } from '../support/dates';
import { uniqueTaskQueue } from '../support/temporal';
import {
  historyOf,
  refusal,
  sentAt,
  sha256,
  southamptonPeople,
  timeSkippingPerTest,
} from '../support/time-skipping';

const { so, CLERK, DEMOCRATIC_SERVICES } = southamptonPeople;
const MEMBER_EMAILS = so.members.map((m) => m.email);

/** Every case starts after the day the tests run as, so the server clock can still get there. */
const ahead = (day: CivilDate) => compareCivilDates(day, anchorDay()) > 0;
/** The same day of the month and month, `n` years on (never used on 29 February). */
const yearsOn = (day: CivilDate, n: number) => `${yearOf(day) + n}${day.slice(4)}`;

/**
 * Christmas Eve: a board proposed on 29 November of year Y and established on 24 December, where Y + 1 is a
 * leap year (three months from 29 November is 29 February) whose 24 December, the first review's due day, is
 * a Sunday before two bank holidays. The first such Y after the anchor (2027, then 2055). Each such Y has the
 * calendar of 2027: 29 November is a Monday, Southampton's December meeting (2nd Thursday) is the 9th, and
 * 20 and 24 December are a Monday and a Friday.
 */
const XMAS = (() => {
  const y = firstYear(
    yearOf(anchorDay()),
    (y) => isLeapYear(y + 1) && dayOfWeek(`${y + 1}-12-24`) === SUNDAY && ahead(`${y}-11-29`),
  );
  const meetings = presetFrom('southampton-jcb', `${y}-01-01`).meetings;
  return {
    y,
    proposed: `${y}-11-29`,
    firstMeeting: meetings.find((m) => m.startsWith(`${y}-12-`))!,
    /** Southampton's March meeting of Y + 1, after the approval deadline. */
    marchMeeting: meetings.find((m) => m.startsWith(`${y + 1}-03-`))!,
    councilApproves: `${y}-12-20`,
    christmasEve: `${y}-12-24`,
    leapDay: `${y + 1}-02-29`,
    reviewDue: `${y + 1}-12-24`,
    reviewStarts: `${y + 1}-12-27`,
  };
})();

/**
 * Easter: an amendment loop across Easter, every day counted from the first Easter Sunday far enough ahead for
 * the proposal, 46 days before it (a Wednesday; 1 March in 2028, Easter Sunday 16 April).
 */
const EASTER = easterSunday(firstYear(yearOf(anchorDay()), (y) => ahead(addDays(easterSunday(y), -46))));
const easter = (n: number) => addDays(EASTER, n);

const TOR_V1 = [
  'Terms of Reference: Southampton Joint Commissioning Board',
  '1. The Board commissions health and care services jointly for the City Council and the CCG.',
  '2. Members: three Cabinet Members and three CCG Governing Body members.',
  '3. Decisions need the consensus of both partners, shown by a show of hands.',
].join('\n');
const TOR_V2 = `${TOR_V1}\n4. A carers' representative attends as a co-opted, non-voting member.`;

describe('P1 establishing a board, on the time-skipping server (Southampton preset)', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const status = (handle: WorkflowHandle) => handle.query(boardStatusQuery);
  const stageIs = (handle: WorkflowHandle, stage: BoardStage) =>
    expect.poll(async () => (await status(handle)).stage, { timeout: 20_000, interval: 100 }).toBe(stage);
  const decide = (
    handle: WorkflowHandle,
    body: PartnerKind,
    outcome: TermsOfReferenceDecision['outcome'],
    extra: Partial<TermsOfReferenceDecision> = {},
  ) =>
    handle.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body, outcome, by: CLERK[body], ...extra }],
    });

  it('is established on the day the second parent body approves (Christmas Eve), with the text frozen by its hash', async () => {
    const { y, proposed, firstMeeting, councilApproves, christmasEve, leapDay, reviewDue, reviewStarts } =
      XMAS;
    await clockTo(at(proposed, '10:00'));
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting,
      });
      expect(handle.workflowId).toBe('board/southampton-jcb');
      await stageIs(handle, 'proposed');
      expect(await status(handle)).toMatchObject({
        process: 'board',
        boardId: 'southampton-jcb',
        cycle: 0,
        // Proposed 29 November Y (today, by default): three months is 29 February Y + 1 (a leap year), to the
        // end of the day: midnight starting 1 March, London time (GMT).
        nextDeadline: at(`${y + 1}-03-01`, '00:00'),
        waitingFor: `the first meeting on ${firstMeeting}, which considers the draft Terms of Reference`,
        draft: { version: 1, contentHash: sha256(TOR_V1), decisions: { council: 'pending', nhs: 'pending' } },
      });
      // Before the first meeting has considered it, no parent body can decide on it.
      expect(await refusal(decide(handle, 'council', 'approve'))).toBe(
        'no Terms of Reference are before the parent bodies now (stage: proposed)',
      );

      await clockTo(at(firstMeeting, '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(councilApproves, '14:00'));
      expect(await decide(handle, 'council', 'approve')).toEqual({
        version: 1,
        contentHash: sha256(TOR_V1),
        decisions: { council: 'approve', nhs: 'pending' },
      });
      expect(await status(handle)).toMatchObject({
        stage: 'awaiting-tor-approval',
        waitingFor: expect.stringContaining('Southampton City CCG Governing Body'),
      });
      await clockTo(at(christmasEve, '11:00'));
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');

      const established = await status(handle);
      expect(established).toMatchObject({
        cycle: 1,
        establishedOn: christmasEve,
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
        // 24 December Y + 1 is a Sunday before two bank holidays (Christmas Day, Boxing Day): the review starts
        // on Wednesday 27th, at 09:00.
        review: { cycle: 1, due: reviewDue, startsOn: reviewStarts },
        nextDeadline: at(reviewStarts, '09:00'),
        escalated: false,
      });
      expect(established.steps.map((s) => s.kind)).toEqual([
        'board-proposed',
        'tor-considered',
        'tor-sent',
        'tor-decision',
        'tor-decision',
        'tor-approved',
        'board-established',
        'review-scheduled',
      ]);

      await expect.poll(() => entries.length, { timeout: 10_000 }).toBe(8);
      expect(entries.map((e) => [e.kind, e.key.workflowId, e.key.step])).toEqual([
        ['board-proposed', 'board/southampton-jcb', 'establish/board-proposed'],
        ['tor-considered', 'board/southampton-jcb', 'establish/tor-considered'],
        ['tor-sent', 'board/southampton-jcb', 'establish/tor-sent/v1'],
        ['tor-decision', 'board/southampton-jcb', 'establish/tor-decision/v1/council'],
        ['tor-decision', 'board/southampton-jcb', 'establish/tor-decision/v1/nhs'],
        ['tor-approved', 'board/southampton-jcb', 'establish/tor-approved/v1'],
        ['board-established', 'board/southampton-jcb', 'establish/board-established'],
        // The child review clock's own first entry.
        ['review-scheduled', 'review/southampton-jcb/1', 'review-scheduled'],
      ]);
      expect(entries[5]!.data).toEqual({
        version: 1,
        contentHash: sha256(TOR_V1),
        approvedOn: christmasEve,
        approvals: [
          { parentBody: 'Cabinet of Southampton City Council', approvedOn: councilApproves },
          { parentBody: 'Southampton City CCG Governing Body', approvedOn: christmasEve },
        ],
      });
      // The register validates these kinds' data: the entries must pass its schemas.
      expect(kindSchemas['tor-approved'].safeParse(entries[5]!.data).error).toBeUndefined();
      expect(kindSchemas['board-established'].safeParse(entries[6]!.data).error).toBeUndefined();
      const register = entries[6]!.data as {
        establishedOn: string;
        members: unknown[];
        pooledBudgets: unknown[];
        termsOfReference: unknown;
      };
      expect(register.establishedOn).toBe(christmasEve);
      expect(register.members).toHaveLength(6);
      expect(register.pooledBudgets).toHaveLength(so.pooledBudgets.length);
      expect(register.termsOfReference).toEqual({ version: 1, contentHash: sha256(TOR_V1) });

      // The two clerks are notified in parallel: compare in step order.
      notifications.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.step.localeCompare(b.key.step));
      expect(notifications.map((n) => [n.kind, n.key.step, n.sentAt])).toEqual([
        ['meeting-scheduled', 'establish/board-proposed', sentAt(proposed, '10:00')],
        [
          'tor-approval-required',
          'establish/tor-approval-required/v1/council',
          sentAt(firstMeeting, '09:00'),
        ],
        ['tor-approval-required', 'establish/tor-approval-required/v1/nhs', sentAt(firstMeeting, '09:00')],
        ['board-established', 'establish/board-established', sentAt(christmasEve, '11:00')],
      ]);
      expect(notifications[0]!.invite).toMatchObject({
        method: 'REQUEST',
        start: at(firstMeeting, '09:00'),
      });
      expect(notifications[1]).toMatchObject({
        recipients: [{ role: 'parent-body-clerk', email: CLERK.council }],
        deadline: leapDay,
      });
      expect(notifications[2]!.recipients.map((r) => r.email)).toEqual([CLERK.nhs]);
      expect(notifications[3]!.recipients.map((r) => r.email)).toEqual([
        ...MEMBER_EMAILS,
        DEMOCRATIC_SERVICES,
      ]);

      // The review clock runs as the board's child (that it ends with the board is shown on the dev server).
      const review = await env().client.workflow.getHandle('review/southampton-jcb/1').describe();
      expect(review.status.name).toBe('RUNNING');
      expect(review.parentExecution?.workflowId).toBe('board/southampton-jcb');
      const events = await historyOf(handle, 'board established (running, awaiting review 1)');
      expect(events.length).toBeLessThan(150);
      await handle.terminate('test finished');
    });
  });

  it('loops through an amendment: revised by democratic services, both approve the new version, a new hash (across Easter)', async () => {
    // Counted from Easter Sunday (2028's dates in brackets): proposed on the Wednesday 46 days before (1 March),
    // first meeting the Thursday after (9 March), the first decisions 27 and 25 days before (Monday 20 and
    // Wednesday 22 March), version 2 on the Monday 13 days before (3 April), the council's approval on the
    // Wednesday before Easter (12 April) and the CCG's on the Tuesday after (18 April).
    const proposed = easter(-46);
    const firstMeeting = easter(-38);
    const revised = easter(-13);
    const councilApproves = easter(-4);
    const established = easter(2);
    await clockTo(at(proposed, '10:00'));
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        proposedOn: proposed,
        firstMeeting,
      });
      await clockTo(at(firstMeeting, '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(easter(-27), '10:00'));
      expect(await refusal(decide(handle, 'council', 'amend'))).toBe(
        'invalid decision: comments: an amendment request must say what to amend',
      );
      await decide(handle, 'council', 'amend', {
        comments: "Add a carers' representative as a co-opted member",
      });
      expect(await refusal(decide(handle, 'council', 'approve'))).toBe(
        'Cabinet of Southampton City Council has already decided on version 1 (amend)',
      );
      expect(await refusal(decide(handle, 'nhs', 'approve', { by: CLERK.council }))).toBe(
        `by: only the clerk to Southampton City CCG Governing Body may record its decision; ${CLERK.council} is not that clerk`,
      );
      await clockTo(at(easter(-25), '10:00'));
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'revision-requested');
      expect(await status(handle)).toMatchObject({
        waitingFor: 'democratic services to submit version 2 of the Terms of Reference',
        draft: { version: 1 },
      });

      const revise = (text: string, by = DEMOCRATIC_SERVICES) =>
        handle.executeUpdate(reviseTermsOfReferenceUpdate, { args: [{ text, by }] });
      expect(await refusal(revise(TOR_V2, CLERK.council))).toBe(
        `by: only democratic services (${DEMOCRATIC_SERVICES}) may submit a revised Terms of Reference; ${CLERK.council} is not that officer`,
      );
      expect(await refusal(revise(TOR_V1))).toBe(
        'the revised text is identical to version 1; it must make the amendments asked for',
      );
      await clockTo(at(revised, '10:00'));
      expect(await revise(TOR_V2)).toEqual({ version: 2, contentHash: sha256(TOR_V2) });
      await stageIs(handle, 'awaiting-tor-approval');
      expect((await status(handle)).draft).toEqual({
        version: 2,
        contentHash: sha256(TOR_V2),
        decisions: { council: 'pending', nhs: 'pending' },
      });
      // A decision naming the old version is refused; the NHS body, which approved version 1, must approve version 2 too.
      expect(await refusal(decide(handle, 'nhs', 'approve', { version: 1 }))).toBe(
        'version 1 is not before the parent bodies; version 2 is',
      );
      await clockTo(at(councilApproves, '10:00'));
      await decide(handle, 'council', 'approve', { version: 2 });
      // Good Friday and Easter Monday are bank holidays; the CCG's approval lands the day after Easter Monday.
      await clockTo(at(established, '10:00'));
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');
      expect(await status(handle)).toMatchObject({
        establishedOn: established,
        termsOfReference: { version: 2, contentHash: sha256(TOR_V2) },
        // Twelve months on: the same day next year.
        review: { due: yearsOn(established, 1) },
      });
      expect(sha256(TOR_V2)).not.toBe(sha256(TOR_V1));

      await expect
        .poll(() => entries.some((e) => e.kind === 'board-established'), { timeout: 10_000 })
        .toBe(true);
      const ofBoard = entries.filter((e) => e.key.workflowId === 'board/southampton-jcb');
      // The wrong clerk and the wrong officer were refused on authority: audited, and nothing else changed.
      expect(ofBoard.filter((e) => e.kind === 'action-refused').map((e) => [e.key.step, e.data])).toEqual([
        [
          'establish/refused/1',
          expect.objectContaining({ action: 'decideTermsOfReference', actor: CLERK.council }),
        ],
        [
          'establish/refused/2',
          expect.objectContaining({ action: 'reviseTermsOfReference', actor: CLERK.council }),
        ],
      ]);
      const boardEntries = ofBoard.filter((e) => e.kind !== 'action-refused');
      expect(boardEntries.map((e) => e.key.step)).toEqual([
        'establish/board-proposed',
        'establish/tor-considered',
        'establish/tor-sent/v1',
        'establish/tor-decision/v1/council',
        'establish/tor-decision/v1/nhs',
        'establish/tor-amendment-requested/v1',
        'establish/tor-revised/v2',
        'establish/tor-sent/v2',
        'establish/tor-decision/v2/council',
        'establish/tor-decision/v2/nhs',
        'establish/tor-approved/v2',
        'establish/board-established',
      ]);
      expect(boardEntries[6]!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        text: TOR_V2,
        by: DEMOCRATIC_SERVICES,
      });
      expect(boardEntries[10]!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        approvedOn: established,
        approvals: [
          { parentBody: 'Cabinet of Southampton City Council', approvedOn: councilApproves },
          { parentBody: 'Southampton City CCG Governing Body', approvedOn: established },
        ],
      });
      const revisionRequest = notifications.find((n) => n.kind === 'tor-revision-required')!;
      expect(revisionRequest).toMatchObject({
        sentAt: sentAt(easter(-25), '10:00'),
        recipients: [{ role: 'officer', email: DEMOCRATIC_SERVICES }],
        facts: {
          version: 1,
          amendments:
            "Cabinet of Southampton City Council: Add a carers' representative as a co-opted member",
        },
      });
      expect(
        notifications
          .filter((n) => n.kind === 'tor-approval-required')
          .map((n) => [n.key.step, n.sentAt])
          .sort(),
      ).toEqual([
        ['establish/tor-approval-required/v1/council', sentAt(firstMeeting, '09:00')],
        ['establish/tor-approval-required/v1/nhs', sentAt(firstMeeting, '09:00')],
        ['establish/tor-approval-required/v2/council', sentAt(revised, '10:00')],
        ['establish/tor-approval-required/v2/nhs', sentAt(revised, '10:00')],
      ]);
      await historyOf(handle, 'board amendment loop (running, awaiting review 1)');
      await handle.terminate('test finished');
    });
  });

  it('ends as rejected when either parent body rejects the Terms of Reference', async () => {
    // The first Southampton meeting (2nd Thursday) with room for a proposal on the Monday of the week before;
    // the council approves the Monday after the meeting and the CCG rejects on the Wednesday.
    const firstMeeting = firstDay(addDays(anchorDay(), 11), (d) => so.meetings.includes(d));
    const rejected = addDays(firstMeeting, 6);
    await clockTo(at(addDays(firstMeeting, -10), '10:00'));
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting,
      });
      await clockTo(at(firstMeeting, '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(addDays(firstMeeting, 4), '10:00'));
      await decide(handle, 'council', 'approve');
      await clockTo(at(rejected, '16:00'));
      await decide(handle, 'nhs', 'reject', { comments: 'The scope overlaps the ICS partnership board' });
      const result = await handle.result();
      expect(result).toEqual<BoardResult>({
        boardId: 'southampton-jcb',
        status: 'rejected',
        on: rejected,
        cycle: 0,
      });
      expect((await status(handle)).stage).toBe('rejected');
      expect(entries.map((e) => e.kind)).toEqual([
        'board-proposed',
        'tor-considered',
        'tor-sent',
        'tor-decision',
        'tor-decision',
        'tor-rejected',
      ]);
      expect(entries.at(-1)!.data).toMatchObject({
        body: 'nhs',
        comments: 'The scope overlaps the ICS partnership board',
      });
      expect(notifications.at(-1)).toMatchObject({
        kind: 'board-rejected',
        sentAt: sentAt(rejected, '16:00'),
      });
      expect(notifications.map((n) => n.kind)).not.toContain('escalated');
      const events = await historyOf(handle, 'board rejected');
      expect(events.filter((e) => e.childWorkflowExecutionStartedEventAttributes)).toHaveLength(0);
    });
  });

  it('escalates to both chief executives when not approved by the deadline, and is still established by a late approval', async () => {
    // Proposed on the first 1st of a month ahead (1 December 2027 first written): the deadline is three months
    // on, the 1st again (1 March 2028). The first meeting 8 days after the proposal, the council's approval 13.
    const proposed = firstDay(addDays(anchorDay(), 1), (d) => d.endsWith('-01'));
    const deadline = addMonths(proposed, 3);
    const lateApproval = addDays(deadline, 6);
    await clockTo(at(proposed, '10:00'));
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting: addDays(proposed, 8),
      });
      await clockTo(at(addDays(proposed, 8), '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(addDays(proposed, 13), '10:00'));
      await decide(handle, 'council', 'approve');
      // To the end of the deadline day: midnight London time at the start of the next day.
      expect((await status(handle)).nextDeadline).toBe(at(addDays(deadline, 1), '00:00'));
      // The deadline passes (proposed + 3 months); the NHS body has not answered. Two days on, 09:00:
      await clockTo(at(addDays(deadline, 2), '09:00'));
      await stageIs(handle, 'escalated');
      const escalated = await status(handle);
      expect(escalated).toMatchObject({
        escalated: true,
        draft: { decisions: { council: 'approve', nhs: 'pending' } },
      });
      expect(escalated.nextDeadline).toBeUndefined();
      const escalation = notifications.find((n) => n.kind === 'escalated')!;
      expect(escalation).toMatchObject({
        key: { step: 'establish/escalated/establishment' },
        sentAt: sentAt(addDays(deadline, 1), '00:00'),
        facts: { deadline, nhs: 'pending' },
      });
      expect(escalation.recipients.map((r) => [r.role, r.email])).toEqual(
        so.partners.map((p) => ['chief-executive', p.chiefExecutive.email]),
      );
      expect(entries.find((e) => e.kind === 'escalated')!.data).toMatchObject({
        topic: 'establishment',
        deadline,
      });

      // Escalation does not end the process: the late approval still establishes the board.
      await clockTo(at(lateApproval, '10:00'));
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');
      expect(await status(handle)).toMatchObject({
        establishedOn: lateApproval,
        // Twelve months on: the same day next year (the 7th of a month).
        review: { due: yearsOn(lateApproval, 1) },
      });
      expect(notifications.filter((n) => n.kind === 'escalated')).toHaveLength(1);
      await historyOf(handle, 'board escalated then established (running)');
      await handle.terminate('test finished');
    });
  });

  it('refuses a proposal whose first meeting falls after the approval deadline, naming the field, before starting anything', async () => {
    // Proposed 29 November Y: the deadline is 29 February of the leap year Y + 1; Southampton's March meeting is after it.
    const { proposed, marchMeeting, leapDay } = XMAS;
    await expect(
      proposeBoard(env().client, uniqueTaskQueue('board-bad'), {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        proposedOn: proposed,
        firstMeeting: marchMeeting,
      }),
    ).rejects.toThrow(
      new UserError(
        `firstMeeting: must be by the approval deadline ${leapDay} (3 months after the proposal)`,
      ),
    );
    await expect(
      proposeBoard(env().client, uniqueTaskQueue('board-bad'), {
        standingOrders: 'no-such-board',
        termsOfReference: TOR_V1,
        firstMeeting: marchMeeting,
      }),
    ).rejects.toThrow(/^standingOrders: unknown standing-orders preset "no-such-board"/);
  });
});
