import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { governanceDate, optionalPersonText, personLine, personText } from '../governance/person-text';
import { slugSchema } from './common';
import type { ProcessStatus } from './status';

const civilDate = governanceDate('must be a real date written YYYY-MM-DD');

/** P5: a board without delegated power recommends; each parent body decides, in parallel. */
export const recommendationInputSchema = z.object({
  boardId: slugSchema,
  /** The decision the recommendation comes from, e.g. "2027-014". */
  ref: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-014)'),
  title: personLine(300),
  recommendation: personText(5000),
  /** One per partner: the parent body, its clerk, when it meets and by when it must answer. */
  parentBodies: z
    .array(
      z.object({
        partner: slugSchema,
        body: personLine(200),
        clerk: z.object({ name: personLine(200), email: z.email() }),
        meetingDate: civilDate,
        deadline: civilDate,
      }),
    )
    .min(2, 'needs both partners’ parent bodies'),
  exemptParagraph: z.number().int().min(1).max(7).nullable().default(null),
});

export type RecommendationInput = z.input<typeof recommendationInputSchema>;

export type ParentBodyOutcome = 'approve' | 'reject' | 'amend';

export const parentBodyDecisionSchema = z.object({
  partner: slugSchema,
  outcome: z.enum(['approve', 'reject', 'amend']),
  /** The clerk who records it (their email). */
  by: z.email(),
  reasons: optionalPersonText(5000),
});
export type ParentBodyDecision = z.input<typeof parentBodyDecisionSchema>;

export interface RecommendationResult {
  /** approved: both approved; rejected: either rejected; amended: either asked for amendment; expired: a deadline passed. */
  outcome: 'approved' | 'rejected' | 'amended' | 'expired';
  perPartner: Record<string, ParentBodyOutcome | 'no-answer'>;
}

export const recordParentDecisionUpdate = defineUpdate<
  RecommendationResult['perPartner'],
  [ParentBodyDecision]
>('recordParentDecision');
export const recommendationStatusQuery = defineQuery<ProcessStatus>('status');

export function recommendationWorkflowId(boardId: string, ref: string): string {
  return `recommendation/${boardId}/${ref}`;
}
