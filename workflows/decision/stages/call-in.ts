import type { HolidayCalendar } from '../../../governance/bank-holidays';
import { londonInstant } from '../../../governance/civil-date';
import { endOfLondonDay } from '../../../governance/deadlines';
import { callInWindow, scrutinyMeetingDeadline, type CallInWindow } from '../../../governance/notice';
import {
  chairAndLeads,
  democraticServices,
  officer,
  scrutinyChair,
  scrutinyCommittee,
} from '../../kit/recipients';
import type { DecisionContext } from '../context';
import type { CallIn, DecisionState, Reconsideration, ScrutinyOutcome } from '../state';

export type Standstill = { kind: 'not-called-in' } | { kind: 'called-in'; callIn: CallIn };

/** The call-in window: O&S members may call the published decision in until it closes. */
export async function callInStandstill(
  context: DecisionContext,
  state: DecisionState,
  window: CallInWindow,
): Promise<Standstill> {
  const { so, tracker, effects, waits, calendar } = context;
  const windowUnder = (c: HolidayCalendar) => callInWindow(window.published, so.callIn.windowWorkingDays, c);
  const windowOpen = waits.deadline({
    what: 'the call-in window',
    from: (c) => {
      const w = windowUnder(c);
      return { on: w.windowEnds, at: londonInstant(w.implementableFrom, '00:00') };
    },
    summary: (d) => `Call-in window closes ${d.on}`,
    show: (d) =>
      tracker.enter(
        'in-call-in-window',
        `call-in by ${so.callIn.signatoriesRequired} O&S members until ${d.on}`,
        {
          deadline: d.at,
          next: `implemented from ${windowUnder(calendar.current).implementableFrom} unless called in`,
        },
      ),
    tellMoved: (was, to) =>
      effects.notify('deadline-moved', {
        to: scrutinyCommittee(so),
        action: `A bank holiday announced since moves the end of the call-in window from ${was.on} to ${to.on}.`,
        deadline: to.on,
        per: ['call-in-window', to.on],
      }),
  });
  await effects.notify('call-in-window-open', {
    to: scrutinyCommittee(so),
    action: `The decision may be called in by ${so.callIn.signatoriesRequired} O&S members until ${window.windowEnds}.`,
    deadline: window.windowEnds,
    facts: { implementableFrom: window.implementableFrom },
  });
  const calledIn = await waits.forOrDeadline(() => state.callIn !== undefined, windowOpen);
  const callIn = state.callIn;
  if (calledIn && callIn) return { kind: 'called-in', callIn };
  const windowEnds = windowUnder(calendar.current).windowEnds;
  await effects.record('call-in-window-closed', { windowEnds });
  tracker.step('call-in-window-closed', `no call-in by ${windowEnds}`);
  return { kind: 'not-called-in' };
}

/** O&S meets on the call-in: within its working days, or late, the decision frozen until it does. */
export async function scrutinise(
  context: DecisionContext,
  state: DecisionState,
  lodged: CallIn,
): Promise<ScrutinyOutcome> {
  const { so, tracker, effects, waits, calendar } = context;
  const meetingByUnder = (c: HolidayCalendar) =>
    scrutinyMeetingDeadline(lodged.received, so.callIn.scrutinyMeetingWithinWorkingDays, c);
  const meetBy = meetingByUnder(calendar.current);
  await effects.record('call-in-lodged', {
    members: lodged.members,
    grounds: lodged.grounds,
    received: lodged.received,
    scrutinyMeetingBy: meetBy,
  });
  tracker.step('call-in-lodged', `by ${lodged.members.join(', ')}`);
  await effects.notify('scrutiny-meeting-required', {
    to: scrutinyCommittee(so),
    action: `The decision is called in and frozen: O&S must meet on it by ${meetBy}.`,
    deadline: meetBy,
    step: 'call-in-lodged',
    facts: { grounds: lodged.grounds.slice(0, 200) },
  });
  const inTime = await waits.forOrDeadline(
    () => state.scrutiny !== undefined,
    waits.deadline({
      what: 'the scrutiny meeting on the call-in',
      from: (c) => endOfLondonDay(meetingByUnder(c)),
      summary: (d) => `O&S to meet on the call-in by ${d.on}`,
      show: (d) =>
        tracker.enter('called-in', `O&S to meet and decide by ${d.on}`, {
          deadline: d.at,
          next: 'no further action: implemented; refer back: reconsidered; refer to Council: referred',
        }),
      tellMoved: (was, to) =>
        effects.notify('deadline-moved', {
          to: scrutinyCommittee(so),
          action: `A bank holiday announced since moves the day O&S must meet on the call-in by from ${was.on} to ${to.on}.`,
          deadline: to.on,
          per: ['call-in-lodged', to.on],
        }),
    }),
  );
  if (!inTime) {
    const overdueSince = meetingByUnder(calendar.current);
    await effects.notify('scrutiny-overdue', {
      to: [...scrutinyChair(so), ...democraticServices(so)],
      action: `O&S has not met on the call-in by ${overdueSince}; the decision stays frozen until it does.`,
      deadline: overdueSince,
    });
    await waits.for(() => state.scrutiny !== undefined);
  }
  const outcome = state.scrutiny!;
  await effects.record('scrutiny-outcome', {
    outcome: outcome.outcome,
    reasons: outcome.reasons,
    by: outcome.by,
  });
  tracker.step('scrutiny-outcome', outcome.outcome);
  return outcome;
}

/** O&S referred the decision back: the board confirms, amends or rescinds it. */
export async function reconsider(context: DecisionContext, state: DecisionState): Promise<Reconsideration> {
  const { so, input, tracker, effects, waits } = context;
  tracker.enter('awaiting-reconsideration', `${so.board.name} to confirm, amend or rescind`, {
    next: 'confirmed or amended: implemented; rescinded: ended',
  });
  await effects.notify('reconsideration-required', {
    to: [...chairAndLeads(so), officer(input.proposedBy)],
    action: 'O&S referred the decision back: confirm, amend or rescind it, with reasons.',
  });
  await waits.for(() => state.reconsidered !== undefined);
  const again = state.reconsidered!;
  await effects.record('decision-reconsidered', {
    outcome: again.outcome,
    reasons: again.reasons,
    by: again.by,
  });
  tracker.step('decision-reconsidered', again.outcome);
  return again;
}
