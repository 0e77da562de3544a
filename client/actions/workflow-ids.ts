/**
 * The process kinds a command acts on, with their workflow types and ID prefixes. An officer may type the
 * full workflow ID (`decision/southampton-jcb/2027-014`) or leave the prefix off (`southampton-jcb/2027-014`).
 */
export const PROCESS_KINDS = {
  decision: { workflowType: 'decision', prefix: 'decision', shape: '<board>/<ref>' },
  board: { workflowType: 'board', prefix: 'board', shape: '<board>' },
  recommendation: { workflowType: 'recommendation', prefix: 'recommendation', shape: '<board>/<ref>' },
  meeting: { workflowType: 'meeting', prefix: 'meeting', shape: '<board>/<date>' },
  consultation: { workflowType: 'consultation', prefix: 'consultation', shape: '<board>/<ref>' },
  'pooled-budget': { workflowType: 'pooledBudget', prefix: 'pooled-budget', shape: '<board>' },
  'partnership-recommendation': {
    workflowType: 'partnershipRecommendation',
    prefix: 'partnership-recommendation',
    shape: '<jcb>/<ref>',
  },
} as const;

export type ProcessKind = keyof typeof PROCESS_KINDS;

export function workflowIdFor(kind: ProcessKind, given: string): string {
  const { prefix } = PROCESS_KINDS[kind];
  return given.startsWith(`${prefix}/`) ? given : `${prefix}/${given}`;
}

/**
 * A review clock started on its own (`govflow review start`). A board's own reviews are its children,
 * `review/<board>/<cycle>`; a clock started on its own never takes one of their IDs, so neither can find
 * its ID taken by the other, whichever starts first.
 */
export function reviewClockWorkflowId(boardId: string, cycle: number): string {
  return `review-clock/${boardId}/${cycle}`;
}

/** Every prefix a govflow workflow ID starts with. */
export const ID_PREFIXES = [
  'board',
  'decision',
  'recommendation',
  'review',
  'review-clock',
  'meeting',
  'consultation',
  'pooled-budget',
  'partnership-recommendation',
] as const;

/**
 * The workflow IDs a name given to `status` may mean, in the order they are tried: a full ID as it is;
 * `<board>` is the board's process; `<board>/<ref>` a decision, else a recommendation sent on its own or
 * by a decision, else a review (`<board>/<cycle>`), the board's own or a review clock, else a meeting
 * (`<board>/<date>`), else a public consultation (`<board>/<ref>`).
 */
export function candidateWorkflowIds(given: string): string[] {
  if (ID_PREFIXES.some((prefix) => given.startsWith(`${prefix}/`))) return [given];
  const parts = given.split('/');
  if (parts.length === 1) return [`board/${given}`];
  if (parts.length === 2)
    return ['decision', 'recommendation', 'review', 'review-clock', 'meeting', 'consultation'].map(
      (prefix) => `${prefix}/${given}`,
    );
  return [given];
}
