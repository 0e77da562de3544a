import type { z } from 'zod';
import {
  signOffSchema,
  signOffUpdate,
  takeUnsignedAsLateUpdate,
  unsignedAsLateSchema,
} from '../../definitions';
import { democraticServicesRefusal } from '../../governance/authority';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import type { CivilDate } from '../../governance/civil-date';
import { endOfLondonDay } from '../../governance/deadlines';
import { MEETING_ALLOWED_IN } from '../../governance/meeting-stages';
import { lateItemConsentProblem } from '../../governance/meetings';
import {
  missingSignOffReason,
  signOffProblem,
  signOffRefusal,
  signOffsDue,
  type SignOffDue,
} from '../../governance/sign-offs';
import { action } from '../kit/actions';
import { democraticServices } from '../kit/recipients';
import { sleepUntilDeadline, whenMoved } from '../kit/waits';
import { defer } from './changes';
import type { MeetingContext } from './context';

const refuse = (message: string): never => {
  throw new Error(message);
};

/** The agenda's day under a calendar: its own day, as holiday news moves it, or the day asked for. */
type AgendaDayUnder = (calendar: HolidayCalendar) => CivilDate;

/**
 * Before the agenda's first publication: waits for each sign-off's due day (holiday news moves it) and
 * chases every item still without it. True when a change to the meeting (an item, a move) cut a wait short.
 */
export async function chaseSignOffs(
  context: MeetingContext,
  agendaDayUnder: AgendaDayUnder,
  changed: () => boolean,
): Promise<boolean> {
  const { signOffs, state, tracker, calendar } = context;
  if (!signOffs.tracked || state.agendaPublishedOn) return false;
  for (;;) {
    const dueUnder = (cal: HolidayCalendar) => signOffsDue(signOffs.rules, agendaDayUnder(cal), cal);
    signOffs.dues = dueUnder(calendar.current);
    // An item that joined after a due day is chased at once.
    for (const d of signOffs.dues.filter((x) => signOffs.wasChased(x)))
      await chase(context, d, agendaDayUnder(calendar.current));
    const next = signOffs.dues.find((d) => !signOffs.wasChased(d));
    if (!next) return false;
    const nextUnder = (cal: HolidayCalendar) => dueUnder(cal).find((d) => d.role === next.role)!.due;
    const at = endOfLondonDay(next.due);
    tracker.show('scheduled', `the ${next.role} sign-off of every item by ${next.due}`, at.at);
    const reached = await sleepUntilDeadline(
      {
        what: `${next.role} sign-off`,
        calendar,
        from: (cal) => endOfLondonDay(nextUnder(cal)),
        summary: (d) => `${next.role} sign-off due ${d.on}`,
        moved: whenMoved(`${next.role} sign-off`, {
          step: (kind, detail) => tracker.step(kind, detail),
          show: () => tracker.again(),
        }),
      },
      changed,
    );
    if (changed()) return true;
    const due = { role: next.role, due: reached.on };
    signOffs.dues = dueUnder(calendar.current);
    signOffs.markChased(due);
    await chase(context, due, agendaDayUnder(calendar.current));
  }
}

/** Mail to the officer and democratic services, and a register entry, for each item still without it. */
async function chase(context: MeetingContext, due: SignOffDue, agendaDay: CivilDate): Promise<void> {
  const { so, state, tracker, effects, signOffs } = context;
  const rule = signOffs.rules.find((r) => r.role === due.role)!;
  const officer = rule.officer.email;
  const unsigned = state.agenda.filter(
    (i) => signOffs.missing(i).some((m) => m.role === due.role) && signOffs.chaseItem(i.ref, due),
  );
  if (unsigned.length === 0) return;
  for (const item of unsigned) {
    tracker.step('sign-off-chased', `${item.ref}: ${due.role} sign-off due ${due.due}, not given`);
    await effects.record(
      'sign-off-chased',
      { ref: item.ref, role: due.role, due: due.due, officer },
      { per: [item.ref, due.role, due.due] },
    );
    await effects.notify('sign-off-chased', {
      to: [
        { role: 'officer', name: rule.officer.name ?? officer, email: officer },
        ...democraticServices(so),
      ],
      action: `Give the ${due.role} sign-off for ${item.ref} now: it was due by ${due.due}. Without it the item is deferred to the next meeting when the agenda is published on ${agendaDay}, unless the chair consents to take it as a late item.`,
      deadline: agendaDay,
      per: [item.ref, due.role, due.due],
      facts: { meeting: state.date, item: item.ref, signOff: due.role, due: due.due },
      summary: `Chase the ${due.role} sign-off for ${item.ref}`,
    });
  }
  tracker.again();
}

