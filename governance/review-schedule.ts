import { holidayCalendar, type HolidayCalendar } from './bank-holidays';
import { addDays, addMonths, compareCivilDates, type CivilDate } from './civil-date';
import { workingDayOnOrAfter, workingDayOnOrBefore } from './working-days';

export interface ReviewScheduleInput {
  /** The day the board was established (the second parent body's approval), or the last review. */
  from: CivilDate;
  /** Months until the review falls due (12 after establishment by default, wiltshire-2009-adult ¶15). */
  intervalMonths: number;
  /** Reminders sent this many days before the review is due. */
  reminderDaysBefore: number[];
}

export interface ReviewSchedule {
  /** N months on; the review itself starts on the first working day from then (`startsOn`). */
  reviewDue: CivilDate;
  startsOn: CivilDate;
  /** Earliest first, without duplicates. */
  /** Each on the last working day on or before its date. */
  reminders: { daysBefore: number; on: CivilDate }[];
}

/** When a board's effectiveness review falls due and when its reminders go out: on working days, so nobody is mailed on Christmas Day. */
export function planReview(
  input: ReviewScheduleInput,
  calendar: HolidayCalendar = holidayCalendar(),
): ReviewSchedule {
  const reviewDue = addMonths(input.from, input.intervalMonths);
  const distinct = [...new Set(input.reminderDaysBefore.filter((days) => days > 0))].sort((a, b) => b - a);
  const reminders = distinct
    .map((daysBefore) => ({
      daysBefore,
      on: workingDayOnOrBefore(addDays(reviewDue, -daysBefore), calendar),
    }))
    .filter(
      (reminder, i, all) =>
        compareCivilDates(reminder.on, input.from) > 0 && all.findIndex((r) => r.on === reminder.on) === i,
    );
  return { reviewDue, startsOn: workingDayOnOrAfter(reviewDue, calendar), reminders };
}
