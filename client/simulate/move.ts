/**
 * Moving a scenario to a later start, so that a scenario written with real dates keeps running for
 * years. Pure: no clock (the caller says what "now" is), no files.
 *
 * A scenario moves by whole weeks, so every day keeps its weekday (a Thursday meeting stays a Thursday
 * meeting), and every date in it moves by the same number of days: civil dates (`2027-03-25`) and
 * instants (`2027-03-25T10:05:00Z`, which keep their London wall-clock time: a vote at 10:05 stays at
 * 10:05 across the clocks changing). Free text (a title, a ref such as `2027-014`) is not a date and
 * does not move.
 *
 * A move must not change what the scenario rehearses: it is only taken if it puts no day the scenario
 * names (its start, meetings, events, the dates in its input) on a bank holiday that was not on one.
 * Otherwise an officer would see a meeting held on Boxing Day, or a vote refused because the move put
 * the day of its event on Easter Monday. The default move is by whole years' worth of weeks, so a
 * season stays a season (a Christmas story keeps its Christmas), to within three days.
 */
import {
  type CivilDate,
  addDays,
  compareCivilDates,
  dayOfWeek,
  daysBetween,
  isCivilDate,
  londonCivilDate,
  londonInstantMs,
  londonWallClock,
} from '../../governance/civil-date';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import { displayDate } from '../../governance/display-dates';

const DAYS_PER_YEAR = 365.2425;
/** How far a move looks before giving up: no real calendar needs this many years or weeks. */
const MAX_YEARS = 400;
const MAX_WEEKS = 52 * 400;

/** N years as whole weeks, in days: 7 × round(N × 365.2425 / 7), so a season stays a season. */
export function yearsInDays(years: number): number {
  return 7 * Math.round((years * DAYS_PER_YEAR) / 7);
}

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `2027-03-25T10:05:00.000Z` is written `2027-03-25T10:05:00Z`: the way scenario files write instants. */
function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An instant moved by whole days, keeping its London wall-clock time. */
export function moveInstant(instant: string, days: number): string {
  const ms = Date.parse(instant);
  const { date, time } = londonWallClock(ms);
  return isoInstant(londonInstantMs(addDays(date, days), time) + (((ms % 1000) + 1000) % 1000));
}

/**
 * A copy of `value` (a parsed scenario, or any part of it) with every whole string that is a date or an
 * instant moved by `days`. A string that only looks like one (`2027-02-30`, an instant without a zone)
 * is left as written, for validation to name.
 */
export function moveDates<T>(value: T, days: number): T {
  if (typeof value === 'string') {
    if (CIVIL_DATE.test(value) && isCivilDate(value)) return addDays(value, days) as T;
    if (INSTANT.test(value) && Number.isFinite(Date.parse(value))) return moveInstant(value, days) as T;
    return value;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => moveDates(v, days)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moveDates(v, days)])) as T;
  }
  return value;
}

