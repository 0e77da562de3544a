import type { z } from 'zod';
import type { effectivenessReviewInputSchema } from '../../definitions';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import { atLondonTime, type Deadline } from '../../governance/deadlines';
import { planReview, type ReviewSchedule } from '../../governance/review-schedule';
import type { WorkingCalendar } from '../kit/working-calendar';

/** Reviews and reminders go out at the start of the working day in London. */
const SEND_AT = '09:00';

export type ReviewInput = z.output<typeof effectivenessReviewInputSchema>;

/**
 * When the review and its reminders fall, under the working days as they now stand: holiday news
 * (`reschedule`) moves them.
 */
export class ReviewClock {
  schedule: ReviewSchedule;

  constructor(
    private readonly input: ReviewInput,
    readonly calendar: WorkingCalendar,
  ) {
    this.schedule = this.under(calendar.current);
  }

  under(calendar: HolidayCalendar): ReviewSchedule {
    const { from, intervalMonths, reminderDaysBefore } = this.input;
    return planReview({ from, intervalMonths, reminderDaysBefore }, calendar);
  }

  reschedule(): void {
    this.schedule = this.under(this.calendar.current);
  }

  /** The instant the review starts. */
  get startsAt(): string {
    return this.sendingAt(this.schedule.startsOn).at;
  }

  /** A review that falls due on a day that is not a working day starts on the next one. */
  get startsLate(): boolean {
    return this.schedule.startsOn !== this.schedule.reviewDue;
  }

  /** Mail goes out at the start of the working day. */
  sendingAt(on: string): Deadline {
    return atLondonTime(on, SEND_AT);
  }
}
