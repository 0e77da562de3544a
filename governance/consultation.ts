/**
 * P7, public consultation (bath-nes-2008 ¶11.7): before partnership arrangements change, the partners
 * consult those affected jointly for a fixed period, and the outcome goes to the Partnership Board, the
 * council's Cabinet and the NHS board. Pure: the workflow, the CLI and the tests share these rules.
 */
import { sameEmail, type Refusal } from './authority';
import type { HolidayCalendar } from './bank-holidays';
import { addDays, compareCivilDates, type CivilDate } from './civil-date';
import { endOfLondonDay, type Deadline } from './deadlines';
import { workingDayOnOrAfter, workingDayOnOrBefore } from './working-days';

/** The period when the standing orders say nothing else: the usual twelve weeks of a public consultation. */
export const DEFAULT_PERIOD_WEEKS = 12;

/** Reminders when none are configured: two weeks and one week before it closes. */
export const DEFAULT_REMINDER_DAYS = [14, 7] as const;

/**
 * The last day responses are taken. The period runs for whole weeks after the opening day (which does not
 * count, as a clear-day rule would have it), so a consultation opened on a Monday closes on the Monday
 * `weeks` later. A closing day that is not a working day moves to the next working day: later, never
 * earlier, so nobody gets less than the full period, and people who respond in person or by post (the seed's
 * open workshop and leaflets) can still hand a response in on the closing day.
 */
export function closingDay(opensOn: CivilDate, weeks: number, calendar: HolidayCalendar): CivilDate {
  return workingDayOnOrAfter(addDays(opensOn, weeks * 7), calendar);
}

/** The consultation closes at the end of its closing day in London: a response that day, at any hour, counts. */
export function closingDeadline(closesOn: CivilDate): Deadline {
  return endOfLondonDay(closesOn);
}

/**
 * The days reminders go out: `daysBefore` calendar days before the closing day, each brought forward to a
 * working day (a reminder after the one it stands for would remind too late). Days not after the opening day
 * are dropped (there is nothing to remind of yet), as are repeats; earliest first.
 */
export function reminderDays(
  opensOn: CivilDate,
  closesOn: CivilDate,
  daysBefore: readonly number[],
  calendar: HolidayCalendar,
): CivilDate[] {
  const days = daysBefore
    .map((n) => workingDayOnOrBefore(addDays(closesOn, -n), calendar))
    .filter((d) => compareCivilDates(d, opensOn) > 0 && compareCivilDates(d, closesOn) < 0);
  return [...new Set(days)].sort(compareCivilDates);
}

/** The three bodies the outcome is reported to (bath-nes-2008 ¶11.7). */
export const REPORTED_TO = ['partnership-board', 'cabinet', 'nhs-board'] as const;
export type ReportedTo = (typeof REPORTED_TO)[number];

/** A body notes the outcome, or decides on the change: agreed, or not agreed. */
export type BodyAnswer = 'noted' | 'agreed' | 'not-agreed';

export type ConsultationOutcome = 'change-may-be-made' | 'change-not-agreed';

/**
 * What the outcome needs before the change may be made: every one of the three bodies has noted it or
 * decided. Until then, undefined (the change waits); then not agreed if any body decided against it,
 * otherwise the change may be made.
 */
export function consultationOutcome(
  answers: Partial<Record<ReportedTo, BodyAnswer>>,
): ConsultationOutcome | undefined {
  if (REPORTED_TO.some((body) => answers[body] === undefined)) return undefined;
  return Object.values(answers).includes('not-agreed') ? 'change-not-agreed' : 'change-may-be-made';
}

/** The bodies still to note or decide, in the order the seed names them. */
export function awaitingBodies(answers: Partial<Record<ReportedTo, BodyAnswer>>): ReportedTo[] {
  return REPORTED_TO.filter((body) => answers[body] === undefined);
}

/**
 * The consultation is run jointly by the board's officers: democratic services or the commissioning officer
 * records the responses and the outcome report.
 */
export function consultationOfficerRefusal(
  officers: { email: string }[],
  by: string,
  action: string,
): Refusal {
  return officers.some((o) => sameEmail(o.email, by))
    ? undefined
    : `by: only democratic services or the commissioning officer (${officers.map((o) => o.email).join(', ')}) may ${action}; ${by} is neither`;
}
