/**
 * A board hears holidays announced after its run started: the members' self-assessment deadline, counted
 * in working days from the review's start, moves when a new holiday falls inside it, the members are told
 * the new day, and the news is carried into the next review cycle.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  announceHolidaysUpdate,
  boardStatusQuery,
  boardWorkflowId,
  decideReviewOutcomeUpdate,
  type BoardInput,
  type BoardStatus,
} from '../../definitions';
import { addMonths, compareCivilDates, dayOfWeek } from '../../governance/civil-date';
import { board } from '../../workflows';
import { MONDAY, addDays, anchorDay, at, firstDay, noBankHolidayBetween } from '../support/dates';
import { sentAt, sha256, southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

const { so, CLERK } = southamptonPeople;

/**
 * A board established on the first day after the anchor whose first review falls due on a Monday with no
 * bank holiday from a month before it to six weeks after. Twenty working days from that Monday end on the
 * Monday four weeks on (DUE + 28); a holiday proclaimed for the Tuesday of the second week (DUE + 8) moves
 * that to the Tuesday (DUE + 29).
 */
const ESTABLISHED = firstDay(addDays(anchorDay(), 1), (d) => {
  const due = addMonths(d, so.review.firstAfterMonths);
  return dayOfWeek(due) === MONDAY && noBankHolidayBetween(addDays(due, -31), addDays(due, 42));
});
const DUE = addMonths(ESTABLISHED, so.review.firstAfterMonths);

describe('holiday news moves a board’s self-assessment deadline (time-skipping server)', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();
  const status = (handle: WorkflowHandle) => handle.query(boardStatusQuery);
  const until = (handle: WorkflowHandle, check: (s: BoardStatus) => boolean) =>
    expect.poll(async () => check(await status(handle)), { timeout: 20_000, interval: 100 }).toBe(true);

  it('a holiday inside the self-assessment period gives the members a working day more, and says so', async () => {
    expect(compareCivilDates(ESTABLISHED, anchorDay())).toBeGreaterThan(0);
    await withDouble('board-news', async ({ notifications, entries }, taskQueue) => {
      const handle = await env().client.workflow.start(board, {
        taskQueue,
        workflowId: boardWorkflowId(so.board.id),
        args: [
          {
            standingOrders: so,
            carried: {
              cycle: 1,
              establishedOn: ESTABLISHED,
              termsOfReference: { version: 1, contentHash: sha256('Terms of Reference') },
            },
          },
        ],
      });
      await clockTo(at(DUE, '12:00'));
      await until(handle, (s) => s.stage === 'self-assessment');
      expect((await status(handle)).review?.selfAssessmentDeadline).toBe(addDays(DUE, 28));

      const holiday = addDays(DUE, 8);
      const heard = await handle.executeUpdate(announceHolidaysUpdate, {
        args: [
          {
            source: 'Royal Proclamation (test)',
            regions: { 'england-and-wales': { added: [{ date: holiday, name: 'Proclaimed' }], removed: [] } },
          },
        ],
      });
      expect(heard.moved).toEqual([
        { what: 'the self-assessments', from: addDays(DUE, 28), to: addDays(DUE, 29) },
      ]);
      await until(handle, (s) => s.review?.selfAssessmentDeadline === addDays(DUE, 29));
      const told = notifications.find((n) => n.kind === 'deadline-moved')!;
      expect(told.deadline).toBe(addDays(DUE, 29));
      expect(told.recipients.map((r) => r.email).sort()).toEqual(so.members.map((m) => m.email).sort());
      expect(sentAt(DUE, '12:00')).toBe(told.sentAt.slice(0, 16));

      // The old day passes without a report; the new one ends the period.
      await clockTo(at(addDays(DUE, 29), '12:00'));
      expect(entries.some((e) => e.kind === 'review-report')).toBe(false);
      await clockTo(at(addDays(DUE, 30), '01:00'));
      await until(handle, () => entries.some((e) => e.kind === 'review-report'));
      expect(entries.find((e) => e.kind === 'holidays-announced')?.data).toMatchObject({
        added: [holiday],
        moved: heard.moved,
      });

      // Both parent bodies continue the board: the next cycle's run starts with the holiday in force.
      for (const body of ['council', 'nhs'] as const)
        await handle.executeUpdate(decideReviewOutcomeUpdate, {
          args: [{ body, outcome: 'continue', by: CLERK[body] }],
        });
      await until(handle, (s) => s.cycle === 2);
      const started = (await env().client.workflow.getHandle(handle.workflowId).fetchHistory()).events![0]!;
      const input = defaultPayloadConverter.fromPayload<BoardInput>(
        started.workflowExecutionStartedEventAttributes!.input!.payloads![0]!,
      );
      expect(input.carried?.holidays?.add).toContainEqual({ date: holiday, name: 'Proclaimed' });
    });
  });
});
