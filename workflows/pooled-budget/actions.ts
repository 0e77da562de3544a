import {
  commitBudgetSchema,
  commitBudgetUpdate,
  releaseBudgetSchema,
  releaseBudgetUpdate,
  reserveBudgetSchema,
  reserveBudgetUpdate,
  varySchemeSchema,
  varySchemeUpdate,
  type PooledBudgetStage,
} from '../../definitions';
import { democraticServicesRefusal, type Refusal } from '../../governance/authority';
import { formatGbp } from '../../governance/money';
import { reservationRefusal, variationRefusal } from '../../governance/pooled-budget-year';
import { action } from '../kit/actions';
import type { PooledBudgetContext } from './context';

const OPEN = { in: ['open'] as PooledBudgetStage[], otherwise: () => 'the financial year has ended' };

/**
 * The year's actions. A decision of this board reserves money when agreed, gives it back when it falls
 * away and commits it when implemented (through its activities, never by hand); democratic services
 * record in-year variations. Each `apply` changes the ledger before its first await, so the validator of
 * the next Update, even one accepted in the same workflow task, already sees it: two decisions cannot both
 * take the last of a scheme's headroom.
 */
export function pooledBudgetActions(context: PooledBudgetContext) {
  const { so, state, tracker, effects } = context;
  const ofThisBoard = (holder: string): Refusal =>
    holder.startsWith(`decision/${so.board.id}/`)
      ? undefined
      : `holder: only a decision of ${so.board.id} holds money in its pooled budgets; ${holder} is not one`;
  const knownScheme = (schemeId: string) => {
    if (!state.scheme(schemeId))
      throw new Error(
        `schemeId: "${schemeId}" is not a pooled budget scheme of ${so.board.id} (schemes: ${state.schemeIds.join(', ') || 'none'})`,
      );
  };
  const changed = async (kind: string, holderOrScheme: string, data: Record<string, unknown>) => {
    tracker.step(kind, Object.values(data).join(' '));
    tracker.refresh();
    await effects.record(kind, data, { per: [holderOrScheme, tracker.status.steps.length] });
  };

  return {
    reserveBudget: action(reserveBudgetUpdate, {
      schema: reserveBudgetSchema,
      what: 'reservation',
      known: (r) => knownScheme(r.schemeId),
      who: (r) => ofThisBoard(r.holder),
      actor: (r) => r.holder,
      allowed: OPEN,
      check: (r) => {
        const held = state.reservationOf(r.holder) ?? state.commitmentOf(r.holder);
        // The same reservation again (a retried activity) is answered as it was; anything else is a mistake.
        if (held && (held.schemeId !== r.schemeId || held.amountGbp !== r.amountGbp))
          throw new Error(
            `holder: ${r.holder} already holds ${formatGbp(held.amountGbp)} of ${held.schemeId}; release it first`,
          );
        if (held) return;
        const refusal = reservationRefusal(state.ledger(r.schemeId), r.amountGbp);
        if (refusal) throw new Error(`amountGbp: ${refusal}`);
      },
      apply: async (r) => {
        if (state.reservationOf(r.holder) || state.commitmentOf(r.holder)) return state.figures(r.schemeId);
        state.reserve(r.holder, { schemeId: r.schemeId, amountGbp: r.amountGbp });
        await changed('budget-reserved', r.holder, {
          holder: r.holder,
          schemeId: r.schemeId,
          amountGbp: r.amountGbp,
        });
        return state.figures(r.schemeId);
      },
    }),
    releaseBudget: action(releaseBudgetUpdate, {
      schema: releaseBudgetSchema,
      what: 'release',
      who: (r) => ofThisBoard(r.holder),
      actor: (r) => r.holder,
      allowed: OPEN,
      check: (r) => {
        if (!state.reservationOf(r.holder))
          throw new Error(`holder: ${r.holder} holds no reservation in ${context.year.label}`);
      },
      apply: async (r) => {
        const claim = state.release(r.holder);
        await changed('budget-released', r.holder, { holder: r.holder, ...claim, reason: r.reason });
        return state.figures(claim.schemeId);
      },
    }),
    commitBudget: action(commitBudgetUpdate, {
      schema: commitBudgetSchema,
      what: 'commitment',
      who: (r) => ofThisBoard(r.holder),
      actor: (r) => r.holder,
      allowed: OPEN,
      check: (r) => {
        if (!state.reservationOf(r.holder) && !state.commitmentOf(r.holder))
          throw new Error(`holder: ${r.holder} holds no reservation in ${context.year.label}`);
      },
      apply: async (r) => {
        const done = state.commitmentOf(r.holder);
        if (done) return state.figures(done.schemeId);
        const claim = state.commit(r.holder);
        await changed('budget-committed', r.holder, { holder: r.holder, ...claim });
        return state.figures(claim.schemeId);
      },
    }),
    varyScheme: action(varySchemeUpdate, {
      schema: varySchemeSchema,
      what: 'variation',
      known: (v) => knownScheme(v.schemeId),
      who: (v) => democraticServicesRefusal(so, v.by, 'record a variation of a pooled budget'),
      actor: (v) => v.by,
      allowed: OPEN,
      check: (v) => {
        const refusal = variationRefusal(state.ledger(v.schemeId), v.budgetGbp);
        if (refusal) throw new Error(`budgetGbp: ${refusal}`);
      },
      apply: async (v) => {
        state.vary({
          schemeId: v.schemeId,
          toGbp: v.budgetGbp,
          reason: v.reason,
          by: v.by,
          at: new Date().toISOString(),
        });
        await changed('budget-varied', v.schemeId, {
          schemeId: v.schemeId,
          budgetGbp: v.budgetGbp,
          reason: v.reason,
          by: v.by,
        });
        return state.figures(v.schemeId);
      },
    }),
  };
}
