import { SA } from '../../definitions';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import type { ReviewSchedule } from '../../governance/review-schedule';
import { sleepUntilDeadline, whenMoved } from '../kit/waits';
import type { ReviewContext } from './context';

/** The review is on record as scheduled, with its reminders. */
export async function scheduled({ input, clock, tracker, effects }: ReviewContext): Promise<void> {
  tracker.label([
    { key: SA.board, value: input.boardId },
    { key: SA.process, value: 'board-review' },
    { key: SA.nextDeadline, value: new Date(clock.startsAt) },
  ]);
  const { reviewDue, reminders } = clock.schedule;
  await effects.record('review-scheduled', { reviewDue, reminders });
  tracker.step('review-scheduled', `review due ${reviewDue}`);
}

/** The reminders ahead of the review, each on its day; the days sent for. */
export async function remind(context: ReviewContext): Promise<number[]> {
  const sent: number[] = [];
  for (const planned of context.clock.schedule.reminders) {
    if (await remindOnce(context, planned)) sent.push(planned.daysBefore);
  }
  return sent;
}

/** One reminder, on its day as the calendar stands when it falls due; false when its day had passed. */
async function remindOnce(
  context: ReviewContext,
  planned: ReviewSchedule['reminders'][number],
): Promise<boolean> {
  const { input, clock, tracker, effects } = context;
  const { daysBefore } = planned;
  // The reminder's day as the calendar stands now: holiday news may have moved it since the plan.
  const dayUnder = (calendar: HolidayCalendar) =>
    clock.under(calendar).reminders.find((r) => r.daysBefore === daysBefore)?.on ?? planned.on;
  const on = dayUnder(clock.calendar.current);
  // A review set up late (the board was established a while ago) skips reminders already in the past.
  if (Date.parse(clock.sendingAt(on).at) < Date.now()) {
    tracker.step('review-reminder-skipped', `${daysBefore}-day reminder date ${on} had passed`);
    return false;
  }
  tracker.enter('awaiting-reminder', `the ${daysBefore}-day reminder on ${on}`);
  await sleepUntilDeadline(
    {
      what: `the ${daysBefore}-day reminder`,
      calendar: clock.calendar,
      from: (calendar) => clock.sendingAt(dayUnder(calendar)),
      summary: (d) => `${daysBefore}-day review reminder, ${d.on}`,
      moved: (_was, to) => tracker.enter('awaiting-reminder', `the ${daysBefore}-day reminder on ${to.on}`),
    },
    () => false,
    { sleepsWhenDue: true },
  );
  const { reviewDue, startsOn } = clock.schedule;
  await effects.notify('review-reminder', {
    per: [daysBefore],
    to: input.recipients,
    ...(context.namesStartDay
      ? {
          action: clock.startsLate
            ? `Prepare for the effectiveness review: it falls due on ${reviewDue}, not a working day, so it starts on ${startsOn}.`
            : `Prepare for the effectiveness review: it starts on ${startsOn}.`,
          deadline: startsOn,
          facts: { daysBefore, cycle: input.cycle, reviewDue, startsOn },
        }
      : {
          action: `Prepare for the effectiveness review: it starts on ${reviewDue}.`,
          deadline: reviewDue,
          facts: { daysBefore, cycle: input.cycle },
        }),
    summary: `Send the ${daysBefore}-day review reminder`,
  });
  await effects.record('review-reminder', { daysBefore, reviewDue }, { per: [daysBefore] });
  tracker.step('review-reminder', `${daysBefore}-day reminder sent`);
  return true;
}

/** Waits for the day the review starts; holiday news that moves it tells the members the new day. */
export async function untilTheReview(context: ReviewContext): Promise<void> {
  const { clock, tracker } = context;
  tracker.enter('awaiting-review-date', `the review date ${clock.schedule.startsOn}`);
  await sleepUntilDeadline(
    {
      what: 'the start of the review',
      calendar: clock.calendar,
      from: (calendar) => clock.sendingAt(clock.under(calendar).startsOn),
      summary: (d) => `Effectiveness review starts ${d.on}`,
      moved: startMoved(context),
    },
    () => false,
  );
}

/** The members were told the day the review starts: they are told the new one. */
function startMoved({ input, clock, tracker, effects }: ReviewContext) {
  return whenMoved('the start of the review', {
    step: (kind, detail) => tracker.step(kind, detail),
    show: (to) => {
      tracker.enter('awaiting-review-date', `the review date ${to.on}`);
      tracker.label([{ key: SA.nextDeadline, value: new Date(to.at) }]);
    },
    tell: (was, to) =>
      effects.notify('deadline-moved', {
        per: ['review-start', to.on],
        to: input.recipients,
        action: `A bank holiday announced since moves the start of the effectiveness review from ${was.on} to ${to.on}.`,
        deadline: to.on,
        facts: { cycle: input.cycle, reviewDue: clock.schedule.reviewDue, startsOn: to.on },
      }),
  });
}

/** The review starts: on record, and the members are told. */
export async function started(context: ReviewContext): Promise<string> {
  const { input, clock, tracker, effects } = context;
  const { reviewDue, startsOn } = clock.schedule;
  const startedAt = new Date().toISOString();
  await effects.record('review-started', { reviewDue, startedOn: startsOn }, { at: startedAt });
  await effects.notify('review-started', {
    to: input.recipients,
    ...(context.namesStartDay
      ? {
          action: `The effectiveness review started on ${startsOn}: members are asked for their self-assessments, with the day they are due, in a message of their own.`,
          facts: { cycle: input.cycle, reviewDue, startedOn: startsOn },
        }
      : {
          action: 'The effectiveness review has started: complete your self-assessment.',
          deadline: reviewDue,
          facts: { cycle: input.cycle },
        }),
  });
  tracker.step('review-started', `review started on ${startsOn}`);
  tracker.enter('review-started', 'members’ self-assessments');
  return startedAt;
}
