/**
 * How a decision's activity reaches its board's pooled budget process (pooled-budget/<board>): through
 * the process's own Updates, which run one at a time, so two decisions never both take the last of a
 * scheme's headroom. A reservation starts the process for the year when none runs (Update-with-Start, so
 * two first reservations cannot start two).
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  commitBudgetUpdate,
  pooledBudgetWorkflowId,
  releaseBudgetUpdate,
  reserveBudgetUpdate,
  type PooledBudgetInput,
} from '../definitions/pooled-budget';
import { reservationRefusal } from '../governance/pooled-budget-year';
import type { BudgetHold, BudgetHoldAnswer } from './contract';

export type PooledBudgetLedger = (hold: BudgetHold) => Promise<BudgetHoldAnswer>;

/** The ledger on a client, starting pooled budget processes on the worker's own task queue. */
export function pooledBudgetLedger(client: Client, taskQueue: string): PooledBudgetLedger {
  return async (hold) => {
    try {
      if (hold.action === 'reserve') {
        const { holder, schemeId, amountGbp, standingOrders, startYear } = hold;
        const input: PooledBudgetInput = { standingOrders, startYear };
        await client.workflow.executeUpdateWithStart(reserveBudgetUpdate, {
          args: [{ holder, schemeId, amountGbp }],
          // A retried activity sends the same Update again, which the process answers once.
          updateId: `${holder}/reserve`,
          startWorkflowOperation: new WithStartWorkflowOperation('pooledBudget', {
            workflowId: pooledBudgetWorkflowId(standingOrders.board.id),
            taskQueue,
            args: [input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        });
        return { ok: true };
      }
      const handle = client.workflow.getHandle(pooledBudgetWorkflowId(hold.boardId));
      if (hold.action === 'release')
        await handle.executeUpdate(releaseBudgetUpdate, {
          args: [{ holder: hold.holder, reason: hold.reason }],
          updateId: `${hold.holder}/release`,
        });
      else
        await handle.executeUpdate(commitBudgetUpdate, {
          args: [{ holder: hold.holder }],
          updateId: `${hold.holder}/commit`,
        });
      return { ok: true };
    } catch (error) {
      // The pooled budget refused (no headroom, nothing held): the decision's answer, not a failure to retry.
      if (error instanceof WorkflowUpdateFailedError)
        return { ok: false, reason: error.cause?.message ?? error.message };
      throw error;
    }
  };
}

/**
 * A pooled budget kept in memory, for rehearsals and workflow tests: reservations are held here, and
 * what is committed is read from the stand-in's register (implemented decisions), as the real register
 * counts it. The rule is the process's own (governance/pooled-budget-year.ts).
 */
export function pooledBudgetStandIn(committedGbp: (boardId: string, schemeId: string) => number) {
  const reserved = new Map<string, { boardId: string; schemeId: string; amountGbp: number }>();
  const ledger: PooledBudgetLedger = async (hold) => {
    if (hold.action !== 'reserve') {
      const held = reserved.get(hold.holder);
      if (!held) return { ok: false, reason: `holder: ${hold.holder} holds no reservation` };
      reserved.delete(hold.holder);
      return { ok: true };
    }
    const { standingOrders, holder, schemeId, amountGbp } = hold;
    const boardId = standingOrders.board.id;
    const scheme = standingOrders.pooledBudgets.find((s) => s.id === schemeId);
    if (!scheme) return { ok: false, reason: `schemeId: "${schemeId}" is not a scheme of ${boardId}` };
    if (reserved.has(holder)) return { ok: true };
    const reservedGbp = [...reserved.values()]
      .filter((r) => r.boardId === boardId && r.schemeId === schemeId)
      .reduce((sum, r) => sum + r.amountGbp, 0);
    const refusal = reservationRefusal(
      {
        id: schemeId,
        name: scheme.name,
        budgetGbp: scheme.amountGbp,
        reservedGbp,
        committedGbp: committedGbp(boardId, schemeId),
      },
      amountGbp,
    );
    if (refusal) return { ok: false, reason: `amountGbp: ${refusal}` };
    reserved.set(holder, { boardId, schemeId, amountGbp });
    return { ok: true };
  };
  return ledger;
}
