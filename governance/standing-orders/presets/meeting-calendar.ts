import { type CivilDate, nthWeekdayOfMonth } from '../../civil-date';

/** One meeting a month: the `nth` given weekday (0 = Sunday) of every month of `year`. */
export function monthlyMeetings(year: number, weekday: number, nth: number): CivilDate[] {
  return Array.from({ length: 12 }, (_, i) => nthWeekdayOfMonth(year, i + 1, weekday, nth));
}
