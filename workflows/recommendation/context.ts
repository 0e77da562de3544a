import { ApplicationFailure, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  recommendationInputSchema,
  recommendationStatusQuery,
  type RecommendationInput,
} from '../../definitions';
import { endOfLondonDayMs } from '../../governance/deadlines';
import type { Recipient } from '../../activities/contract';
import { Authority } from '../kit/refusals';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { RecommendationState, type ParentBody, type RecommendationInputParsed } from './state';
import { RecommendationStatus } from './status';

/** What every stage of a recommendation works with: the recommendation, its parent bodies, the process's means. */
export interface RecommendationContext {
  input: RecommendationInputParsed;
  state: RecommendationState;
  tracker: RecommendationStatus;
  effects: Effects;
  authority: Authority;
  bodyOf: (partner: string) => ParentBody | undefined;
  /** A parent body's deadline date runs to the end of that day in London. */
  deadlineMs: (partner: string) => number;
}

/** Reads the recommendation and sets up its process: status query, effects, the authority audit. */
export function openRecommendation(raw: RecommendationInput): RecommendationContext {
  const input = parseWorkflowInput(recommendationInputSchema, raw);
  const partners = input.parentBodies.map((b) => b.partner);
  const duplicate = partners.find((p, i) => partners.indexOf(p) !== i);
  if (duplicate) {
    throw ApplicationFailure.nonRetryable(
      `invalid input: parentBodies: partner "${duplicate}" is listed twice`,
      'InvalidInput',
    );
  }
  const { workflowId } = workflowInfo();
  const title = `Recommendation ${input.ref} of ${input.boardId}: ${input.title}`;
  const deadlines = new Map(input.parentBodies.map((b) => [b.partner, endOfLondonDayMs(b.deadline)]));
  const bodies = new Map(input.parentBodies.map((b) => [b.partner, b]));
  const deadlineMs = (partner: string) => deadlines.get(partner)!;
  const state = new RecommendationState(partners);
  const tracker = new RecommendationStatus({ input, title, state, deadlineMs });
  setHandler(recommendationStatusQuery, () => tracker.status);
  const effects = new Effects({
    workflowId,
    boardId: input.boardId,
    processTitle: title,
    // The clerks are told as listed, as the recommendation always told them.
    keepsRepeatedRecipients: true,
    entry: { ref: input.ref },
    facts: { ref: input.ref },
  });
  return {
    input,
    state,
    tracker,
    effects,
    authority: new Authority({
      workflowId,
      boardId: input.boardId,
      step: (n) => effects.stepKey('refused', n),
    }),
    bodyOf: (partner) => bodies.get(partner),
    deadlineMs,
  };
}

export function clerk(b: ParentBody): Recipient {
  return { role: 'parent-body-clerk', name: b.clerk.name, email: b.clerk.email, partner: b.partner };
}
