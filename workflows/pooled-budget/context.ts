import { setHandler, workflowInfo } from '@temporalio/workflow';
import {
  pooledBudgetInputSchema,
  pooledBudgetStatusQuery,
  type PooledBudgetInput,
  type PooledBudgetInputParsed,
} from '../../definitions';
import { financialYear, type FinancialYear } from '../../governance/pooled-budget-year';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { Authority } from '../kit/refusals';
import { openAgreement, type ContributionsAgreement } from './contributions';
import { PooledBudgetState } from './state';
import { PooledBudgetStatusTracker } from './status';

/** What every stage of a pooled budget's year works with. */
export interface PooledBudgetContext {
  input: PooledBudgetInputParsed;
  so: StandingOrders;
  year: FinancialYear;
  state: PooledBudgetState;
  tracker: PooledBudgetStatusTracker;
  effects: Effects;
  authority: Authority;
  /** After last year's section 75 review: both parent bodies' agreement of this year's contributions. */
  agreement: ContributionsAgreement | undefined;
}

/** Reads the year's input and sets up its process: the ledger, the status query, effects, the audit. */
export function openPooledBudget(raw: PooledBudgetInput): PooledBudgetContext {
  const input = parseWorkflowInput(pooledBudgetInputSchema, raw);
  const so = input.standingOrders;
  const year = financialYear(input.startYear);
  const { workflowId } = workflowInfo();
  const title = `Pooled budget ${year.label} of ${so.board.name}`;
  const state = new PooledBudgetState(so.pooledBudgets, input.reservations, input.contributions);
  const agreement = openAgreement(input);
  const tracker = new PooledBudgetStatusTracker(so.board.id, year.label, title, state, agreement);
  setHandler(pooledBudgetStatusQuery, () => tracker.status);
  const effects = new Effects({
    workflowId,
    boardId: so.board.id,
    processTitle: title,
    facts: { financialYear: year.label },
    // Every year is a run of the same workflow ID: without the year, the next year's opening, year-end
    // review and reservations would share keys with this year's and be taken as already done.
    prefix: () => year.label,
  });
  const authority = new Authority({
    workflowId,
    boardId: so.board.id,
    step: (n) => effects.stepKey('refused', n),
  });
  return { input, so, year, state, tracker, effects, authority, agreement };
}
