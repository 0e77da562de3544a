import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  effectivenessReviewStatusQuery,
  effectivenessReviewWorkflowId,
  type EffectivenessReviewInput,
} from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  type CivilDate,
  addMonths,
  civilDateParts,
  compareCivilDates,
  londonCivilDate,
  makeCivilDate,
} from '../../governance/civil-date';
import { isWorkingDay } from '../../governance/working-days';
import { effectivenessReview } from '../../workflows';
import { addDays, anchorDay, firstDay, firstYear, yearOf } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const recipients: EffectivenessReviewInput['recipients'] = [
  { role: 'chair', name: 'Chair of the board', email: 'chair@council.example.org', partner: 'council' },
  { role: 'officer', name: 'Democratic services', email: 'democratic.services@council.example.org' },
];

const england = holidayCalendar('england-and-wales');
const monthOf = (d: CivilDate) => civilDateParts(d).month;
/** November to February are GMT throughout: 09:00 in London is 09:00 UTC. */
const gmtWorkingDay = (d: CivilDate) => [11, 12, 1, 2].includes(monthOf(d)) && isWorkingDay(d, england);
/** April to September are British Summer Time throughout: 09:00 in London is 08:00 UTC. */
const bstWorkingDay = (d: CivilDate) => [4, 5, 6, 7, 8, 9].includes(monthOf(d)) && isWorkingDay(d, england);
/** Each case is set up after the day the tests run (the server clock starts there). */
const afterAnchor = addDays(anchorDay(), 1);

/**
 * The GMT case: a board established on the first day after the anchor whose review twelve months on, and
 * the reminders 28 and 7 days before it (the same weekday), all fall on working days in GMT. No working-day
 * rule moves any of them.
 */
const GMT_FROM = firstDay(afterAnchor, (d) =>
  [0, -28, -7].every((back) => gmtWorkingDay(addDays(addMonths(d, 12), back))),
);
const GMT_DUE = addMonths(GMT_FROM, 12);
const GMT_REMINDER_28 = addDays(GMT_DUE, -28);
const GMT_REMINDER_7 = addDays(GMT_DUE, -7);

/** A six-month interval with one reminder 14 days ahead: review and reminder on GMT working days. */
const SIX_MONTH_FROM = firstDay(afterAnchor, (d) =>
  [0, -14].every((back) => gmtWorkingDay(addDays(addMonths(d, 6), back))),
);
const SIX_MONTH_DUE = addMonths(SIX_MONTH_FROM, 6);

/** A five-month interval whose review falls due on a working day in British Summer Time. */
const SUMMER_FROM = firstDay(afterAnchor, (d) => bstWorkingDay(addMonths(d, 5)));
const SUMMER_DUE = addMonths(SUMMER_FROM, 5);

/**
 * The next year after the anchor whose 28 December is a bank holiday in England and Wales, with its 28-day
 * reminder still ahead: Christmas Day on a Friday (Boxing Day's substitute day is Monday 28 December) or on
 * a Saturday (the substitute days are Monday 27 for Christmas and Tuesday 28 for Boxing Day). A board
 * established on 28 December the year before falls due for review on that holiday.
 */
const CHRISTMAS_YEAR = firstYear(yearOf(anchorDay()), (y) => {
  const due = makeCivilDate(y, 12, 28);
  return england.isHoliday(due) && compareCivilDates(addDays(due, -28), anchorDay()) > 0;
});

