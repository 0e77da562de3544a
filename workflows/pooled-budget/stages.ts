import { patched } from '@temporalio/workflow';
import { SA } from '../../definitions';
import { addDays, londonInstantMs } from '../../governance/civil-date';
import { formatGbp } from '../../governance/money';
import { agreementDueOn } from '../../governance/pooled-budget-agreement';
import { financialYear, monitoringDays, shareVariance } from '../../governance/pooled-budget-year';
import { authorityDigest } from '../../governance/standing-orders/registration';
import { requireRegistered } from '../kit/proxies';
import { democraticServices, parentBodyClerks, unique } from '../kit/recipients';
import { sleepUntil } from '../kit/waits';
import { SEND_AT } from './agreement';
import type { PooledBudgetContext } from './context';

/**
 * From this version the year-end review asks both parent bodies to agree the next year's contributions,
 * which the next year's run collects (and chases); the review's shares follow the board's risk-share rule.
 */
export const AGREES_CONTRIBUTIONS = 'pooled-budget-agrees-contributions';

/** The year is open under the board's registered standing orders: on record with its schemes, and labelled. */
export async function opened({
  so,
  year,
  state,
  tracker,
  effects,
  agreement,
}: PooledBudgetContext): Promise<void> {
  await requireRegistered({ boardId: so.board.id, digest: authorityDigest(so) });
  tracker.label([
    { key: SA.board, value: so.board.id },
    { key: SA.process, value: 'pooled-budget' },
  ]);
  await effects.record('pooled-budget-opened', {
    financialYear: year.label,
    schemes: state.allFigures(),
    carried: state.carried(),
    // A year after a section 75 review runs on last year's contributions until both parent bodies agree.
    ...(agreement
      ? {
          contributions: 'provisional',
          agreementDueOn: agreement.status.dueOn,
          awaiting: agreement.status.awaiting,
        }
      : {}),
  });
  tracker.step(
    'pooled-budget-opened',
    `${year.label}: ${state.schemeIds.length} schemes${agreement ? ', on last year’s contributions until both parent bodies agree' : ''}`,
  );
}

/** Each monitoring report on its day: the schemes as they stand, to both parent bodies. */
export async function monitor(context: PooledBudgetContext): Promise<void> {
  const { input, year, tracker } = context;
  for (const day of monitoringDays(year, input.monitoringEveryMonths)) {
    const at = londonInstantMs(day, SEND_AT);
    if (at <= Date.now()) continue;
    tracker.show('open', `the budget monitoring report of ${day}`, at);
    await sleepUntil(at, `Budget monitoring report ${day}`);
    await report(context, day);
  }
}

async function report({ so, state, tracker, effects }: PooledBudgetContext, day: string): Promise<void> {
  const schemes = state.allFigures();
  await effects.record('budget-monitoring-report', { on: day, schemes }, { per: [day] });
  await effects.notify('budget-monitoring', {
    per: [day],
    to: unique(parentBodyClerks(so), democraticServices(so)),
    action:
      'Note the pooled budget’s position: for each scheme, its budget, what decisions have reserved and committed, and the headroom left.',
    facts: Object.fromEntries(
      schemes.map((s) => [
        s.name,
        `${formatGbp(s.committedGbp)} committed and ${formatGbp(s.reservedGbp)} reserved of ${formatGbp(s.budgetGbp)}`,
      ]),
    ),
  });
  tracker.step('budget-monitoring-report', `reported on ${day}`);
}

/**
 * After 31 March: the section 75 review of the year (contributions, commitments, variations, outturn and
 * how an over- or underspend is shared) goes to both parent bodies, who agree the next year's contributions.
 */
export async function yearEndReview(context: PooledBudgetContext): Promise<boolean> {
  const { so, input, year, state, tracker, effects } = context;
  const at = londonInstantMs(addDays(year.last, 1), SEND_AT);
  tracker.show('open', `the end of the financial year ${year.label}`, at);
  await sleepUntil(at, `Year end ${year.label}: section 75 review`);
  tracker.show('year-end-review', 'nothing: the next year opens');
  const asksAgreement = patched(AGREES_CONTRIBUTIONS);
  const contributions = state.contributions;
  const schemes = state.allFigures().map((s) => {
    // The outturn is what was committed; the variance against the budget is shared by the board's rule.
    const varianceGbp = s.committedGbp - s.budgetGbp;
    return {
      ...s,
      contributions: contributions[s.id] ?? {},
      varianceGbp,
      shares: shareVariance(varianceGbp, contributions[s.id] ?? {}, input.riskShare),
    };
  });
  const next = financialYear(year.startYear + 1);
  const reviewedOn = addDays(year.last, 1);
  const dueOn = agreementDueOn(reviewedOn, input.agreementWorkingDays, so.holidays);
  await effects.record('pooled-budget-year-end', {
    financialYear: year.label,
    schemes,
    variations: state.variations,
    ...(asksAgreement
      ? {
          riskShare: input.riskShare,
          nextYear: { financialYear: next.label, contributions: 'provisional', dueOn },
        }
      : {}),
  });
  await effects.notify('pooled-budget-year-end', {
    to: unique(parentBodyClerks(so), democraticServices(so)),
    action: `Consider the section 75 review of ${year.label} (contributions, commitments, variations, outturn and the share of any over- or underspend) and agree next year’s contributions.`,
    facts: {
      ...Object.fromEntries(
        schemes.map((s) => [
          s.name,
          `outturn ${formatGbp(s.committedGbp)} of ${formatGbp(s.budgetGbp)} (${s.varianceGbp > 0 ? 'overspent' : 'underspent'} by ${formatGbp(Math.abs(s.varianceGbp))})`,
        ]),
      ),
      ...(asksAgreement
        ? {
            'Risk share':
              input.riskShare.rule === 'fixed'
                ? `fixed: ${Object.entries(input.riskShare.percentages)
                    .map(([p, pct]) => `${p} ${pct}%`)
                    .join(', ')}`
                : 'in proportion to contributions',
            [`Contributions ${next.label}`]: `${next.label} opens on ${year.label}’s contributions until both parent bodies record their agreement of next year’s (your clerk records it in govflow); those that have not by ${dueOn} are chased`,
          }
        : {}),
    },
  });
  tracker.step('pooled-budget-year-end', `section 75 review of ${year.label} sent to both parent bodies`);
  return asksAgreement;
}
