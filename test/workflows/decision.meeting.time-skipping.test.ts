import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  meetingStatusQuery,
  meetingWorkflowId,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
} from '../../definitions';
import { addDays } from '../../governance/civil-date';
import type { AgendaEntry } from '../../governance/meetings';
import { MEETING, NEXT_MEETING, decisionHarness, item, southampton } from '../support/decision-harness';
import { at } from '../support/dates';

const by = southampton.officers.democraticServices.email;
const voting = southampton.members.filter((m) => m.voting);
const refsOn = (agenda: AgendaEntry[]) => agenda.flatMap((e) => ('ref' in e ? [e.ref] : []));

/** Issue 14 item 8: decision items join their meeting's process and take their outcome from it. */
describe('decisions at their meeting on the time-skipping server', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness(undefined, { meetings: true });
  });
  afterEach(async () => {
    await h?.close();
  });

  it('two items share one agenda and one invitation per member; the clerk’s record decides one and defers the other to the next meeting', async () => {
    const first = await h.start(item());
    const second = await h.start(item({ ref: '2027-015', title: 'Community equipment service: extension' }));
    await h.until(at(MEETING, '10:00'));

    const meeting = h.env.client.workflow.getHandle(meetingWorkflowId(southampton.board.id, MEETING));
    // In the order they joined, which the two starts do not fix.
    expect(refsOn((await meeting.query(meetingStatusQuery)).agenda).sort()).toEqual(['2027-014', '2027-015']);
    // The meeting, not its items, invites every member once and sends the one agenda.
    const invitations = h.notifications.filter((n) => n.invite);
    expect(invitations.map((n) => [n.kind, n.key.workflowId])).toEqual([
      ['meeting-scheduled', meeting.workflowId],
    ]);
    expect(invitations[0]!.recipients.map((r) => r.email).sort()).toEqual(
      southampton.members.map((m) => m.email).sort(),
    );
    expect(h.notifications.filter((n) => n.kind === 'agenda-published').map((n) => n.key.workflowId)).toEqual(
      [meeting.workflowId],
    );

    await meeting.executeUpdate(recordAttendanceUpdate, {
      args: [{ by, present: southampton.members.map((m) => m.id) }],
    });
    await meeting.executeUpdate(recordItemOutcomeUpdate, {
      args: [
        {
          by,
          ref: '2027-014',
          votes: Object.fromEntries(voting.map((m) => [m.id, 'for' as const])),
          resolution: 'Award the contract for three years, with a break clause after two.',
          reasons: 'The tender offered the best value and keeps people out of hospital.',
          alternatives: ['Extend the current contract for a year', 'Bring the service in house'],
        },
      ],
    });
    await meeting.executeUpdate(recordItemOutcomeUpdate, {
      args: [
        {
          by,
          ref: '2027-015',
          votes: Object.fromEntries(
            voting.map((m) => [m.id, m.partner === 'nhs' ? ('against' as const) : ('for' as const)]),
          ),
          resolution: 'Not agreed.',
          reasons: 'The NHS members want the costs revisited first.',
        },
      ],
    });
    // The record reached each decision as soon as the clerk recorded it.
    for (const handle of [first, second])
      expect((await h.status(handle)).steps.map((s) => s.kind)).toContain('meeting-record-taken');

    expect(await first.result()).toMatchObject({ status: 'implemented', meetingDate: MEETING });
    // Regs 12-13: the decision record carries the resolution, its reasons and the alternatives rejected.
    const published = h.entries.find(
      (e) => e.kind === 'decision-published' && e.processId === first.workflowId,
    )!;
    expect(published.data).toMatchObject({
      decisionText: 'Award the contract for three years, with a break clause after two.',
      reasons: ['The tender offered the best value and keeps people out of hospital.'],
      alternativesRejected: ['Extend the current contract for a year', 'Bring the service in house'],
    });

    // Not agreed: the item goes to the next meeting, whose agenda it joins.
    await h.until(at(addDays(MEETING, 1), '09:00'));
    expect(h.listings.filter((l) => l.item.ref === '2027-015').map((l) => l.meeting.date)).toEqual([
      MEETING,
      NEXT_MEETING,
    ]);
    const next = h.env.client.workflow.getHandle(meetingWorkflowId(southampton.board.id, NEXT_MEETING));
    expect(refsOn((await next.query(meetingStatusQuery)).agenda)).toEqual(['2027-015']);
    expect((await h.status(second)).stage).not.toBe('implemented');
  });

  it('an exempt item joins the agenda by its paragraph before its private-meeting confirmation is due', async () => {
    const handle = await h.start(item({ ref: '2027-016', exemptParagraph: 3 }));
    // The day before the agenda's: the item still waits to confirm its private meeting, and is listed already.
    await h.until(at(addDays(MEETING, -9), '12:00'));
    expect((await h.status(handle)).stage).toBe('awaiting-notice-period');
    const meeting = h.env.client.workflow.getHandle(meetingWorkflowId(southampton.board.id, MEETING));
    const { agenda } = await meeting.query(meetingStatusQuery);
    expect(agenda.find((e) => 'ref' in e && e.ref === '2027-016')).toMatchObject({
      kind: 'exempt',
      paragraph: 3,
    });
  });
});
