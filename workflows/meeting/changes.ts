import { patched, workflowInfo } from '@temporalio/workflow';
import type { MeetingChangeUpdate, MoveMeetingUpdate, WithdrawItemUpdate } from '../../definitions';
import { type CivilDate, compareCivilDates, maxCivilDate } from '../../governance/civil-date';
import { compliesWithNotice } from '../../governance/notice';
import {
  arrangementsOf,
  meetingLocation,
  nextMeetingAfter,
  noticeAfterMove,
} from '../../governance/meetings';
import { tellItemOfMeetingChange } from '../kit/proxies';
import { boardMembers } from '../kit/recipients';
import type { MeetingContext } from './context';
import type { AgendaDue, MeetingItem } from './state';

/** The register's meeting entry: its time and place, and the invitation's SEQUENCE. */
export function scheduled(context: MeetingContext, summary: string) {
  const { state, effects, invitation } = context;
  const invite = invitation('REQUEST');
  return effects.record(
    'meeting-scheduled',
    {
      meeting: state.date,
      title: invite.summary,
      startsAt: invite.start,
      endsAt: invite.end,
      location: meetingLocation(state.arrangements),
      attendance: state.arrangements.attendance,
      sequence: state.sequence,
    },
    { per: [state.sequence], summary },
  );
}

/** An item joins the agenda (a late one with the chair's consent); an exempt item's title stays private. */
export async function addToAgenda(context: MeetingContext, item: MeetingItem): Promise<string> {
  const { state, tracker, effects } = context;
  state.add(item);
  const kind = item.late ? 'late-item-added' : 'agenda-item-added';
  tracker.step(kind, item.late ? `${item.ref}: ${item.late.reasons}` : item.ref);
  tracker.again();
  await effects.record(
    kind,
    {
      ref: item.ref,
      ...(item.exemptParagraph === null
        ? { title: item.title }
        : { exempt: { paragraph: item.exemptParagraph } }),
      keyDecision: item.keyDecision,
      ...(item.late ? { chairConsent: item.late } : {}),
    },
    { per: [item.ref] },
  );
  const number = tracker.status.agenda.find((e) => 'ref' in e && e.ref === item.ref)?.number;
  return `${item.ref} is item ${number} of the agenda for ${state.date}`;
}

/**
 * Meetings moved or cancelled before they told their items' decisions left those decisions to find out at
 * the old date's end of day; those keep doing so.
 */
export const TELL_ITEMS_OF_CHANGES = 'tell-items-of-changes';

/**
 * An item's decision process is told what became of its meeting, so its own notices, waits and deferrals
 * follow the meeting's. A refusal (the item moved on meanwhile) is kept as a step, not retried.
 */
async function tellDecision(
  context: MeetingContext,
  item: MeetingItem,
  /** The meeting's date as the item knows it (before a move, the old one). */
  meeting: CivilDate,
  change: MeetingChangeUpdate['change'],
) {
  const { so, state, tracker } = context;
  if (!item.decision || !patched(TELL_ITEMS_OF_CHANGES)) return;
  if (context.effects.writesTogether) await context.effects.written();
  const answer = await tellItemOfMeetingChange(
    {
      decisionId: item.decision,
      change: { by: so.officers.democraticServices.email, meeting, change },
      updateId: `${workflowInfo().workflowId}/${change.kind}/${state.sequence}/${item.ref}`,
    },
    `Tell ${item.decision} its meeting ${change.kind === 'moved' ? `moved to ${change.to}` : 'deferred it'}`,
  );
  tracker.step(
    answer.ok ? 'decision-told' : 'decision-refused-change',
    `${item.ref}: ${answer.ok ? answer.receipt : answer.reason}`,
  );
}

/**
 * Items go to the next meeting, with the reason, on the register. `tell` gives the meeting's date as the
 * items know it, to tell their decisions (a move, a cancellation; at the end of the meeting day each
 * decision counts its own outcome and is not told).
 */
export async function defer(
  context: MeetingContext,
  items: MeetingItem[],
  reasonOf: (i: MeetingItem) => string,
  options: { tell?: CivilDate } = {},
) {
  const { so, state, tracker, effects } = context;
  // A moved meeting's own calendar day is no longer a meeting to defer to.
  const to = nextMeetingAfter(
    so.meetings.filter((d) => d !== state.input.date || d === state.date),
    state.date,
  );
  for (const item of items) {
    const reason = reasonOf(item);
    state.defer({ ref: item.ref, reason, ...(to ? { to } : {}) });
    tracker.step('item-deferred', `${item.ref}: ${reason}`);
    await effects.record('item-deferred', { ref: item.ref, reason, to: to ?? null }, { per: [item.ref] });
    if (options.tell) await tellDecision(context, item, options.tell, { kind: 'deferred', reason });
  }
}

