import {
  patched,
  setHandler,
  setCurrentDetails,
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
import type { HolidayCalendar } from '../governance/bank-holidays';
import { displayDate, displayDateTime, displayDatesIn } from '../governance/display-dates';
import { planReview } from '../governance/review-schedule';
import { notify, record } from './kit/proxies';
import { parseWorkflowInput } from './kit/input';
import { markdownText } from '../definitions/markdown';
import { describeNews, takeHolidayNews } from './kit/holiday-news';
import { sleepUntilDeadline } from './kit/waits';
import { WorkingCalendar, type Deadline } from './kit/working-calendar';

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
  // The rules' holidays of the region; holidays announced later arrive as news and move the days below.
  const workingDays = new WorkingCalendar(input.region, { add: [], remove: [] });
  const scheduleUnder = (calendar: HolidayCalendar) =>
    planReview(
      {
        from: input.from,
        intervalMonths: input.intervalMonths,
        reminderDaysBefore: input.reminderDaysBefore,
      },
      calendar,
    );
  let schedule = scheduleUnder(workingDays.current);
  let reviewStartsAt = londonInstant(schedule.startsOn, SEND_AT);
  const sendingAt = (on: string): Deadline => ({ on, at: londonInstant(on, SEND_AT) });
  const processTitle = `Effectiveness review ${input.cycle} of ${input.boardName}`;
  // Histories from before the patch replay with the mails they sent.
  const namesStartDay = patched(REVIEW_MAIL_NAMES_START_DAY);
  const startsLate = () => schedule.startsOn !== schedule.reviewDue;

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
        `**${markdownText(processTitle)}**`,
        `- Stage: ${stage}`,
        `- Review due: ${displayDate(schedule.reviewDue)}; starts ${displayDateTime(reviewStartsAt)}`,
        `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
      ].join('\n'),
    );
  };

  takeHolidayNews(workingDays, async (news) => {
    step('holidays-announced', describeNews(news));
    // Later reminders and the start follow the calendar as it now stands.
    schedule = scheduleUnder(workingDays.current);
    reviewStartsAt = londonInstant(schedule.startsOn, SEND_AT);
    await record({
      key: { workflowId, step: `holidays-announced/${workingDays.version}` },
      boardId: input.boardId,
      processId: workflowId,
      kind: 'holidays-announced',
      at: new Date().toISOString(),
      data: { cycle: input.cycle, ...news },
    });
  });
  /** The members were told the day the review starts: they are told the new one. */
  async function startMoved(was: Deadline, to: Deadline): Promise<void> {
    step('deadline-moved', `the start of the review: from ${was.on} to ${to.on}`);
    enter('awaiting-review-date', `the review date ${to.on}`);
    upsertSearchAttributes([{ key: SA.nextDeadline, value: new Date(to.at) }]);
    await notify({
      key: { workflowId, step: `deadline-moved/review-start/${to.on}` },
      kind: 'deadline-moved',
      boardId: input.boardId,
      processTitle,
      recipients: input.recipients,
      action: `A bank holiday announced since moves the start of the effectiveness review from ${was.on} to ${to.on}.`,
      deadline: to.on,
      facts: { cycle: input.cycle, reviewDue: schedule.reviewDue, startsOn: to.on },
    });
  }

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
  for (const planned of schedule.reminders) {
    // The reminder's day as the calendar stands now: holiday news may have moved it since the plan.
    const dayUnder = (calendar: HolidayCalendar) =>
      scheduleUnder(calendar).reminders.find((r) => r.daysBefore === planned.daysBefore)?.on ?? planned.on;
    const reminder = { daysBefore: planned.daysBefore, on: dayUnder(workingDays.current) };
    const sendAt = Date.parse(londonInstant(reminder.on, SEND_AT));
    // A review set up late (the board was established a while ago) skips reminders already in the past.
    if (sendAt < Date.now()) {
      step('review-reminder-skipped', `${reminder.daysBefore}-day reminder date ${reminder.on} had passed`);
      continue;
    }
    enter('awaiting-reminder', `the ${reminder.daysBefore}-day reminder on ${reminder.on}`);
    await sleepUntilDeadline(
      {
        what: `the ${reminder.daysBefore}-day reminder`,
        calendar: workingDays,
        from: (calendar) => sendingAt(dayUnder(calendar)),
        summary: (d) => `${reminder.daysBefore}-day review reminder, ${d.on}`,
        moved: (_was, to) =>
          enter('awaiting-reminder', `the ${reminder.daysBefore}-day reminder on ${to.on}`),
      },
      () => false,
      { sleepsWhenDue: true },
    );
    await notify(
      {
        key: { workflowId, step: `review-reminder/${reminder.daysBefore}` },
        kind: 'review-reminder',
        boardId: input.boardId,
        processTitle,
        recipients: input.recipients,
        ...(namesStartDay
          ? {
              action: startsLate()
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
  await sleepUntilDeadline(
    {
      what: 'the start of the review',
      calendar: workingDays,
      from: (calendar) => sendingAt(scheduleUnder(calendar).startsOn),
      summary: (d) => `Effectiveness review starts ${d.on}`,
      moved: (was, to) => startMoved(was, to),
    },
    () => false,
  );

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
