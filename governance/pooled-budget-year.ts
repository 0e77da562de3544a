import { addMonths, civilDateParts, compareCivilDates, makeCivilDate, type CivilDate } from './civil-date';
import { formatGbp } from './money';

/**
 * A pooled budget's year under a section 75 agreement (P6): the financial year, what each scheme may
 * spend, what decisions have reserved and committed against it, and how an over- or underspend is
 * shared between the partners.
 */

/** A financial year runs from 1 April to 31 March; it is named by both years, e.g. "2027-28". */
export interface FinancialYear {
  startYear: number;
  label: string;
  first: CivilDate;
  last: CivilDate;
}

export function financialYear(startYear: number): FinancialYear {
  return {
    startYear,
    label: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
    first: makeCivilDate(startYear, 4, 1),
    last: makeCivilDate(startYear + 1, 3, 31),
  };
}

/** The financial year a day falls in. */
export function financialYearOf(day: CivilDate): FinancialYear {
  const { year, month } = civilDateParts(day);
  return financialYear(month >= 4 ? year : year - 1);
}

/**
 * The days a monitoring report is due: every `everyMonths` months from the start of the year, within it
 * (quarterly: 1 July, 1 October, 1 January). The year-end review is separate.
 */
export function monitoringDays(year: FinancialYear, everyMonths: number): CivilDate[] {
  const days: CivilDate[] = [];
  for (let d = addMonths(year.first, everyMonths); compareCivilDates(d, year.last) <= 0;) {
    days.push(d);
    d = addMonths(d, everyMonths);
  }
  return days;
}

/** One scheme's figures for the year. */
export interface SchemeLedger {
  id: string;
  name: string;
  /** What the scheme may spend this year: its agreed total with the year's variations. */
  budgetGbp: number;
  /** Held by decisions agreed but not yet implemented. */
  reservedGbp: number;
  /** Spent or contracted: decisions implemented. */
  committedGbp: number;
}

export function headroomGbp(scheme: SchemeLedger): number {
  return scheme.budgetGbp - scheme.reservedGbp - scheme.committedGbp;
}

/**
 * Why a decision cannot reserve an amount against a scheme, if it cannot: the headroom is the budget less
 * what is reserved and committed. An amount that exactly uses the headroom up fits.
 */
export function reservationRefusal(scheme: SchemeLedger, amountGbp: number): string | undefined {
  const headroom = headroomGbp(scheme);
  if (amountGbp <= headroom) return undefined;
  return `${formatGbp(amountGbp)} would over-commit the ${scheme.name} pooled budget: of ${formatGbp(scheme.budgetGbp)}, ${formatGbp(scheme.reservedGbp)} is reserved and ${formatGbp(scheme.committedGbp)} committed, leaving ${formatGbp(Math.max(0, headroom))}`;
}

/**
 * Why a variation cannot set a scheme's budget to an amount: never below what is already reserved and
 * committed against it.
 */
export function variationRefusal(scheme: SchemeLedger, newBudgetGbp: number): string | undefined {
  const held = scheme.reservedGbp + scheme.committedGbp;
  if (newBudgetGbp >= held) return undefined;
  return `the ${scheme.name} budget cannot go below the ${formatGbp(held)} already reserved and committed`;
}

/**
 * How the year's over- or underspend on a scheme is shared: in proportion to each partner's contribution
 * (the default rule of the seeds' agreements), each rounded to the penny, with any remainder to the largest
 * contributor so the shares add up exactly. Positive: the partner pays more (overspend); negative: it
 * gets money back (underspend).
 */
export function riskShare(
  varianceGbp: number,
  contributions: Readonly<Record<string, number>>,
): Record<string, number> {
  const partners = Object.keys(contributions).sort();
  const total = partners.reduce((sum, p) => sum + contributions[p]!, 0);
  if (partners.length === 0 || total <= 0) return {};
  const pence = Math.round(varianceGbp * 100);
  const shares = Object.fromEntries(
    partners.map((p) => [p, Math.round((pence * contributions[p]!) / total)]),
  );
  const largest = partners.reduce((a, b) => (contributions[b]! > contributions[a]! ? b : a));
  shares[largest]! += pence - partners.reduce((sum, p) => sum + shares[p]!, 0);
  return Object.fromEntries(partners.map((p) => [p, shares[p]! / 100]));
}

/**
 * The section 75 agreement's risk-share rule: an over- or underspend shared in proportion to the year's
 * contributions (the default), or in fixed percentages per partner that add up to 100.
 */
export type RiskShareRule =
  { rule: 'contributions' } | { rule: 'fixed'; percentages: Readonly<Record<string, number>> };

/** One scheme's variance shared by the board's rule (fixed percentages weigh like contributions). */
export function shareVariance(
  varianceGbp: number,
  contributions: Readonly<Record<string, number>>,
  rule: RiskShareRule,
): Record<string, number> {
  return riskShare(varianceGbp, rule.rule === 'fixed' ? rule.percentages : contributions);
}

/**
 * Why fixed percentages cannot be the rule, if they cannot: each names a partner of the board, and they
 * add up to exactly 100 (to the hundredth of a percent).
 */
export function fixedShareRefusal(
  percentages: Readonly<Record<string, number>>,
  partners: readonly string[],
): { partner?: string; message: string } | undefined {
  for (const partner of Object.keys(percentages))
    if (!partners.includes(partner))
      return {
        partner,
        message: `"${partner}" is not a partner of the board (partners: ${partners.join(', ')})`,
      };
  const hundredths = Object.values(percentages).reduce((t, p) => t + Math.round(p * 100), 0);
  if (hundredths !== 10_000)
    return { message: `fixed percentages must add up to 100, not ${hundredths / 100}` };
  return undefined;
}
