/**
 * The manager's saved queries (client/queries.ts, docs/cli-and-ui.md), each run on the dev server's
 * visibility store against real processes brought to the stage the query is about, and checked to find
 * exactly those. Every query is narrowed to this test's boards so other tests' processes do not count.
 */
import { TypedSearchAttributes } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVED_QUERIES, literal, savedQuery } from '../../client/queries';
import { proposeBoard } from '../../client/processes/board';
import { startDecision } from '../../client/processes/decision';
import { startEffectivenessReview } from '../../client/processes/effectiveness-review';
import { startRecommendation } from '../../client/processes/recommendation';
import { SA, callInUpdate, voteUpdate } from '../../definitions';
import { addMonths } from '../../governance/civil-date';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  SOUTHAMPTON_OS,
  SOUTHAMPTON_VOTERS,
  cli,
  daysFromToday,
  itemMeetingToday,
  reach,
  standingOrders,
  today,
  uniqueBoardId,
} from '../cli/harness';

describe('saved queries on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('each finds exactly the processes it is about', async () => {
    const taskQueue = uniqueTaskQueue('saved-queries');
    const board = uniqueBoardId('sq');
    const otherBoard = uniqueBoardId('sq-tor');
    const so = standingOrders('southampton-jcb', board);
    const noMeetings = standingOrders('southampton-jcb', board, { meetings: [] });
    const ours = `GovflowBoard IN (${literal(board)}, ${literal(otherBoard)})`;
    const found = async (name: string) => {
      const rows: string[] = [];
      for await (const info of server.client.workflow.list({
        query: `${savedQuery(name)!.query(Date.now())} AND ${ours}`,
      }))
        rows.push(info.workflowId);
      return rows.sort();
    };
    const voteAll = async (
      handle: Awaited<ReturnType<typeof itemMeetingToday>>,
      nhsVote: 'for' | 'against',
    ) => {
      for (const member of SOUTHAMPTON_VOTERS.council)
        await handle.executeUpdate(voteUpdate, { args: [{ member, vote: 'for' }] });
      for (const member of SOUTHAMPTON_VOTERS.nhs)
        await handle.executeUpdate(voteUpdate, { args: [{ member, vote: nhsVote }] });
    };
    // Two deferrals take two meeting days, which a real-time server cannot wait for: this one carries the
    // search attributes a twice-deferred item has (the decision workflow's own deferral count is covered by
    // its time-skipping tests), on a queue no worker polls.
    const deferredTwice = await server.client.workflow.start('decision', {
      taskQueue: uniqueTaskQueue('no-worker'),
      workflowId: `decision/${board}/deferred-twice`,
      args: [],
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SA.board, value: board },
        { key: SA.process, value: 'decision' },
        { key: SA.stage, value: 'awaiting-agenda-publication' },
        { key: SA.deferrals, value: 2 },
      ]),
    });

    try {
      await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
        const inWindow = await itemMeetingToday(server.client, taskQueue, so, 'SQ-1');
        const calledIn = await itemMeetingToday(server.client, taskQueue, so, 'SQ-2');
        const disputed = await itemMeetingToday(server.client, taskQueue, noMeetings, 'SQ-3');
        const urgent = await startDecision(server.client, taskQueue, {
          ref: 'SQ-4',
          standingOrders: so,
          title: 'Winter beds',
          summary: 'Step-down beds.',
          topic: 'hospital discharge',
          amountGbp: 800_000,
          meetingDate: daysFromToday(1),
          proposedBy: 'commissioning.lead@southampton.example.org',
        });
        // Proposed four months ago and never approved: past the three-month deadline, so escalated.
        const lateBoard = await proposeBoard(server.client, taskQueue, {
          standingOrders: so,
          termsOfReference: 'Terms of Reference v1',
          proposedOn: addMonths(today(), -4),
          firstMeeting: addMonths(today(), -3),
        });
        const torBoard = await proposeBoard(server.client, taskQueue, {
          standingOrders: standingOrders('southampton-jcb', otherBoard),
          termsOfReference: 'Terms of Reference v1',
          proposedOn: daysFromToday(-7),
          firstMeeting: daysFromToday(-1),
        });
        const recommendation = await startRecommendation(server.client, taskQueue, {
          boardId: board,
          ref: 'SQ-5',
          title: 'Carers strategy',
          recommendation: 'Adopt it.',
          parentBodies: so.partners.map((p) => ({
            partner: p.id,
            body: p.parentBody.name,
            clerk: p.clerk,
            meetingDate: daysFromToday(10),
            deadline: daysFromToday(30),
          })),
        });
        const review = (cycle: number, from: string) =>
          startEffectivenessReview(server.client, taskQueue, {
            boardId: board,
            boardName: so.board.name,
            from,
            cycle,
            recipients: [{ role: 'officer', name: 'Democratic Services', email: 'ds@example.org' }],
          });
        const reviewSoon = await review(1, addMonths(daysFromToday(20), -12));
        const reviewLater = await review(2, addMonths(today(), -6));

        await Promise.all([reach(inWindow, 'voting'), reach(calledIn, 'voting'), reach(disputed, 'voting')]);
        await voteAll(inWindow, 'for');
        await voteAll(calledIn, 'for');
        await voteAll(disputed, 'against');
        await reach(calledIn, 'in-call-in-window');
        await calledIn.executeUpdate(callInUpdate, {
          args: [{ members: SOUTHAMPTON_OS.slice(0, 5), grounds: 'Inadequate consultation' }],
        });
        await Promise.all([
          reach(inWindow, 'in-call-in-window'),
          reach(calledIn, 'called-in'),
          reach(disputed, 'escalated'),
          reach(urgent, 'awaiting-urgency-consent'),
          reach(lateBoard, 'escalated'),
          reach(torBoard, 'awaiting-tor-approval'),
          reach(recommendation, 'awaiting-decisions'),
        ]);

        const expected: Record<string, string[]> = {
          'call-in-window': [inWindow.workflowId],
          'reviews-due-30-days': [reviewSoon.workflowId],
          'escalations-open': [disputed.workflowId, lateBoard.workflowId],
          'deferred-twice': [deferredTwice.workflowId],
          'urgency-consent-needed': [urgent.workflowId],
          'called-in': [calledIn.workflowId],
          'parent-bodies-to-decide': [torBoard.workflowId, recommendation.workflowId],
        };
        expect(SAVED_QUERIES.map((q) => q.name).sort()).toEqual(
          [...Object.keys(expected), 'deadlines-next-7-days'].sort(),
        );
        for (const [name, ids] of Object.entries(expected)) {
          await expect.poll(() => found(name), { timeout: 15_000, message: name }).toEqual([...ids].sort());
        }
        // Deadlines depend on today's working days, so this one is checked by what it must and must not find.
        const week = await found('deadlines-next-7-days');
        expect(week).toContain(urgent.workflowId);
        for (const far of [reviewSoon, reviewLater, recommendation, inWindow])
          expect(week).not.toContain(far.workflowId);

        const govflow = cli(taskQueue);
        const listed = await govflow.json<{ query: string; workflows: { workflowId: string }[] }>(
          'list',
          '--saved',
          'call-in-window',
          '--board',
          board,
        );
        expect(listed.workflows.map((w) => w.workflowId)).toEqual([inWindow.workflowId]);
        expect(listed.query).toBe(
          `${savedQuery('call-in-window')!.query(0)} AND GovflowBoard = ${literal(board)}`,
        );
      });
    } finally {
      await deferredTwice.terminate('test over');
    }
  });

  it('prints every saved query with a Web UI link', async () => {
    const queries = await cli(uniqueTaskQueue('queries')).json<
      { name: string; query: string; link: string }[]
    >('queries', '--ui', 'http://ui.example:8233/');
    expect(queries.map((q) => q.name)).toEqual(SAVED_QUERIES.map((q) => q.name));
    for (const q of queries) {
      expect(q.link).toBe(
        `http://ui.example:8233/namespaces/default/workflows?query=${encodeURIComponent(q.query)}`,
      );
      expect(q.query).toContain(`ExecutionStatus = 'Running'`);
    }
    expect(queries.find((q) => q.name === 'reviews-due-30-days')!.query).toMatch(
      /GovflowNextDeadline <= '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'/,
    );
  });
});
