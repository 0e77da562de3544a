import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import type { PooledBudgetInput } from '../../definitions';
import { addDays } from '../../governance/civil-date';
import { registerActions } from '../kit/actions';
import { pooledBudgetActions } from './actions';
import { agreementActions, chaseContributions } from './agreement';
import { openPooledBudget } from './context';
import { monitor, opened, yearEndReview } from './stages';

/**
 * P6: a board's pooled budgets under its section 75 agreement, one financial year a run. Decisions reserve
 * money when agreed, give it back when they fall away and commit it when implemented, one at a time, so a
 * scheme is never over-committed; democratic services record in-year variations. Monitoring reports go to
 * both parent bodies through the year, and after 31 March the section 75 review of the year; the next
 * year then opens with the reservations still held, on this year's contributions until both parent
 * bodies agree the next year's (collected, and chased, in that year's run).
 */
export async function pooledBudget(raw: PooledBudgetInput): Promise<never> {
  const context = openPooledBudget(raw);
  const { input, year, state, tracker } = context;
  registerActions(
    { authority: context.authority, stage: () => tracker.status.stage },
    { ...pooledBudgetActions(context), ...agreementActions(context) },
  );
  await opened(context);
  await Promise.all([monitor(context), chaseContributions(context)]);
  const asksAgreement = await yearEndReview(context);
  await condition(allHandlersFinished);
  return continueAsNew<typeof pooledBudget>({
    ...raw,
    startYear: year.startYear + 1,
    monitoringEveryMonths: input.monitoringEveryMonths,
    reservations: state.carried(),
    ...(asksAgreement
      ? {
          contributions: state.contributions,
          contributionsAgreement: { reviewedYear: year.label, reviewedOn: addDays(year.last, 1) },
        }
      : {}),
  });
}
