import { addDays, londonInstant, londonInstantMs, type CivilDate } from './civil-date';

/** A deadline as a process keeps it: the day people are told, and the instant its timer fires. */
export interface Deadline {
  on: CivilDate;
  at: string;
}

/** A deadline met at a London wall-clock time on the day, e.g. an agenda published at 09:00. */
export function atLondonTime(day: CivilDate, time: string): Deadline {
  return { on: day, at: londonInstant(day, time) };
}

/**
 * A deadline that runs to the end of the London day: it passes at the first instant of the next day, so
 * whatever is done on the day itself, at any hour, is in time.
 */
export function endOfLondonDay(day: CivilDate): Deadline {
  return { on: day, at: londonInstant(addDays(day, 1), '00:00') };
}

/** {@link endOfLondonDay} in epoch milliseconds, for timers. */
export function endOfLondonDayMs(day: CivilDate): number {
  return londonInstantMs(addDays(day, 1), '00:00');
}
