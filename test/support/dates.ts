/**
 * Dates for tests that run processes on a server: every case is found from the day the test runs, never
 * written as a fixed day that will one day be in the past. Fixed-date cases (Christmas, Easter, each
 * nation's holidays) are found as the next such day ahead, and their expectations follow from them.
 *
 * GOVFLOW_TEST_ANCHOR=YYYY-MM-DD runs the suite as if on a later day (the proof that nothing expires):
 * every case is then found after that day, and each time-skipping server moves its clock there first.
 * An anchor earlier than today is ignored (a server clock cannot go back).
 */
import {
  type CivilDate,
  addDays,
  civilDateParts,
  compareCivilDates,
  dayOfWeek,
  isCivilDate,
  londonCivilDate,
  londonInstant,
  londonInstantMs,
} from '../../governance/civil-date';
import { type Region, holidayCalendar } from '../../governance/bank-holidays';
import { type PresetName, resolveStandingOrders } from '../../governance/standing-orders';

export const TEST_ANCHOR_ENV = 'GOVFLOW_TEST_ANCHOR';

export const SUNDAY = 0;
export const MONDAY = 1;
export const TUESDAY = 2;
export const WEDNESDAY = 3;
export const THURSDAY = 4;
export const FRIDAY = 5;

/** The London day the tests run as: today, or GOVFLOW_TEST_ANCHOR when that is later. */
export function anchorDay(): CivilDate {
  const today = londonCivilDate(Date.now());
  const anchor = process.env[TEST_ANCHOR_ENV];
  if (anchor === undefined || anchor === '') return today;
  if (!isCivilDate(anchor)) throw new Error(`${TEST_ANCHOR_ENV}: "${anchor}" is not a date YYYY-MM-DD`);
  return compareCivilDates(anchor, today) > 0 ? anchor : today;
}

/** The instant the time-skipping servers start from: now, or 00:00 London on a later anchor day. */
export function anchorMs(): number {
  return Math.max(Date.now(), londonInstantMs(anchorDay(), '00:00'));
}

const SEARCH_LIMIT_DAYS = 366 * 60;

/** The first day on or after `from` for which `where` holds. */
export function firstDay(from: CivilDate, where: (day: CivilDate) => boolean): CivilDate {
  for (let i = 0, d = from; i < SEARCH_LIMIT_DAYS; i++, d = addDays(d, 1)) if (where(d)) return d;
  throw new Error(`no day from ${from} in ${SEARCH_LIMIT_DAYS} days fits the case`);
}

/** The first year from `from` for which `where` holds. */
export function firstYear(from: number, where: (year: number) => boolean): number {
  for (let y = from; y < from + 400; y++) if (where(y)) return y;
  throw new Error(`no year from ${from} in 400 years fits the case`);
}

/** True when no bank holiday of the region falls from `from` to `to`, both included. */
export function noBankHolidayBetween(
  from: CivilDate,
  to: CivilDate,
  region: Region = 'england-and-wales',
): boolean {
  const calendar = holidayCalendar(region);
  for (let d = from; compareCivilDates(d, to) <= 0; d = addDays(d, 1))
    if (calendar.isHoliday(d)) return false;
  return true;
}

export interface QuietDayCase {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** At least this many days after the anchor day (default 56: room for the Forward Plan's 28 clear days). */
  daysAhead?: number;
  /** No bank holiday this many days before the day... */
  quietBefore?: number;
  /** ...nor this many days after it. */
  quietAfter?: number;
  region?: Region;
  /** Any further condition of the case. */
  where?: (day: CivilDate) => boolean;
}

/**
 * The first given weekday far enough ahead with no bank holiday around it: a case whose deadlines
 * follow from plain counting (5 clear working days before a Thursday is the Wednesday of the week before).
 */
export function quietDay(c: QuietDayCase): CivilDate {
  const { weekday, daysAhead = 56, quietBefore = 35, quietAfter = 35, region = 'england-and-wales' } = c;
  return firstDay(
    addDays(anchorDay(), daysAhead),
    (d) =>
      dayOfWeek(d) === weekday &&
      noBankHolidayBetween(addDays(d, -quietBefore), addDays(d, quietAfter), region) &&
      (c.where?.(d) ?? true),
  );
}

/** A preset's standing orders with its meeting calendar starting from `day` (the case's own day). */
export function presetFrom(preset: PresetName, day: CivilDate = anchorDay()) {
  return resolveStandingOrders(preset, day);
}

/** The year of a civil date. */
export const yearOf = (d: CivilDate): number => civilDateParts(d).year;

/** A London wall-clock time on a day, as an ISO instant (`at('2027-03-11', '10:00')`). */
export const at = (day: CivilDate, time = '09:00'): string => londonInstant(day, time);

export { addDays };
