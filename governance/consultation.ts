/**
 * P7, public consultation (bath-nes-2008 ¶11.7): before partnership arrangements change, the partners
 * consult those affected jointly for a fixed period, and the outcome goes to the Partnership Board, the
 * council's Cabinet and the NHS board. Pure: the workflow, the CLI and the tests share these rules.
 */
import { sameEmail, type Refusal } from './authority';
import type { HolidayCalendar } from './bank-holidays';
import { addDays, compareCivilDates, type CivilDate } from './civil-date';
import { atLondonTime, endOfLondonDay, type Deadline } from './deadlines';
import { addWorkingDays, workingDayOnOrAfter, workingDayOnOrBefore } from './working-days';

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

/** The day of the reminder `daysBefore` calendar days before the closing day, brought forward to a working day. */
export function reminderDay(closesOn: CivilDate, daysBefore: number, calendar: HolidayCalendar): CivilDate {
  return workingDayOnOrBefore(addDays(closesOn, -daysBefore), calendar);
}

/** A reminder goes out at 09:00 London time on its day. */
export function reminderDeadline(day: CivilDate): Deadline {
  return atLondonTime(day, '09:00');
}

/**
 * The reminders, each with the days before the close it stands for and its day: `daysBefore` calendar days
 * before the closing day, each brought forward to a working day (a reminder after the one it stands for
 * would remind too late). Days not after the opening day are dropped (there is nothing to remind of yet),
 * as are repeats (the first configured keeps the day); earliest first.
 */
export function reminderSchedule(
  opensOn: CivilDate,
  closesOn: CivilDate,
  daysBefore: readonly number[],
  calendar: HolidayCalendar,
): { daysBefore: number; on: CivilDate }[] {
  const seen = new Set<CivilDate>();
  return daysBefore
    .map((n) => ({ daysBefore: n, on: reminderDay(closesOn, n, calendar) }))
    .filter(({ on }) => {
      const keep = !seen.has(on) && compareCivilDates(on, opensOn) > 0 && compareCivilDates(on, closesOn) < 0;
      seen.add(on);
      return keep;
    })
    .sort((a, b) => compareCivilDates(a.on, b.on));
}

/** The days reminders go out, earliest first (see {@link reminderSchedule}). */
export function reminderDays(
  opensOn: CivilDate,
  closesOn: CivilDate,
  daysBefore: readonly number[],
  calendar: HolidayCalendar,
): CivilDate[] {
  return reminderSchedule(opensOn, closesOn, daysBefore, calendar).map((r) => r.on);
}

/** The outcome report is due this many working days after the close when the input says nothing else. */
export const DEFAULT_REPORT_WORKING_DAYS = 20;

/** A body answers within this many working days of the report when the input gives it no day. */
export const DEFAULT_ANSWER_WORKING_DAYS = 30;

/**
 * The outcome report is due by the end of the `workingDays`-th working day after the closing day: a late
 * report is chased, never taken as read.
 */
export function reportDeadline(
  closesOn: CivilDate,
  workingDays: number,
  calendar: HolidayCalendar,
): Deadline {
  return endOfLondonDay(addWorkingDays(closesOn, workingDays, calendar));
}

/** By when a body notes the outcome or decides: a day (its meeting), or working days after the report. */
export type AnswerBy = { on: CivilDate } | { workingDays: number };

/**
 * A body's deadline for its answer, to the end of the London day: its meeting day as given (a meeting day
 * does not move with the working days), or the `workingDays`-th working day after the day it was reported.
 */
export function answerDeadline(by: AnswerBy, reportedOn: CivilDate, calendar: HolidayCalendar): Deadline {
  return endOfLondonDay('on' in by ? by.on : addWorkingDays(reportedOn, by.workingDays, calendar));
}

/** Whether a deadline still unmet has passed: the process then chases whoever owes the answer. */
export function isOverdue(deadline: Deadline, nowMs: number): boolean {
  return Date.parse(deadline.at) <= nowMs;
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
