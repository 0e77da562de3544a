/**
 * Dates the CLI shows a person (issue 12, item 5), against the dev server: `board propose` names the first
 * meeting and `list` each process's next deadline as London dates written out in full, from the one
 * formatter; a deadline that runs to the end of a day reads as that day, never as 00:00 of the next. The
 * dev server runs on real time, so every date here is found from today.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardWorkflowId, effectivenessReviewWorkflowId } from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import { addDays, addMonths, compareCivilDates } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { isWorkingDay } from '../../governance/working-days';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, reach, tempDir, today, uniqueBoardId, writeFile } from './harness';

describe('dates in the CLI, on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('board propose names the first meeting, and list shows the approval deadline as the day it ends', async () => {
    const taskQueue = uniqueTaskQueue('cli-dates-board');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('dates');
    const proposedOn = today();
    const base = resolveStandingOrders('southampton-jcb', proposedOn);
    const so = { ...base, board: { ...base.board, id: boardId, name: `${base.board.name} (${boardId})` } };
    const firstMeeting = so.meetings.find((m) => compareCivilDates(m, proposedOn) > 0)!;
    // Three months from the proposal, to the end of that day (kept as 00:00 London of the day after).
    const approvalDeadline = addMonths(proposedOn, 3);
    const soFile = writeFile(tempDir(), 'standing-orders.json', so);
    const tor = writeFile(tempDir(), 'tor.md', '# Terms of Reference\n\n1. Purpose: joint commissioning.\n');
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const proposed = await govflow.run(
        'board',
        'propose',
        '--standing-orders',
        soFile,
        '--terms-of-reference',
        tor,
        '--first-meeting',
        firstMeeting,
        '--proposed-on',
        proposedOn,
      );
      expect(proposed.stderr).toBe('');
      expect(proposed.code).toBe(0);
      expect(proposed.stdout).toContain(
        `  first meeting ${displayDate(firstMeeting)}; then both parent bodies decide on the Terms of Reference`,
      );
      const handle = server.client.workflow.getHandle(boardWorkflowId(boardId));
      await reach(handle, 'proposed');

      const row = new RegExp(
        `^${boardWorkflowId(boardId)} +proposed +${displayDate(approvalDeadline)} \\(end of day\\) +`,
        'm',
      );
      await expect
        .poll(async () => (await govflow.run('list', '--board', boardId)).stdout, { timeout: 20_000 })
        .toMatch(row);
      const listed = (await govflow.run('list', '--board', boardId)).stdout;
      expect(listed).not.toContain(displayDate(addDays(approvalDeadline, 1)));
      expect(listed).not.toMatch(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/);

      // status: the deadline as the day it ends, each step's time and the dates in its words written out.
      const status = (await govflow.run('status', boardId)).stdout;
      expect(status).toContain(`  next deadline: ${displayDate(approvalDeadline)} (end of day)`);
      expect(status).toMatch(
        new RegExp(
          `^ {4}${displayDate(proposedOn)} at \\d{2}:\\d{2}  board-proposed: proposed on ${displayDate(proposedOn)}; first meeting ${displayDate(firstMeeting)}`,
          'm',
        ),
      );
      expect(status).not.toMatch(/\d{4}-\d{2}-\d{2}/);

      // decision propose names the meeting as a date written out.
      const meeting = so.meetings.find((m) => compareCivilDates(m, addDays(proposedOn, 14)) > 0)!;
      const item = await govflow.run(
        'decision',
        'propose',
        '--board',
        boardId,
        '--ref',
        'dates-1',
        '--title',
        'Community equipment service',
        '--summary',
        'Renew the community equipment contract.',
        '--topic',
        'integrated rehabilitation and reablement',
        '--amount-gbp',
        '1000',
        '--meeting-date',
        meeting,
        '--proposed-by',
        'commissioning.lead@southampton.example.org',
      );
      expect(item.stderr).toBe('');
      expect(item.stdout).toContain(`on ${displayDate(meeting)}: decision/${boardId}/dates-1`);
      await server.client.workflow.getHandle(`decision/${boardId}/dates-1`).terminate('test done');
      await handle.terminate('test done');
    });
  });

  it('list shows a review clock’s start as a London date and time', async () => {
    const taskQueue = uniqueTaskQueue('cli-dates-review');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('dates-review');
    const england = holidayCalendar('england-and-wales');
    // A review due on a working day a year from a day after today: it starts that day at 09:00 London time.
    const from = [...Array(14).keys()]
      .map((n) => addDays(today(), n + 1))
      .find((d) => isWorkingDay(addMonths(d, 12), england))!;
    const due = addMonths(from, 12);
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await server.client.workflow.start('effectivenessReview', {
        taskQueue,
        workflowId: effectivenessReviewWorkflowId(boardId, 1),
        args: [
          {
            boardId,
            boardName: 'Dates board',
            from,
            recipients: [{ role: 'officer', name: 'Democratic services', email: 'ds@example.org' }],
          },
        ],
      });
      await reach(handle, 'awaiting-reminder');
      await expect
        .poll(async () => (await govflow.run('list', '--board', boardId)).stdout, { timeout: 20_000 })
        .toMatch(
          new RegExp(
            `^${effectivenessReviewWorkflowId(boardId, 1)} +awaiting-reminder +${displayDate(due)} at 09:00 +timer$`,
            'm',
          ),
        );
      await handle.terminate('test done');
    });
  });
});