describe('effectiveness review timer, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  // A fresh server per test: time only moves forward, and each test starts from the anchor day.
  beforeEach(async () => {
    env = await timeSkipping();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function runReview(input: EffectivenessReviewInput, during?: (id: string) => Promise<void>) {
    const taskQueue = uniqueTaskQueue('review');
    const double = recordingActivities();
    const workflowId = effectivenessReviewWorkflowId(input.boardId, input.cycle ?? 1);
    const result = await withWorker(env.nativeConnection, taskQueue, double.activities, async () => {
      const handle = await env.client.workflow.start(effectivenessReview, {
        taskQueue,
        workflowId,
        args: [input],
      });
      await during?.(workflowId);
      return handle.result();
    });
    return { result, ...double };
  }

  it('starts the review twelve months after establishment, with reminders 28 and 7 days ahead, at 09:00 London time (GMT)', async () => {
    const { result, notifications, entries } = await runReview({
      boardId: 'southampton-jcb',
      boardName: 'Southampton Joint Commissioning Board',
      from: GMT_FROM,
      recipients,
    });
    expect(result).toMatchObject({ reviewDue: GMT_DUE, remindersSent: [28, 7] });
    // GMT: 09:00 London is 09:00 UTC; every day is a working day, so none moves.
    expect(notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', `${GMT_REMINDER_28}T09:00`],
      ['review-reminder', `${GMT_REMINDER_7}T09:00`],
      ['review-started', `${GMT_DUE}T09:00`],
    ]);
    expect(notifications[0]!.recipients).toEqual(recipients);
    expect(notifications[0]!.key).toEqual({
      workflowId: 'review/southampton-jcb/1',
      step: 'review-reminder/28',
    });
    expect(entries.map((e) => [e.kind, e.at.slice(0, 16)])).toEqual([
      ['review-scheduled', expect.any(String)],
      ['review-reminder', `${GMT_REMINDER_28}T09:00`],
      ['review-reminder', `${GMT_REMINDER_7}T09:00`],
      ['review-started', `${GMT_DUE}T09:00`],
    ]);
  });

  it('honours a configured interval, reminders and cycle', async () => {
    const { result, notifications } = await runReview({
      boardId: 'wiltshire-adult-jcb',
      boardName: 'Wiltshire Adult Joint Commissioning Board',
      from: SIX_MONTH_FROM,
      intervalMonths: 6,
      reminderDaysBefore: [14],
      cycle: 2,
      recipients,
    });
    expect(result.reviewDue).toBe(SIX_MONTH_DUE);
    expect(notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', `${addDays(SIX_MONTH_DUE, -14)}T09:00`],
      ['review-started', `${SIX_MONTH_DUE}T09:00`],
    ]);
  });

  it('starts a summer review at 09:00 British Summer Time, which is 08:00 UTC', async () => {
    const summer = await runReview({
      boardId: 'bath-nes',
      boardName: 'B&NES',
      from: SUMMER_FROM,
      intervalMonths: 5,
      reminderDaysBefore: [],
      recipients,
    });
    expect(summer.notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-started', `${SUMMER_DUE}T08:00`],
    ]);
  });

  it('starts a review that falls due on a bank holiday on the next working day, per the region', async () => {
    // 28 December of CHRISTMAS_YEAR is a bank holiday in England and Wales (a substitute day for Christmas
    // or Boxing Day) and the last of the Christmas holidays: the review starts on 29 December, the next working
    // day. The reminders 28 and 7 days ahead (30 November, 21 December) fall on the same weekday as the 28th,
    // a Monday or a Tuesday, and are working days: neither moves.
    const due = makeCivilDate(CHRISTMAS_YEAR, 12, 28);
    const christmas = await runReview({
      boardId: 'christmas-board',
      boardName: 'Christmas board',
      from: makeCivilDate(CHRISTMAS_YEAR - 1, 12, 28),
      reminderDaysBefore: [28, 7],
      recipients,
    });
    expect(christmas.result).toMatchObject({ reviewDue: due });
    expect(christmas.notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', `${addDays(due, -28)}T09:00`],
      ['review-reminder', `${addDays(due, -7)}T09:00`],
      ['review-started', `${addDays(due, 1)}T09:00`],
    ]);
    expect(christmas.entries.map((e) => e.kind)).toEqual([
      'review-scheduled',
      'review-reminder',
      'review-reminder',
      'review-started',
    ]);
  });

  it('skips reminders whose date has already passed when the review is set up late', async () => {
    const today = londonCivilDate(await env.currentTimeMs());
    // Due in about ten days: the first such review whose 7-day reminder is a working day (3 days or more
    // ahead, so it is sent), while the 28-day reminder's date has passed.
    const from = firstDay(addDays(addMonths(today, -12), 10), (d) =>
      isWorkingDay(addDays(addMonths(d, 12), -7), england),
    );
    const { result, notifications } = await runReview({
      boardId: 'late-board',
      boardName: 'Late board',
      from,
      recipients,
    });
    expect(result.remindersSent).toEqual([7]);
    expect(notifications.map((n) => n.kind)).toEqual(['review-reminder', 'review-started']);
  });

  it('answers the status query with the stage and what it waits for while the timer runs', async () => {
    let seen: unknown;
    await runReview(
      { boardId: 'status-board', boardName: 'Status board', from: GMT_FROM, recipients },
      async (id) => {
        await env.sleep('2 days');
        seen = await env.client.workflow.getHandle(id).query(effectivenessReviewStatusQuery);
      },
    );
    expect(seen).toMatchObject({
      process: 'board-review',
      boardId: 'status-board',
      stage: 'awaiting-reminder',
      nextDeadline: `${GMT_DUE}T09:00:00.000Z`,
      waitingFor: `the 28-day reminder on ${GMT_REMINDER_28}`,
      steps: [{ kind: 'review-scheduled', detail: `review due ${GMT_DUE}` }],
    });
  });

  it('fails at once on bad input, naming each field and rule, and notifies no one', async () => {
    const taskQueue = uniqueTaskQueue('review-bad');
    const double = recordingActivities();
    await withWorker(env.nativeConnection, taskQueue, double.activities, async () => {
      const handle = await env.client.workflow.start(effectivenessReview, {
        taskQueue,
        workflowId: 'review/bad-input/1',
        args: [{ boardId: 'bad-input', boardName: 'x', from: '2027-02-30', recipients: [] }],
      });
      const failure = await handle.result().catch((error: unknown) => error as WorkflowFailedError);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
      expect(cause.type).toBe('InvalidInput');
      expect(cause.message).toContain('from: must be a real date written YYYY-MM-DD');
      expect(cause.message).toContain('recipients: needs at least one person to notify');
    });
    expect(double.notifications).toEqual([]);
  });
});
