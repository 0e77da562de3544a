import { z } from 'zod';
import {
  agreeContributionsSchema,
  agreeContributionsUpdate,
  commitBudgetSchema,
  commitBudgetUpdate,
  pooledBudgetInputSchema,
  pooledBudgetWorkflowId,
  releaseBudgetSchema,
  releaseBudgetUpdate,
  reserveBudgetSchema,
  reserveBudgetUpdate,
  varySchemeSchema,
  varySchemeUpdate,
  type PooledBudgetStatus,
  type SchemeFigures,
} from '../../../definitions';
import { UserError, parseInput } from '../../../definitions/errors';
import { londonCivilDate } from '../../../governance/civil-date';
import { formatGbp } from '../../../governance/money';
import { financialYearOf } from '../../../governance/pooled-budget-year';
import { eventSchema } from '../format';
import { defineProcess, heldTo } from '../process';

/** Stands in for the recording officer's or clerk's address while the event is checked; the real one is filled in when sent. */
const SOMEONE = { by: 'someone@example.org' };

/**
 * Scenario events for a board's pooled budgets (P6), one per Update of definitions/pooled-budget.ts with
 * its fields. A decision's reservation, release and commitment are sent here by hand, as its activities
 * would send them, so a scenario can set decisions racing for the same headroom.
 */
const pooledBudgetEvent = z.discriminatedUnion('action', [
  heldTo(eventSchema('reserve', reserveBudgetSchema.shape), reserveBudgetSchema),
  heldTo(eventSchema('release', releaseBudgetSchema.shape), releaseBudgetSchema),
  heldTo(eventSchema('commit', commitBudgetSchema.shape), commitBudgetSchema),
  // Recorded by democratic services (from the standing orders) unless the scenario names someone.
  heldTo(
    eventSchema('vary', { ...varySchemeSchema.shape, by: z.email().optional() }),
    varySchemeSchema,
    SOMEONE,
  ),
  // After a section 75 review, each parent body's clerk (from the standing orders, unless named) records its agreement.
  heldTo(
    eventSchema('agree-contributions', { ...agreeContributionsSchema.shape, by: z.email().optional() }),
    agreeContributionsSchema,
    SOMEONE,
  ),
]);

/**
 * The year is not given: it is the financial year of the scenario's start, as `govflow budget start`
 * takes the current one, so a scenario moved to a later year rehearses that year.
 */
const scenarioInputSchema = z.strictObject({
  monitoringEveryMonths: z.number().optional(),
});

const figures = (s: SchemeFigures) =>
  `${s.name}: ${formatGbp(s.reservedGbp)} reserved, ${formatGbp(s.committedGbp)} committed of ${formatGbp(s.budgetGbp)}, headroom ${formatGbp(s.headroomGbp)}`;

export const pooledBudgetProcess = defineProcess({
  input(raw, so, { startMs }) {
    const given = parseInput(scenarioInputSchema, raw, 'input');
    const input = parseInput(
      pooledBudgetInputSchema,
      { ...given, standingOrders: so, startYear: financialYearOf(londonCivilDate(startMs)).startYear },
      'input',
    );
    if (so.pooledBudgets.length === 0)
      throw new UserError(`standingOrders: ${so.board.id}'s standing orders have no pooled budget schemes`);
    return input;
  },
  eventSchema: pooledBudgetEvent,
  workflowId: (_input, so) => pooledBudgetWorkflowId(so.board.id),
  // As `govflow budget start` starts it (decisions start it too, with their first reservation).
  start: (client, taskQueue, input, so) =>
    client.workflow.start('pooledBudget', {
      taskQueue,
      workflowId: pooledBudgetWorkflowId(so.board.id),
      args: [input],
    }),
  async apply(client, event, { so, workflowId }) {
    const handle = client.workflow.getHandle(workflowId);
    switch (event.action) {
      case 'reserve': {
        const { holder, schemeId, amountGbp } = event;
        return figures(
          await handle.executeUpdate(reserveBudgetUpdate, { args: [{ holder, schemeId, amountGbp }] }),
        );
      }
      case 'release':
        return figures(
          await handle.executeUpdate(releaseBudgetUpdate, {
            args: [{ holder: event.holder, reason: event.reason }],
          }),
        );
      case 'commit':
        return figures(await handle.executeUpdate(commitBudgetUpdate, { args: [{ holder: event.holder }] }));
      case 'vary':
        return figures(
          await handle.executeUpdate(varySchemeUpdate, {
            args: [
              {
                schemeId: event.schemeId,
                budgetGbp: event.budgetGbp,
                reason: event.reason,
                by: event.by ?? so.officers.democraticServices.email,
              },
            ],
          }),
        );
      case 'agree-contributions': {
        const agreement = await handle.executeUpdate(agreeContributionsUpdate, {
          args: [
            {
              body: event.body,
              contributions: event.contributions,
              reference: event.reference,
              by: event.by ?? so.partners.find((p) => p.id === event.body)?.clerk.email ?? SOMEONE.by,
            },
          ],
        });
        return `contributions ${agreement.state}; awaiting ${agreement.awaiting.join(', ') || 'nobody'}`;
      }
    }
  },
  // Each year continues as new: the process never ends by itself.
  outcome: () => 'ended',
  // Open, or at the year-end review, in whichever financial year `until` falls.
  running: (status) => (status as PooledBudgetStatus).stage,
});
