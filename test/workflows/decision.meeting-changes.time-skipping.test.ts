import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelMeetingUpdate,
  meetingStatusQuery,
  meetingWorkflowId,
  moveMeetingUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  withdrawUpdate,
} from '../../definitions';
import { addDays } from '../../governance/civil-date';
import type { AgendaEntry } from '../../governance/meetings';
import { MEETING, NEXT_MEETING, decisionHarness, item, southampton } from '../support/decision-harness';
import { at } from '../support/dates';

const by = southampton.officers.democraticServices.email;
const voting = southampton.members.filter((m) => m.voting);
const refsOn = (agenda: AgendaEntry[]) => agenda.flatMap((e) => ('ref' in e ? [e.ref] : []));
/** A week later: still clear of bank holidays (MEETING is quiet five weeks either side). */
const MOVED = addDays(MEETING, 7);

/** Issue 14 items 1 and 8: a decision follows its meeting when it moves, is cancelled, or loses the item. */
describe('decision items follow their meeting on the time-skipping server', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness(undefined, { meetings: true });
  });
  afterEach(async () => {
    await h?.close();
  });
  const meetingOn = (date: string) =>
    h.env.client.workflow.getHandle(meetingWorkflowId(southampton.board.id, date));

  it('a moved meeting moves its item: its notices given again for the new date, one new invitation per member, the outcome taken there', async () => {
    const handle = await h.start(item());
    await h.until(at(addDays(MEETING, -20), '10:00'));
    const meeting = meetingOn(MEETING);
    const receipt = await meeting.executeUpdate(moveMeetingUpdate, {
      args: [{ by, date: MOVED, reason: 'The chamber is needed for a by-election count.' }],
    });
    expect(receipt).toBe(`moved to ${MOVED}`);
    // The item followed: its Forward Plan entry names the new date, and it waits for that meeting's agenda.
    await h.until(at(addDays(MEETING, -20), '11:00'));
    const status = await h.status(handle);
    expect(status.steps.find((s) => s.kind === 'meeting-moved')?.detail).toContain(`to ${MOVED}`);
    expect(status.stage).toBe('awaiting-agenda-publication');
    expect(
      h.entries
        .filter((e) => e.kind === 'forward-plan-published')
        .map((e) => (e.data as { meeting: string }).meeting),
    ).toEqual([MEETING, MOVED]);
    expect(h.listings.map((l) => l.meeting.date)).toEqual([MEETING]);
    // One replacing invitation per member, SEQUENCE one higher; the item sends none of its own.
    const moved = h.notifications.filter((n) => n.kind === 'meeting-moved');
    expect(moved.map((n) => n.invite?.sequence)).toEqual([1]);
    expect(moved[0]!.recipients.map((r) => r.email).sort()).toEqual(
      southampton.members.map((m) => m.email).sort(),
    );
    expect(h.notifications.filter((n) => n.invite && n.key.workflowId === handle.workflowId)).toEqual([]);

    await h.until(at(MOVED, '10:00'));
    await meeting.executeUpdate(recordAttendanceUpdate, {
      args: [{ by, present: southampton.members.map((m) => m.id) }],
    });
    await meeting.executeUpdate(recordItemOutcomeUpdate, {
      args: [
        {
          by,
          ref: '2027-014',
          votes: Object.fromEntries(voting.map((m) => [m.id, 'for' as const])),
          resolution: 'Award the contract for three years.',
          reasons: 'Best value.',
        },
      ],
    });
    expect(await handle.result()).toMatchObject({ status: 'implemented', meetingDate: MOVED, deferrals: 0 });
  });

  it('a cancelled meeting sends its item to the next meeting, whose agenda it joins, without counting a deferral', async () => {
    const handle = await h.start(item());
    await h.until(at(addDays(MEETING, -20), '10:00'));
    expect(
      await meetingOn(MEETING).executeUpdate(cancelMeetingUpdate, {
        args: [{ by, reason: 'No quorum is possible.' }],
      }),
    ).toBe(`cancelled; its items go to ${NEXT_MEETING}`);
    await h.until(at(addDays(MEETING, -20), '11:00'));
    const status = await h.status(handle);
    expect(status.steps.find((s) => s.kind === 'deferred')?.detail).toBe(
      `the meeting on ${MEETING} was cancelled: No quorum is possible.; returns on ${NEXT_MEETING}`,
    );
    expect(h.listings.map((l) => l.meeting.date)).toEqual([MEETING, NEXT_MEETING]);
    expect(refsOn((await meetingOn(NEXT_MEETING).query(meetingStatusQuery)).agenda)).toEqual(['2027-014']);
    expect(h.entries.find((e) => e.kind === 'deferred')?.data).toMatchObject({
      meeting: MEETING,
      nextMeeting: NEXT_MEETING,
      deferrals: 0,
    });

    // Withdrawn now, it leaves the next meeting's agenda too.
    await handle.executeUpdate(withdrawUpdate, {
      args: [
        {
          by: 'commissioning.lead@southampton.example.org',
          reason: 'The provider has gone into administration.',
        },
      ],
    });
    expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
    const next = await meetingOn(NEXT_MEETING).query(meetingStatusQuery);
    expect(refsOn(next.agenda)).toEqual([]);
    expect(next.steps.find((s) => s.kind === 'item-withdrawn')?.detail).toContain(
      'The provider has gone into administration.',
    );
  });

  it('a meeting moved earlier than its item’s agenda notice can reach defers the item to the next meeting, which it joins', async () => {
    const handle = await h.start(item());
    await h.until(at(addDays(MEETING, -10), '10:00'));
    const earlier = addDays(MEETING, -3);
    expect(
      await meetingOn(MEETING).executeUpdate(moveMeetingUpdate, {
        args: [{ by, date: earlier, reason: 'The chair must be away on the day.' }],
      }),
    ).toBe(`moved to ${earlier}; deferred: 2027-014`);
    await h.until(at(addDays(MEETING, -10), '11:00'));
    const deferred = (await h.status(handle)).steps.find((s) => s.kind === 'deferred')?.detail;
    expect(deferred).toContain(`the meeting moved from ${MEETING} to ${earlier}`);
    expect(deferred).toContain(`returns on ${NEXT_MEETING}`);
    expect(h.entries.find((e) => e.kind === 'item-deferred')?.data).toMatchObject({ to: NEXT_MEETING });
    expect(refsOn((await meetingOn(NEXT_MEETING).query(meetingStatusQuery)).agenda)).toEqual(['2027-014']);
  });

  it('an item withdrawn after the agenda is out leaves it, and the agenda is published again with a note', async () => {
    const handle = await h.start(item());
    await h.start(item({ ref: '2027-015', title: 'Community equipment service: extension' }));
    await h.until(at(addDays(MEETING, -7), '12:00'));
    const meeting = meetingOn(MEETING);
    expect(refsOn((await meeting.query(meetingStatusQuery)).agenda).sort()).toEqual(['2027-014', '2027-015']);

    await handle.executeUpdate(withdrawUpdate, {
      args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'The tender is to be re-run.' }],
    });
    expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
    await h.until(at(addDays(MEETING, -7), '13:00'));
    expect(refsOn((await meeting.query(meetingStatusQuery)).agenda)).toEqual(['2027-015']);
    const editions = h.entries.filter(
      (e) => e.kind === 'meeting-agenda-published' && e.processId === meeting.workflowId,
    );
    expect(editions.map((e) => (e.data as { note: string | null }).note)).toEqual([
      null,
      'item 2027-014 withdrawn: withdrawn by commissioning.lead@southampton.example.org: The tender is to be re-run.',
    ]);
  });
});
