/**
 * P6, a board's pooled budgets: `govflow budget start` opens the board's pooled budget process for a
 * financial year (decisions also open it with their first reservation), `budget show` prints each
 * scheme's budget, reservations, commitments and headroom, and `budget vary` records an in-year variation.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  pooledBudgetInputSchema,
  pooledBudgetStatusQuery,
  pooledBudgetWorkflowId,
  varySchemeSchema,
  varySchemeUpdate,
  type PooledBudgetStatus,
  type SchemeFigures,
} from '../../definitions';
import { UserError, parseInput } from '../../definitions/errors';
import { slugSchema } from '../../definitions/common';
import { londonCivilDate } from '../../governance/civil-date';
import { formatGbp } from '../../governance/money';
import { financialYearOf } from '../../governance/pooled-budget-year';
import { loadConfig } from '../../runtime/config';
import { withClient } from '../actions/connect';
import { numberFlag, poundsFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { requireRunning, sendUpdate } from '../actions/send-update';
import { registeredStandingOrders } from '../boards';

function schemesTable(schemes: SchemeFigures[]): string[] {
  return schemes.map(
    (s) =>
      `  ${s.name}: budget ${formatGbp(s.budgetGbp)}, reserved ${formatGbp(s.reservedGbp)}, committed ${formatGbp(s.committedGbp)}, headroom ${formatGbp(s.headroomGbp)}`,
  );
}

export function registerBudgetCommands(program: Command): void {
  const budget = program
    .command('budget')
    .description('A board’s pooled budgets (s75): open the year, show the schemes, record a variation');

  budget
    .command('start')
    .description('Open the board’s pooled budget process for a financial year (1 April to 31 March)')
    .requiredOption('--board <id>', 'the board, as registered')
    .option('--year <yyyy>', 'the year the financial year starts in (default: the current financial year)')
    .option('--monitoring-months <n>', 'months between monitoring reports to both parent bodies (default 3)')
    .option('--json', 'print one JSON document')
    .addHelpText('after', example('npx govflow budget start --board southampton-jcb'))
    .action(async (o: { board: string; year?: string; monitoringMonths?: string; json?: boolean }) => {
      const boardId = parseInput(slugSchema, o.board, 'board');
      const startYear =
        numberFlag(o.year, 'startYear') ?? financialYearOf(londonCivilDate(Date.now())).startYear;
      const workflowId = pooledBudgetWorkflowId(boardId);
      await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, boardId);
        const input = parseInput(pooledBudgetInputSchema, {
          standingOrders,
          startYear,
          ...(o.monitoringMonths === undefined
            ? {}
            : { monitoringEveryMonths: numberFlag(o.monitoringMonths, 'monitoringEveryMonths') }),
        });
        if (input.standingOrders.pooledBudgets.length === 0)
          throw new UserError(`board: ${boardId}'s standing orders have no pooled budget schemes`);
        try {
          await client.workflow.start('pooledBudget', {
            taskQueue: loadConfig().GOVFLOW_TASK_QUEUE,
            workflowId,
            args: [input],
          });
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError)
            throw new UserError(
              `board: ${workflowId} is already running; see \`govflow budget show ${boardId}\``,
            );
          throw error;
        }
      });
      emit(
        o.json,
        { workflowId, startYear },
        () => `started ${workflowId} for ${startYear}-${(startYear + 1) % 100}`,
      );
    });

  budget
    .command('show <board>')
    .description('Each scheme’s budget, what decisions have reserved and committed, and the headroom left')
    .option('--json', 'print the status query’s answer')
    .addHelpText('after', example('npx govflow budget show southampton-jcb'))
    .action(async (board: string, o: { json?: boolean }) => {
      const boardId = parseInput(slugSchema, board, 'board');
      const workflowId = pooledBudgetWorkflowId(boardId);
      const status: PooledBudgetStatus = await withClient(async (client, namespace) => {
        await requireRunning(client, 'pooled-budget', workflowId, namespace);
        return client.workflow.getHandle(workflowId).query(pooledBudgetStatusQuery);
      });
      emit(o.json, status, () =>
        [`${workflowId}: pooled budget ${status.financialYear}`, ...schemesTable(status.schemes)].join('\n'),
      );
    });

  budget
    .command('vary <board>')
    .description('Record an in-year variation agreed by the board or a parent body: a scheme’s new budget')
    .requiredOption('--scheme <id>', 'the scheme, as in the standing orders')
    .requiredOption('--budget <pounds>', 'the scheme’s new budget for the year')
    .requiredOption('--reason <text>', 'what was agreed, and by whom')
    .requiredOption('--by <email>', 'democratic services, who record it')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      example(
        'npx govflow budget vary southampton-jcb --scheme carers --budget 1200000 --reason "NHS contribution reduced (Board, 3 June)" --by democratic.services@southampton.example.org',
      ),
    )
    .action(
      async (
        board: string,
        o: { scheme: string; budget: string; reason: string; by: string; json?: boolean },
      ) => {
        const boardId = parseInput(slugSchema, board, 'board');
        const payload = parseInput(varySchemeSchema, {
          schemeId: o.scheme,
          budgetGbp: poundsFlag(o.budget, 'budgetGbp'),
          reason: o.reason,
          by: o.by,
        });
        const { workflowId, result } = await sendUpdate(
          'pooled-budget',
          boardId,
          'vary',
          varySchemeUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'vary', result },
          () => `${workflowId}:\n${schemesTable([result]).join('\n')}`,
        );
      },
    );
}
