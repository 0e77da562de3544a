import { allHandlersFinished, condition, sleep } from '@temporalio/workflow';
import type { MeetingResult } from '../../definitions';
import { londonInstant } from '../../governance/civil-date';
import { atLondonTime, endOfLondonDay, type Deadline } from '../../governance/deadlines';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import {
  agendaOrder,
  agendaPageUrl,
  agendaPublicationDay,
  meetingLocation,
  minutesDraftDue,
} from '../../governance/meetings';
import { authorityDigest } from '../../governance/standing-orders/registration';
import { requireRegistered } from '../kit/proxies';
import { boardMembers } from '../kit/recipients';
import { sleepUntilDeadline, waitUntilDeadline, whenMoved, type WorkingDayDeadline } from '../kit/waits';
import { defer, scheduled } from './changes';
import { chaseSignOffs, deferUnsigned } from './sign-offs';
import type { MeetingContext } from './context';
import { minutesOf } from './minutes';
import type { AgendaDue } from './state';

/** Sleeps until `at` unless `changed()` first; true when it changed. */
async function sleepUnless(at: string, summary: string, changed: () => boolean): Promise<boolean> {
  const ms = Date.parse(at) - Date.now();
  if (ms <= 0) return changed();
  return condition(changed, ms, { summary });
}

/** The meeting goes on the register and every member gets one invitation to it (SEQUENCE 0). */
export async function arrange(context: MeetingContext): Promise<void> {
  const { so, state, tracker, effects } = context;
  // A client that bypassed the CLI could bring standing orders of its own: nothing happens under those.
  await requireRegistered({ boardId: so.board.id, digest: authorityDigest(so) });
  tracker.step(
    'meeting-arranged',
    `${state.date} at ${state.arrangements.startTime}, ${meetingLocation(state.arrangements)}`,
  );
  tracker.show('scheduled', `agenda publication on ${state.agendaDue?.on}`);
  await scheduled(context, `Record the meeting on ${state.date}`);
  await effects.notify('meeting-scheduled', {
    to: boardMembers(so),
    action: `Put the meeting on ${state.date} at ${state.arrangements.startTime} in your diary; the agenda follows.`,
    per: [state.sequence],
    facts: { meeting: state.date, where: meetingLocation(state.arrangements) },
    invite: context.invitation('REQUEST'),
    summary: `Invite every member to the meeting on ${state.date}`,
  });
}

/** The agenda's day under a calendar: its own day (holiday news moves it), or the day asked for. */
function agendaDayUnder(context: MeetingContext, due: AgendaDue) {
  const { so, state } = context;
  return (cal: HolidayCalendar) =>
    due.followsCalendar ? agendaPublicationDay(state.date, so.notice, cal) : due.on;
}

/** The agenda's publication as a deadline: on its day, as holiday news moves it, or on the day asked for. */
function agendaDeadline(context: MeetingContext, due: AgendaDue): WorkingDayDeadline {
  const { state, tracker, calendar } = context;
  const stage = () => (state.agendaPublishedOn ? 'agenda-published' : 'scheduled');
  return {
    what: 'agenda publication',
    calendar,
    from: (cal) => atLondonTime(agendaDayUnder(context, due)(cal), '09:00'),
    summary: () => `Publish the agenda for ${state.date}`,
    moved: whenMoved('agenda publication', {
      step: (kind, detail) => tracker.step(kind, detail),
      show: (to) => {
        state.agendaMoved(to.on);
        tracker.show(stage(), `agenda publication on ${to.on}`, to.at);
      },
    }),
  };
}

/**
 * Until the meeting day: the agenda is published on its day (again, with a note, when a late item joins or
 * the meeting moves), and a move or cancellation wakes the process to start again from the new dates.
 */
export async function beforeTheMeeting(context: MeetingContext): Promise<'meeting-day' | 'cancelled'> {
  const { so, state, tracker } = context;
  for (;;) {
    if (state.cancelled) return 'cancelled';
    const seen = state.changes;
    const changed = () => state.changes !== seen;
    const due = state.agendaDue;
    if (due && (await chaseSignOffs(context, agendaDayUnder(context, due), changed))) continue;
    if (due) {
      const { at } = atLondonTime(due.on, '09:00');
      tracker.show(
        state.agendaPublishedOn ? 'agenda-published' : 'scheduled',
        `agenda publication on ${due.on}`,
        at,
      );
      await sleepUntilDeadline(agendaDeadline(context, due), changed);
      if (changed()) continue;
      await deferUnsigned(context);
      await publishAgenda(context, due);
      continue;
    }
    const opens = londonInstant(state.date, '00:00');
    tracker.show('agenda-published', `the meeting on ${state.date}`, opens);
    if (await sleepUnless(opens, `Meeting of ${so.board.name}, ${state.date}`, changed)) continue;
    return 'meeting-day';
  }
}

