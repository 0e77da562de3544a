/**
 * A review clock hears holidays announced after it started: a reminder or the start that falls on a new
 * holiday moves (the reminder to the working day before, the start to the working day after), and when the
 * start moves while the clock waits for it, the people it told are told the new day.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  announceHolidaysUpdate,
  effectivenessReviewStatusQuery,
  effectivenessReviewWorkflowId,
  type EffectivenessReviewInput,
  type HolidayNewsInput,
} from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import { type CivilDate, addMonths, civilDateParts } from '../../governance/civil-date';
import { isWorkingDay } from '../../governance/working-days';
import { effectivenessReview } from '../../workflows';
import { addDays, anchorDay, at, firstDay } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const recipients: EffectivenessReviewInput['recipients'] = [
  { role: 'chair', name: 'Chair of the board', email: 'chair@council.example.org', partner: 'council' },
];
const england = holidayCalendar('england-and-wales');
const gmt = (d: CivilDate) => [11, 12, 1, 2].includes(civilDateParts(d).month);

/**
 * A board established on the first day after the anchor whose review twelve months on falls due on a
 * Tuesday in GMT, with the 7-day reminder (the Tuesday before) and the days around both working days. A
 * holiday proclaimed on the due day moves the start to the Wednesday (DUE + 1); one on the reminder's day
 * moves the reminder to the Monday before it (DUE - 8).
 */
const FROM = firstDay(addDays(anchorDay(), 1), (d) => {
  const due = addMonths(d, 12);
  return (
    gmt(due) &&
    gmt(addDays(due, -28)) &&
    new Date(`${due}T12:00:00Z`).getUTCDay() === 2 &&
    [-28, -8, -7, 0, 1].every((back) => isWorkingDay(addDays(due, back), england))
  );
});
const DUE = addMonths(FROM, 12);

const proclaimed = (...dates: CivilDate[]): HolidayNewsInput => ({
  source: 'Royal Proclamation (test)',
  regions: {
    'england-and-wales': { added: dates.map((date) => ({ date, name: 'Proclaimed holiday' })), removed: [] },
  },
});

describe('holiday news moves a running review clock (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkipping();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function runReview(
    during: (handle: ReturnType<typeof env.client.workflow.getHandle>) => Promise<void>,
  ) {
    const double = recordingActivities();
    const taskQueue = uniqueTaskQueue('review-news');
    const result = await withWorker(env.nativeConnection, taskQueue, double.activities, async () => {
      const handle = await env.client.workflow.start(effectivenessReview, {
        taskQueue,
        workflowId: effectivenessReviewWorkflowId('southampton-jcb', 1),
        args: [{ boardId: 'southampton-jcb', boardName: 'Southampton JCB', from: FROM, recipients }],
      });
      await during(handle);
      return handle.result();
    });
    return { result, ...double };
  }
  const sleepTo = async (instant: string) => env.sleep(Date.parse(instant) - (await env.currentTimeMs()));

  it('a holiday on the due day, heard while the clock waits for the start, moves the start and says so', async () => {
    const { result, notifications } = await runReview(async (handle) => {
      await sleepTo(at(addDays(DUE, -7), '12:00'));
      const heard = await handle.executeUpdate(announceHolidaysUpdate, { args: [proclaimed(DUE)] });
      expect(heard.moved).toEqual([{ what: 'the start of the review', from: DUE, to: addDays(DUE, 1) }]);
      const status = await handle.query(effectivenessReviewStatusQuery);
      expect(status.waitingFor).toBe(`the review date ${addDays(DUE, 1)}`);
      expect(status.nextDeadline).toBe(at(addDays(DUE, 1), '09:00'));
    });
    expect(result.remindersSent).toEqual([28, 7]);
    expect(notifications.map((n) => [n.kind, n.sentAt.slice(0, 16)])).toEqual([
      ['review-reminder', at(addDays(DUE, -28), '09:00').slice(0, 16)],
      ['review-reminder', at(addDays(DUE, -7), '09:00').slice(0, 16)],
      ['deadline-moved', at(addDays(DUE, -7), '12:00').slice(0, 16)],
      ['review-started', at(addDays(DUE, 1), '09:00').slice(0, 16)],
    ]);
    expect(notifications[2]!.deadline).toBe(addDays(DUE, 1));
    expect(notifications[3]!.action).toContain(`started on ${addDays(DUE, 1)}`);
  });

  it('a holiday on a later reminder’s day, heard early, sends that reminder the working day before', async () => {
    const { notifications, entries } = await runReview(async (handle) => {
      await sleepTo(at(addDays(DUE, -40), '12:00'));
      const heard = await handle.executeUpdate(announceHolidaysUpdate, {
        args: [proclaimed(addDays(DUE, -7))],
      });
      // The clock waits for the 28-day reminder, which the news does not touch.
      expect(heard).toMatchObject({ added: [addDays(DUE, -7)], moved: [] });
    });
    expect(notifications.map((n) => [n.kind, n.sentAt.slice(0, 10)])).toEqual([
      ['review-reminder', addDays(DUE, -28)],
      ['review-reminder', addDays(DUE, -8)],
      ['review-started', DUE],
    ]);
    expect(entries.find((e) => e.kind === 'holidays-announced')?.data).toMatchObject({
      source: 'Royal Proclamation (test)',
      added: [addDays(DUE, -7)],
    });
  });
});
