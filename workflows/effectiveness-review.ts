import {
  patched,
  setHandler,
  setCurrentDetails,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  SA,
  effectivenessReviewInputSchema,
  effectivenessReviewStatusQuery,
  type EffectivenessReviewInput,
  type EffectivenessReviewResult,
  type EffectivenessReviewStage,
  type ProcessStatus,
} from '../definitions';
import { londonInstant } from '../governance/civil-date';
import { holidayCalendar } from '../governance/bank-holidays';
import { displayDate, displayDateTime, displayDatesIn } from '../governance/display-dates';
import { planReview } from '../governance/review-schedule';
import { notify, record } from './activities';
import { parseWorkflowInput } from './input';

/** Reviews and reminders go out at the start of the working day in London. */
const SEND_AT = '09:00';

/**
 * From this patch on, the mails name the day the review starts: a review due on a bank holiday or at a
 * weekend starts on the next working day, and its reminders say so (they used to name the due date as the
 * start); the review-started mail asks for nothing by a date (it used to give the due date, which for such
 * a review is before the mail is sent; the board's own request for self-assessments names their deadline).
 */
export const REVIEW_MAIL_NAMES_START_DAY = 'review-mail-names-start-day';

/**
 * P2, the effectiveness review's clock: N months after establishment (or the last review) the review
 * starts by itself, with reminders ahead of it. A durable timer, not a diary entry.
 */
export async function effectivenessReview(
  rawInput: EffectivenessReviewInput,
): Promise<EffectivenessReviewResult> {
  const input = parseWorkflowInput(effectivenessReviewInputSchema, rawInput);
  const { workflowId } = workflowInfo();
  const schedule = planReview(
    { from: input.from, intervalMonths: input.intervalMonths, reminderDaysBefore: input.reminderDaysBefore },
    holidayCalendar(input.region),
  );
  const reviewStartsAt = londonInstant(schedule.startsOn, SEND_AT);
  const processTitle = `Effectiveness review ${input.cycle} of ${input.boardName}`;
  // Histories from before the patch replay with the mails they sent.
  const namesStartDay = patched(REVIEW_MAIL_NAMES_START_DAY);
  const moved = schedule.startsOn !== schedule.reviewDue;

  const status: ProcessStatus<EffectivenessReviewStage> = {
    process: 'board-review',
    boardId: input.boardId,
    stage: 'awaiting-reminder',
    nextDeadline: reviewStartsAt,
    waitingFor: '',
    steps: [],
  };
  setHandler(effectivenessReviewStatusQuery, () => status);

  const step = (kind: string, detail: string) =>
    status.steps.push({ at: new Date().toISOString(), kind, detail });
  const enter = (stage: EffectivenessReviewStage, waitingFor: string) => {
    status.stage = stage;
    status.waitingFor = waitingFor;
    upsertSearchAttributes([
      { key: SA.stage, value: stage },
      { key: SA.waitingFor, value: stage === 'review-started' ? 'members' : 'timer' },
    ]);
    // Current details are no command (nothing in the history): dates are shown here as people read them.
    setCurrentDetails(
      [
        `**${processTitle}**`,
        `- Stage: ${stage}`,
        `- Review due: ${displayDate(schedule.reviewDue)}; starts ${displayDateTime(reviewStartsAt)}`,
        `- Waiting for: ${displayDatesIn(waitingFor)}`,
      ].join('\n'),
    );
  };

  upsertSearchAttributes([
    { key: SA.board, value: input.boardId },
    { key: SA.process, value: 'board-review' },
    { key: SA.nextDeadline, value: new Date(reviewStartsAt) },
  ]);
  await record({
    key: { workflowId, step: 'review-scheduled' },
    boardId: input.boardId,
    processId: workflowId,
    kind: 'review-scheduled',
    at: new Date().toISOString(),
    data: { cycle: input.cycle, reviewDue: schedule.reviewDue, reminders: schedule.reminders },
  });
  step('review-scheduled', `review due ${schedule.reviewDue}`);

  const remindersSent: number[] = [];
  for (const reminder of schedule.reminders) {
    const sendAt = Date.parse(londonInstant(reminder.on, SEND_AT));
    // A review set up late (the board was established a while ago) skips reminders already in the past.
    if (sendAt < Date.now()) {
      step('review-reminder-skipped', `${reminder.daysBefore}-day reminder date ${reminder.on} had passed`);
      continue;
    }
    enter('awaiting-reminder', `the ${reminder.daysBefore}-day reminder on ${reminder.on}`);
    await sleep(sendAt - Date.now(), {
      summary: `${reminder.daysBefore}-day review reminder, ${reminder.on}`,
    });
    await notify(
      {
        key: { workflowId, step: `review-reminder/${reminder.daysBefore}` },
        kind: 'review-reminder',
        boardId: input.boardId,
        processTitle,
        recipients: input.recipients,
        ...(namesStartDay
          ? {
              action: moved
                ? `Prepare for the effectiveness review: it falls due on ${schedule.reviewDue}, not a working day, so it starts on ${schedule.startsOn}.`
                : `Prepare for the effectiveness review: it starts on ${schedule.startsOn}.`,
              deadline: schedule.startsOn,
              facts: {
                daysBefore: reminder.daysBefore,
                cycle: input.cycle,
                reviewDue: schedule.reviewDue,
                startsOn: schedule.startsOn,
              },
            }
          : {
              action: `Prepare for the effectiveness review: it starts on ${schedule.reviewDue}.`,
              deadline: schedule.reviewDue,
              facts: { daysBefore: reminder.daysBefore, cycle: input.cycle },
            }),
      },
      `Send the ${reminder.daysBefore}-day review reminder`,
    );
    await record({
      key: { workflowId, step: `review-reminder/${reminder.daysBefore}` },
      boardId: input.boardId,
      processId: workflowId,
      kind: 'review-reminder',
      at: new Date().toISOString(),
      data: { cycle: input.cycle, daysBefore: reminder.daysBefore, reviewDue: schedule.reviewDue },
    });
    remindersSent.push(reminder.daysBefore);
    step('review-reminder', `${reminder.daysBefore}-day reminder sent`);
  }

  enter('awaiting-review-date', `the review date ${schedule.startsOn}`);
  const untilReview = Date.parse(reviewStartsAt) - Date.now();
  if (untilReview > 0)
    await sleep(untilReview, { summary: `Effectiveness review starts ${schedule.startsOn}` });

  const startedAt = new Date().toISOString();
  await record({
    key: { workflowId, step: 'review-started' },
    boardId: input.boardId,
    processId: workflowId,
    kind: 'review-started',
    at: startedAt,
    data: { cycle: input.cycle, reviewDue: schedule.reviewDue, startedOn: schedule.startsOn },
  });
  await notify({
    key: { workflowId, step: 'review-started' },
    kind: 'review-started',
    boardId: input.boardId,
    processTitle,
    recipients: input.recipients,
    ...(namesStartDay
      ? {
          action: `The effectiveness review started on ${schedule.startsOn}: members are asked for their self-assessments, with the day they are due, in a message of their own.`,
          facts: { cycle: input.cycle, reviewDue: schedule.reviewDue, startedOn: schedule.startsOn },
        }
      : {
          action: 'The effectiveness review has started: complete your self-assessment.',
          deadline: schedule.reviewDue,
          facts: { cycle: input.cycle },
        }),
  });
  step('review-started', `review started on ${schedule.startsOn}`);
  enter('review-started', 'members’ self-assessments');
  return { boardId: input.boardId, reviewDue: schedule.reviewDue, startedAt, remindersSent };
}
