/**
 * A bank holiday that becomes known after a decision started moves its pending deadlines: the news reaches
 * the process as an Update (so replay never reads a feed from disk), the timer for the old day is cancelled
 * and one for the new day started, and whoever was given the old day is told the new one.
 *
 * The case is the usual quiet Southampton meeting (test/support/decision-harness.ts): no bank holiday five
 * weeks either side, so each proclaimed holiday below is news, and each deadline moves by plain counting.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceHolidaysUpdate, type HolidayNewsInput } from '../../definitions';
import type { CivilDate } from '../../governance/civil-date';
import { addDays, at } from '../support/dates';
import { MEETING, decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';

const minute = (iso: string) => iso.slice(0, 16);

function proclaimed(date: CivilDate, region = 'england-and-wales'): HolidayNewsInput {
  return {
    source: 'Royal Proclamation (test)',
    regions: {
      [region]: { added: [{ date, name: 'Bank holiday for a national celebration' }], removed: [] },
    },
  };
}

describe('holiday news moves a running decision’s deadlines (time-skipping server)', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  async function untilStage(handle: WorkflowHandle, stage: string): Promise<void> {
    for (let i = 0; i < 100 && (await h.status(handle)).stage !== stage; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await h.status(handle)).stage).toBe(stage);
  }

  it('a holiday before the meeting brings the agenda publication one working day earlier', async () => {
    const handle = await h.start(item());
    await untilStage(handle, 'awaiting-agenda-publication');
    // Five clear working days before the Thursday meeting: published on the Wednesday of the week before
    // (MEETING - 8). A holiday on the Monday before the meeting (MEETING - 3) takes one of those days, so the
    // Wednesday becomes a clear day and the agenda goes out on the Tuesday (MEETING - 9).
    const holiday = addDays(MEETING, -3);
    const result = await handle.executeUpdate(announceHolidaysUpdate, { args: [proclaimed(holiday)] });
    expect(result).toEqual({
      region: 'england-and-wales',
      added: [holiday],
      removed: [],
      moved: [{ what: 'agenda publication', from: addDays(MEETING, -8), to: addDays(MEETING, -9) }],
    });
    const status = await h.status(handle);
    expect(status.nextDeadline).toBe(at(addDays(MEETING, -9), '09:00'));
    expect(status.waitingFor).toBe(`agenda publication on ${addDays(MEETING, -9)}`);
    expect(status.steps.map((s) => s.kind)).toContain('deadline-moved');
    expect(h.entries.find((e) => e.kind === 'holidays-announced')?.data).toMatchObject({
      source: 'Royal Proclamation (test)',
      added: [holiday],
      moved: [{ what: 'agenda publication', from: addDays(MEETING, -8), to: addDays(MEETING, -9) }],
    });

    // News the process already keeps, or news for another nation, is refused and leaves no trace.
    for (const news of [proclaimed(holiday), proclaimed(holiday, 'scotland')]) {
      const refusal = await handle.executeUpdate(announceHolidaysUpdate, { args: [news] }).catch((e) => e);
      expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(String(refusal.cause?.message)).toMatch(/^no news for this process/);
    }
    const bad = await handle
      .executeUpdate(announceHolidaysUpdate, { args: [{ ...proclaimed(holiday), source: ' ' }] })
      .catch((e) => e);
    expect(String(bad.cause?.message)).toMatch(/^invalid holiday news: source/);

    await h.until(at(addDays(MEETING, -9), '08:30'));
    expect(h.kinds()).not.toContain('agenda-published');
    await h.until(at(addDays(MEETING, -9), '09:30'));
    const published = h.entries.find((e) => e.kind === 'agenda-published')!;
    expect(minute(published.at)).toBe(minute(at(addDays(MEETING, -9), '09:00')));
    expect(h.entries.filter((e) => e.kind === 'holidays-announced')).toHaveLength(1);
  });

  it('a holiday inside the call-in window extends it by a working day, and O&S are told', async () => {
    const handle = await h.start(item());
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, everyoneFor);
    await h.until(at(addDays(MEETING, 1), '00:30'));
    await untilStage(handle, 'in-call-in-window');
    // Published on the meeting day; the window was the Friday and Monday to Thursday after it (ending
    // MEETING + 7). A holiday on that Monday (MEETING + 4) makes it the Friday and Tuesday to Friday: it ends
    // on MEETING + 8, and the decision is implementable from the Monday after (MEETING + 11).
    const holiday = addDays(MEETING, 4);
    const result = await handle.executeUpdate(announceHolidaysUpdate, { args: [proclaimed(holiday)] });
    expect(result.moved).toEqual([
      { what: 'the call-in window', from: addDays(MEETING, 7), to: addDays(MEETING, 8) },
    ]);
    // The waiting stage tells O&S once the Update has answered: the mail may follow the answer.
    await expect.poll(() => h.notifications.some((n) => n.kind === 'deadline-moved')).toBe(true);
    const told = h.notifications.find((n) => n.kind === 'deadline-moved')!;
    expect(told.deadline).toBe(addDays(MEETING, 8));
    // The same people the window's opening told of the old day: the O&S committee.
    const opened = h.notifications.find((n) => n.kind === 'call-in-window-open')!;
    expect(opened.deadline).toBe(addDays(MEETING, 7));
    expect(told.recipients).toEqual(opened.recipients);
    expect(told.recipients.map((r) => r.email)).toEqual(
      expect.arrayContaining(southampton.overviewAndScrutiny.members.map((m) => m.email)),
    );
    expect((await h.status(handle)).nextDeadline).toBe(at(addDays(MEETING, 11), '00:00'));

    await h.until(at(addDays(MEETING, 8), '00:30'));
    expect(h.kinds()).not.toContain('implemented');
    const outcome = await handle.result();
    expect(outcome.status).toBe('implemented');
    const when = (kind: string) => minute(h.entries.find((e) => e.kind === kind)!.at);
    expect(when('implemented')).toBe(minute(at(addDays(MEETING, 11), '00:00')));
    expect(h.entries.find((e) => e.kind === 'call-in-window-closed')!.data).toMatchObject({
      windowEnds: addDays(MEETING, 8),
    });
  });
});
