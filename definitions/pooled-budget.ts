import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { personText } from '../governance/person-text';
import { standingOrdersSchema } from '../governance/standing-orders/schema';
import { slugSchema } from './common';
import type { ProcessStatus } from './status';

/** The decision that holds money: its workflow ID, e.g. decision/southampton-jcb/2027-014. */
const holderSchema = z
  .string()
  .regex(
    /^decision\/[a-z0-9-]+\/[A-Za-z0-9-]+$/,
    'must be a decision’s workflow ID (decision/<board>/<ref>)',
  );
const gbp = z
  .number({ message: 'must be an amount in pounds' })
  .positive('must be more than £0')
  .max(10_000_000_000, 'must be at most £10bn')
  .refine((n) => Math.round(n * 100) === n * 100, 'must be whole pence');

/** What a reservation carries into the next year: money a decision holds until it is implemented. */
const carriedReservationSchema = z.object({ holder: holderSchema, schemeId: slugSchema, amountGbp: gbp });

/**
 * P6: one run per board and financial year (1 April to 31 March), holding the schemes of its section 75
 * agreement (from the standing orders) and every decision's claim on them; continue-as-new each year.
 */
export const pooledBudgetInputSchema = z.object({
  standingOrders: standingOrdersSchema,
  /** The year the financial year starts in: 2027 is 2027-28. */
  startYear: z.number().int().min(2000).max(2200),
  /** Months between budget monitoring reports to both parent bodies. */
  monitoringEveryMonths: z.number().int().min(1).max(12).default(3),
  reservations: z.array(carriedReservationSchema).default([]),
});
export type PooledBudgetInput = z.input<typeof pooledBudgetInputSchema>;
export type PooledBudgetInputParsed = z.output<typeof pooledBudgetInputSchema>;

/** A decision agreed: its money is held against the scheme until it is implemented or falls away. */
export const reserveBudgetSchema = z.object({ holder: holderSchema, schemeId: slugSchema, amountGbp: gbp });
/** The decision was rescinded, withdrawn or referred away: its reservation is given back. */
export const releaseBudgetSchema = z.object({ holder: holderSchema, reason: personText(500) });
/** The decision was implemented: its reservation becomes a commitment. */
export const commitBudgetSchema = z.object({ holder: holderSchema });
/** An in-year variation agreed by the board or a parent body: a scheme's new budget, with the reason. */
export const varySchemeSchema = z.object({
  schemeId: slugSchema,
  budgetGbp: gbp,
  reason: personText(2000),
  /** Democratic services, who record what was agreed (their email). */
  by: z.email(),
});

export type ReserveBudget = z.input<typeof reserveBudgetSchema>;
export type ReleaseBudget = z.input<typeof releaseBudgetSchema>;
export type CommitBudget = z.input<typeof commitBudgetSchema>;
export type VaryScheme = z.input<typeof varySchemeSchema>;

export interface SchemeFigures {
  id: string;
  name: string;
  budgetGbp: number;
  reservedGbp: number;
  committedGbp: number;
  headroomGbp: number;
}

/** What a reservation, release, commitment or variation answers: the scheme as it now stands. */
export type BudgetAnswer = SchemeFigures;

export const reserveBudgetUpdate = defineUpdate<BudgetAnswer, [ReserveBudget]>('reserveBudget');
export const releaseBudgetUpdate = defineUpdate<BudgetAnswer, [ReleaseBudget]>('releaseBudget');
export const commitBudgetUpdate = defineUpdate<BudgetAnswer, [CommitBudget]>('commitBudget');
export const varySchemeUpdate = defineUpdate<BudgetAnswer, [VaryScheme]>('varyScheme');

export type PooledBudgetStage = 'open' | 'year-end-review';

export interface PooledBudgetStatus extends ProcessStatus<PooledBudgetStage> {
  financialYear: string;
  schemes: SchemeFigures[];
}
export const pooledBudgetStatusQuery = defineQuery<PooledBudgetStatus>('status');

/** One process per board: each financial year is a run of its own (continue-as-new on 1 April). */
export function pooledBudgetWorkflowId(boardId: string): string {
  return `pooled-budget/${boardId}`;
}
