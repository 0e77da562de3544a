import type { HolidayCalendar } from '../../bank-holidays';
import { type CivilDate, civilDateParts, nthWeekdayOfMonth } from '../../civil-date';
import { workingDayOnOrAfter } from '../../working-days';

/** A preset board's example meeting pattern: the `nth` given weekday (0 = Sunday) of every month. */
export interface MonthlyMeetingPattern {
  weekday: number;
  nth: number;
}

/** How many years of meetings a preset's calendar holds, from the start of the year it is resolved in. */
export const PRESET_CALENDAR_YEARS = 3;

/**
 * The pattern's meetings for the year of `from` and the years after it; one that falls on a bank holiday
 * (the fourth Wednesday of December can be Christmas Day) moves to the next working day. Presets keep a
 * pattern, not dates, so that they never run out: the caller says which day the calendar starts from.
 */
export function monthlyMeetings(
  pattern: MonthlyMeetingPattern,
  from: CivilDate,
  calendar: HolidayCalendar,
): CivilDate[] {
  const { year } = civilDateParts(from);
  return Array.from({ length: 12 * PRESET_CALENDAR_YEARS }, (_, i) =>
    workingDayOnOrAfter(
      nthWeekdayOfMonth(year + Math.floor(i / 12), (i % 12) + 1, pattern.weekday, pattern.nth),
      calendar,
    ),
  );
}
