/**
 * Working days (Monday-Friday, not a bank holiday of the calendar's region) and clear days.
 * Pure and deterministic.
 */
import { type CivilDate, addDays, compareCivilDates, daysBetween } from './civil-date';
import type { HolidayCalendar } from './bank-holidays';

export type DayCounting = 'calendar' | 'working';

/** A guard against runaway loops on a calendar with (impossibly) no working days. */
const MAX_SCAN_DAYS = 3660;

export function isWorkingDay(date: CivilDate, calendar: HolidayCalendar): boolean {
  return calendar.isWorkingDay(date);
}

function scan(date: CivilDate, step: 1 | -1, calendar: HolidayCalendar): CivilDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, step);
    if (calendar.isWorkingDay(d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CivilDate, calendar: HolidayCalendar): CivilDate {
  return scan(date, 1, calendar);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: CivilDate, calendar: HolidayCalendar): CivilDate {
  return scan(date, -1, calendar);
}

/** `date` itself if it is a working day, otherwise the next working day. */
export function workingDayOnOrAfter(date: CivilDate, calendar: HolidayCalendar): CivilDate {
  return calendar.isWorkingDay(date) ? date : nextWorkingDay(date, calendar);
}

/** `date` itself if it is a working day, otherwise the previous working day. */
export function workingDayOnOrBefore(date: CivilDate, calendar: HolidayCalendar): CivilDate {
  return calendar.isWorkingDay(date) ? date : previousWorkingDay(date, calendar);
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0), not counting `date` itself;
 * n = 0 returns `date`. addWorkingDays('2027-03-25', 1) = '2027-03-30' in England (Good Friday
 * 26 March and Easter Monday 29 March 2027).
 */
export function addWorkingDays(date: CivilDate, n: number, calendar: HolidayCalendar): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  let d = date;
  const step = n > 0 ? 1 : -1;
  for (let i = 0; i < Math.abs(n); i++) d = scan(d, step, calendar);
  return d;
}

/** Working days strictly between a and b (0 if b is not after a). */
export function workingDaysBetween(a: CivilDate, b: CivilDate, calendar: HolidayCalendar): number {
  let count = 0;
  for (let d = addDays(a, 1); compareCivilDates(d, b) < 0; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) count++;
  }
  return count;
}

/**
 * Clear days between a publication and an event: the days strictly between them, excluding the
 * day of publication and the day of the event (R v Swansea CC ex p Elitestone, 1993). Counting
 * 'working' leaves out weekends and the calendar's bank holidays as well.
 */
export function clearDaysBetween(
  published: CivilDate,
  event: CivilDate,
  counting: DayCounting,
  calendar: HolidayCalendar,
): number {
  if (counting === 'calendar') return Math.max(0, daysBetween(published, event) - 1);
  return workingDaysBetween(published, event, calendar);
}

/** All working days in [from, to], inclusive. */
export function workingDaysInRange(from: CivilDate, to: CivilDate, calendar: HolidayCalendar): CivilDate[] {
  const out: CivilDate[] = [];
  for (let d = from; compareCivilDates(d, to) <= 0; d = addDays(d, 1))
    if (calendar.isWorkingDay(d)) out.push(d);
  return out;
}
