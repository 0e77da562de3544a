import { describe, expect, it } from 'vitest';
import { addDays } from '../../governance/civil-date';
import { itemTimeline } from '../../governance/item-timeline';
import { at } from '../support/dates';
import { MEETING, item, southampton } from '../support/decision-harness';

/** MEETING is a Thursday with no bank holiday 5 weeks either side (test/support/decision-harness.ts). */
const early = Date.parse(at(addDays(MEETING, -56), '09:00'));
const late = Date.parse(at(addDays(MEETING, -3), '09:00'));

describe('an item’s statutory timeline before it is proposed', () => {
  it('counts a key decision’s Forward Plan, agenda, decision, call-in and implementation days', () => {
    const timeline = itemTimeline(item(), southampton, early);
    expect(timeline).toMatchObject({
      route: 'decide-at-board',
      keyDecision: true,
      publishable: addDays(MEETING, -56),
      // 28 clear days: the Wednesday 29 days before; the agenda 5 clear working days: the Wednesday before.
      notice: { route: 'forward-plan', forwardPlanBy: addDays(MEETING, -29) },
      agendaBy: addDays(MEETING, -8),
      agendaTooLate: false,
      decision: MEETING,
      // Published on the meeting day: five working days of call-in (Fri, Mon-Thu), implementable on Friday.
      callIn: { exempt: false, windowEnds: addDays(MEETING, 7), implementableFrom: addDays(MEETING, 8) },
    });
  });

  it('takes a late key decision by special urgency, exempt from call-in, and flags a late ordinary item', () => {
    expect(itemTimeline(item(), southampton, late)).toMatchObject({
      notice: { route: 'special-urgency' },
      callIn: { exempt: true },
    });
    const ordinary = itemTimeline(item({ amountGbp: 1000 }), southampton, late);
    expect(ordinary.keyDecision).toBe(false);
    expect(ordinary.notice).toBeUndefined();
    expect(ordinary.agendaTooLate).toBe(true);
  });
});
