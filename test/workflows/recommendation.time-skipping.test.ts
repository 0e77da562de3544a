import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startRecommendation } from '../../client/processes/recommendation';
import { UserError } from '../../definitions/errors';
import {
  recommendationStatusQuery,
  recordParentDecisionUpdate,
  type ParentBodyDecision,
  type ProcessStatus,
  type RecommendationInput,
  type RecommendationResult,
} from '../../definitions';
import { compareCivilDates, makeCivilDate, nthWeekdayOfMonth } from '../../governance/civil-date';
import { TUESDAY, addDays, anchorDay, at, firstYear, yearOf } from '../support/dates';
import type { recordingActivities } from '../support/recording-activities';
import { uniqueTaskQueue } from '../support/temporal';
import { historyOf, refusal, timeSkippingPerTest } from '../support/time-skipping';

const COUNCIL_CLERK = 'cabinet.clerk@wiltshire.example.org';
const NHS_CLERK = 'board.secretary@wiltshire-pct.example.nhs.uk';

/**
 * The case: the first December after the day the tests run (December is GMT throughout: London wall-clock
 * times are UTC). The recommendation goes out on 1 December; the council's Cabinet meets on the second
 * Tuesday of December (the 8th to the 14th) and must decide within a week of it; the PCT Board meets on the
 * Thursday after (two days later) and has three weeks, to a day between 31 December and 6 January: over
 * Christmas and the New Year.
 */
const YEAR = firstYear(
  yearOf(anchorDay()),
  (y) => compareCivilDates(makeCivilDate(y, 12, 1), anchorDay()) > 0,
);
const SENT = makeCivilDate(YEAR, 12, 1);
const CABINET_MEETS = nthWeekdayOfMonth(YEAR, 12, TUESDAY, 2);
const CABINET_DEADLINE = addDays(CABINET_MEETS, 7);
const BOARD_MEETS = addDays(CABINET_MEETS, 2);
const BOARD_DEADLINE = addDays(BOARD_MEETS, 21);
/** The end of the PCT Board's deadline day in London (GMT): midnight UTC starting the next day. */
const BOARD_DEADLINE_ENDS = `${addDays(BOARD_DEADLINE, 1)}T00:00`;

/** Wiltshire's adult JCB has no delegated power (wiltshire-2009-adult ¶11–12): it recommends, over Christmas. */
const input: RecommendationInput = {
  boardId: 'wiltshire-adult-jcb',
  ref: '2027-031',
  title: 'Joint carers strategy 2028-2031',
  recommendation: 'That Cabinet and the PCT Board adopt the joint carers strategy and its pooled funding.',
  parentBodies: [
    {
      partner: 'council',
      body: 'Cabinet of Wiltshire Council',
      clerk: { name: 'Cabinet clerk', email: COUNCIL_CLERK },
      meetingDate: CABINET_MEETS,
      deadline: CABINET_DEADLINE,
    },
    {
      partner: 'nhs',
      body: 'NHS Wiltshire PCT Board',
      clerk: { name: 'Board secretary', email: NHS_CLERK },
      meetingDate: BOARD_MEETS,
      deadline: BOARD_DEADLINE,
    },
  ],
};

const decide = (
  partner: string,
  outcome: ParentBodyDecision['outcome'],
  by: string,
  reasons = '',
): ParentBodyDecision => ({
  partner,
  outcome,
  by,
  reasons,
});

