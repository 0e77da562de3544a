import { executeChild } from '@temporalio/workflow';
import {
  recommendationWorkflowId,
  type RecommendationInput,
  type RecommendationResult,
} from '../../../definitions';
import { endOfLondonDay } from '../../../governance/deadlines';
import { addWorkingDays } from '../../../governance/working-days';
import { parentBodyClerks } from '../../kit/recipients';
import type { DecisionContext } from '../context';

/** P5: the board recommends; both parent bodies decide, in a child process, within 40 working days. */
export async function recommendToParentBodies(context: DecisionContext): Promise<RecommendationResult> {
  const { so, input, tracker, effects, calendar } = context;
  const deadline = addWorkingDays(context.today(), 40, calendar.current);
  const child: RecommendationInput = {
    boardId: so.board.id,
    ref: input.ref,
    title: input.title,
    recommendation: context.publicSummary,
    parentBodies: so.partners.map((p) => ({
      partner: p.id,
      body: p.parentBody.name,
      clerk: p.clerk,
      meetingDate: deadline,
      deadline,
    })),
    exemptParagraph: input.exemptParagraph,
  };
  tracker.enter('awaiting-parent-bodies', 'both parent bodies to decide on the recommendation', {
    deadline: endOfLondonDay(deadline).at,
    next: 'approved by both: implemented',
  });
  await effects.notify('recommendation-made', {
    to: parentBodyClerks(so),
    action: `Put the board's recommendation before ${so.partners.map((p) => p.parentBody.name).join(' and ')} by ${deadline}.`,
    deadline,
  });
  if (context.effects.writesTogether) await context.effects.written();
  return executeChild<(input: RecommendationInput) => Promise<RecommendationResult>>('recommendation', {
    args: [child],
    workflowId: recommendationWorkflowId(so.board.id, input.ref),
    staticSummary: `Recommendation to both parent bodies: ${input.title}`,
  });
}
