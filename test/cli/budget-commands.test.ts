/**
 * `govflow budget` against the dev server: open a board's pooled budget year, show its schemes, record a
 * variation (democratic services only, never below what is held), record each parent body's agreement of
 * the year's contributions after a section 75 review, and refuse bad input naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledBudgetWorkflowId, reserveBudgetUpdate, type PooledBudgetInput } from '../../definitions';
import { financialYear, financialYearOf } from '../../governance/pooled-budget-year';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, reach, standingOrders, today, uniqueBoardId } from './harness';

describe('govflow budget on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens the year, shows the schemes, records a variation and refuses mistakes', async () => {
    const taskQueue = uniqueTaskQueue('cli-budget');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-budget'));
    const boardId = so.board.id;
    const ds = so.officers.democraticServices.email;
    const year = financialYearOf(today());
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      expect(await govflow.refused('budget', 'start', '--board', boardId, '--year', 'soon')).toBe(
        'govflow: startYear: "soon" is not a number',
      );
      expect(await govflow.refused('budget', 'show', boardId)).toMatch(
        new RegExp(`^govflow: no pooled-budget process "pooled-budget/${boardId}"`),
      );
      expect(await govflow.json('budget', 'start', '--board', boardId)).toEqual({
        workflowId: pooledBudgetWorkflowId(boardId),
        startYear: year.startYear,
      });
      expect(await govflow.refused('budget', 'start', '--board', boardId)).toBe(
        `govflow: board: pooled-budget/${boardId} is already running; see \`govflow budget show ${boardId}\``,
      );
      const handle = server.client.workflow.getHandle(pooledBudgetWorkflowId(boardId));
      await reach(handle, 'open');
      await handle.executeUpdate(reserveBudgetUpdate, {
        args: [{ holder: `decision/${boardId}/2027-080`, schemeId: 'carers', amountGbp: 400_000 }],
      });

      const shown = await govflow.run('budget', 'show', boardId);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(`pooled-budget/${boardId}: pooled budget ${year.label}`);
      expect(shown.stdout).toContain(
        '  Carers: budget £1,374,000, reserved £400,000, committed £0, headroom £974,000',
      );

      const vary = (...args: string[]) => [
        'budget',
        'vary',
        boardId,
        '--scheme',
        'carers',
        '--reason',
        'NHS contribution reduced',
        ...args,
      ];
      expect(await govflow.refused(...vary('--budget', '300000', '--by', ds))).toBe(
        `govflow: vary refused by pooled-budget/${boardId}: budgetGbp: the Carers budget cannot go below the £400,000 already reserved and committed`,
      );
      expect(await govflow.refused(...vary('--budget', 'lots', '--by', ds))).toMatch(
        /^govflow: budgetGbp: "lots"/,
      );
      expect(await govflow.refused(...vary('--scheme', 'nope', '--budget', '500000', '--by', ds))).toMatch(
        /schemeId: "nope" is not a pooled budget scheme/,
      );
      const varied = await govflow.json<{ result: { budgetGbp: number; headroomGbp: number } }>(
        ...vary('--budget', '1200000', '--by', ds),
      );
      expect(varied.result).toMatchObject({ budgetGbp: 1_200_000, headroomGbp: 800_000 });
      await handle.terminate('test over');
    });
  });

  it('records both parent bodies’ agreement of the year’s contributions, shows where they stand, and refuses mistakes', async () => {
    const taskQueue = uniqueTaskQueue('cli-budget-agree');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-agree'));
    const boardId = so.board.id;
    const clerk = (id: string) => so.partners.find((p) => p.id === id)!.clerk.email;
    const partners = so.partners.map((p) => p.id);
    const year = financialYearOf(today());
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      // The risk-share rule is checked before anything starts.
      expect(
        await govflow.refused('budget', 'start', '--board', boardId, '--risk-share', 'nhs=60,council=30'),
      ).toBe('govflow: riskShare.percentages: fixed percentages must add up to 100, not 90');
      expect(
        await govflow.refused('budget', 'start', '--board', boardId, '--risk-share', 'nhs=60,pct=40'),
      ).toBe(
        `govflow: riskShare.percentages.pct: "pct" is not a partner of the board (partners: ${partners.join(', ')})`,
      );
      expect(await govflow.refused('budget', 'start', '--board', boardId, '--risk-share', 'half')).toBe(
        'govflow: riskShare.percentages: "half" must be <partner>=<amount>, separated by commas',
      );

      // The year as the last year's run opens it after its section 75 review (continue-as-new).
      const input: PooledBudgetInput = {
        standingOrders: so,
        startYear: year.startYear,
        contributionsAgreement: {
          reviewedYear: financialYear(year.startYear - 1).label,
          reviewedOn: today(),
        },
      };
      const handle = await server.client.workflow.start('pooledBudget', {
        taskQueue,
        workflowId: pooledBudgetWorkflowId(boardId),
        args: [input],
      });
      await reach(handle, 'open');
      const before = await govflow.run('budget', 'show', boardId);
      expect(before.stdout).toContain(
        `  Contributions: last year’s until both parent bodies agree (after the ${financialYear(year.startYear - 1).label} review); agreed: none; awaiting ${partners.join(', ')}`,
      );

      const agree = (body: string, ...args: string[]) => [
        'budget',
        'agree-contributions',
        boardId,
        '--body',
        body,
        '--reference',
        `${body} minute 7`,
        ...args,
      ];
      const next = ['--scheme', 'carers:nhs=1300000,council=150000'];
      expect(await govflow.refused(...agree('nhs', '--scheme', 'carers', '--by', clerk('nhs')))).toBe(
        'govflow: contributions: "carers" must be <scheme>:<partner>=<pounds>[,<partner>=<pounds>...]',
      );
      expect(
        await govflow.refused(...agree('nhs', '--scheme', 'carers:nhs=lots', '--by', clerk('nhs'))),
      ).toMatch(/^govflow: contributions\.carers\.nhs: "lots" is not a number of pounds/);
      expect(await govflow.refused(...agree('nhs', ...next, '--by', 'nobody'))).toMatch(/^govflow: by: /);
      expect(await govflow.refused(...agree('nhs', ...next, '--by', clerk('council')))).toContain(
        `govflow: agree-contributions refused by pooled-budget/${boardId}: by: only the clerk to`,
      );
      const first = await govflow.json<{ result: { state: string; awaiting: string[] } }>(
        ...agree('nhs', ...next, '--by', clerk('nhs'), '--json'),
      );
      expect(first.result).toMatchObject({ state: 'provisional', awaiting: ['council'] });
      const both = await govflow.run(...agree('council', ...next, '--by', clerk('council')));
      expect(both.code).toBe(0);
      expect(both.stdout).toContain(
        'Contributions: agreed by both parent bodies: nhs (nhs minute 7), council (council minute 7)',
      );

      const after = await govflow.run('budget', 'show', boardId);
      expect(after.stdout).toContain(
        '  Carers: budget £1,450,000, reserved £0, committed £0, headroom £1,450,000',
      );
      await handle.terminate('test over');
    });
  });
});
