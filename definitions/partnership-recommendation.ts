import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import { personLine, personText } from '../governance/person-text';
import { standingOrdersSchema } from '../governance/standing-orders/schema';
import { exemptParagraphSchema, slugSchema } from './common';
import { decisionInputSchema, type DecisionOutcome } from './decision';
import type { ProcessStatus } from './status';

/**
 * A care-group partnership board's recommendation to the Joint Commissioning Board (wiltshire-2009-adult
 * ¶19). It goes on the JCB's next meeting that can still meet the notice rules, as a JCB item
 * decision/<jcb>/<ref>; the outcome is reported back to the partnership board. The workflow is
 * partnership-recommendation/<jcb>/<ref>.
 */
export const partnershipRecommendationInputSchema = z.object({
  /** The JCB's reference for the item it becomes, e.g. "2027-PB03". */
  ref: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-PB03)'),
  /** The JCB's registered standing orders (its meetings, notice rules and scope), resolved by the client. */
  standingOrders: standingOrdersSchema,
  /** The partnership board that recommends, and the officer who takes its outcome back to it. */
  partnershipBoard: z.object({
    id: slugSchema,
    name: personLine(200),
    clerk: z.object({
      name: personLine(200),
      email: z.email('must be the clerk’s email address'),
    }),
  }),
  title: personLine(300),
  /** What the partnership board recommends; for an exempt item only its paragraph is ever published. */
  recommendation: personText(5000),
  /** The area of the JCB's scope it belongs to, e.g. "learning disabilities". */
  topic: personLine(200),
  // As the item it becomes takes them.
  amountGbp: decisionInputSchema.shape.amountGbp,
  wardsAffected: decisionInputSchema.shape.wardsAffected,
  exemptParagraph: exemptParagraphSchema,
  /** The officer who presents it to the JCB (the item's proposer): told of every step. */
  presentedBy: z.email('must be the presenting officer’s email address'),
});
export type PartnershipRecommendationInput = z.input<typeof partnershipRecommendationInputSchema>;
export type PartnershipRecommendationInputParsed = z.output<typeof partnershipRecommendationInputSchema>;

/**
 * received: being placed; at-jcb: an item for the chosen meeting, awaiting its outcome; reported: the
 * outcome has gone back; no-meeting: no JCB meeting listed can still meet the notice rules.
 */
export type PartnershipRecommendationStage = 'received' | 'at-jcb' | 'reported' | 'no-meeting';

/** What the JCB made of it: its decision's outcome, or why no decision came. */
export type PartnershipRecommendationOutcome = DecisionOutcome | 'no-meeting' | 'not-decided';

export interface PartnershipRecommendationResult {
  outcome: PartnershipRecommendationOutcome;
  /** The JCB meeting it went to (or last considered it). */
  meetingDate?: string;
  /** The JCB item, decision/<jcb>/<ref>. */
  decisionId?: string;
  reasons: string[];
}

export type PartnershipRecommendationStatus = ProcessStatus<PartnershipRecommendationStage> & {
  partnershipBoard: string;
  meetingDate?: string;
  decisionId?: string;
  outcome?: PartnershipRecommendationOutcome;
};

export const partnershipRecommendationStatusQuery = defineQuery<PartnershipRecommendationStatus>('status');

export function partnershipRecommendationWorkflowId(jcbId: string, ref: string): string {
  return `partnership-recommendation/${jcbId}/${ref}`;
}
