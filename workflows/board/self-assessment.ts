import type { ReviewSchedule } from '../../governance/review-schedule';
import { addWorkingDays, type CivilDate } from '../../governance';
import { endOfLondonDay, endOfLondonDayMs } from '../../governance/deadlines';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import { waitUntilDeadline, whenMoved } from '../kit/waits';
import type { BoardContext } from './context';
import type { BoardState } from './state';

/**
 * Members' self-assessments, until every member has answered or the deadline passes (N working days from
 * the review's start; holiday news announced meanwhile moves it).
 */
export async function collectSelfAssessments(
  context: BoardContext,
  state: BoardState,
  startedOn: CivilDate,
  { plan }: { plan: ReviewSchedule },
): Promise<void> {
  const { input, calendar, effects, recipients, tracker } = context;
  const { cycle } = state;
  const days = input.selfAssessmentWorkingDays;
  const deadlineUnder = (holidays: HolidayCalendar) => addWorkingDays(startedOn, days, holidays);
  const deadline = deadlineUnder(calendar.current);
  state.collectSelfAssessments(deadline);
  await effects.notify('self-assessment-required', {
    to: recipients.members(),
    action: `Send your self-assessment of the board (a rating from 1 to 5, with comments) by ${deadline}.`,
    deadline,
    facts: { cycle, reviewDue: plan.reviewDue },
    summary: 'Ask the members for their self-assessments',
  });
  const show = (day: CivilDate) =>
    tracker.enter(
      'self-assessment',
      `self-assessments from ${state.outstandingMembers().length} of ${state.so.members.length} members`,
      'members',
      endOfLondonDayMs(day),
      `by ${day} (${days} working days) the review report goes to both parent bodies`,
    );
  show(deadline);
  if (endOfLondonDayMs(deadline) - Date.now() > 0 && state.outstandingMembers().length > 0) {
    await waitUntilDeadline(
      {
        what: 'the self-assessments',
        calendar,
        from: (holidays) => endOfLondonDay(deadlineUnder(holidays)),
        summary: (d) => `Self-assessments due by ${d.on} (${days} working days)`,
        moved: whenMoved('the self-assessments', {
          step: (kind, detail) => tracker.step(kind, detail),
          show: (to) => {
            state.moveSelfAssessmentDeadline(to.on);
            show(to.on);
          },
          tell: (was, to) =>
            effects.notify('deadline-moved', {
              per: ['self-assessment', to.on],
              to: recipients.members(),
              action: `A bank holiday announced since moves the day your self-assessment is due from ${was.on} to ${to.on}.`,
              deadline: to.on,
              facts: { cycle },
              summary: 'Tell the members the new day for self-assessments',
            }),
        }),
      },
      () => state.outstandingMembers().length === 0,
    );
  }
  state.closeReview();
}