/** On the agenda's day: items still without a sign-off go to the next meeting, with the reason. */
export async function deferUnsigned(context: MeetingContext): Promise<void> {
  const { signOffs, state } = context;
  if (!signOffs.tracked || state.agendaPublishedOn) return;
  const unsigned = state.agenda.filter((i) => signOffs.missing(i).length > 0);
  // A decision item is told, so it goes to the next meeting's agenda rather than wait for this one.
  await defer(
    context,
    unsigned,
    (i) =>
      signOffs
        .missing(i)
        .map((m) => missingSignOffReason(m.role, m.due))
        .join('; '),
    { tell: state.date },
  );
}

/** The officer named for each sign-off gives it; the chair may take an unsigned item as a late item. */
export function signOffActions(context: MeetingContext) {
  const { so, state, tracker, effects, signOffs, today } = context;
  const beforeTheAgenda = (name: string) => ({
    in: MEETING_ALLOWED_IN[name === 'signOff' ? 'signOff' : 'takeUnsignedAsLate'],
    otherwise: (stage: string) =>
      state.agendaPublishedOn
        ? `${name}: the agenda for ${state.date} is out (published ${state.agendaPublishedOn}); sign-offs are due before it`
        : `${name}: not while the meeting is ${stage}`,
  });
  const onAgenda = (ref: string) => {
    if (!state.item(ref)) refuse(`ref: ${ref} is not on the agenda for ${state.date}`);
  };
  return {
    signOff: action(signOffUpdate, {
      schema: signOffSchema,
      known: (p) => {
        if (!signOffs.tracked && signOffs.rules.length)
          refuse('role: this meeting began before sign-offs were tracked');
        const problem = signOffProblem(
          signOffs.rules,
          { ref: p.ref, onAgenda: !!state.item(p.ref), given: signOffs.givenFor(p.ref, p.role) },
          p.role,
        );
        if (problem) refuse(problem);
      },
      who: (p: z.output<typeof signOffSchema>) => signOffRefusal(signOffs.rules, p.role, p.by),
      actor: (p) => p.by,
      allowed: beforeTheAgenda('signOff'),
      apply: async (p) => {
        signOffs.give(p.ref, p.role, p.by, today(), p.note);
        tracker.step('signed-off', `${p.ref}: ${p.role} by ${p.by}`);
        tracker.again();
        await effects.record(
          'signed-off',
          { ref: p.ref, role: p.role, by: p.by, note: p.note },
          { per: [p.ref, p.role] },
        );
        return `${p.ref}: ${p.role} sign-off given by ${p.by}`;
      },
    }),
    takeUnsignedAsLate: action(takeUnsignedAsLateUpdate, {
      schema: unsignedAsLateSchema,
      known: (p) => onAgenda(p.ref),
      who: (p: z.output<typeof unsignedAsLateSchema>) =>
        democraticServicesRefusal(so, p.by, 'record the chair’s consent to a late item'),
      actor: (p) => p.by,
      allowed: beforeTheAgenda('takeUnsignedAsLate'),
      check: (p) => {
        const problem = lateItemConsentProblem(so, p.chairConsent);
        if (problem) refuse(problem);
        if (state.item(p.ref)?.late) refuse(`ref: ${p.ref} is already a late item`);
      },
      apply: async (p) => {
        const missing = signOffs.missing(state.item(p.ref)!);
        state.takeAsLate(p.ref, p.chairConsent);
        tracker.step('late-item-added', `${p.ref}: ${p.chairConsent.reasons}`);
        tracker.again();
        await effects.record(
          'late-item-added',
          { ref: p.ref, chairConsent: p.chairConsent, signOffsMissing: missing },
          { per: [p.ref] },
        );
        return `${p.ref} goes to the meeting on ${state.date} as a late item with the chair’s consent`;
      },
    }),
  };
}
