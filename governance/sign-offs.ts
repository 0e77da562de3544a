/**
 * Sign-offs before the agenda deadline (issue 14 item 4): each of the board's sign-offs is due a number of
 * working days before the agenda's publication day; an item still missing one on that day is deferred,
 * unless the chair consented to take it as a late item. Pure and deterministic.
 */
import { sameEmail, type Refusal } from './authority';
import type { HolidayCalendar } from './bank-holidays';
import { compareCivilDates, type CivilDate } from './civil-date';
import type { SignOffRule } from './standing-orders/schema';
import { addWorkingDays } from './working-days';

/** The day a sign-off is due: its working days counted back from the agenda's publication day. */
export function signOffDueDay(agendaDay: CivilDate, rule: SignOffRule, calendar: HolidayCalendar): CivilDate {
  return addWorkingDays(agendaDay, -rule.workingDaysBeforeAgenda, calendar);
}

export interface SignOffDue {
  role: string;
  due: CivilDate;
}

/** Every sign-off's due day, earliest first (by the board's order on the same day). */
export function signOffsDue(
  rules: readonly SignOffRule[],
  agendaDay: CivilDate,
  calendar: HolidayCalendar,
): SignOffDue[] {
  return rules
    .map((rule) => ({ role: rule.role, due: signOffDueDay(agendaDay, rule, calendar) }))
    .sort((a, b) => compareCivilDates(a.due, b.due));
}

/** Why `by` may not give the `role` sign-off: only the officer the board names for it may. */
export function signOffRefusal(rules: readonly SignOffRule[], role: string, by: string): Refusal {
  const rule = rules.find((r) => r.role === role);
  if (!rule) return undefined;
  return sameEmail(by, rule.officer.email)
    ? undefined
    : `by: only the ${role} officer (${rule.officer.email}) may give the ${role} sign-off; ${by} is not that officer`;
}

/** Why a sign-off cannot be given: an unknown role, an item not on the agenda, or one given already. */
export function signOffProblem(
  rules: readonly SignOffRule[],
  item: { ref: string; onAgenda: boolean; given: { by: string; on: CivilDate } | undefined },
  role: string,
): string | undefined {
  if (!rules.some((r) => r.role === role))
    return rules.length
      ? `role: "${role}" is not a sign-off this board asks for (${rules.map((r) => r.role).join(', ')})`
      : `role: this board asks for no sign-offs`;
  if (!item.onAgenda) return `ref: ${item.ref} is not on the agenda`;
  if (item.given)
    return `role: the ${role} sign-off for ${item.ref} was already given by ${item.given.by} on ${item.given.on}`;
  return undefined;
}

/** What the register says when an item is deferred for want of a sign-off. */
export function missingSignOffReason(role: string, due: CivilDate): string {
  return `${role} sign-off not given by ${due}`;
}
