import type { DecisionInput, VoteUpdate } from '../definitions';
import { resolveStandingOrders } from '../governance/standing-orders';

/** Every benchmark runs Southampton's board: six voting members, three per partner, a 5-member call-in. */
export const southampton = resolveStandingOrders('southampton-jcb');
export const everyoneFor: VoteUpdate[] = southampton.members.map((m) => ({ member: m.id, vote: 'for' }));
export const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);
/** Each member of `partner` votes against, the rest for: no consensus. */
export const against = (partner: string): VoteUpdate[] =>
  southampton.members.map((m) => ({ member: m.id, vote: m.partner === partner ? 'against' : 'for' }));

/**
 * The item of test/workflows/decision.time-skipping.test.ts: a key decision (GBP 800,000) in the board's
 * scope, so its happy path has a Forward Plan entry, an agenda, the meeting and the call-in window.
 */
export function keyItem(
  ref: string,
  meetingDate: string,
  overrides: Partial<DecisionInput> = {},
): DecisionInput {
  return {
    ref,
    standingOrders: southampton,
    title: 'Integrated rehabilitation and reablement service: new contract',
    summary: 'Award a three-year contract for integrated rehabilitation and reablement.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 800_000,
    wardsAffected: 0,
    meetingDate,
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
}

/**
 * For the dev server, where real time passes: the same item below the key-decision threshold
 * (GBP 100,000, so no Forward Plan) with its meeting today (London). The notice and agenda waits are
 * already past (the workflow skips past-due waits), so it reaches its voting stage at once.
 */
export function todayItem(ref: string, today: string): DecisionInput {
  return keyItem(ref, today, { amountGbp: 100_000 });
}
