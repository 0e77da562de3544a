/**
 * P6 on the time-skipping server: a board's pooled budgets for a financial year. Decisions reserve,
 * give back and commit money one Update at a time, so the last of a scheme's headroom goes to one of them
 * only; democratic services vary a scheme; monitoring reports and the section 75 review at the year end go
 * to both parent bodies; the next year opens with the reservations still held.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  commitBudgetUpdate,
  pooledBudgetStatusQuery,
  pooledBudgetWorkflowId,
  releaseBudgetUpdate,
  reserveBudgetUpdate,
  varySchemeUpdate,
  type PooledBudgetInput,
} from '../../definitions';
import { compareCivilDates, makeCivilDate } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { anchorDay, at, firstYear, yearOf } from '../support/dates';
import { refusal, sentAt, timeSkippingPerTest } from '../support/time-skipping';

/** The first financial year that starts after the day the tests run. */
const YEAR = firstYear(
  yearOf(anchorDay()),
  (y) => compareCivilDates(makeCivilDate(y, 4, 1), anchorDay()) > 0,
);
const OPENS = makeCivilDate(YEAR, 4, 1);
const LABEL = `${YEAR}-${String((YEAR + 1) % 100).padStart(2, '0')}`;
const so = resolveStandingOrders('southampton-jcb', OPENS);
const DS = so.officers.democraticServices.email;
const decision = (ref: string) => `decision/${so.board.id}/${ref}`;
/** Carers: £1,374,000 (NHS £1,240,000, council £134,000), southampton-2017 ¶24. */
const CARERS = 'carers';

describe('P6 pooled budget year, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  it('lets one decision only take the last headroom, gives a rescinded one’s back, reports through the year and opens the next', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('pooled-budget', async ({ notifications, entries }, taskQueue) => {
      const input: PooledBudgetInput = { standingOrders: so, startYear: YEAR };
      const handle: WorkflowHandle = await env().client.workflow.start('pooledBudget', {
        taskQueue,
        workflowId: pooledBudgetWorkflowId(so.board.id),
        args: [input],
      });
      const reserve = (ref: string, amountGbp: number) =>
        handle.executeUpdate(reserveBudgetUpdate, {
          args: [{ holder: decision(ref), schemeId: CARERS, amountGbp }],
        });

      expect(await reserve('2027-001', 1_000_000)).toMatchObject({
        reservedGbp: 1_000_000,
        headroomGbp: 374_000,
      });
      // Two decisions after the last £374,000: the first takes it, the second is refused with nothing held.
      expect(await reserve('2027-002', 374_000)).toMatchObject({ headroomGbp: 0 });
      expect(await refusal(reserve('2027-003', 1))).toBe(
        'amountGbp: £1 would over-commit the Carers pooled budget: of £1,374,000, £1,374,000 is reserved and £0 committed, leaving £0',
      );
      // The same reservation again (a retried activity) is answered, not doubled.
      expect(await reserve('2027-002', 374_000)).toMatchObject({ reservedGbp: 1_374_000 });
      expect(await refusal(reserve('2027-002', 10))).toBe(
        `holder: ${decision('2027-002')} already holds £374,000 of carers; release it first`,
      );
      // Only this board's decisions hold money here (refused on authority: audited).
      expect(
        await refusal(
          handle.executeUpdate(reserveBudgetUpdate, {
            args: [{ holder: 'decision/other-board/2027-009', schemeId: CARERS, amountGbp: 5 }],
          }),
        ),
      ).toContain('holder: only a decision of southampton-jcb holds money in its pooled budgets');

      // 2027-001 is rescinded on call-in: its £1,000,000 comes back. 2027-002 is implemented.
      expect(
        await handle.executeUpdate(releaseBudgetUpdate, {
          args: [{ holder: decision('2027-001'), reason: 'rescinded on reconsideration after a call-in' }],
        }),
      ).toMatchObject({ reservedGbp: 374_000, headroomGbp: 1_000_000 });
      expect(
        await handle.executeUpdate(commitBudgetUpdate, { args: [{ holder: decision('2027-002') }] }),
      ).toMatchObject({ reservedGbp: 0, committedGbp: 374_000, headroomGbp: 1_000_000 });
      // 2027-004 is agreed but not implemented by the year end: its reservation carries over.
      await reserve('2027-004', 600_000);

      // Variations: democratic services only, never below what is held.
      const vary = (budgetGbp: number, by = DS) =>
        handle.executeUpdate(varySchemeUpdate, {
          args: [{ schemeId: CARERS, budgetGbp, reason: 'NHS contribution reduced in year', by }],
        });
      expect(await refusal(vary(900_000))).toBe(
        'budgetGbp: the Carers budget cannot go below the £974,000 already reserved and committed',
      );
      expect(await refusal(vary(1_000_000, 'someone@example.org'))).toContain('by: only democratic services');
      expect(await vary(1_000_000)).toMatchObject({ budgetGbp: 1_000_000, headroomGbp: 26_000 });

      const status = await handle.query(pooledBudgetStatusQuery);
      expect(status).toMatchObject({
        process: 'pooled-budget',
        stage: 'open',
        financialYear: LABEL,
        waitingFor: `the budget monitoring report of ${YEAR}-07-01`,
      });

      // Quarterly monitoring, then the section 75 review after 31 March; the next year opens.
      await clockTo(at(makeCivilDate(YEAR + 1, 4, 1), '10:00'));
      const sent = notifications.map((n) => [n.kind, n.sentAt]);
      expect(sent).toEqual([
        ['budget-monitoring', sentAt(makeCivilDate(YEAR, 7, 1), '09:00')],
        ['budget-monitoring', sentAt(makeCivilDate(YEAR, 10, 1), '09:00')],
        ['budget-monitoring', sentAt(makeCivilDate(YEAR + 1, 1, 1), '09:00')],
        ['pooled-budget-year-end', sentAt(makeCivilDate(YEAR + 1, 4, 1), '09:00')],
      ]);
      expect(notifications.at(-1)!.recipients.map((r) => r.email)).toEqual([
        ...so.partners.map((p) => p.clerk.email),
        DS,
      ]);
      const yearEnd = entries.find((e) => e.kind === 'pooled-budget-year-end')!;
      const carers = (yearEnd.data.schemes as { id: string; varianceGbp: number; shares: object }[]).find(
        (s) => s.id === CARERS,
      )!;
      // Budget £1,000,000 after the variation, £374,000 spent: £626,000 underspent, shared by contribution.
      expect(carers).toMatchObject({
        varianceGbp: -626_000,
        shares: { nhs: -564_949.05, council: -61_050.95 },
      });

      const next = await handle.query(pooledBudgetStatusQuery);
      expect(next).toMatchObject({
        financialYear: `${YEAR + 1}-${String((YEAR + 2) % 100).padStart(2, '0')}`,
        stage: 'open',
      });
      // The new year: the standing orders' budget again, with 2027-004's reservation carried.
      expect(next.schemes.find((s) => s.id === CARERS)).toMatchObject({
        budgetGbp: 1_374_000,
        reservedGbp: 600_000,
        committedGbp: 0,
      });
    });
  });
});
