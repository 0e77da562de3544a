/**
 * The one way govflow shows a date to a person: in the CLI, the status, the Web UI's current details,
 * mail and the public pages. Always a Europe/London civil date or wall-clock time, written out in full:
 * "Thursday 11 March 2027", "Thursday 11 March 2027 at 10:00".
 *
 * A deadline "by" a day is kept as the instant it ends, 00:00 London time of the next day; shown to a
 * person it reads as that day ("Wednesday 10 March 2027 (end of day)"), never as 00:00 of the next.
 *
 * Pure: names written out here, London time from civil-date.ts, so the output never depends on the
 * ICU data or the time zone of the machine, and workflow code may use it too.
 */
import {
  addDays,
  civilDateParts,
  dayOfWeek,
  isCivilDate,
  londonWallClock,
  type CivilDate,
} from './civil-date';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Added to a deadline shown as the day it runs to the end of. */
export const END_OF_DAY = '(end of day)';

/** A civil date: `displayDate('2027-03-11')` = "Thursday 11 March 2027". Throws on an impossible date. */
export function displayDate(date: CivilDate): string {
  const { year, month, day } = civilDateParts(date);
  return `${WEEKDAYS[dayOfWeek(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * An instant (ISO-8601 with an offset, or epoch ms) as London wall-clock time to the minute:
 * `displayDateTime('2027-03-11T10:00:00Z')` = "Thursday 11 March 2027 at 10:00";
 * `displayDateTime('2027-07-05T08:00:00Z')` = "Monday 5 July 2027 at 09:00" (BST).
 */
export function displayDateTime(instant: string | number): string {
  const { date, time } = londonWallClock(instant);
  return `${displayDate(date)} at ${time.slice(0, 5)}`;
}

/**
 * A deadline instant. One at exactly 00:00 London time is the end of the day before and reads as that
 * day: `displayDeadline('2027-03-11T00:00:00Z')` = "Wednesday 10 March 2027 (end of day)". Any other
 * reads as {@link displayDateTime}.
 */
export function displayDeadline(instant: string | number): string {
  const { date, time } = londonWallClock(instant);
  if (time === '00:00:00') return `${displayDate(addDays(date, -1))} ${END_OF_DAY}`;
  return `${displayDate(date)} at ${time.slice(0, 5)}`;
}

/** A civil date or an instant, whichever `value` is: "Thursday 11 March 2027" or "... at 10:00". */
export function displayDateOrTime(value: string): string {
  return isCivilDate(value) ? displayDate(value) : displayDateTime(value);
}

// An ISO instant (with its offset) or a civil date standing on its own: not part of a longer token such as
// a reference ("2027-014"), a workflow id ("decision/southampton-jcb/2027-03-11") or a number.
const INSTANT = String.raw`(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})`;
const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const DATES_IN_TEXT = new RegExp(String.raw`(?<![\w/.-])(?:(${INSTANT})|(${DATE}))(?![\w-]|[/.]\w)`, 'g');

/**
 * Text written for people by the processes (what to do, what a stage waits for, a step's detail) with
 * each ISO date or instant in it shown as {@link displayDate} or {@link displayDateTime}:
 * "Send your self-assessment by 2029-01-25." becomes "Send your self-assessment by Thursday 25 January 2029."
 * Workflow code keeps writing ISO dates (they are part of its history); this is applied where the text
 * is shown. A string that only looks like a date (2027-02-30) is left as it is.
 */
export function displayDatesIn(text: string): string {
  return text.replace(DATES_IN_TEXT, (match: string, instant?: string, day?: string, date?: string) => {
    if (instant !== undefined) return isCivilDate(day) ? displayDateTime(instant) : match;
    return date !== undefined && isCivilDate(date) ? displayDate(date) : match;
  });
}