describe('P5 recommendation to both parent bodies, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  async function run<T>(
    body: (handle: WorkflowHandle, double: ReturnType<typeof recordingActivities>) => Promise<T>,
  ) {
    await clockTo(at(SENT, '10:00'));
    return withDouble('recommendation', async (double, taskQueue) =>
      body(await startRecommendation(env().client, taskQueue, input), double),
    );
  }

  const sendDecision = (handle: WorkflowHandle, decision: ParentBodyDecision) =>
    handle.executeUpdate(recordParentDecisionUpdate, { args: [decision] });

  it('is approved when both parent bodies approve, each recorded, both clerks told', async () => {
    await run(async (handle, { notifications, entries }) => {
      expect(handle.workflowId).toBe('recommendation/wiltshire-adult-jcb/2027-031');
      await clockTo(at(CABINET_MEETS, '15:00'));
      expect(await sendDecision(handle, decide('council', 'approve', COUNCIL_CLERK))).toEqual({
        council: 'approve',
        nhs: 'no-answer',
      });
      const midway = await handle.query(recommendationStatusQuery);
      expect(midway).toMatchObject({
        process: 'recommendation',
        stage: 'awaiting-decisions',
        // The NHS board's deadline (end of its deadline day, London = GMT) is the one still running.
        nextDeadline: `${BOARD_DEADLINE_ENDS}:00.000Z`,
        waitingFor: `NHS Wiltshire PCT Board (meets ${BOARD_MEETS}, decides by ${BOARD_DEADLINE})`,
      });
      await clockTo(at(BOARD_MEETS, '16:00'));
      // A clerk's address is matched without regard to case.
      expect(await sendDecision(handle, decide('nhs', 'approve', NHS_CLERK.toUpperCase()))).toEqual({
        council: 'approve',
        nhs: 'approve',
      });
      const result = await handle.result();
      expect(result).toEqual<RecommendationResult>({
        outcome: 'approved',
        perPartner: { council: 'approve', nhs: 'approve' },
      });

      // Both clerks are notified in parallel: compare in time, then step order.
      notifications.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.step.localeCompare(b.key.step));
      expect(
        notifications.map((n) => [n.kind, n.key.step, n.recipients.map((r) => r.email), n.sentAt]),
      ).toEqual([
        [
          'recommendation-for-decision',
          'recommendation-for-decision/council',
          [COUNCIL_CLERK],
          `${SENT}T10:00`,
        ],
        ['recommendation-for-decision', 'recommendation-for-decision/nhs', [NHS_CLERK], `${SENT}T10:00`],
        [
          'recommendation-concluded',
          'recommendation-concluded',
          [COUNCIL_CLERK, NHS_CLERK],
          `${BOARD_MEETS}T16:00`,
        ],
      ]);
      expect(notifications[0]).toMatchObject({
        deadline: CABINET_DEADLINE,
        facts: { meetingDate: CABINET_MEETS, ref: '2027-031' },
      });
      expect(entries.map((e) => [e.kind, e.key.step])).toEqual([
        ['recommendation-sent', 'recommendation-sent'],
        ['parent-body-decision', 'parent-body-decision/council'],
        ['parent-body-decision', 'parent-body-decision/nhs'],
        ['recommendation-concluded', 'recommendation-concluded'],
      ]);
      expect(entries[1]!.data).toMatchObject({
        partner: 'council',
        outcome: 'approve',
        decidedOn: CABINET_MEETS,
      });
      expect(entries[3]!.data).toMatchObject({
        outcome: 'approved',
        perPartner: { council: 'approve', nhs: 'approve' },
      });
      const final = await handle.query(recommendationStatusQuery);
      expect(final.stage).toBe('approved');
      expect(final.steps.map((s) => s.kind)).toEqual([
        'recommendation-sent',
        'parent-body-decision',
        'parent-body-decision',
        'recommendation-concluded',
      ]);
      const events = await historyOf(handle, 'recommendation both approve');
      expect(events.length).toBeLessThan(80);
    });
  });

  it('is rejected as soon as either parent body rejects, without waiting for the other', async () => {
    await run(async (handle, { notifications, entries }) => {
      await clockTo(at(BOARD_MEETS, '17:00'));
      await sendDecision(handle, decide('nhs', 'reject', NHS_CLERK, 'Funding not agreed'));
      const result = await handle.result();
      expect(result).toEqual<RecommendationResult>({
        outcome: 'rejected',
        perPartner: { council: 'no-answer', nhs: 'reject' },
      });
      expect(entries.find((e) => e.kind === 'parent-body-decision')!.data).toMatchObject({
        partner: 'nhs',
        outcome: 'reject',
        reasons: 'Funding not agreed',
      });
      // Concluded on the day of the rejection, before the council's deadline (a week after its meeting).
      expect(notifications.at(-1)).toMatchObject({
        kind: 'recommendation-concluded',
        sentAt: `${BOARD_MEETS}T17:00`,
        facts: { outcome: 'rejected' },
      });
      const events = await historyOf(handle, 'recommendation one rejects');
      // Both deadline timers were cancelled: neither fired.
      expect(events.filter((e) => e.timerFiredEventAttributes)).toHaveLength(0);
      expect(events.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(2);
    });
  });

  it('is amended when one parent body asks for amendment and the other approves', async () => {
    await run(async (handle, { entries }) => {
      await clockTo(at(CABINET_MEETS, '15:00'));
      await sendDecision(handle, decide('council', 'amend', COUNCIL_CLERK, 'Add a review after 12 months'));
      expect((await handle.query(recommendationStatusQuery)).stage).toBe('awaiting-decisions');
      // The day before the PCT Board's deadline.
      await clockTo(at(addDays(BOARD_DEADLINE, -1), '11:00'));
      await sendDecision(handle, decide('nhs', 'approve', NHS_CLERK));
      expect(await handle.result()).toEqual<RecommendationResult>({
        outcome: 'amended',
        perPartner: { council: 'amend', nhs: 'approve' },
      });
      expect(entries.at(-1)).toMatchObject({
        kind: 'recommendation-concluded',
        data: { outcome: 'amended' },
      });
      await historyOf(handle, 'recommendation one amends');
    });
  });

  it('expires when a parent body lets its deadline (end of day, London) pass without deciding', async () => {
    await run(async (handle, { notifications, entries }) => {
      await clockTo(at(CABINET_MEETS, '15:00'));
      await sendDecision(handle, decide('council', 'approve', COUNCIL_CLERK));
      // Let the server skip time: the NHS board never answers; its deadline is the end of BOARD_DEADLINE.
      const result = await handle.result();
      expect(result).toEqual<RecommendationResult>({
        outcome: 'expired',
        perPartner: { council: 'approve', nhs: 'no-answer' },
      });
      expect(notifications.at(-1)).toMatchObject({
        kind: 'recommendation-concluded',
        sentAt: BOARD_DEADLINE_ENDS,
      });
      expect(entries.at(-1)).toMatchObject({
        kind: 'recommendation-concluded',
        data: { outcome: 'expired', expired: ['nhs'] },
      });
      const status = await handle.query(recommendationStatusQuery);
      expect(status.steps.map((s) => s.kind)).toContain('deadline-passed');
      await historyOf(handle, 'recommendation deadline expires');
    });
  });

  it('refuses decisions from the wrong clerk (audited), for an unknown partner or twice (no trace)', async () => {
    await run(async (handle, { entries }) => {
      await clockTo(at(CABINET_MEETS, '15:00'));
      const before: ProcessStatus = await handle.query(recommendationStatusQuery);
      const refused = (decision: ParentBodyDecision) => refusal(sendDecision(handle, decision));
      expect(await refused(decide('council', 'approve', NHS_CLERK))).toBe(
        `by: only the clerk to Cabinet of Wiltshire Council may record its decision; ${NHS_CLERK} is not that clerk`,
      );
      expect(entries.filter((e) => e.kind === 'action-refused').map((e) => [e.key.step, e.data])).toEqual([
        [
          'refused/1',
          {
            action: 'recordParentDecision',
            actor: NHS_CLERK,
            reason: `by: only the clerk to Cabinet of Wiltshire Council may record its decision; ${NHS_CLERK} is not that clerk`,
          },
        ],
      ]);
      expect(await refused(decide('ccg', 'approve', NHS_CLERK))).toBe(
        '"ccg" is not a parent body of this recommendation (parent bodies: council, nhs)',
      );
      expect(await refused({ partner: 'nhs', outcome: 'maybe' as 'approve', by: NHS_CLERK })).toMatch(
        /^invalid decision: outcome: /,
      );
      // Nothing of the refused decisions is in the state.
      expect(await handle.query(recommendationStatusQuery)).toEqual(before);

      await sendDecision(handle, decide('council', 'approve', COUNCIL_CLERK));
      expect(await refused(decide('council', 'reject', COUNCIL_CLERK))).toBe(
        'Cabinet of Wiltshire Council has already decided (approve); a decision is recorded once',
      );
      const after = await handle.query(recommendationStatusQuery);
      expect(after.steps.filter((s) => s.kind === 'parent-body-decision')).toHaveLength(1);
      expect((after as ProcessStatus & { perPartner: unknown }).perPartner).toEqual({
        council: 'approve',
        nhs: 'no-answer',
      });

      // Validator rejections are not written to the history; the wrong clerk's attempt is, accepted then failed.
      const events = await historyOf(handle, 'recommendation validator rejections (running)');
      expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(2);
      const failed = events.flatMap(
        (e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure ?? [],
      );
      expect(failed.map((f) => f.message)).toEqual([
        expect.stringContaining('by: only the clerk to Cabinet'),
      ]);
      await handle.terminate('test finished');
    });
  });

  it('refuses a recommendation listing a partner twice or a deadline before the meeting, before starting anything', async () => {
    const taskQueue = uniqueTaskQueue('recommendation-bad');
    const [council, nhs] = input.parentBodies;
    await expect(
      startRecommendation(env().client, taskQueue, {
        ...input,
        parentBodies: [council!, { ...nhs!, partner: 'council', deadline: SENT }],
      }),
    ).rejects.toThrow(
      new UserError(
        `parentBodies.1.partner: "council" is listed twice; parentBodies.1.deadline: must not be before the meeting on ${BOARD_MEETS}`,
      ),
    );
    await expect(
      startRecommendation(env().client, taskQueue, { ...input, parentBodies: [council!] }),
    ).rejects.toThrow(/parentBodies: needs both partners/);
  });
});
