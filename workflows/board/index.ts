import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { SA, type BoardInput, type BoardResult, type BoardStage } from '../../definitions';
import { describeNews, takeHolidayNews } from '../kit/holiday-news';
import { registerBoardActions } from './actions';
import { openBoard, type BoardContext } from './context';
import { establish } from './establishment';
import { actOnReview } from './review-outcome';
import { reviewCycle } from './review-cycle';
import type { BoardState } from './state';

/**
 * P1 and P2: a board's life, from its proposal to its dissolution, in one workflow per board
 * (ID `board/<boardId>`).
 *
 * P1: the first meeting considers the draft Terms of Reference, which then go to both parent bodies; each
 * approves, rejects or asks for amendments (`decideTermsOfReference`). Amendments come back from democratic
 * services as a new version (`reviseTermsOfReference`) that both must approve again. The approved text is
 * frozen by its SHA-256, and the board is established on the day the second approval lands. Not approved
 * by the deadline (standing orders, default 3 months): escalated to both chief executives, still waiting.
 * A rejection by either parent body ends the proposal.
 *
 * P2: each run then holds one review cycle: the effectiveness review's clock as a child workflow, the
 * s75 pooled-budget review, members' self-assessments (`submitSelfAssessment`), a report to both parent
 * bodies and their response (`decideReviewOutcome`): continue, amend the Terms of Reference (back into the
 * P1 approval loop), extend delegation, or dissolve. The run ends with continue-as-new, carrying only
 * what the next cycle needs, so the history of a board that lives for decades stays small.
 */
export async function board(raw: BoardInput): Promise<BoardResult> {
  const { context, state } = openBoard(raw);
  registerBoardActions(context, state);
  takeHolidayNews(context.calendar, async (news) => {
    context.tracker.step('holidays-announced', describeNews(news));
    await context.effects.record(
      'holidays-announced',
      { ...news },
      { per: [context.calendar.version], summary: 'Record the holiday news' },
    );
  });
  context.tracker.label([
    { key: SA.board, value: context.boardId },
    { key: SA.process, value: 'board' },
  ]);

  if (!context.input.carried) {
    const establishment = await establish(context, state);
    if (establishment.kind === 'rejected')
      return finish(context, state, 'rejected', 'rejected', establishment.detail);
  }

  const cycle = await reviewCycle(context, state);
  const after = await actOnReview(context, state, cycle);
  if (after.kind === 'dissolved') return finish(context, state, 'dissolved', 'dissolved', after.detail);

  // The next cycle starts with a fresh, short history.
  await condition(allHandlersFinished);
  return continueAsNew<typeof board>({
    standingOrders: state.so,
    selfAssessmentWorkingDays: context.input.selfAssessmentWorkingDays,
    carried: {
      standingOrders: { ...state.registration },
      ...(context.calendar.hasNews ? { holidays: context.calendar.holidays.adjustments } : {}),
      cycle: state.cycle + 1,
      establishedOn: state.establishedOn!,
      termsOfReference: { ...state.approved! },
      lastReviewOn: cycle.plan.reviewDue,
    },
  });
}

async function finish(
  { tracker, boardId, today }: BoardContext,
  state: BoardState,
  result: BoardResult['status'],
  stage: BoardStage,
  detail: string,
): Promise<BoardResult> {
  tracker.enter(stage, 'nothing: the board process has ended', 'none', undefined, detail);
  await condition(allHandlersFinished);
  return {
    boardId,
    status: result,
    on: today(),
    cycle: state.cycle,
    ...(state.approved ? { termsOfReference: state.approved } : {}),
  };
}
