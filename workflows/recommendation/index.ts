import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { RecommendationInput, RecommendationResult } from '../../definitions';
import { registerActions } from '../kit/actions';
import { recommendationActions } from './actions';
import { openRecommendation } from './context';
import { awaitDecisions, conclude, send, startClocks } from './stages';

export type { RecommendationStage } from './status';

/**
 * P5: a board without delegated power recommends, and each parent body (the council's Cabinet, the NHS
 * body's Board) decides on it in parallel, each by its own deadline. Started by the decision workflow as a
 * child (workflow type `recommendation`) or by an officer through the client.
 *
 * Outcome: approved when both approve; rejected as soon as either rejects (nothing the other says can
 * change that); amended when either asks for amendment and none rejects; expired when a parent body's
 * deadline (the end of that day, London time) passes before it has answered and the outcome is not
 * already settled.
 */
export async function recommendation(raw: RecommendationInput): Promise<RecommendationResult> {
  const context = openRecommendation(raw);
  const { state } = context;
  registerActions(
    { authority: context.authority, stage: () => (state.concluded ? 'concluded' : 'open') },
    recommendationActions(context),
  );
  await send(context);
  const clocks = startClocks(context);
  const outcome = await awaitDecisions(context);
  state.conclude();
  await clocks;
  const result = await conclude(context, outcome);
  await condition(allHandlersFinished);
  return result;
}
