import { patched, workflowInfo } from '@temporalio/workflow';
import { formatGbp } from '../../../governance/money';
import { financialYearOf } from '../../../governance/pooled-budget-year';
import { holdPooledBudget } from '../../kit/proxies';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';
import type { Referral } from './opening';

/**
 * Histories from before decisions reserved their money on the board's pooled budget process (P6) never
 * did; the marker keeps them replaying. They still check the register's commitments, as every item does.
 */
export const RESERVES_POOLED_BUDGET = 'reserve-pooled-budget';

/**
 * Agreed, and about to be published: the money is reserved on the board's pooled budget process, which
 * takes reservations one at a time, so no other decision can take the same headroom meanwhile. Refused
 * (the headroom has gone), the item goes to Cabinet and the NHS board.
 */
export async function reserveMoney(
  context: DecisionContext,
  state: DecisionState,
): Promise<Referral | undefined> {
  const { so, input, tracker, today } = context;
  const scheme = input.schemeId ? so.pooledBudgets.find((b) => b.id === input.schemeId) : undefined;
  if (!scheme || !input.amountGbp || !patched(RESERVES_POOLED_BUDGET)) return undefined;
  if (context.effects.writesTogether) await context.effects.written();
  const answer = await holdPooledBudget(
    {
      action: 'reserve',
      holder: workflowInfo().workflowId,
      schemeId: scheme.id,
      amountGbp: input.amountGbp,
      standingOrders: so,
      startYear: financialYearOf(today()).startYear,
    },
    `Reserve ${formatGbp(input.amountGbp)} of ${scheme.name}`,
  );
  if (!answer.ok)
    return { to: 'Cabinet and the NHS board', reasons: [answer.reason.replace(/^amountGbp: /, '')] };
  state.budgetReserved();
  tracker.step(
    'budget-reserved',
    `${formatGbp(input.amountGbp)} of ${scheme.name} reserved on the pooled budget`,
  );
  return undefined;
}

/** Implemented: the reservation becomes a commitment. Ended otherwise: it is given back. */
export async function settleMoney(
  context: DecisionContext,
  state: DecisionState,
  how: { commit: true } | { release: string },
): Promise<void> {
  if (!state.holdsBudget) return;
  const { so, tracker } = context;
  if (context.effects.writesTogether) await context.effects.written();
  const holder = workflowInfo().workflowId;
  const boardId = so.board.id;
  const answer =
    'commit' in how
      ? await holdPooledBudget({ action: 'commit', boardId, holder }, 'Commit the reserved money')
      : await holdPooledBudget(
          { action: 'release', boardId, holder, reason: how.release },
          'Give back the reserved money',
        );
  state.budgetSettled();
  tracker.step(
    'commit' in how ? 'budget-committed' : 'budget-released',
    answer.ok
      ? 'commit' in how
        ? 'the reserved money is committed'
        : `the reserved money is given back: ${how.release}`
      : answer.reason,
  );
}
