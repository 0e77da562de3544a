/**
 * P6 after the year end, on the time-skipping server: the section 75 review asks both parent bodies to
 * agree the next year's contributions. The next year opens on last year's and says so; each body's clerk
 * records its agreement; when both have agreed the same, each scheme's budget is their sum, and the year
 * after opens on them. A body that never agrees is chased on the due day (working days after the review).
 * The board's risk-share rule may be fixed percentages.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  agreeContributionsUpdate,
  pooledBudgetStatusQuery,
  pooledBudgetWorkflowId,
  varySchemeUpdate,
  type AgreeContributions,
  type PooledBudgetInput,
} from '../../definitions';
import { addDays, compareCivilDates, makeCivilDate } from '../../governance/civil-date';
import { agreementDueOn } from '../../governance/pooled-budget-agreement';
import { financialYear } from '../../governance/pooled-budget-year';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { anchorDay, at, firstYear, yearOf } from '../support/dates';
import { refusal, sentAt, timeSkippingPerTest } from '../support/time-skipping';

const YEAR = firstYear(
  yearOf(anchorDay()),
  (y) => compareCivilDates(makeCivilDate(y, 4, 1), anchorDay()) > 0,
);
const OPENS = makeCivilDate(YEAR, 4, 1);
const REVIEWED = makeCivilDate(YEAR + 1, 4, 1);
const so = resolveStandingOrders('southampton-jcb', OPENS);
const DS = so.officers.democraticServices.email;
const clerk = (id: string) => so.partners.find((p) => p.id === id)!.clerk.email;
const CARERS = 'carers';
const PARTNERS = so.partners.map((p) => p.id);

describe('P6 next year’s contributions, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const start = (taskQueue: string, input: Partial<PooledBudgetInput> = {}): Promise<WorkflowHandle> =>
    env().client.workflow.start('pooledBudget', {
      taskQueue,
      workflowId: pooledBudgetWorkflowId(so.board.id),
      args: [{ standingOrders: so, startYear: YEAR, ...input } satisfies PooledBudgetInput],
    });

  it('shares the year’s variance in fixed percentages, opens the next year on last year’s contributions, and uses both bodies’ agreed ones', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('pooled-budget-agree', async ({ notifications, entries }, taskQueue) => {
      const handle = await start(taskQueue, {
        riskShare: { rule: 'fixed', percentages: { nhs: 60, council: 40 } },
      });
      const agree = (body: string, contributions: AgreeContributions['contributions'], by = clerk(body)) =>
        handle.executeUpdate(agreeContributionsUpdate, {
          args: [{ body, contributions, reference: `${body} minute 12/${YEAR + 1}`, by }],
        });
      // A year started afresh runs on the standing orders' contributions: there is nothing to agree.
      expect(await refusal(agree('nhs', { carers: { nhs: 1 } }))).toContain(
        `body: there is nothing to agree in ${financialYear(YEAR).label}`,
      );
      await handle.executeUpdate(varySchemeUpdate, {
        args: [
          { schemeId: CARERS, budgetGbp: 1_000_000, reason: 'NHS contribution reduced in year', by: DS },
        ],
      });

      await clockTo(at(REVIEWED, '10:00'));
      // The review: £1,000,000 budget, nothing spent: £1,000,000 underspent, shared 60:40, not by contribution.
      const yearEnd = entries.find((e) => e.kind === 'pooled-budget-year-end')!;
      const carers = (yearEnd.data.schemes as { id: string; shares: object }[]).find((s) => s.id === CARERS);
      expect(carers).toMatchObject({ shares: { nhs: -600_000, council: -400_000 } });
      const dueOn = agreementDueOn(REVIEWED, 20, so.holidays);
      const review = notifications.find((n) => n.kind === 'pooled-budget-year-end')!;
      expect(review.facts).toMatchObject({
        'Risk share': 'fixed: nhs 60%, council 40%',
        [`Contributions ${financialYear(YEAR + 1).label}`]: expect.stringContaining(
          `opens on ${financialYear(YEAR).label}’s contributions until both parent bodies record their agreement`,
        ),
      });

      // The next year runs on last year's contributions (the standing orders', not the varied budget) and says so.
      const opened = await handle.query(pooledBudgetStatusQuery);
      expect(opened).toMatchObject({
        financialYear: financialYear(YEAR + 1).label,
        contributionsAgreement: { state: 'provisional', awaiting: PARTNERS, dueOn, chasedOn: [] },
      });
      expect(opened.waitingFor).toContain(
        `agreement of this year’s contributions (awaiting ${PARTNERS.join(', ')}`,
      );
      expect(opened.schemes.find((s) => s.id === CARERS)).toMatchObject({ budgetGbp: 1_374_000 });
      expect(entries.filter((e) => e.kind === 'pooled-budget-opened').at(-1)!.data).toMatchObject({
        contributions: 'provisional',
        agreementDueOn: dueOn,
      });

      const next = { carers: { nhs: 1_300_000, council: 150_000 } };
      // Only that body's clerk, and only a parent body of the board.
      expect(await refusal(agree('nhs', next, clerk('council')))).toContain('by: only the clerk to');
      expect(await refusal(agree('pct', next, clerk('nhs')))).toBe(
        `body: "pct" is not a parent body of southampton-jcb (parent bodies: ${PARTNERS.join(', ')})`,
      );
      expect(await refusal(agree('nhs', { carers: { nhs: 1_300_000, ccg: 5 } }))).toBe(
        `contributions.carers.ccg: not a partner of southampton-jcb (partners: ${PARTNERS.join(', ')})`,
      );
      expect(await agree('nhs', next)).toMatchObject({ state: 'provisional', awaiting: ['council'] });
      // The other body must agree the same contributions.
      expect(await refusal(agree('council', { carers: { nhs: 1_300_000, council: 140_000 } }))).toContain(
        'contributions: council must agree the same contributions as nhs did',
      );
      expect(await agree('council', next)).toMatchObject({ state: 'agreed', awaiting: [] });
      expect(await refusal(agree('council', next))).toContain('body: both parent bodies have already agreed');

      const agreed = await handle.query(pooledBudgetStatusQuery);
      expect(agreed.schemes.find((s) => s.id === CARERS)).toMatchObject({ budgetGbp: 1_450_000 });
      expect(agreed.waitingFor).not.toContain('agreement');
      const told = notifications.find((n) => n.kind === 'pooled-budget-contributions-agreed')!;
      expect(told.recipients.map((r) => r.email)).toEqual([...so.partners.map((p) => p.clerk.email), DS]);

      // The year after opens on the agreed contributions (and asks for its own agreement).
      await clockTo(at(makeCivilDate(YEAR + 2, 4, 1), '10:00'));
      const third = await handle.query(pooledBudgetStatusQuery);
      expect(third).toMatchObject({
        financialYear: financialYear(YEAR + 2).label,
        contributionsAgreement: { state: 'provisional', reviewedYear: financialYear(YEAR + 1).label },
      });
      expect(third.schemes.find((s) => s.id === CARERS)).toMatchObject({ budgetGbp: 1_450_000 });
      expect(notifications.some((n) => n.kind === 'pooled-budget-contributions-chased')).toBe(false);
      // Each year's review is its own mail and register entry (keyed by the year, not taken as already sent).
      expect(notifications.filter((n) => n.kind === 'pooled-budget-year-end').map((n) => n.sentAt)).toEqual([
        sentAt(REVIEWED, '09:00'),
        sentAt(makeCivilDate(YEAR + 2, 4, 1), '09:00'),
      ]);
      expect(entries.filter((e) => e.kind === 'pooled-budget-opened')).toHaveLength(3);
    });
  });

  it('chases the body that has not agreed on the due day, and again an interval later', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('pooled-budget-chase', async ({ notifications }, taskQueue) => {
      const handle = await start(taskQueue, { agreementWorkingDays: 10 });
      await clockTo(at(REVIEWED, '10:00'));
      await handle.executeUpdate(agreeContributionsUpdate, {
        args: [
          {
            body: 'nhs',
            contributions: { carers: { nhs: 1_240_000 } },
            reference: 'CCG board 4/27',
            by: clerk('nhs'),
          },
        ],
      });
      const dueOn = agreementDueOn(REVIEWED, 10, so.holidays);
      const againOn = agreementDueOn(dueOn, 10, so.holidays);
      await clockTo(at(addDays(againOn, 1), '10:00'));

      const chases = notifications.filter((n) => n.kind === 'pooled-budget-contributions-chased');
      expect(chases.map((n) => n.sentAt)).toEqual([sentAt(dueOn, '09:00'), sentAt(againOn, '09:00')]);
      // The body that agreed is not chased; the one that has not is, with democratic services.
      expect(chases[0]!.recipients.map((r) => r.email)).toEqual([clerk('council'), DS]);
      expect(chases[0]!.facts).toMatchObject({ 'Already agreed by': 'nhs (CCG board 4/27)' });

      const status = await handle.query(pooledBudgetStatusQuery);
      expect(status.contributionsAgreement).toMatchObject({
        state: 'provisional',
        awaiting: ['council'],
        chasedOn: [dueOn, againOn],
      });
      // Still last year's contributions: the NHS's agreement alone changes nothing.
      expect(status.schemes.find((s) => s.id === CARERS)).toMatchObject({ budgetGbp: 1_374_000 });
    });
  });
});
