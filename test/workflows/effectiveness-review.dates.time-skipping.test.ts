/**
 * The dates the effectiveness review's mails name (issue 12, item 5), on the time-skipping server: a review
 * due on a bank holiday starts on the next working day and its reminders say so; the review-started mail
 * never asks for anything by a day before it was sent. Each case is found from the day the tests run.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderNotification } from '../../activities/mail/templates';
import { effectivenessReviewWorkflowId, type EffectivenessReviewInput } from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  addMonths,
  compareCivilDates,
  dayOfWeek,
  londonCivilDate,
  type CivilDate,
} from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { isWorkingDay } from '../../governance/working-days';
import { effectivenessReview } from '../../workflows';
import { MONDAY, addDays, anchorDay, at, firstDay } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const england = holidayCalendar('england-and-wales');
const recipients: EffectivenessReviewInput['recipients'] = [
  { role: 'chair', name: 'Chair of the board', email: 'chair@council.example.org', partner: 'council' },
  { role: 'officer', name: 'Democratic services', email: 'democratic.services@council.example.org' },
];
/** What the recording double keeps of a send: the UTC minute. */
const sentAt = (day: CivilDate) => at(day, '09:00').slice(0, 16);

/**
 * A review that falls due on a Monday bank holiday (Easter Monday, a May or August bank holiday) at least a
 * year after the day the tests run, whose Tuesday is a working day: it starts on that Tuesday. The reminders
 * 28 and 7 days ahead fall on Mondays too; the case asks for working Mondays, so neither moves.
 */
const HOLIDAY_DUE = firstDay(addMonths(addDays(anchorDay(), 1), 12), (d) => {
  return (
    dayOfWeek(d) === MONDAY &&
    england.isHoliday(d) &&
    isWorkingDay(addDays(d, 1), england) &&
    isWorkingDay(addDays(d, -28), england) &&
    isWorkingDay(addDays(d, -7), england) &&
    addMonths(addMonths(d, -12), 12) === d
  );
});
const HOLIDAY_FROM = addMonths(HOLIDAY_DUE, -12);
const HOLIDAY_START = addDays(HOLIDAY_DUE, 1);

/** A review due on a working day with no holiday moving it or its reminders. */
const PLAIN_DUE = firstDay(
  addMonths(addDays(anchorDay(), 1), 12),
  (d) =>
    [0, -28, -7].every((back) => isWorkingDay(addDays(d, back), england)) &&
    addMonths(addMonths(d, -12), 12) === d,
);
const PLAIN_FROM = addMonths(PLAIN_DUE, -12);

describe('the effectiveness review’s mails name the day it starts', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkipping();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function runReview(boardId: string, from: CivilDate) {
    const taskQueue = uniqueTaskQueue('review-dates');
    const double = recordingActivities();
    const result = await withWorker(env.nativeConnection, taskQueue, double.activities, async () => {
      const handle = await env.client.workflow.start(effectivenessReview, {
        taskQueue,
        workflowId: effectivenessReviewWorkflowId(boardId, 1),
        args: [{ boardId, boardName: 'Holiday board', from, recipients }],
      });
      return handle.result();
    });
    return { result, notifications: double.notifications };
  }

  it('a review due on a bank holiday: the reminders name the next working day as the start, and the started mail asks for nothing by a past day', async () => {
    const { result, notifications } = await runReview('holiday-board', HOLIDAY_FROM);
    expect(result.reviewDue).toBe(HOLIDAY_DUE);
    expect(notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', sentAt(addDays(HOLIDAY_DUE, -28))],
      ['review-reminder', sentAt(addDays(HOLIDAY_DUE, -7))],
      ['review-started', sentAt(HOLIDAY_START)],
    ]);
    const [reminder28, reminder7, started] = notifications;
    for (const reminder of [reminder28!, reminder7!]) {
      expect(reminder.action).toBe(
        `Prepare for the effectiveness review: it falls due on ${HOLIDAY_DUE}, not a working day, so it starts on ${HOLIDAY_START}.`,
      );
      expect(reminder.deadline).toBe(HOLIDAY_START);
      expect(reminder.facts).toMatchObject({ reviewDue: HOLIDAY_DUE, startsOn: HOLIDAY_START });
      // As the recipient reads it: the start is the Tuesday, and the Monday is never called the start.
      const mail = renderNotification(reminder, recipients[0]!);
      expect(mail.subject).toBe(
        `Reminder: effectiveness review due: Effectiveness review 1 of Holiday board (by ${displayDate(HOLIDAY_START)})`,
      );
      expect(mail.text).toContain(
        `it falls due on ${displayDate(HOLIDAY_DUE)}, not a working day, so it starts on ${displayDate(HOLIDAY_START)}.`,
      );
      expect(mail.text).not.toContain(`starts on ${displayDate(HOLIDAY_DUE)}`);
    }
    expect(started!.deadline).toBeUndefined();
    expect(started!.action).toBe(
      `The effectiveness review started on ${HOLIDAY_START}: members are asked for their self-assessments, with the day they are due, in a message of their own.`,
    );
    expect(started!.facts).toMatchObject({ reviewDue: HOLIDAY_DUE, startedOn: HOLIDAY_START });
    const mail = renderNotification(started!, recipients[0]!);
    expect(mail.subject).toBe('Effectiveness review started: Effectiveness review 1 of Holiday board');
    expect(mail.text).not.toContain('Deadline');
    expect(mail.text).toContain(`The effectiveness review started on ${displayDate(HOLIDAY_START)}`);
    // No mail asks for anything by a day before the day it was sent.
    for (const n of notifications) {
      if (n.deadline === undefined) continue;
      expect(
        compareCivilDates(n.deadline, londonCivilDate(`${n.sentAt}:00Z`)),
        n.kind,
      ).toBeGreaterThanOrEqual(0);
    }
  });

  it('a review due on a working day: the reminders name the due date as the start', async () => {
    const { notifications } = await runReview('plain-board', PLAIN_FROM);
    expect(notifications.map((n) => [n.kind, n.sentAt, n.deadline])).toEqual([
      ['review-reminder', sentAt(addDays(PLAIN_DUE, -28)), PLAIN_DUE],
      ['review-reminder', sentAt(addDays(PLAIN_DUE, -7)), PLAIN_DUE],
      ['review-started', sentAt(PLAIN_DUE), undefined],
    ]);
    expect(notifications[0]!.action).toBe(`Prepare for the effectiveness review: it starts on ${PLAIN_DUE}.`);
    expect(notifications[2]!.action).toContain(`started on ${PLAIN_DUE}:`);
  });
});
