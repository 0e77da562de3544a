/**
 * `govflow budget` against the dev server: open a board's pooled budget year, show its schemes, record a
 * variation (democratic services only, never below what is held), and refuse bad input naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledBudgetWorkflowId, reserveBudgetUpdate } from '../../definitions';
import { financialYearOf } from '../../governance/pooled-budget-year';
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
});
