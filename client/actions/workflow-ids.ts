/**
 * The process kinds a command acts on, with their workflow types and ID prefixes. An officer may type the
 * full workflow ID (`decision/southampton-jcb/2027-014`) or leave the prefix off (`southampton-jcb/2027-014`).
 */
export const PROCESS_KINDS = {
  decision: { workflowType: 'decision', prefix: 'decision', shape: '<board>/<ref>' },
  board: { workflowType: 'board', prefix: 'board', shape: '<board>' },
  recommendation: { workflowType: 'recommendation', prefix: 'recommendation', shape: '<board>/<ref>' },
} as const;

export type ProcessKind = keyof typeof PROCESS_KINDS;

export function workflowIdFor(kind: ProcessKind, given: string): string {
  const { prefix } = PROCESS_KINDS[kind];
  return given.startsWith(`${prefix}/`) ? given : `${prefix}/${given}`;
}
