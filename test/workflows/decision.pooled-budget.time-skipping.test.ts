/**
 * Decisions and the pooled budget (P6) on the time-skipping server: an item on a scheme reserves its money
 * when agreed, commits it when implemented and gives it back when rescinded; of two items agreed at the
 * same meeting that each fit the scheme but not together, one takes the money and the other is referred.
 * The pooled budget here is the in-memory stand-in with the process's own rule (the real process and the
 * activity that reaches it are tested in pooled-budget.time-skipping and pooled-budget.dev-server).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callInUpdate, reconsiderationUpdate, scrutinyOutcomeUpdate } from '../../definitions';
import { addDays, at } from '../support/dates';
import { MEETING, decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';

const OFFICER = southampton.officers.democraticServices.email;
const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);
const holder = (ref: string) => `decision/${southampton.board.id}/${ref}`;
/** Carers: £1,374,000 in the Southampton s75 pool (southampton-2017 ¶24). */
const onCarers = (ref: string, amountGbp: number) =>
  item({ ref, topic: 'carers support', schemeId: 'carers', amountGbp });

describe('decisions hold their money on the pooled budget', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('gives the last headroom to one of two items agreed together, and commits it when implemented', async () => {
    const first = await h.start(onCarers('2027-050', 800_000));
    const second = await h.start(onCarers('2027-051', 800_000));
    await h.until(at(MEETING, '10:00'));
    await h.vote(first, everyoneFor);
    await h.vote(second, everyoneFor);
    // One result at a time: two time-skipping result() calls at once unlock time skipping twice, and the
    // server then skips time while a workflow task is in flight (it times out and the run never finishes).
    const results = [await first.result(), await second.result()];
    expect(results.map((r) => r.status).sort()).toEqual(['implemented', 'referred']);
    const referred = results.find((r) => r.status === 'referred')!;
    expect(referred.reasons).toEqual([
      'referred to Cabinet and the NHS board',
      '£800,000 would over-commit the Carers pooled budget: of £1,374,000, £800,000 is reserved and £0 committed, leaving £574,000',
    ]);
    const taker = results[0]!.status === 'implemented' ? '2027-050' : '2027-051';
    const other = taker === '2027-050' ? '2027-051' : '2027-050';
    expect(h.holds.map((x) => [x.action, x.holder, x.answer])).toEqual([
      ['reserve', holder(taker), 'ok'],
      ['reserve', holder(other), expect.stringContaining('would over-commit the Carers pooled budget')],
      ['commit', holder(taker), 'ok'],
    ]);
  });

  it('gives the money back when the decision is rescinded after a call-in', async () => {
    const handle = await h.start(onCarers('2027-052', 1_374_000));
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, everyoneFor);
    await h.until(at(addDays(MEETING, 1), '10:00'));
    await handle.executeUpdate(callInUpdate, {
      args: [{ members: osMembers.slice(0, 5), grounds: 'The whole pool for one contract.' }],
    });
    await h.until(at(addDays(MEETING, 5), '10:00'));
    expect(await h.status(handle)).toMatchObject({ stage: 'called-in' });
    await handle.executeUpdate(scrutinyOutcomeUpdate, {
      args: [{ by: OFFICER, outcome: 'refer-back', reasons: 'Leave room for the rest of the year' }],
    });
    await h.until(at(addDays(MEETING, 6), '10:00'));
    await handle.executeUpdate(reconsiderationUpdate, {
      args: [{ by: OFFICER, outcome: 'rescind', reasons: 'The board will split the contract.' }],
    });
    expect((await handle.result()).status).toBe('rescinded');
    expect(h.holds.map((x) => [x.action, x.holder, x.answer])).toEqual([
      ['reserve', holder('2027-052'), 'ok'],
      ['release', holder('2027-052'), 'ok'],
    ]);
    expect(h.holds[1]).toMatchObject({ reason: 'rescinded: The board will split the contract.' });
    // The whole pool is free again for the next item.
    expect(
      await h.activities.holdPooledBudget({
        action: 'reserve',
        holder: holder('2027-053'),
        schemeId: 'carers',
        amountGbp: 1_374_000,
        standingOrders: southampton,
        startYear: 2027,
      }),
    ).toEqual({ ok: true });
  });
});