/** A mapping as YAML or JSON reads it (not a Date or any other class). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every civil date and instant's London day in `value`, as found by {@link moveDates}. */
export function datesIn(value: unknown): CivilDate[] {
  if (typeof value === 'string') {
    if (CIVIL_DATE.test(value) && isCivilDate(value)) return [value];
    if (INSTANT.test(value) && Number.isFinite(Date.parse(value))) return [londonCivilDate(value)];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap(datesIn);
  if (isPlainObject(value)) return Object.values(value).flatMap(datesIn);
  return [];
}

/** What a move must keep: the days the scenario names, with the board's bank holidays. */
export interface ScenarioDays {
  /** The scenario's start, meetings, events and input dates, in any order, repeats allowed. */
  days: CivilDate[];
  calendar: HolidayCalendar;
}

/**
 * Why a move by `by` days would change the rehearsal: the first day of the scenario it puts on a bank
 * holiday that was not on one ("Monday 3 January 2028, New Year’s Day (substitute day)"), or undefined.
 * Weekdays are kept by moving whole weeks, so a working day stays a working day exactly when it does
 * not land on a bank holiday.
 */
export function moveChanges({ days, calendar }: ScenarioDays, by: number): string | undefined {
  for (const day of [...new Set(days)].sort(compareCivilDates)) {
    const moved = addDays(day, by);
    const holiday = calendar.holidayOn(moved);
    if (holiday && !calendar.isHoliday(day)) return `${displayDate(moved)}, ${holiday.name}`;
  }
  return undefined;
}

/** A scenario's move: by how many days (a multiple of 7), from which start day to which, and why. */
export interface Move {
  days: number;
  /** The London day the file's `start` falls on. */
  from: CivilDate;
  /** The London day the moved scenario starts. */
  to: CivilDate;
  /** `past`: the file's start was not in the future; `start-on`: the officer's --start-on. */
  because: 'past' | 'start-on';
  /** The day given to --start-on. */
  startOn?: CivilDate;
  /** The day a shorter move would have put on a bank holiday, when one was passed over for that. */
  passedOver?: string;
}

/**
 * The move of a scenario whose start (`startMs`) is not after `nowMs`: the fewest whole years (as weeks)
 * that put the start after now and no day of the scenario on a new bank holiday. Undefined if the start
 * is in the future.
 */
export function moveFromThePast(startMs: number, nowMs: number, days: ScenarioDays): Move | undefined {
  if (startMs > nowMs) return undefined;
  const from = londonCivilDate(startMs);
  let passedOver: string | undefined;
  for (let years = 1; years <= MAX_YEARS; years++) {
    const by = yearsInDays(years);
    if (Date.parse(moveInstant(isoInstant(startMs), by)) <= nowMs) continue;
    const why = moveChanges(days, by);
    if (why === undefined) {
      return {
        days: by,
        from,
        to: addDays(from, by),
        because: 'past',
        ...(passedOver ? { passedOver } : {}),
      };
    }
    passedOver ??= why;
  }
  throw new RangeError(`no move of the scenario by whole years keeps its days off bank holidays`);
}

/**
 * The move asked for by `--start-on`: to the first day on or after `startOn` that is the start's weekday
 * (a week later, and so on, if that one would put a day of the scenario on a new bank holiday). May be
 * earlier than the file's start.
 */
export function moveToStartOn(startMs: number, startOn: CivilDate, days: ScenarioDays): Move {
  const from = londonCivilDate(startMs);
  const first = addDays(startOn, (dayOfWeek(from) - dayOfWeek(startOn) + 7) % 7);
  let passedOver: string | undefined;
  for (let week = 0; week <= MAX_WEEKS; week++) {
    const by = daysBetween(from, addDays(first, 7 * week));
    const why = moveChanges(days, by);
    if (why === undefined) {
      return {
        days: by,
        from,
        to: addDays(from, by),
        because: 'start-on',
        startOn,
        ...(passedOver ? { passedOver } : {}),
      };
    }
    passedOver ??= why;
  }
  throw new RangeError(`no start on or after ${startOn} keeps the scenario's days off bank holidays`);
}

/**
 * The move in plain words: "moved forward 52 weeks: starts Monday 3 January 2028 instead of Monday
 * 4 January 2027 (its start is not in the future); every date moved by 364 days, weekdays kept", and
 * why not a shorter move when one was passed over.
 */
export function describeMove(move: Move): string {
  const weeks = Math.abs(move.days) / 7;
  const why = move.because === 'past' ? 'its start is not in the future' : `--start-on ${move.startOn}`;
  const shorter = move.because === 'past' ? 'a shorter move' : 'an earlier start';
  return (
    `moved ${move.days >= 0 ? 'forward' : 'back'} ${weeks} week${weeks === 1 ? '' : 's'}: ` +
    `starts ${displayDate(move.to)} instead of ${displayDate(move.from)} (${why}); ` +
    `every date moved by ${Math.abs(move.days)} days, weekdays kept` +
    (move.passedOver
      ? `; ${shorter} would put a day of the scenario on a bank holiday (${move.passedOver})`
      : '') +
    (keepsTimeOfYear(move.days)
      ? ''
      : '; at another time of year, so the bank holidays between its days are not those of the file')
  );
}

/** True if a move is within three weeks of a whole number of years: Christmas stays around Christmas. */
export function keepsTimeOfYear(days: number): boolean {
  return Math.abs(days - Math.round(days / DAYS_PER_YEAR) * DAYS_PER_YEAR) <= 21;
}
