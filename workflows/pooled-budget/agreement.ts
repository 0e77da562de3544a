import { condition } from '@temporalio/workflow';
import {
  agreeContributionsSchema,
  agreeContributionsUpdate,
  type PooledBudgetStage,
} from '../../definitions';
import { clerkRefusal } from '../../governance/authority';
import { addDays, compareCivilDates, londonCivilDate, londonInstantMs } from '../../governance/civil-date';
import { formatGbp } from '../../governance/money';
import {
  agreedContributions,
  contributionsDifference,
  schemeTotalGbp,
  type SchemeContributions,
} from '../../governance/pooled-budget-agreement';
import { variationRefusal } from '../../governance/pooled-budget-year';
import { action } from '../kit/actions';
import { democraticServices, parentBodyClerks, unique } from '../kit/recipients';
import type { PooledBudgetContext } from './context';
import { dueAfter } from './contributions';

/** Reports, chases and the year-end review go out at 09:00 London time on their day. */
export const SEND_AT = '09:00';

const OPEN = { in: ['open'] as PooledBudgetStage[], otherwise: () => 'the financial year has ended' };

/** `agreeContributions`: a parent body's clerk records the body's agreement of the year's contributions. */
export function agreementActions(context: PooledBudgetContext) {
  const { so, state, year, tracker, effects, agreement } = context;
  const bodyOf = (id: string) => so.partners.find((p) => p.id === id);
  const next = (contributions: SchemeContributions) =>
    agreedContributions(state.contributions, contributions);
  return {
    agreeContributions: action(agreeContributionsUpdate, {
      schema: agreeContributionsSchema,
      what: 'agreement of contributions',
      known: (a) => {
        if (!bodyOf(a.body))
          throw new Error(
            `body: "${a.body}" is not a parent body of ${so.board.id} (parent bodies: ${so.partners.map((p) => p.id).join(', ')})`,
          );
      },
      who: (a) =>
        clerkRefusal(bodyOf(a.body)!.name, bodyOf(a.body)!.clerk.email, a.by, 'agreement of contributions'),
      actor: (a) => a.by,
      allowed: OPEN,
      check: (a) => {
        if (!agreement)
          throw new Error(
            `body: there is nothing to agree in ${year.label}: no section 75 review preceded it (its contributions are the standing orders'); record a change with \`budget vary\``,
          );
        if (agreement.done)
          throw new Error(`body: both parent bodies have already agreed the contributions of ${year.label}`);
        const partners = so.partners.map((p) => p.id);
        for (const [scheme, amounts] of Object.entries(a.contributions)) {
          if (!state.scheme(scheme))
            throw new Error(
              `contributions.${scheme}: not a pooled budget scheme of ${so.board.id} (schemes: ${state.schemeIds.join(', ')})`,
            );
          const stranger = Object.keys(amounts).find((p) => !partners.includes(p));
          if (stranger)
            throw new Error(
              `contributions.${scheme}.${stranger}: not a partner of ${so.board.id} (partners: ${partners.join(', ')})`,
            );
          const refusal = variationRefusal(state.ledger(scheme), schemeTotalGbp(amounts));
          if (refusal) throw new Error(`contributions.${scheme}: ${refusal}`);
        }
        const other = agreement.other(a.body);
        const difference = other && contributionsDifference(next(a.contributions), other.contributions);
        if (other && difference)
          throw new Error(
            `contributions: ${a.body} must agree the same contributions as ${other.body} did, or ${other.body} records its agreement again first: ${difference}`,
          );
      },
      apply: async (a) => {
        const contributions = next(a.contributions);
        const at = new Date().toISOString();
        const both = agreement!.record(a.body, contributions, { reference: a.reference, by: a.by, at });
        tracker.step('contributions-agreed-by-body', `${a.body} (${a.reference})`);
        if (both) state.agree(contributions);
        tracker.refresh();
        await effects.record(
          'pooled-budget-contributions-agreed-by-body',
          { financialYear: year.label, body: a.body, reference: a.reference, by: a.by, contributions },
          { per: [a.body, tracker.status.steps.length] },
        );
        if (both) await agreed(context, contributions);
        return agreement!.status;
      },
    }),
  };
}

/** Both have agreed: on record, and both parent bodies and democratic services told the year's budgets. */
async function agreed(context: PooledBudgetContext, contributions: SchemeContributions): Promise<void> {
  const { so, year, state, tracker, effects, agreement } = context;
  tracker.step(
    'pooled-budget-contributions-agreed',
    `both parent bodies agreed the contributions of ${year.label}`,
  );
  await effects.record('pooled-budget-contributions-agreed', {
    financialYear: year.label,
    agreed: agreement!.status.agreed,
    schemes: state.allFigures(),
  });
  await effects.notify('pooled-budget-contributions-agreed', {
    to: unique(parentBodyClerks(so), democraticServices(so)),
    action: `Note the contributions of ${year.label} both parent bodies agreed; each scheme’s budget for the year is their sum.`,
    facts: Object.fromEntries(
      state.allFigures().map((s) => [
        s.name,
        `${formatGbp(s.budgetGbp)} (${Object.entries(contributions[s.id] ?? {})
          .map(([p, gbp]) => `${p} ${formatGbp(gbp)}`)
          .join(', ')})`,
      ]),
    ),
  });
}

/**
 * Chases the bodies that have not agreed on the due day, and again every interval after it, until both
 * agree or the year would end first. Runs beside the monitoring reports.
 */
export async function chaseContributions(context: PooledBudgetContext): Promise<void> {
  const { so, input, year, tracker, effects, agreement } = context;
  if (!agreement) return;
  for (;;) {
    const { dueOn } = agreement.status;
    const at = londonInstantMs(dueOn, SEND_AT);
    if (at > londonInstantMs(addDays(year.last, 1), SEND_AT)) return;
    tracker.refresh();
    const ms = at - Date.now();
    const done =
      ms > 0
        ? await condition(() => agreement.done, ms, {
            summary: `Contributions of ${year.label} due ${dueOn}`,
          })
        : agreement.done;
    if (done) return;
    const awaiting = so.partners.filter((p) => agreement.status.awaiting.includes(p.id));
    // A chase found overdue (the worker was down) is sent once, the next an interval after today.
    const today = londonCivilDate(Date.now());
    agreement.chased(dueOn, dueAfter(input, compareCivilDates(today, dueOn) > 0 ? today : dueOn));
    tracker.step(
      'pooled-budget-contributions-chased',
      `${awaiting.map((p) => p.id).join(', ')} chased on ${dueOn}`,
    );
    tracker.refresh();
    await effects.record(
      'pooled-budget-contributions-chased',
      { financialYear: year.label, awaiting: awaiting.map((p) => p.id), on: dueOn },
      { per: [dueOn] },
    );
    await effects.notify('pooled-budget-contributions-chased', {
      per: [dueOn],
      to: unique(
        parentBodyClerks(so).filter((c) => awaiting.some((p) => p.id === c.partner)),
        democraticServices(so),
      ),
      action: `Record your body’s agreement of the contributions of ${year.label} (after the section 75 review of ${agreement.status.reviewedYear}): the year runs on last year’s contributions until both parent bodies agree.`,
      facts: {
        'Not yet agreed by': awaiting.map((p) => p.name).join(', '),
        'Already agreed by':
          agreement.status.agreed.map((a) => `${a.body} (${a.reference})`).join(', ') || 'none',
        'Chased again on': agreement.status.dueOn,
      },
    });
  }
}