/** The item's officer withdrew it: it leaves the agenda, and an agenda already out is published again. */
export async function withdrawItem(context: MeetingContext, p: WithdrawItemUpdate): Promise<string> {
  const { state, tracker, effects, today } = context;
  const note = `item ${p.ref} withdrawn: ${p.reason}`;
  state.withdraw(p.ref, compareCivilDates(today(), state.date) < 0 ? { on: today(), note } : undefined);
  tracker.step('item-withdrawn', note);
  tracker.again();
  await effects.record('agenda-item-withdrawn', { ref: p.ref, reason: p.reason }, { per: [p.ref] });
  return `${p.ref} is withdrawn from the agenda for ${state.date}`;
}

/**
 * The meeting moves: each item's notices are judged for the new date (one that no longer complies is
 * deferred, with the reason), the agenda is published again, and every member's invitation is replaced
 * (SEQUENCE one higher).
 */
export async function move(context: MeetingContext, p: MoveMeetingUpdate): Promise<string> {
  const { so, state, tracker, effects, calendar, today, agendaDay } = context;
  const from = state.date;
  const { by: _by, date, reason, ...own } = p;
  const arrangements = arrangementsOf({ meetingArrangements: state.arrangements }, own);
  const verdicts = state.agenda.map((item) => ({
    item,
    verdict: noticeAfterMove(state.noticesOf(item), date, today(), so.notice, calendar.current),
  }));
  const note = `the meeting moved from ${from} to ${date}: ${reason}`;
  const published = state.agendaPublishedOn;
  const again: AgendaDue | undefined =
    published && compliesWithNotice(published, date, so.notice.agenda, calendar.current)
      ? { on: today(), note }
      : {
          on: maxCivilDate(today(), agendaDay(date)),
          ...(published ? { note } : {}),
          followsCalendar: compareCivilDates(agendaDay(date), today()) >= 0,
        };
  state.move(date, arrangements, again);
  tracker.step('meeting-moved', note);
  await defer(
    context,
    verdicts.filter((v) => !v.verdict.complies).map((v) => v.item),
    (item) => {
      const v = verdicts.find((x) => x.item === item)!.verdict;
      return v.complies ? '' : `${note}; ${v.reason}`;
    },
    { tell: from },
  );
  for (const { item } of verdicts.filter((v) => v.verdict.complies))
    await tellDecision(context, item, from, { kind: 'moved', to: date, reason });
  tracker.again();
  await scheduled(context, `Record the meeting moved to ${date}`);
  await effects.notify('meeting-moved', {
    to: boardMembers(so),
    action: `The meeting has moved to ${date} at ${arrangements.startTime}: update your diary (the invitation replaces the earlier one).`,
    per: [state.sequence],
    facts: { from, to: date, reason },
    invite: context.invitation('REQUEST'),
    summary: `Invite every member to the meeting moved to ${date}`,
  });
  return `moved to ${date}${state.deferred.length ? `; deferred: ${state.deferred.map((d) => d.ref).join(', ')}` : ''}`;
}

/** The meeting is cancelled: its items go to the next meeting and every member's invitation is cancelled. */
export async function cancel(context: MeetingContext, reason: string, by: string): Promise<string> {
  const { so, state, tracker, effects } = context;
  state.cancel(reason, by);
  tracker.step('meeting-cancelled', reason);
  await defer(context, state.agenda, () => `the meeting on ${state.date} was cancelled: ${reason}`, {
    tell: state.date,
  });
  await effects.record(
    'meeting-cancelled',
    { meeting: state.date, reason, sequence: state.sequence },
    { per: [state.sequence] },
  );
  await effects.notify('meeting-cancelled', {
    to: boardMembers(so),
    action: `No action needed: the meeting on ${state.date} is cancelled (${reason}).`,
    per: [state.sequence],
    facts: { meeting: state.date, reason },
    invite: context.invitation('CANCEL'),
    summary: `Cancel every member's invitation to the meeting on ${state.date}`,
  });
  const to = state.deferred[0]?.to;
  return `cancelled${state.deferred.length ? `; its items go to ${to ?? 'a later meeting'}` : ''}`;
}
