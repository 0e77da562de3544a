/**
 * The activity that reaches a board's pooled budget process, on the dev server: the first reservation
 * starts the process for the year (Update-with-Start), two decisions asking at once for more than is
 * left get one answer each from the one process, and a release and a commitment reach it by its ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledBudgetLedger } from '../../activities/pooled-budgets';
import { pooledBudgetStatusQuery, pooledBudgetWorkflowId } from '../../definitions';
import { financialYearOf } from '../../governance/pooled-budget-year';
import { standingOrders, today, uniqueBoardId } from '../cli/harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';

describe('pooled budget holds through the real activity', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('starts the year with the first reservation and lets only one of two racing decisions take the last headroom', async () => {
    const taskQueue = uniqueTaskQueue('pooled-budget');
    const so = standingOrders('southampton-jcb', uniqueBoardId('pooled'));
    const ledger = pooledBudgetLedger(server.client, taskQueue);
    const double = recordingActivities();
    const holder = (ref: string) => `decision/${so.board.id}/${ref}`;
    const reserve = (ref: string, amountGbp: number) =>
      ledger({
        action: 'reserve',
        holder: holder(ref),
        schemeId: 'carers',
        amountGbp,
        standingOrders: so,
        startYear: financialYearOf(today()).startYear,
      });

    await withWorker(
      server.workerConnection,
      taskQueue,
      { ...double.activities, holdPooledBudget: ledger },
      async () => {
        // £1,374,000 in the scheme: two decisions of £800,000 each ask at the same moment.
        const answers = await Promise.all([reserve('2027-060', 800_000), reserve('2027-061', 800_000)]);
        expect(answers.filter((a) => a.ok)).toHaveLength(1);
        expect(answers.find((a) => !a.ok)).toEqual({
          ok: false,
          reason:
            'amountGbp: £800,000 would over-commit the Carers pooled budget: of £1,374,000, £800,000 is reserved and £0 committed, leaving £574,000',
        });
        const handle = server.client.workflow.getHandle(pooledBudgetWorkflowId(so.board.id));
        expect((await handle.describe()).status.name).toBe('RUNNING');
        // One process for the board: both asked the same run.
        const runs = [];
        for await (const w of server.client.workflow.list({
          query: `WorkflowId = '${pooledBudgetWorkflowId(so.board.id)}'`,
        }))
          runs.push(w.runId);
        expect(runs).toHaveLength(1);

        const taker = answers[0]!.ok ? '2027-060' : '2027-061';
        // The same reservation again (a retried activity) is answered, not doubled.
        expect(await reserve(taker, 800_000)).toEqual({ ok: true });
        expect(await ledger({ action: 'commit', boardId: so.board.id, holder: holder(taker) })).toEqual({
          ok: true,
        });
        expect(
          await ledger({ action: 'release', boardId: so.board.id, holder: holder('2027-099'), reason: 'x' }),
        ).toEqual({
          ok: false,
          reason: `holder: ${holder('2027-099')} holds no reservation in ${financialYearOf(today()).label}`,
        });
        const status = await handle.query(pooledBudgetStatusQuery);
        expect(status.schemes.find((s) => s.id === 'carers')).toMatchObject({
          budgetGbp: 1_374_000,
          reservedGbp: 0,
          committedGbp: 800_000,
          headroomGbp: 574_000,
        });
        // The reservation that started the process is taken before the year's opening entry is written.
        expect(double.entries.map((e) => e.kind).sort()).toEqual([
          'budget-committed',
          'budget-reserved',
          'pooled-budget-opened',
        ]);
        await handle.terminate('test over');
      },
    );
  });
});
