/**
 * Issue 17: a member's vote (or declared interest) is answered as soon as it is taken, not after its
 * register write; the write still happens once, and before any later entry of the item.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GovernanceActivities, RegisterEntry } from '../../activities/contract';
import { declareInterestUpdate } from '../../definitions';
import { MEETING, decisionHarness, everyoneFor, item } from '../support/decision-harness';
import { at } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';

const MEMBER_ENTRIES = ['vote-recorded', 'interest-declared'];
const DECLARING = 'finn-hughes';

/** Fails if `answer` takes longer than a member should wait with the register held up. */
function answeredWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    answer,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`not answered within ${ms} ms of the register`)), ms),
    ),
  ]);
}

/** The register as the double keeps it, except that members' entries wait until the register is let go. */
function heldRegister() {
  const base = recordingActivities().activities;
  const written: string[] = [];
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));
  const activities: GovernanceActivities = {
    ...base,
    async record(entry: RegisterEntry) {
      if (MEMBER_ENTRIES.includes(entry.kind)) await released;
      written.push(entry.kind);
      return { duplicate: false };
    },
  };
  return { activities, written, letGo };
}

describe('votes answered before their register write (time-skipping server)', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  let register: ReturnType<typeof heldRegister>;
  beforeEach(async () => {
    register = heldRegister();
    h = await decisionHarness(register.activities);
  });
  afterEach(async () => {
    register.letGo();
    await h?.close();
  });

  it('answers each vote and the declared interest while the register is held; writes them once, before the meeting’s entries', async () => {
    const handle = await h.start(item());
    await h.until(at(MEETING, '10:00'));
    await answeredWithin(
      handle.executeUpdate(declareInterestUpdate, {
        args: [{ member: DECLARING, interest: 'employed by a bidder' }],
      }),
      15_000,
    );
    const votes = everyoneFor.filter((v) => v.member !== DECLARING);
    await answeredWithin(h.vote(handle, votes), 30_000);
    expect((await h.status(handle)).steps.map((s) => s.kind)).toContain('vote-recorded');

    // Every vote is in: the count would follow, but the meeting's entry waits for the members' writes.
    const scheduled = () => h.entries.map((e) => e.kind);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(scheduled()).not.toContain('meeting-held');
    expect(register.written.filter((k) => MEMBER_ENTRIES.includes(k))).toEqual([]);

    register.letGo();
    expect(await handle.result()).toMatchObject({ status: 'implemented', meetingDate: MEETING });
    const members = ['interest-declared', ...votes.map(() => 'vote-recorded')];
    expect(register.written.slice(3, 3 + members.length).sort()).toEqual(members.sort());
    expect(register.written.slice(0, 3)).toEqual([
      'classified',
      'forward-plan-published',
      'agenda-published',
    ]);
    expect(register.written.slice(3 + members.length, 3 + members.length + 2)).toEqual([
      'meeting-held',
      'consensus-reached',
    ]);
    // Exactly once each: the double's idempotency key saw every member's entry once.
    expect(scheduled().filter((k) => MEMBER_ENTRIES.includes(k))).toHaveLength(members.length);
  });
});
