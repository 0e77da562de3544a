/**
 * `govflow list` through Temporal visibility on the dev server: filters by board, process, stage and
 * deadline, ended processes with --all, values escaped, bad filters refused; and `status` on a review clock.
 */
import { TypedSearchAttributes } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SA } from '../../definitions';
import { addDays, addMonths, londonCivilDate } from '../../governance/civil-date';
import { startDecision } from '../../client/processes/decision';
import { startEffectivenessReview } from '../../client/processes/effectiveness-review';
import { visibilityQuery } from '../../client/queries';
import { govflow as run } from '../support/processes';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, daysFromToday, reach, standingOrders, today, uniqueBoardId } from './harness';

interface Listed {
  query: string;
  workflows: {
    workflowId: string;
    status: string;
    process: string;
    stage: string;
    nextDeadline: string | null;
  }[];
}

describe('govflow list on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('filters by board, process, stage and deadline, shows ended processes with --all, and refuses bad filters', async () => {
    const taskQueue = uniqueTaskQueue('cli-list');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-list'));
    const boardId = so.board.id;
    const review = (cycle: number, monthsAgo: number) =>
      startEffectivenessReview(server.client, taskQueue, {
        boardId,
        boardName: so.board.name,
        from: addMonths(today(), -monthsAgo),
        cycle,
        recipients: [{ role: 'officer', name: 'Democratic Services', email: 'ds@example.org' }],
      });
    const item = (ref: string, topic: string) =>
      startDecision(server.client, taskQueue, {
        ref,
        standingOrders: so,
        title: `Item ${ref}`,
        summary: 'An item.',
        topic,
        amountGbp: 100_000,
        meetingDate: daysFromToday(60),
        proposedBy: 'commissioning.lead@southampton.example.org',
      });
    // A value no govflow board can have, set directly: it must stay inside the query's literal.
    const awkward = `o'brien ${boardId}`;
    const awkwardHandle = await server.client.workflow.start('decision', {
      taskQueue: uniqueTaskQueue('no-worker'),
      workflowId: `escaping-${boardId}`,
      args: [],
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SA.board, value: awkward },
        { key: SA.process, value: 'decision' },
      ]),
    });

    try {
      await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
        const soon = await review(1, 11); // due in a month
        const later = await review(2, 6); // due in six months
        const onAgenda = await item('L-1', 'carers support'); // agenda in about 53 days
        const referred = await item('L-2', 'highways maintenance'); // outside the delegation: referred at once
        await reach(onAgenda, 'awaiting-agenda-publication');
        await reach(soon, 'awaiting-reminder');
        await expect(referred.result()).resolves.toMatchObject({ status: 'referred' });
        const running = [soon.workflowId, later.workflowId, onAgenda.workflowId].sort();
        await expect
          .poll(
            async () =>
              (await govflow.json<Listed>('list', '--board', boardId)).workflows
                .map((w) => w.workflowId)
                .sort(),
            { timeout: 15_000 },
          )
          .toEqual(running);

        const [all, byProcess, before, after, atStage, escaped] = await Promise.all([
          govflow.json<Listed>('list', '--board', boardId, '--all'),
          govflow.json<Listed>('list', '--board', boardId, '--process', 'board-review'),
          govflow.json<Listed>('list', '--board', boardId, '--deadline-before', daysFromToday(90)),
          govflow.json<Listed>('list', '--board', boardId, '--deadline-after', daysFromToday(90)),
          govflow.run('list', '--board', boardId, '--stage', 'awaiting-agenda-publication'),
          (async () => {
            const query = visibilityQuery({ board: awkward }, Date.now());
            const found: string[] = [];
            for await (const info of server.client.workflow.list({ query })) found.push(info.workflowId);
            return { query, found };
          })(),
        ]);
        expect(all.workflows.find((w) => w.workflowId === referred.workflowId)).toMatchObject({
          status: 'COMPLETED',
          stage: 'referred',
        });
        expect(all.workflows).toHaveLength(4);
        expect(byProcess.workflows.map((w) => w.workflowId).sort()).toEqual(
          [soon.workflowId, later.workflowId].sort(),
        );
        expect(before.workflows.map((w) => w.workflowId).sort()).toEqual(
          [soon.workflowId, onAgenda.workflowId].sort(),
        );
        expect(after.workflows.map((w) => w.workflowId)).toEqual([later.workflowId]);
        expect(after.query).toContain(`GovflowBoard = '${boardId}'`);
        expect(atStage.code).toBe(0);
        expect(atStage.stdout).toMatch(/^PROCESS\s+STAGE\s+NEXT DEADLINE \(London\)\s+WAITING FOR\n/);
        expect(atStage.stdout).toContain(`${onAgenda.workflowId}  awaiting-agenda-publication`);
        expect(atStage.stdout).not.toContain(soon.workflowId);
        expect(escaped.found).toEqual([awkwardHandle.workflowId]);
        expect(escaped.query).toContain(`GovflowBoard = 'o\\'brien ${boardId}'`);

        // Whole London days: a deadline at 09:00 on day X is not "before X" and not "after X", but is before X+1 and after X-1.
        const agendaDay = londonCivilDate(
          (await onAgenda.query<{ nextDeadline: string }>('status')).nextDeadline,
        );
        const ids = (listed: Listed) => listed.workflows.map((w) => w.workflowId);
        const [beforeDay, beforeNext, afterDay, afterPrevious] = await Promise.all([
          govflow.json<Listed>(
            'list',
            '--board',
            boardId,
            '--process',
            'decision',
            '--deadline-before',
            agendaDay,
          ),
          govflow.json<Listed>(
            'list',
            '--board',
            boardId,
            '--process',
            'decision',
            '--deadline-before',
            addDays(agendaDay, 1),
          ),
          govflow.json<Listed>(
            'list',
            '--board',
            boardId,
            '--process',
            'decision',
            '--deadline-after',
            agendaDay,
          ),
          govflow.json<Listed>(
            'list',
            '--board',
            boardId,
            '--process',
            'decision',
            '--deadline-after',
            addDays(agendaDay, -1),
          ),
        ]);
        expect([ids(beforeDay), ids(beforeNext), ids(afterDay), ids(afterPrevious)]).toEqual([
          [],
          [onAgenda.workflowId],
          [],
          [onAgenda.workflowId],
        ]);

        const reviewStatus = await govflow.json<{
          process: string;
          boardId: string;
          stage: string;
          nextDeadline: string;
        }>('status', soon.workflowId);
        expect(reviewStatus).toMatchObject({ process: 'board-review', boardId, stage: 'awaiting-reminder' });
        expect(all.workflows.find((w) => w.workflowId === soon.workflowId)?.nextDeadline).toBe(
          reviewStatus.nextDeadline,
        );
      });

      const refusals = await Promise.all([
        govflow.refused('list', '--deadline-before', '2027-13-01'),
        govflow.refused('list', '--deadline-after', 'tomorrow'),
        govflow.refused('list', '--process', 'minutes'),
        govflow.refused('list', '--saved', 'everything'),
        govflow.refused('list', '--limit', '0'),
        govflow.refused('list', '--board', "o'brien"),
        govflow.refused('status', `decision/${boardId}/no-such-item`),
        run(['list'], { TEMPORAL_ADDRESS: '127.0.0.1:1', GOVFLOW_TASK_QUEUE: taskQueue }).then(
          (r) => `${r.code} ${r.stderr.trim()}`,
        ),
      ]);
      expect(refusals).toEqual([
        'govflow: --deadline-before: "2027-13-01" is not a possible calendar date',
        'govflow: --deadline-after: "tomorrow" is not a date in the form YYYY-MM-DD',
        'govflow: --process: "minutes" is not a govflow process; processes: board, board-review, decision, recommendation, deferral, consultation, meeting, pooled-budget, partnership-recommendation',
        expect.stringMatching(
          /^govflow: --saved: no saved query "everything"; saved queries: call-in-window, reviews-due-30-days, /,
        ),
        'govflow: --limit: "0" must be a whole number from 1',
        'govflow: --board: must be lower-case letters, digits and single hyphens (e.g. southampton-jcb)',
        `govflow: workflowId: no process "decision/${boardId}/no-such-item" in namespace default`,
        expect.stringMatching(
          /^2 govflow: cannot reach Temporal at 127\.0\.0\.1:1 \(namespace default\): .*Is `npm start` running, or TEMPORAL_ADDRESS set to your cluster\?$/,
        ),
      ]);
    } finally {
      await awkwardHandle.terminate('test over');
    }
  });
});
