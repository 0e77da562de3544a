/**
 * P6, a board's pooled budgets: `govflow budget start` opens the board's pooled budget process for a
 * financial year (decisions also open it with their first reservation) under its risk-share rule,
 * `budget show` prints each scheme's budget, reservations, commitments and headroom and where the year's
 * contributions stand, `budget vary` records an in-year variation, and `budget agree-contributions`
 * records a parent body's agreement of the year's contributions after the section 75 review.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  agreeContributionsSchema,
  agreeContributionsUpdate,
  pooledBudgetInputSchema,
  pooledBudgetStatusQuery,
  pooledBudgetWorkflowId,
  varySchemeSchema,
  varySchemeUpdate,
  type ContributionsAgreementStatus,
  type PooledBudgetStatus,
  type RiskShareConfig,
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

/** "contributions" (the default rule), or fixed percentages per partner: "nhs=60,council=40". */
function riskShareFlag(value: string | undefined): RiskShareConfig | undefined {
  if (value === undefined) return undefined;
  if (value === 'contributions') return { rule: 'contributions' };
  return { rule: 'fixed', percentages: amountsFlag(value, 'riskShare.percentages', numberFlag) };
}

/** "nhs=1300000,council=150000": an amount per partner, each read by `read` (named by the field). */
function amountsFlag(
  value: string,
  field: string,
  read: (v: string, field: string) => number | undefined,
): Record<string, number> {
  const pairs = value.split(',').map((pair) => pair.trim().split('='));
  if (pairs.some((pair) => pair.length !== 2 || !pair[0]))
    throw new UserError(`${field}: "${value}" must be <partner>=<amount>, separated by commas`);
  return Object.fromEntries(
    pairs.map(([partner, amount]) => [partner, read(amount!, `${field}.${partner}`)]),
  );
}

/** Repeated --scheme carers:nhs=1300000,council=150000 → each scheme's contributions. */
function contributionsFlag(values: string[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    values.map((value) => {
      const at = value.indexOf(':');
      if (at < 1)
        throw new UserError(
          `contributions: "${value}" must be <scheme>:<partner>=<pounds>[,<partner>=<pounds>...]`,
        );
      const scheme = value.slice(0, at);
      return [scheme, amountsFlag(value.slice(at + 1), `contributions.${scheme}`, poundsFlag)];
    }),
  );
}

function agreementLine(agreement: ContributionsAgreementStatus | undefined): string[] {
  if (!agreement) return ['  Contributions: as agreed in the standing orders'];
  const agreed = agreement.agreed.map((a) => `${a.body} (${a.reference})`).join(', ');
  if (agreement.state === 'agreed') return [`  Contributions: agreed by both parent bodies: ${agreed}`];
  const chased = agreement.chasedOn.length > 0 ? `; chased on ${agreement.chasedOn.join(', ')}` : '';
  return [
    `  Contributions: last year’s until both parent bodies agree (after the ${agreement.reviewedYear} review); agreed: ${agreed || 'none'}; awaiting ${agreement.awaiting.join(', ')}, due ${agreement.dueOn}${chased}`,
  ];
}

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
    .option(
      '--risk-share <rule>',
      'how an over- or underspend is shared: "contributions" (default) or fixed percentages, e.g. nhs=60,council=40',
    )
    .option(
      '--agreement-working-days <n>',
      'working days after the section 75 review before parent bodies that have not agreed next year’s contributions are chased (default 20)',
    )
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      example('npx govflow budget start --board southampton-jcb --risk-share nhs=60,council=40'),
    )
    .action(
      async (o: {
        board: string;
        year?: string;
        monitoringMonths?: string;
        riskShare?: string;
        agreementWorkingDays?: string;
        json?: boolean;
      }) => {
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
            ...(o.riskShare === undefined ? {} : { riskShare: riskShareFlag(o.riskShare) }),
            ...(o.agreementWorkingDays === undefined
              ? {}
              : { agreementWorkingDays: numberFlag(o.agreementWorkingDays, 'agreementWorkingDays') }),
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
      },
    );

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
        [
          `${workflowId}: pooled budget ${status.financialYear}`,
          ...schemesTable(status.schemes),
          ...agreementLine(status.contributionsAgreement),
        ].join('\n'),
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

  budget
    .command('agree-contributions <board>')
    .description(
      'Record a parent body’s agreement of the year’s contributions after the section 75 review (its clerk only)',
    )
    .requiredOption('--body <id>', 'the parent body, as a partner id of the board')
    .requiredOption(
      '--scheme <scheme:partner=pounds,...>',
      'a scheme’s contributions as agreed, e.g. carers:nhs=1300000,council=150000 (repeat for each scheme; others stay as they are)',
      (value: string, all: string[] = []) => [...all, value],
    )
    .requiredOption('--reference <text>', 'the minute or decision reference of the body’s agreement')
    .requiredOption('--by <email>', 'the body’s clerk, who records it')
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      example(
        'npx govflow budget agree-contributions southampton-jcb --body nhs --scheme carers:nhs=1300000,council=150000 --reference "CCG Board minute 4/28" --by ccg.clerk@southampton.example.org',
      ),
    )
    .action(
      async (
        board: string,
        o: { body: string; scheme: string[]; reference: string; by: string; json?: boolean },
      ) => {
        const boardId = parseInput(slugSchema, board, 'board');
        const payload = parseInput(agreeContributionsSchema, {
          body: o.body,
          contributions: contributionsFlag(o.scheme),
          reference: o.reference,
          by: o.by,
        });
        const { workflowId, result } = await sendUpdate(
          'pooled-budget',
          boardId,
          'agree-contributions',
          agreeContributionsUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'agree-contributions', result },
          () => `${workflowId}:\n${agreementLine(result).join('\n')}`,
        );
      },
    );
}
