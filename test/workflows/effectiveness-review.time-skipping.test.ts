import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  effectivenessReviewStatusQuery,
  effectivenessReviewWorkflowId,
  type EffectivenessReviewInput,
} from '../../definitions';
import { addDays, addMonths, londonCivilDate } from '../../governance/civil-date';
import { effectivenessReview } from '../../workflows';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const recipients: EffectivenessReviewInput['recipients'] = [
  { role: 'chair', name: 'Chair of the board', email: 'chair@council.example.org', partner: 'council' },
  { role: 'officer', name: 'Democratic services', email: 'democratic.services@council.example.org' },
];

describe('effectiveness review timer, on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  // A fresh server per test: time only moves forward, and each test starts from today.
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
      from: '2027-03-10',
      recipients,
    });
    expect(result).toMatchObject({ reviewDue: '2028-03-10', remindersSent: [28, 7] });
    expect(notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', '2028-02-11T09:00'],
      ['review-reminder', '2028-03-03T09:00'],
      ['review-started', '2028-03-10T09:00'],
    ]);
    expect(notifications[0]!.recipients).toEqual(recipients);
    expect(notifications[0]!.key).toEqual({
      workflowId: 'review/southampton-jcb/1',
      step: 'review-reminder/28',
    });
    expect(entries.map((e) => [e.kind, e.at.slice(0, 16)])).toEqual([
      ['review-scheduled', expect.any(String)],
      ['review-reminder', '2028-02-11T09:00'],
      ['review-reminder', '2028-03-03T09:00'],
      ['review-started', '2028-03-10T09:00'],
    ]);
  });

  it('honours a configured interval, reminders and cycle', async () => {
    const { result, notifications } = await runReview({
      boardId: 'wiltshire-adult-jcb',
      boardName: 'Wiltshire Adult Joint Commissioning Board',
      from: '2027-06-15',
      intervalMonths: 6,
      reminderDaysBefore: [14],
      cycle: 2,
      recipients,
    });
    expect(result.reviewDue).toBe('2027-12-15');
    expect(notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', '2027-12-01T09:00'],
      ['review-started', '2027-12-15T09:00'],
    ]);
  });

  it('starts a summer review at 09:00 British Summer Time, which is 08:00 UTC', async () => {
    const summer = await runReview({
      boardId: 'bath-nes',
      boardName: 'B&NES',
      from: '2027-01-21',
      intervalMonths: 5,
      reminderDaysBefore: [],
      recipients,
    });
    expect(summer.notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-started', '2027-06-21T08:00'],
    ]);
  });

  it('starts a review that falls due on a bank holiday on the next working day, per the region', async () => {
    // 2027-12-28 is the substitute Boxing Day in England and Wales; in Scotland 2027-12-28 is a holiday too, and so is 2028-01-03.
    const england = await runReview({
      boardId: 'christmas-board',
      boardName: 'Christmas board',
      from: '2026-12-28',
      reminderDaysBefore: [28, 7],
      recipients,
    });
    expect(england.result).toMatchObject({ reviewDue: '2027-12-28' });
    expect(england.notifications.map((n) => [n.kind, n.sentAt])).toEqual([
      ['review-reminder', '2027-11-30T09:00'],
      ['review-reminder', '2027-12-21T09:00'],
      ['review-started', '2027-12-29T09:00'],
    ]);
    expect(england.entries.map((e) => e.kind)).toEqual([
      'review-scheduled',
      'review-reminder',
      'review-reminder',
      'review-started',
    ]);
  });

  it('skips reminders whose date has already passed when the review is set up late', async () => {
    const today = londonCivilDate(await env.currentTimeMs());
    const from = addDays(addMonths(today, -12), 10); // due in about ten days
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
      { boardId: 'status-board', boardName: 'Status board', from: '2027-03-10', recipients },
      async (id) => {
        await env.sleep('2 days');
        seen = await env.client.workflow.getHandle(id).query(effectivenessReviewStatusQuery);
      },
    );
    expect(seen).toMatchObject({
      process: 'board-review',
      boardId: 'status-board',
      stage: 'awaiting-reminder',
      nextDeadline: '2028-03-10T09:00:00.000Z',
      waitingFor: 'the 28-day reminder on 2028-02-11',
      steps: [{ kind: 'review-scheduled', detail: 'review due 2028-03-10' }],
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
