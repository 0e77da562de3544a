import { ParentClosePolicy, executeChild } from '@temporalio/workflow';
import { effectivenessReviewWorkflowId } from '../../definitions';
import { londonCivilDate, londonInstantMs, type CivilDate } from '../../governance/civil-date';
import { formatGbp } from '../../governance/money';
import { planReview, type ReviewSchedule } from '../../governance';
import { effectivenessReview } from '../effectiveness-review';
import type { BoardContext } from './context';
import { SEND_AT } from './establishment';
import { reportToParentBodies } from './review-report';
import { collectSelfAssessments } from './self-assessment';
import type { BoardState } from './state';

/** One effectiveness review: counted from `from`, due `plan.reviewDue`. */
export interface ReviewCycle {
  from: CivilDate;
  intervalMonths: number;
  plan: ReviewSchedule;
}

/**
 * P2, one cycle: the review's clock as a child workflow, the s75 pooled-budget review, members'
 * self-assessments, then the report to both parent bodies (see review-report.ts for their response).
 */
export async function reviewCycle(context: BoardContext, state: BoardState): Promise<ReviewCycle> {
  const cycle = scheduleReview(context, state);
  const startedOn = await startReview(context, state, cycle);
  await poolBudgetReview(context, state, cycle);
  await collectSelfAssessments(context, state, startedOn, cycle);
  await reportToParentBodies(context, state, cycle);
  return cycle;
}

function scheduleReview({ input, calendar, tracker }: BoardContext, state: BoardState): ReviewCycle {
  const { so, cycle } = state;
  const from = input.carried?.lastReviewOn ?? state.establishedOn!;
  const intervalMonths = cycle === 1 ? so.review.firstAfterMonths : so.review.recurringEveryMonths;
  const plan = planReview(
    { from, intervalMonths, reminderDaysBefore: so.review.reminderDaysBefore },
    calendar.current,
  );
  state.scheduleReview(plan.reviewDue, plan.startsOn);
  tracker.enter(
    'awaiting-review',
    `effectiveness review ${cycle}, due ${plan.reviewDue}, starting ${plan.startsOn}${plan.reminders.length ? ` (reminders ${plan.reminders.map((r) => r.on).join(', ')})` : ''}`,
    'timer',
    londonInstantMs(plan.startsOn, SEND_AT),
    'the review starts by itself; members then send their self-assessments',
  );
  tracker.step('review-scheduled', `review ${cycle} due ${plan.reviewDue}, counted from ${from}`);
  return { from, intervalMonths, plan };
}

/** The review's clock runs as a child workflow; the day it starts is the day it returns. */
async function startReview(
  context: BoardContext,
  state: BoardState,
  { from, intervalMonths, plan }: ReviewCycle,
) {
  const { boardId, boardName, workflowId, recipients, tracker } = context;
  const { so, cycle } = state;
  // TERMINATE (the default, stated here on purpose): the review is this board's clock and nothing else.
  // A board that is terminated, reset or dissolved must not leave an orphan clock that keeps mailing
  // reminders and recording "review started" for a board no longer run (ABANDON would). REQUEST_CANCEL
  // would only help a child with clean-up to do on cancellation, and the review clock has none.
  const started = await executeChild(effectivenessReview, {
    workflowId: effectivenessReviewWorkflowId(boardId, cycle),
    args: [
      {
        boardId,
        boardName,
        from,
        intervalMonths,
        reminderDaysBefore: so.review.reminderDaysBefore,
        region: so.holidays.region,
        cycle,
        recipients: [...recipients.members(), ...recipients.democraticServices()],
      },
    ],
    parentClosePolicy: ParentClosePolicy.TERMINATE,
    staticSummary: `Effectiveness review ${cycle} of ${boardName}, due ${plan.reviewDue}`,
    staticDetails: `Started by \`${workflowId}\`: reminders ${so.review.reminderDaysBefore.join(' and ')} days ahead, then the review starts on ${plan.startsOn}.`,
  });
  const startedOn = londonCivilDate(started.startedAt);
  tracker.step('review-started', `review ${cycle} started on ${startedOn}`);
  return startedOn;
}

/** The annual review of the pooled budgets (s75 agreement) rides along with each effectiveness review. */
async function poolBudgetReview(
  { effects, recipients, tracker }: BoardContext,
  state: BoardState,
  { plan }: ReviewCycle,
) {
  const { so, cycle } = state;
  const totalGbp = so.pooledBudgets.reduce((sum, b) => sum + b.amountGbp, 0);
  // Whole pounds, as the board has always written the total.
  const total = formatGbp(Math.round(totalGbp));
  await effects.record(
    's75-review',
    {
      cycle,
      reviewDue: plan.reviewDue,
      schemes: so.pooledBudgets.map((b) => ({
        id: b.id,
        name: b.name,
        kind: b.kind,
        amountGbp: b.amountGbp,
        contributions: b.contributions ?? {},
      })),
      totalGbp,
    },
    { summary: 'Record the annual pooled-budget (s75) review' },
  );
  await effects.notify('s75-review', {
    to: recipients.clerks(),
    action: `The annual review of the pooled-budget (s75) agreement is due with effectiveness review ${cycle}: ${so.pooledBudgets.length} schemes, ${total} in total.`,
    facts: { cycle, schemes: so.pooledBudgets.length, totalGbp },
    summary: 'Send the s75 pooled-budget review to both clerks',
  });
  tracker.step('s75-review', `${so.pooledBudgets.length} pooled-budget schemes, ${total} in total`);
}
