/**
 * Civil dates (Europe/London calendar dates) as ISO strings `YYYY-MM-DD`, with integer day arithmetic.
 *
 * Pure and deterministic: no clock, no Intl, no time-zone database. Safe inside Temporal workflow code.
 * Dates are proleptic Gregorian; years 0001-9999.
 */

/** An ISO calendar date `YYYY-MM-DD`, e.g. `2027-01-05`. Always validate with {@link isCivilDate}. */
export type CivilDate = string;

export interface CivilDateParts {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const CIVIL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The number the ASCII digits s[from..to) write, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * What CIVIL_DATE_RE matches, read character by character: every rule that works out a date parses dates,
 * thousands of times in a decision, and the pattern's match arrays were a measurable part of it (issue 17).
 */
function partsOrNull(s: string): CivilDateParts | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45)
    return null;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a well-formed, possible date `YYYY-MM-DD` (2027-02-29 and 2027-13-01 are false). */
export function isCivilDate(s: unknown): s is CivilDate {
  return typeof s === 'string' && partsOrNull(s) !== null;
}

/** Validates `s` and returns it; throws a RangeError naming the problem otherwise. */
export function parseCivilDate(s: string): CivilDate {
  if (typeof s !== 'string' || !CIVIL_DATE_RE.test(s)) {
    throw new RangeError(`${JSON.stringify(s)} is not a date in the form YYYY-MM-DD`);
  }
  if (partsOrNull(s) === null) throw new RangeError(`${s} is not a possible calendar date`);
  return s;
}

/** Year, month (1-12) and day of a civil date. Throws on an invalid date. */
export function civilDateParts(d: CivilDate): CivilDateParts {
  const p = partsOrNull(d);
  if (!p) throw new RangeError(`${JSON.stringify(d)} is not a valid date YYYY-MM-DD`);
  return p;
}

/** Builds a civil date from parts; throws if the date is impossible. */
export function makeCivilDate(year: number, month: number, day: number): CivilDate {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new RangeError(`date parts must be integers: ${year}-${month}-${day}`);
  }
  return parseCivilDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** Days since 1970-01-01 (negative before). Algorithm: H. Hinnant, "days_from_civil". */
export function toEpochDay(d: CivilDate): number {
  const { year, month, day } = civilDateParts(d);
  return epochDayFromParts(year, month, day);
}

function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date `n` days after 1970-01-01. */
export function fromEpochDay(n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`epoch day must be an integer: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`date out of range (years 0001-9999): epoch day ${n}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `d` plus `n` calendar days (n may be negative). */
export function addDays(d: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return fromEpochDay(toEpochDay(d) + n);
}

/** `d` plus `n` months, clamped to the end of the month: 2027-01-31 + 1 month = 2027-02-28. */
export function addMonths(d: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer: ${n}`);
  const { year, month, day } = civilDateParts(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return makeCivilDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `d` plus `n` years (29 February clamps to 28 February). */
export function addYears(d: CivilDate, n: number): CivilDate {
  return addMonths(d, n * 12);
}

/** Day of the week: 0 = Sunday, 1 = Monday ... 6 = Saturday. */
export function dayOfWeek(d: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(d) + 4) % 7) + 7) % 7;
}

export function isWeekend(d: CivilDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/** Negative if a is earlier than b, 0 if equal, positive if later (usable as a sort comparator). */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

/** Calendar days from a to b: daysBetween('2027-01-01', '2027-01-08') = 7; negative if b is earlier. */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function minCivilDate(first: CivilDate, ...rest: CivilDate[]): CivilDate {
  return rest.reduce((m, d) => (compareCivilDates(d, m) < 0 ? d : m), first);
}

export function maxCivilDate(first: CivilDate, ...rest: CivilDate[]): CivilDate {
  return rest.reduce((m, d) => (compareCivilDates(d, m) > 0 ? d : m), first);
}

/** The date of the last given weekday (0 = Sunday) in a month. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): CivilDate {
  const last = makeCivilDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

/** The date of the n-th (1-based) given weekday (0 = Sunday) in a month. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): CivilDate {
  const first = makeCivilDate(year, month, 1);
  const result = addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + 7 * (n - 1));
  if (civilDateParts(result).month !== month) {
    throw new RangeError(`there is no weekday #${n} of ${weekday} in ${year}-${pad(month, 2)}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Europe/London wall-clock time. UK summer time (BST, UTC+1) runs from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002, applied
// to every year here). Outside it the clock is GMT (UTC+0).
// ---------------------------------------------------------------------------------------------

/** True if the UTC instant (ms since the epoch) falls in British Summer Time. */
export function isBritishSummerTime(utcMs: number): boolean {
  const year = civilDateParts(fromEpochDay(Math.floor(utcMs / MS_PER_DAY))).year;
  const start = toEpochDay(lastWeekdayOfMonth(year, 3, 0)) * MS_PER_DAY + MS_PER_HOUR;
  const end = toEpochDay(lastWeekdayOfMonth(year, 10, 0)) * MS_PER_DAY + MS_PER_HOUR;
  return utcMs >= start && utcMs < end;
}

function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`${JSON.stringify(time)} is not a time of day HH:MM or HH:MM:SS`);
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000;
}

function isoFromMs(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  rest -= h * MS_PER_HOUR;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${fromEpochDay(day)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(milli, 3)}Z`;
}

/** UTC milliseconds of a Europe/London wall-clock time; see {@link londonInstant}. */
export function londonInstantMs(date: CivilDate, time = '09:00'): number {
  const local = toEpochDay(date) * MS_PER_DAY + parseTime(time);
  // Try BST first: this picks the earlier instant for the repeated hour in October, and for the
  // skipped hour in March (01:00-01:59 local does not exist) it falls through to GMT, i.e. 01:30
  // is read as 01:30 UTC = 02:30 BST (the "compatible" rule of Temporal/JS time-zone libraries).
  const asBst = local - MS_PER_HOUR;
  return isBritishSummerTime(asBst) ? asBst : local;
}

/**
 * The UTC instant (ISO-8601, `YYYY-MM-DDTHH:MM:SS.sssZ`) of a Europe/London wall-clock time.
 * `londonInstant('2027-01-05', '09:00')` = `2027-01-05T09:00:00.000Z`;
 * `londonInstant('2027-07-05', '09:00')` = `2027-07-05T08:00:00.000Z`.
 */
export function londonInstant(date: CivilDate, time = '09:00'): string {
  return isoFromMs(londonInstantMs(date, time));
}

function instantMs(isoInstant: string | number): number {
  const ms = typeof isoInstant === 'number' ? isoInstant : Date.parse(isoInstant);
  if (!Number.isFinite(ms)) throw new RangeError(`${JSON.stringify(isoInstant)} is not an ISO-8601 instant`);
  if (typeof isoInstant === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/i.test(isoInstant)) {
    throw new RangeError(`${JSON.stringify(isoInstant)} has no UTC offset (end it with Z or +HH:MM)`);
  }
  return ms;
}

/** The Europe/London wall-clock date and time (`HH:MM:SS`) of an instant (ISO string or epoch ms). */
export function londonWallClock(isoInstant: string | number): { date: CivilDate; time: string } {
  const utc = instantMs(isoInstant);
  const local = utc + (isBritishSummerTime(utc) ? MS_PER_HOUR : 0);
  const iso = isoFromMs(local);
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** The Europe/London civil date of an instant: `londonCivilDate('2027-06-30T23:30:00Z')` = `2027-07-01`. */
export function londonCivilDate(isoInstant: string | number): CivilDate {
  return londonWallClock(isoInstant).date;
}
