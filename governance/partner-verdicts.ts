/** What one parent body (the council's Cabinet, the NHS body's Board) answers on a board's recommendation. */
export type ParentBodyAnswer = 'approve' | 'reject' | 'amend';

export type RecommendationOutcome = 'approved' | 'rejected' | 'amended' | 'expired';

export interface PartnerAnswers {
  /** The answers given so far, one per parent body that answered. */
  given: readonly ParentBodyAnswer[];
  /** How many parent bodies' deadlines passed without an answer. */
  expired: number;
  /** How many parent bodies decide. */
  partners: number;
}

/**
 * How the parent bodies' answers combine: rejected as soon as either rejects (nothing the other says can
 * change that); expired when a deadline passed without an answer and none rejected; otherwise, once all
 * have answered, amended when either asks for amendment, approved when all approve. Undefined while it is
 * still open.
 */
export function combinePartnerVerdicts({
  given,
  expired,
  partners,
}: PartnerAnswers): RecommendationOutcome | undefined {
  if (given.includes('reject')) return 'rejected';
  if (expired > 0) return 'expired';
  if (given.length < partners) return undefined;
  return given.includes('amend') ? 'amended' : 'approved';
}
