import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { governanceDate, personText } from '../governance/person-text';
import { fixedShareRefusal } from '../governance/pooled-budget-year';
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

/** Each scheme's contributions for a year, per partner: scheme id → partner id → pounds. */
const schemeContributionsSchema = z.record(slugSchema, z.record(slugSchema, gbp));

/**
 * The section 75 agreement's risk-share rule (its terms live with the pooled budget, not in the registered
 * standing orders, so a board's rule can be set without re-registering them): in proportion to the year's
 * contributions, or fixed percentages per partner that add up to 100.
 */
export const riskShareSchema = z.discriminatedUnion(
  'rule',
  [
    z.object({ rule: z.literal('contributions') }),
    z.object({
      rule: z.literal('fixed'),
      percentages: z.record(
        slugSchema,
        z.number({ message: 'must be a percentage' }).min(0, 'must be 0 to 100').max(100, 'must be 0 to 100'),
      ),
    }),
  ],
  { message: 'must be "contributions" or "fixed" (with percentages per partner)' },
);

/**
 * P6: one run per board and financial year (1 April to 31 March), holding the schemes of its section 75
 * agreement (from the standing orders) and every decision's claim on them; continue-as-new each year.
 */
export const pooledBudgetInputSchema = z
  .object({
    standingOrders: standingOrdersSchema,
    /** The year the financial year starts in: 2027 is 2027-28. */
    startYear: z.number().int().min(2000).max(2200),
    /** Months between budget monitoring reports to both parent bodies. */
    monitoringEveryMonths: z.number().int().min(1).max(12).default(3),
    reservations: z.array(carriedReservationSchema).default([]),
    riskShare: riskShareSchema.default({ rule: 'contributions' }),
    /** Working days after the section 75 review before the parent bodies that have not agreed are chased. */
    agreementWorkingDays: z.number().int().min(1).max(120).default(20),
    /** The year's contributions where they are not the standing orders': carried from the year before. */
    contributions: schemeContributionsSchema.optional(),
    /** Set when last year's section 75 review was sent: both parent bodies are to agree this year's contributions. */
    contributionsAgreement: z
      .object({
        reviewedYear: z.string(),
        reviewedOn: governanceDate('must be a real date written YYYY-MM-DD'),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    const partners = input.standingOrders.partners.map((p) => p.id);
    if (input.riskShare.rule === 'fixed') {
      const refused = fixedShareRefusal(input.riskShare.percentages, partners);
      if (refused)
        ctx.addIssue({
          code: 'custom',
          path: ['riskShare', 'percentages', ...(refused.partner ? [refused.partner] : [])],
          message: refused.message,
        });
    }
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

/**
 * A parent body's agreement of the year's contributions after the section 75 review, recorded by its
 * clerk: the schemes it names take these amounts (each scheme's whole set), the others stay as they are.
 */
export const agreeContributionsSchema = z.object({
  /** The parent body, as a partner id of the board. */
  body: slugSchema,
  contributions: schemeContributionsSchema.refine(
    (c) => Object.keys(c).length > 0,
    'must name at least one scheme',
  ),
  /** The minute or decision reference of the body's agreement. */
  reference: personText(500),
  /** The body's clerk (their email). */
  by: z.email(),
});

export type ReserveBudget = z.input<typeof reserveBudgetSchema>;
export type ReleaseBudget = z.input<typeof releaseBudgetSchema>;
export type CommitBudget = z.input<typeof commitBudgetSchema>;
export type VaryScheme = z.input<typeof varySchemeSchema>;
export type AgreeContributions = z.input<typeof agreeContributionsSchema>;
export type RiskShareConfig = z.input<typeof riskShareSchema>;

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

/** Where the year's contributions stand after last year's section 75 review. */
export interface ContributionsAgreementStatus {
  /** provisional: the year runs on last year's contributions until both parent bodies agree. */
  state: 'provisional' | 'agreed';
  reviewedYear: string;
  agreed: { body: string; reference: string; by: string; at: string }[];
  /** The parent bodies (partner ids) yet to agree. */
  awaiting: string[];
  /** The day those yet to agree are chased (again, every interval, until the year ends). */
  dueOn: string;
  /** The days they were chased. */
  chasedOn: string[];
}

export interface PooledBudgetStatus extends ProcessStatus<PooledBudgetStage> {
  financialYear: string;
  schemes: SchemeFigures[];
  /** Only in a year that followed a section 75 review. */
  contributionsAgreement?: ContributionsAgreementStatus;
}
/** What an agreement answers: where the year's contributions now stand. */
export const agreeContributionsUpdate = defineUpdate<ContributionsAgreementStatus, [AgreeContributions]>(
  'agreeContributions',
);
export const pooledBudgetStatusQuery = defineQuery<PooledBudgetStatus>('status');

/** One process per board: each financial year is a run of its own (continue-as-new on 1 April). */
export function pooledBudgetWorkflowId(boardId: string): string {
  return `pooled-budget/${boardId}`;
}
