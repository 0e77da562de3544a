/**
 * The Web UI's "current details" of each process (issue 12, item 5), on the time-skipping server: every date
 * in them is a London civil date or time written out in full by the one formatter, and a deadline that runs
 * to the end of a day reads as that day, never as 00:00 of the next. Each case is found from the day the
 * tests run.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { boardWorkflowId, effectivenessReviewWorkflowId } from '../../definitions';
import { addMonths } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { holidayCalendar } from '../../governance/bank-holidays';
import { isWorkingDay } from '../../governance/working-days';
import { addDays, anchorDay, at, firstDay } from '../support/dates';
import { MEETING, decisionHarness, item } from '../support/decision-harness';
import { southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

/** What the Web UI shows as the workflow's current details (the SDK's metadata query). */
async function currentDetails(handle: WorkflowHandle): Promise<string> {
  const metadata = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
  return metadata.currentDetails;
}

/** An ISO date (or the date part of an instant) left in text meant for people. */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

describe('current details: decision (P3)', () => {
  it('shows the agenda deadline at its time, and the end of the meeting day as that day', async () => {
    const h = await decisionHarness();
    try {
      const handle = await h.start(item());
      // The agenda is published 5 clear working days ahead: the Wednesday of the week before (MEETING - 8), 09:00.
      const agendaDay = addDays(MEETING, -8);
      await expect
        .poll(async () => (await h.status(handle)).stage, { timeout: 20_000, interval: 100 })
        .toBe('awaiting-agenda-publication');
      const waiting = await currentDetails(handle);
      expect(waiting).toContain(`| Waiting for | agenda publication on ${displayDate(agendaDay)} |`);
      expect(waiting).toContain(`| Next deadline | ${displayDate(agendaDay)} at 09:00 |`);
      expect(waiting).toContain(`| What happens next | the meeting on ${displayDate(MEETING)} |`);
      expect(waiting).not.toMatch(ISO_DATE);

      // Voting runs to the end of the meeting day (00:00 of the next day): it reads as the meeting day.
      await h.until(at(MEETING, '10:00'));
      expect((await h.status(handle)).stage).toBe('voting');
      expect((await h.status(handle)).nextDeadline).toBe(at(addDays(MEETING, 1), '00:00'));
      const voting = await currentDetails(handle);
      expect(voting).toContain(`| Next deadline | ${displayDate(MEETING)} (end of day) |`);
      expect(voting).not.toContain(displayDate(addDays(MEETING, 1)));
      expect(voting).not.toMatch(ISO_DATE);
    } finally {
      await h.close();
    }
  });
});

describe('current details: text people typed stays text', () => {
  it('escapes a title’s markdown, so the Web UI shows it as written (no link, no table break)', async () => {
    const h = await decisionHarness();
    try {
      const title = 'Beds [now](javascript:alert(1)) | *urgent*';
      const handle = await h.start(item({ title }));
      await expect
        .poll(async () => (await h.status(handle)).stage, { timeout: 20_000, interval: 100 })
        .toBe('awaiting-agenda-publication');
      const details = await currentDetails(handle);
      expect(details.split('\n')[0]).toBe(
        '**Beds \\[now\\]\\(javascript\\:alert\\(1\\)\\) \\| \\*urgent\\* \\(Southampton Joint Commissioning Board, 2027-014\\)**',
      );
      expect(details).not.toContain('](javascript');
    } finally {
      await h.close();
    }
  });
});

describe('current details: board (P1) and its review clock (P2)', () => {
  const { env, withDouble } = timeSkippingPerTest();
  const { so } = southamptonPeople;

  it('shows the establishment deadline as the day it runs to the end of', async () => {
    const proposedOn = anchorDay();
    const firstMeeting = so.meetings.find((m) => m > addDays(proposedOn, 7))!;
    // Three months from the proposal, to the end of that day.
    const approvalDeadline = addMonths(proposedOn, 3);
    await withDouble('details-board', async (_double, taskQueue) => {
      const handle = await env().client.workflow.start('board', {
        taskQueue,
        workflowId: boardWorkflowId(so.board.id),
        args: [{ standingOrders: so, termsOfReference: 'Terms of Reference', firstMeeting, proposedOn }],
      });
      await expect
        .poll(async () => currentDetails(handle), { timeout: 20_000, interval: 100 })
        .toContain('- Stage: **proposed**');
      const details = await currentDetails(handle);
      expect(details).toContain(
        `- Waiting for: the first meeting on ${displayDate(firstMeeting)}, which considers the draft Terms of Reference`,
      );
      expect(details).toContain(`- Deadline: ${displayDate(approvalDeadline)} (end of day)`);
      expect(details).toContain(`both must approve by ${displayDate(approvalDeadline)}`);
      expect(details).not.toMatch(ISO_DATE);
      await handle.terminate('test done');
    });
  });

  it('shows the review clock’s due day and the day and time it starts', async () => {
    const england = holidayCalendar('england-and-wales');
    // A review due on a working day a year after a day after the anchor: it starts that day at 09:00.
    const from = firstDay(addDays(anchorDay(), 1), (d) => isWorkingDay(addMonths(d, 12), england));
    const due = addMonths(from, 12);
    await withDouble('details-review', async (_double, taskQueue) => {
      const handle = await env().client.workflow.start('effectivenessReview', {
        taskQueue,
        workflowId: effectivenessReviewWorkflowId('details-board', 1),
        args: [
          {
            boardId: 'details-board',
            boardName: 'Details board',
            from,
            reminderDaysBefore: [],
            recipients: [{ role: 'officer', name: 'Democratic services', email: 'ds@example.org' }],
          },
        ],
      });
      await expect
        .poll(async () => currentDetails(handle), { timeout: 20_000, interval: 100 })
        .toContain('- Stage: awaiting-review-date');
      const details = await currentDetails(handle);
      expect(details).toContain(`- Review due: ${displayDate(due)}; starts ${displayDate(due)} at 09:00`);
      expect(details).toContain(`- Waiting for: the review date ${displayDate(due)}`);
      expect(details).not.toMatch(ISO_DATE);
      await handle.terminate('test done');
    });
  });
});
