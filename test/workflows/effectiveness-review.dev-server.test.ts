import { displayDate } from '../../governance/display-dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEffectivenessReview } from '../../client/processes/effectiveness-review';
import { UserError } from '../../definitions/errors';
import { SA, effectivenessReviewStatusQuery } from '../../definitions';
import { addMonths, isWeekend } from '../../governance/civil-date';
import { addDays, anchorDay, firstDay } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';

/**
 * The dev server runs on real time, so the review is counted from a day ahead of it (the anchor day is today
 * or later): the first 15 January after the anchor whose anniversary is a weekday. Mid-January is GMT and has
 * no bank holiday, so the review starts on that anniversary at 09:00 London = 09:00 UTC, a year or more ahead:
 * the timer is still waiting for its first reminder when the test looks.
 */
const FROM = firstDay(addDays(anchorDay(), 1), (d) => d.endsWith('-01-15') && !isWeekend(addMonths(d, 12)));
const DUE = addMonths(FROM, 12);

describe('effectiveness review on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is started through the client and found by its search attributes in a visibility query', async () => {
    const taskQueue = uniqueTaskQueue('review-dev');
    const boardId = `dev-board-${Date.now()}`;
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      const handle = await startEffectivenessReview(server.client, taskQueue, {
        boardId,
        boardName: 'Dev server board',
        from: FROM,
        recipients: [{ role: 'officer', name: 'Democratic services', email: 'ds@council.example.org' }],
      });
      try {
        // The workflow records the schedule before it sleeps; wait until that step shows.
        await expect
          .poll(async () => (await handle.query(effectivenessReviewStatusQuery)).steps.length, {
            timeout: 15_000,
          })
          .toBe(1);
        const query = `GovflowBoard = '${boardId}' AND GovflowProcess = 'board-review' AND GovflowStage = 'awaiting-reminder'`;
        await expect
          .poll(
            async () => {
              const rows = [];
              for await (const row of server.client.workflow.list({ query })) rows.push(row);
              return rows;
            },
            { timeout: 20_000, interval: 500 },
          )
          .toHaveLength(1);
        const description = await handle.describe();
        expect(description.typedSearchAttributes.get(SA.board)).toBe(boardId);
        expect(description.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(
          `${DUE}T09:00:00.000Z`,
        );
        expect(await description.staticSummary()).toBe(
          `Effectiveness review 1 of Dev server board, due ${displayDate(DUE)}`,
        );
        expect(double.entries.map((e) => e.kind)).toEqual(['review-scheduled']);
      } finally {
        await handle.terminate('test finished');
      }
    });
  });

  it('refuses bad input before anything is started, naming the field', async () => {
    const taskQueue = uniqueTaskQueue('review-dev-bad');
    await expect(
      startEffectivenessReview(server.client, taskQueue, {
        boardId: 'Not A Slug',
        boardName: 'x',
        from: FROM,
        recipients: [{ role: 'officer', name: 'x', email: 'not-an-email' }],
      }),
    ).rejects.toThrow(UserError);
    await expect(
      startEffectivenessReview(server.client, taskQueue, {
        boardId: 'Not A Slug',
        boardName: 'x',
        from: FROM,
        recipients: [],
      }),
    ).rejects.toThrow(/boardId: must be lower-case letters.*recipients: needs at least one person/);
    const rows = [];
    for await (const row of server.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
      rows.push(row);
    expect(rows).toEqual([]);
  });
});
