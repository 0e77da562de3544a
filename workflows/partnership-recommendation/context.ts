import { setHandler, workflowInfo } from '@temporalio/workflow';
import type { Recipient } from '../../activities/contract';
import {
  partnershipRecommendationInputSchema,
  partnershipRecommendationStatusQuery,
  type PartnershipRecommendationInput,
  type PartnershipRecommendationInputParsed,
} from '../../definitions';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { democraticServices, officer } from '../kit/recipients';
import { PartnershipRecommendationStatusTracker } from './status';

/** What every stage works with: the recommendation, the JCB's rules, and the process's means. */
export interface PartnershipRecommendationContext {
  input: PartnershipRecommendationInputParsed;
  /** The JCB's registered standing orders. */
  so: StandingOrders;
  /** The recommendation as mail and the register may show it: only the paragraph for an exempt item. */
  publicText: string;
  tracker: PartnershipRecommendationStatusTracker;
  effects: Effects;
  /** The partnership board's clerk, who takes the outcome back to it, and the presenting officer. */
  partnershipBoard: Recipient[];
  /** The JCB's democratic services, who put the item on its agenda. */
  jcbOfficers: Recipient[];
}

/** Reads the recommendation and sets up its process: status query and effects. */
export function openPartnershipRecommendation(
  raw: PartnershipRecommendationInput,
): PartnershipRecommendationContext {
  const input = parseWorkflowInput(partnershipRecommendationInputSchema, raw);
  const so = input.standingOrders;
  const { workflowId } = workflowInfo();
  const pb = input.partnershipBoard;
  const title = `${input.title} (${pb.name} to ${so.board.name}, ${input.ref})`;
  const tracker = new PartnershipRecommendationStatusTracker(so.board.id, pb.name, title);
  setHandler(partnershipRecommendationStatusQuery, () => tracker.status);
  const exempt = input.exemptParagraph !== null;
  return {
    input,
    so,
    publicText: exempt
      ? `Exempt under paragraph ${input.exemptParagraph} of Schedule 12A`
      : input.recommendation,
    tracker,
    effects: new Effects({
      workflowId,
      boardId: so.board.id,
      processTitle: title,
      entry: { ref: input.ref, title: input.title, partnershipBoard: pb.id },
      facts: { ref: input.ref, partnershipBoard: pb.name },
    }),
    partnershipBoard: [
      { role: 'officer', name: pb.clerk.name, email: pb.clerk.email },
      officer(input.presentedBy),
    ],
    jcbOfficers: democraticServices(so),
  };
}
