import type { z } from 'zod';
import {
  parentBodyDecisionSchema,
  recordParentDecisionUpdate,
  type ParentBodyDecision,
  type RecommendationResult,
} from '../../definitions';
import { clerkRefusal } from '../../governance/authority';
import { action } from '../kit/actions';
import type { RecommendationContext } from './context';

type Decided = z.output<typeof parentBodyDecisionSchema>;

/** Whether the recommendation still takes decisions: the turn its one action is allowed in. */
export type RecommendationTurn = 'open' | 'concluded';

/** What the parent bodies' clerks may do: record their body's decision, once, by its deadline. */
export function recommendationActions(context: RecommendationContext) {
  const { input, state, tracker, bodyOf, deadlineMs } = context;
  const partners = input.parentBodies.map((b) => b.partner);
  return {
    recordParentDecision: action<
      RecommendationTurn,
      [ParentBodyDecision],
      Decided,
      RecommendationResult['perPartner']
    >(recordParentDecisionUpdate, {
      schema: parentBodyDecisionSchema,
      what: 'decision',
      known: (d) => {
        if (!bodyOf(d.partner))
          throw new Error(
            `"${d.partner}" is not a parent body of this recommendation (parent bodies: ${partners.join(', ')})`,
          );
      },
      who: (d) => {
        const body = bodyOf(d.partner)!;
        return clerkRefusal(body.body, body.clerk.email, d.by);
      },
      actor: (d) => d.by,
      allowed: {
        in: ['open'],
        otherwise: () =>
          `the recommendation has concluded (${tracker.status.stage}); no more decisions are taken`,
      },
      check: (d) => {
        const body = bodyOf(d.partner)!;
        const earlier = state.answerOf(d.partner);
        if (earlier)
          throw new Error(
            `${body.body} has already decided (${earlier.outcome}); a decision is recorded once`,
          );
        if (state.hasExpired(d.partner) || Date.now() >= deadlineMs(d.partner))
          throw new Error(`${body.body}'s deadline ${body.deadline} has passed`);
      },
      apply: (d) => {
        state.answer(d.partner, {
          outcome: d.outcome,
          by: d.by,
          reasons: d.reasons,
          at: new Date().toISOString(),
        });
        tracker.step('parent-body-decision', `${bodyOf(d.partner)!.body}: ${d.outcome}`);
        tracker.show(tracker.status.stage);
        return tracker.status.perPartner;
      },
    }),
  };
}
