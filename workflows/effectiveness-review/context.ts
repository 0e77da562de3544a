import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  effectivenessReviewInputSchema,
  effectivenessReviewStatusQuery,
  type EffectivenessReviewInput,
} from '../../definitions';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { WorkingCalendar } from '../kit/working-calendar';
import { ReviewClock, type ReviewInput } from './clock';
import { ReviewStatus } from './status';

/**
 * From this patch on, the mails name the day the review starts: a review due on a bank holiday or at a
 * weekend starts on the next working day, and its reminders say so (they used to name the due date as the
 * start); the review-started mail asks for nothing by a date (it used to give the due date, which for such
 * a review is before the mail is sent; the board's own request for self-assessments names their deadline).
 */
export const REVIEW_MAIL_NAMES_START_DAY = 'review-mail-names-start-day';

/** What every stage of the review clock works with. */
export interface ReviewContext {
  input: ReviewInput;
  clock: ReviewClock;
  tracker: ReviewStatus;
  effects: Effects;
  processTitle: string;
  /** Whether the mails name the day the review starts (histories from before the patch replay without). */
  namesStartDay: boolean;
}

/** Reads the review's input and sets up its process: the clock, the status query and effects. */
export function openReview(raw: EffectivenessReviewInput): ReviewContext {
  const input = parseWorkflowInput(effectivenessReviewInputSchema, raw);
  const { workflowId } = workflowInfo();
  // The rules' holidays of the region; holidays announced later arrive as news and move the days.
  const clock = new ReviewClock(input, new WorkingCalendar(input.region, { add: [], remove: [] }));
  const processTitle = `Effectiveness review ${input.cycle} of ${input.boardName}`;
  // Histories from before the patch replay with the mails they sent.
  const namesStartDay = patched(REVIEW_MAIL_NAMES_START_DAY);
  const tracker = new ReviewStatus(input.boardId, processTitle, clock);
  setHandler(effectivenessReviewStatusQuery, () => tracker.status);
  const effects = new Effects({
    workflowId,
    boardId: input.boardId,
    processTitle,
    // The members are told as listed, as the review always told them.
    keepsRepeatedRecipients: true,
    entry: { cycle: input.cycle },
  });
  return { input, clock, tracker, effects, processTitle, namesStartDay };
}
