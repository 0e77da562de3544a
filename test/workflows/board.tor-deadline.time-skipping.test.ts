/**
 * No mail asks for something by a day already past (issue 12, item 5), on the time-skipping server: a
 * revised Terms of Reference that reaches the parent bodies after the approval deadline has passed (and was
 * escalated) names no deadline; before the deadline, a draft names it. Each case is found from the day the
 * tests run.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../../activities/mail/templates';
import { proposeBoard } from '../../client/processes/board';
import {
  boardStatusQuery,
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  type BoardStage,
  type PartnerKind,
  type TermsOfReferenceDecision,
} from '../../definitions';
import { addMonths, compareCivilDates, londonCivilDate } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { addDays, anchorDay, at, firstDay } from '../support/dates';
import { sentAt, southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

const { so, CLERK, DEMOCRATIC_SERVICES } = southamptonPeople;
const TOR_V1 = 'Terms of Reference: Southampton Joint Commissioning Board\n1. Purpose: joint commissioning.';
const TOR_V2 = `${TOR_V1}\n2. A carers' representative attends as a co-opted, non-voting member.`;

describe('Terms of Reference mail after the approval deadline (time-skipping server)', () => {
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

  it('sends a revision made after the deadline to both parent bodies without a deadline already past', async () => {
    // Proposed on the first 1st of a month after the anchor: the approval deadline is three months on, the 1st
    // again. The first meeting 8 days after the proposal; the council asks for an amendment 13 days after it
    // and the NHS body approves; democratic services revise only after the deadline, which was escalated.
    const proposed = firstDay(addDays(anchorDay(), 1), (d) => d.endsWith('-01'));
    const deadline = addMonths(proposed, 3);
    const revisedOn = addDays(deadline, 3);
    await clockTo(at(proposed, '10:00'));
    await withDouble('board-tor-deadline', async ({ notifications }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: so,
        termsOfReference: TOR_V1,
        firstMeeting: addDays(proposed, 8),
      });
      await clockTo(at(addDays(proposed, 8), '12:00'));
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo(at(addDays(proposed, 13), '10:00'));
      await decide(handle, 'council', 'amend', { comments: "Add a carers' representative" });
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'revision-requested');
      await clockTo(at(addDays(deadline, 2), '09:00'));
      await expect
        .poll(() => notifications.some((n) => n.kind === 'escalated'), { timeout: 20_000 })
        .toBe(true);
      await clockTo(at(revisedOn, '10:00'));
      await handle.executeUpdate(reviseTermsOfReferenceUpdate, {
        args: [{ text: TOR_V2, by: DEMOCRATIC_SERVICES }],
      });
      // Still escalated (the chief executives have it), version 2 goes to both parent bodies.
      await stageIs(handle, 'escalated');
      await expect
        .poll(() => notifications.filter((n) => n.kind === 'tor-approval-required').length, {
          timeout: 20_000,
        })
        .toBe(4);

      const approvals = notifications.filter((n) => n.kind === 'tor-approval-required');
      // Version 1, sent after the first meeting, before the deadline: approval by the deadline.
      expect(approvals.slice(0, 2).map((n) => [n.facts?.version, n.deadline, n.sentAt])).toEqual([
        [1, deadline, sentAt(addDays(proposed, 8), '09:00')],
        [1, deadline, sentAt(addDays(proposed, 8), '09:00')],
      ]);
      // Version 2, sent after the deadline had passed: no deadline (it used to say "by" the past day).
      expect(approvals.slice(2).map((n) => [n.facts?.version, n.deadline, n.sentAt])).toEqual([
        [2, undefined, sentAt(revisedOn, '10:00')],
        [2, undefined, sentAt(revisedOn, '10:00')],
      ]);
      const mail = renderNotification(approvals[2]!, { role: 'parent-body-clerk', ...so.partners[0]!.clerk });
      expect(mail.subject).toBe(`Approval needed: Terms of Reference: Establishment of ${so.board.name}`);
      expect(mail.text).not.toContain('Deadline');
      expect(mail.text).not.toContain(displayDate(deadline));

      // No mail of this board asks for anything by a day before the day it was sent.
      for (const n of notifications) {
        if (n.deadline === undefined) continue;
        expect(
          compareCivilDates(n.deadline, londonCivilDate(`${n.sentAt}:00Z`)),
          `${n.kind} ${n.key.step}`,
        ).toBeGreaterThanOrEqual(0);
      }
      await handle.terminate('test finished');
    });
  });
});
