import type { EffectivenessReviewInput, EffectivenessReviewResult } from '../../definitions';
import { describeNews, takeHolidayNews } from '../kit/holiday-news';
import { openReview } from './context';
import { remind, scheduled, started, untilTheReview } from './stages';

export { REVIEW_MAIL_NAMES_START_DAY } from './context';

/**
 * P2, the effectiveness review's clock: N months after establishment (or the last review) the review
 * starts by itself, with reminders ahead of it. A durable timer, not a diary entry.
 */
export async function effectivenessReview(raw: EffectivenessReviewInput): Promise<EffectivenessReviewResult> {
  const context = openReview(raw);
  const { input, clock, tracker, effects } = context;
  takeHolidayNews(clock.calendar, async (news) => {
    tracker.step('holidays-announced', describeNews(news));
    // Later reminders and the start follow the calendar as it now stands.
    clock.reschedule();
    await effects.record('holidays-announced', { ...news }, { per: [clock.calendar.version] });
  });
  await scheduled(context);
  const remindersSent = await remind(context);
  await untilTheReview(context);
  const startedAt = await started(context);
  return { boardId: input.boardId, reviewDue: clock.schedule.reviewDue, startedAt, remindersSent };
}
