/** What a parent body answers to a board's effectiveness review. */
export type ReviewResponse = 'continue' | 'amend-tor' | 'extend-delegation' | 'dissolve';

/**
 * How the parent bodies' responses to a review combine: dissolution needs all of them; amending the Terms
 * of Reference goes ahead if any asks (all must then approve the revision); otherwise an extension of
 * delegation asked for is recorded; otherwise the board continues.
 */
export function combineReviewResponses(responses: readonly ReviewResponse[]): ReviewResponse {
  if (responses.length > 0 && responses.every((r) => r === 'dissolve')) return 'dissolve';
  if (responses.includes('amend-tor')) return 'amend-tor';
  if (responses.includes('extend-delegation')) return 'extend-delegation';
  return 'continue';
}
