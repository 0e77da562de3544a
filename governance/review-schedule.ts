import { addDays, addMonths, compareCivilDates, type CivilDate } from './civil-date';

export interface ReviewScheduleInput {
  /** The day the board was established (the second parent body's approval), or the last review. */
  from: CivilDate;
  /** Months until the review falls due (12 after establishment by default, wiltshire-2009-adult ¶15). */
  intervalMonths: number;
  /** Reminders sent this many days before the review is due. */
  reminderDaysBefore: number[];
}

export interface ReviewSchedule {
  reviewDue: CivilDate;
  /** Earliest first, without duplicates. */
  reminders: { daysBefore: number; on: CivilDate }[];
}

/** When a board's effectiveness review falls due and when its reminders go out. */
export function planReview(input: ReviewScheduleInput): ReviewSchedule {
  const reviewDue = addMonths(input.from, input.intervalMonths);
  const distinct = [...new Set(input.reminderDaysBefore.filter((days) => days > 0))].sort((a, b) => b - a);
  const reminders = distinct
    .map((daysBefore) => ({ daysBefore, on: addDays(reviewDue, -daysBefore) }))
    .filter((reminder) => compareCivilDates(reminder.on, input.from) > 0);
  return { reviewDue, reminders };
}
