import type { ReviewSchedule } from '../../governance/review-schedule';
import { addMonths, londonCivilDate } from '../../governance/civil-date';
import { endOfLondonDayMs } from '../../governance/deadlines';
import type { BoardContext } from './context';
import { nextChange } from './escalation';
import { KINDS, type BoardState } from './state';

/**
 * The review report goes to both parent bodies, whose response is awaited (escalated to both chief
 * executives if it is late); each response is then recorded.
 */
export async function reportToParentBodies(
  context: BoardContext,
  state: BoardState,
  cycle: { plan: ReviewSchedule },
) {
  const report = await recordReport(context, state, cycle);
  await sendReport(context, state, report);
  await awaitResponses(context, state);
  state.closeReview();
  state.escalateAfter(undefined);
  for (const kind of KINDS) {
    const o = state.review.outcomes.get(kind)!;
    await context.effects.record(
      'review-outcome-decision',
      {
        cycle: state.cycle,
        body: kind,
        parentBody: state.bodyName(kind),
        outcome: o.outcome,
        by: o.by,
        comments: o.comments,
        extension: o.extension,
        decidedOn: londonCivilDate(o.at),
      },
      { per: [kind], summary: `Record ${state.bodyName(kind)}'s response: ${o.outcome}` },
    );
  }
}

interface Report {
  reportOn: string;
  ratings: number[];
  averageRating: number | null;
  missing: string[];
}

async function recordReport(
  { effects, tracker, today }: BoardContext,
  state: BoardState,
  { plan }: { plan: ReviewSchedule },
): Promise<Report> {
  const { so, review, cycle } = state;
  const ratings = [...review.assessments.values()].map((a) => a.rating);
  const averageRating = ratings.length
    ? Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 100) / 100
    : null;
  const missing = state.outstandingMembers();
  const reportOn = today();
  const totalGbp = so.pooledBudgets.reduce((sum, b) => sum + b.amountGbp, 0);
  await effects.record(
    'review-report',
    {
      cycle,
      reviewDue: plan.reviewDue,
      reportOn,
      responses: ratings.length,
      members: so.members.length,
      averageRating,
      ratings: Object.fromEntries(
        [1, 2, 3, 4, 5].map((r) => [String(r), ratings.filter((x) => x === r).length]),
      ),
      missing,
      comments: [...review.assessments.entries()]
        .filter(([, a]) => a.comments)
        .map(([member, a]) => ({ member, comments: a.comments })),
      s75: { schemes: so.pooledBudgets.length, totalGbp },
    },
    { summary: 'Record the review report' },
  );
  tracker.step(
    'review-report',
    `${ratings.length} of ${so.members.length} self-assessments, average ${averageRating ?? 'n/a'}`,
  );
  return { reportOn, ratings, averageRating, missing };
}

async function sendReport({ effects, recipients, tracker }: BoardContext, state: BoardState, report: Report) {
  const { so, cycle } = state;
  const responseDue = addMonths(report.reportOn, so.establishment.approvalDeadlineMonths);
  state.escalateAfter({
    topic: 'review-outcome',
    what: `both parent bodies' response to review ${cycle}`,
    on: responseDue,
    atMs: endOfLondonDayMs(responseDue),
  });
  state.awaitReviewOutcome();
  await effects.notify('review-report', {
    to: recipients.clerks(),
    action: `Put the effectiveness review report to your parent body and record its response by ${responseDue}: continue, amend the Terms of Reference, extend delegation, or dissolve.`,
    deadline: responseDue,
    facts: {
      cycle,
      responses: report.ratings.length,
      members: so.members.length,
      averageRating: report.averageRating ?? 'none',
      missing: report.missing.join(', ') || 'none',
    },
    summary: 'Send the review report to both clerks',
  });
  tracker.enter(
    'awaiting-review-outcome',
    `both parent bodies' response to review ${cycle}`,
    'parent-bodies',
    state.escalation!.atMs,
    'both continue: next cycle; amend-tor: a revised Terms of Reference; extend-delegation: recorded; both dissolve: the board ends',
  );
}

async function awaitResponses(context: BoardContext, state: BoardState) {
  const { tracker } = context;
  while (state.review.outcomes.size < KINDS.length) {
    await nextChange(context, state);
    const waitingOn = KINDS.filter((k) => !state.review.outcomes.has(k));
    if (waitingOn.length > 0) {
      tracker.current.waitingFor = `${waitingOn.map((k) => state.bodyName(k)).join(' and ')} to respond to review ${state.cycle}`;
      tracker.current.waitingKey = waitingOn[0]!;
      tracker.show();
    }
  }
}
