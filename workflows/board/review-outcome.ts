import { addMonths } from '../../governance/civil-date';
import { endOfLondonDayMs } from '../../governance/deadlines';
import { combineReviewResponses } from '../../governance/review-outcomes';
import type { ReviewOutcome } from '../../definitions';
import { approveTermsOfReference } from './approval-loop';
import type { BoardContext } from './context';
import type { ReviewCycle } from './review-cycle';
import { KINDS, type BoardState } from './state';

/** How a review cycle ended: the board dissolved, or it goes on to the next cycle. */
export type AfterReview = { kind: 'dissolved'; detail: string } | { kind: 'continues' };

/**
 * The review is completed with what both parent bodies' responses come to, which the board then does:
 * dissolve, record an extended delegation, or put an amended Terms of Reference through the approval loop.
 */
export async function actOnReview(
  context: BoardContext,
  state: BoardState,
  { plan }: ReviewCycle,
): Promise<AfterReview> {
  const { effects, tracker, recipients, boardId, today } = context;
  const { cycle, review } = state;
  const answer = (k: (typeof KINDS)[number]) => review.outcomes.get(k)!;
  const outcome: ReviewOutcome = combineReviewResponses(KINDS.map((k) => answer(k).outcome));
  const completedOn = today();
  await effects.record(
    'review-completed',
    {
      cycle,
      reviewId: `${boardId}/review/${cycle}`,
      reviewDue: plan.reviewDue,
      completedOn,
      outcome,
      summary: KINDS.map((k) => `${state.bodyName(k)}: ${answer(k).outcome}`).join('; '),
    },
    { summary: `Record review ${cycle} completed: ${outcome}` },
  );
  tracker.step(
    'review-completed',
    `review ${cycle}: ${outcome} (${KINDS.map((k) => `${k} ${answer(k).outcome}`).join(', ')})`,
  );
  if (outcome === 'dissolve') return dissolve(context, state, completedOn);

  await effects.notify('review-completed', {
    to: [...recipients.members(), ...recipients.clerks()],
    action: `Effectiveness review ${cycle} is complete: ${outcome}.`,
    facts: { cycle, outcome, completedOn },
    summary: `Tell the members the review outcome: ${outcome}`,
  });
  if (outcome === 'extend-delegation') await extendDelegation(context, state, completedOn);
  if (outcome === 'amend-tor') await amendTermsOfReference(context, state, completedOn);
  return { kind: 'continues' };
}

async function dissolve(
  { effects, recipients, tracker, boardName }: BoardContext,
  state: BoardState,
  on: string,
) {
  await effects.record('board-dissolved', { dissolvedOn: on }, { summary: 'Record the board dissolved' });
  await effects.notify('board-dissolved', {
    to: [...recipients.members(), ...recipients.clerks(), ...recipients.democraticServices()],
    action: `Both parent bodies have decided to dissolve ${boardName} from ${on}. Delegations to it end.`,
    facts: { dissolvedOn: on, cycle: state.cycle },
    summary: 'Tell everyone the board is dissolved',
  });
  tracker.step('board-dissolved', `dissolved on ${on}`);
  return { kind: 'dissolved' as const, detail: `dissolved on ${on} after review ${state.cycle}` };
}

async function extendDelegation({ effects, tracker }: BoardContext, state: BoardState, on: string) {
  const extensions = KINDS.filter((k) => state.review.outcomes.get(k)!.outcome === 'extend-delegation').map(
    (k) => ({
      body: k,
      parentBody: state.bodyName(k),
      extension: state.review.outcomes.get(k)!.extension,
      by: state.review.outcomes.get(k)!.by,
    }),
  );
  await effects.record(
    'delegation-extended',
    { cycle: state.cycle, extendedOn: on, extensions },
    { summary: 'Record the extended delegation' },
  );
  tracker.step('delegation-extended', extensions.map((e) => `${e.parentBody}: ${e.extension}`).join('; '));
}

/** Either parent body asked to amend the Terms of Reference: a revision both must approve in time. */
async function amendTermsOfReference(context: BoardContext, state: BoardState, on: string) {
  const { effects, recipients, tracker, today } = context;
  const asked = KINDS.filter((k) => state.review.outcomes.get(k)!.outcome === 'amend-tor').map(
    (k) => `${state.bodyName(k)}: ${state.review.outcomes.get(k)!.comments}`,
  );
  const amendBy = addMonths(on, state.so.establishment.approvalDeadlineMonths);
  state.escalateAfter({
    topic: 'tor-amendment',
    what: 'approval of the amended Terms of Reference by both parent bodies',
    on: amendBy,
    atMs: endOfLondonDayMs(amendBy),
  });
  const verdict = await approveTermsOfReference(context, state, asked);
  state.escalateAfter(undefined);
  const approved = state.approved!;
  if (verdict === 'approved') {
    await effects.notify('tor-amended', {
      per: [`v${approved.version}`],
      to: [...recipients.members(), ...recipients.democraticServices()],
      action: `Version ${approved.version} of the Terms of Reference is in force from ${today()}.`,
      facts: { version: approved.version, contentHash: approved.contentHash },
      summary: 'Tell the members the amended ToR is in force',
    });
  } else {
    // The amendment is rejected, not the board: the Terms of Reference in force stay as they were.
    tracker.step('tor-unchanged', `the amendment was rejected; version ${approved.version} stays in force`);
  }
}