/** One agenda for the meeting, to every member: the items in order, exempt ones by paragraph only. */
async function publishAgenda(context: MeetingContext, due: AgendaDue): Promise<void> {
  const { so, state, tracker, effects, today } = context;
  state.agendaPublished(today());
  tracker.show('agenda-published', `the meeting on ${state.date}`, londonInstant(state.date, '00:00'));
  const edition = state.agendaEditions;
  const agenda = agendaOrder(state.agenda);
  const url = agendaPageUrl(state.arrangements.publicPagesUrl, so.board.id, state.input.date);
  tracker.step(
    'agenda-published',
    `edition ${edition}, ${state.agenda.length} item(s)${due.note ? `: ${due.note}` : ''}`,
  );
  await effects.record(
    'meeting-agenda-published',
    {
      meeting: state.date,
      edition,
      publishedOn: state.agendaPublishedOn,
      agenda,
      url,
      note: due.note ?? null,
    },
    { per: [edition] },
  );
  await effects.notify('agenda-published', {
    to: boardMembers(so),
    action: `Read the agenda and reports and come to the meeting on ${state.date} at ${state.arrangements.startTime}; declare any interest at the start.`,
    deadline: state.date,
    per: ['meeting', edition],
    facts: {
      meeting: state.date,
      where: meetingLocation(state.arrangements),
      items: state.agenda.length,
      agenda: url,
      ...(due.note ? { note: due.note } : {}),
    },
    summary: `Send the agenda for ${state.date} (edition ${edition})`,
  });
}

/**
 * The meeting day: the clerk records attendance, interests and each item's votes and resolution (quorum
 * judged per item); at the end of the day items not taken, not agreed or inquorate go to the next meeting.
 */
export async function holdMeeting(context: MeetingContext): Promise<void> {
  const { state, tracker, effects } = context;
  const closes = endOfLondonDay(state.date).at;
  tracker.show('in-session', 'the clerk’s record of attendance, interests, votes and resolutions', closes);
  const ms = Date.parse(closes) - Date.now();
  if (ms > 0) await sleep(ms, { summary: `End of the meeting day ${state.date}` });
  await condition(allHandlersFinished);
  const untaken = state.agenda.filter((i) => state.outcomeOf(i.ref)?.outcome !== 'consensus');
  await defer(context, untaken, (i) => {
    const o = state.outcomeOf(i.ref);
    if (!o) return `not taken at the meeting on ${state.date}`;
    return o.outcome === 'inquorate'
      ? 'the meeting was inquorate for the item'
      : 'the partners did not reach consensus';
  });
  await effects.record('meeting-held', {
    meeting: state.date,
    present: state.attendance?.present ?? [],
    apologies: state.attendance?.apologies ?? [],
    outcomes: state.allOutcomes.map((o) => ({ ref: o.ref, outcome: o.outcome })),
  });
  tracker.step('meeting-held', `${state.allOutcomes.length} item(s) decided or taken`);
}

/** Draft minutes are published by the clerk, or from the record on their due day at the latest. */
export async function draftMinutes(context: MeetingContext): Promise<void> {
  const { state, tracker, effects, calendar } = context;
  const days = state.arrangements.minutesDraftWorkingDays;
  const dueUnder = (cal: HolidayCalendar) => atLondonTime(minutesDraftDue(state.date, days, cal), '09:00');
  const show = (due: Deadline) => {
    state.minutesDue(due.on);
    tracker.show('minutes-due', `the draft minutes, due by ${due.on}`, due.at);
  };
  show(dueUnder(calendar.current));
  const drafted = await waitUntilDeadline(
    {
      what: 'draft minutes',
      calendar,
      from: dueUnder,
      summary: () => `Draft minutes of ${state.date} due`,
      moved: whenMoved('draft minutes', { step: (kind, detail) => tracker.step(kind, detail), show }),
    },
    () => state.minutes.draftPublishedOn !== undefined,
  );
  if (!drafted && !state.minutes.draftPublishedOn)
    state.draftMinutes(state.minutes.draftDue!, 'govflow, from the record on the day they were due');
  tracker.step('minutes-drafted', `published ${state.minutes.draftPublishedOn} by ${state.minutes.draftBy}`);
  tracker.show('minutes-drafted', 'approval of the minutes as the first business of the next meeting');
  await effects.record('minutes-draft-published', {
    ...minutesOf(context),
    publishedOn: state.minutes.draftPublishedOn,
    by: state.minutes.draftBy,
  });
}

/** The minutes are approved (or amended and approved) as the first business of a later meeting. */
export async function approveMinutes(context: MeetingContext): Promise<void> {
  const { state, tracker, effects } = context;
  await condition(() => state.minutes.approvedAt !== undefined);
  await effects.record('minutes-approved', {
    ...minutesOf(context),
    approvedAt: state.minutes.approvedAt,
    amendments: state.minutes.amendments ?? '',
  });
  tracker.step('minutes-approved', `at the meeting on ${state.minutes.approvedAt}`);
  tracker.show('minutes-approved', 'nothing: the minutes are approved');
}

/** What the meeting came to. */
export async function concluded(
  context: MeetingContext,
  outcome: MeetingResult['outcome'],
): Promise<MeetingResult> {
  const { state, tracker } = context;
  if (outcome === 'cancelled')
    tracker.show('cancelled', `nothing: the meeting was cancelled (${state.cancelled?.reason})`);
  // Its effects written before it ends; an Update's are written before the Update answers.
  if (context.effects.writesTogether) await context.effects.written();
  await condition(allHandlersFinished);
  return { outcome, date: state.date, outcomes: state.allOutcomes, deferred: [...state.deferred] };
}
