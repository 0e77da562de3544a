/**
 * Issue 19, item 1: authority comes from the board's own standing orders. Before, `decision propose --file`
 * with a board's id and the proposer's own members and thresholds was classed and carried by invented members'
 * votes, and `recommendation propose --file` named its own clerks. Now an item takes its board's registered
 * standing orders, by board id and version; an item naming no registered board, or bringing standing orders or
 * clerks of its own, is refused before anything starts. On the dev server, with the CLI as an officer runs it.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { defaultPayloadConverter, type ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { boardLookup } from '../../activities/boards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amendStandingOrdersUpdate,
  boardWorkflowId,
  decisionWorkflowId,
  recommendationWorkflowId,
  standingOrdersQuery,
  type DecisionInput,
  type RecommendationInput,
} from '../../definitions';
import { firstDay } from '../support/dates';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { sha256 } from '../support/time-skipping';
import { cli, daysFromToday, standingOrders, tempDir, uniqueBoardId, writeFile } from '../cli/harness';

const OFFICER = 'commissioning.lead@southampton.example.org';

/** The £9bn item of the reproduction, for a meeting. */
const integratedCare = (ref: string, meeting: string) => ({
  ref,
  title: 'Integrated care contract',
  summary: 'Award the integrated care contract.',
  topic: 'integrated rehabilitation and reablement',
  amountGbp: 9_000_000_000,
  meetingDate: meeting,
  proposedBy: OFFICER,
});

async function inputOf<T>(server: Awaited<ReturnType<typeof devServer>>, workflowId: string): Promise<T> {
  const history = await server.client.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return defaultPayloadConverter.fromPayload<T>(payload);
}

async function started(server: Awaited<ReturnType<typeof devServer>>, workflowId: string): Promise<boolean> {
  try {
    await server.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch {
    return false;
  }
}

describe('items run under their board’s registered standing orders (dev server, CLI)', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses an item with standing orders of its own (the £9bn reproduction), one for a board not registered, and runs a proper one under the registered version', async () => {
    const taskQueue = uniqueTaskQueue('registered-so');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('registered');
    const so = standingOrders('southampton-jcb', boardId);
    const meeting = firstDay(daysFromToday(40), (d) => so.meetings.includes(d));
    // The proposer's own standing orders under the board's id: two invented members, no key decisions.
    const forged = {
      ...so,
      members: [
        {
          id: 'mallory',
          name: 'Mallory',
          email: 'mallory@example.org',
          partner: so.partners[0]!.id,
          role: 'x',
        },
        { id: 'trent', name: 'Trent', email: 'trent@example.org', partner: so.partners[1]!.id, role: 'x' },
      ],
      chair: 'mallory',
      quorum: { [so.partners[0]!.id]: 1, [so.partners[1]!.id]: 1 },
      keyDecision: { ...so.keyDecision, thresholdGbp: 10_000_000_000 },
    };
    const dir = tempDir();
    const item = (ref: string, extra: Record<string, unknown>) =>
      writeFile(dir, `${ref}.json`, {
        ...integratedCare(ref, meeting),
        ...extra,
      });
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // Not registered yet: nothing to take standing orders from.
      expect(await govflow.refused('decision', 'propose', '--file', item('x-1', { board: boardId }))).toBe(
        `govflow: board: no board "${boardId}" is registered; propose it first with govflow board propose (govflow list --process board lists the boards)`,
      );
      await registerBoard(server.client, taskQueue, so);
      const ownStandingOrders =
        "govflow: standingOrders: an item runs under its board's registered standing orders, never its own; name the board with --board <id> (or board: in the item file)";
      expect(
        await govflow.refused('decision', 'propose', '--file', item('x-2', { standingOrders: forged })),
      ).toBe(ownStandingOrders);
      expect(
        await govflow.refused(
          'decision',
          'propose',
          '--file',
          item('x-3', { board: boardId, standingOrders: 'southampton-jcb' }),
        ),
      ).toBe(ownStandingOrders);
      expect(
        await govflow.refused(
          'decision',
          'propose',
          '--standing-orders',
          'southampton-jcb',
          '--file',
          item('x-4', {}),
        ),
      ).toBe(ownStandingOrders);
      for (const ref of ['x-1', 'x-2', 'x-3', 'x-4'])
        expect(await started(server, decisionWorkflowId(boardId, ref)), ref).toBe(false);

      // The governed amendment: democratic services register the version the parent bodies approved.
      const board = server.client.workflow.getHandle(boardWorkflowId(boardId));
      const amended = { ...so, quorum: { ...so.quorum, [so.partners[0]!.id]: 3 } };
      await board.executeUpdate(amendStandingOrdersUpdate, {
        args: [{ by: so.officers.democraticServices.email, standingOrders: amended, approvedBy: 'minute 7' }],
      });
      const registered = await board.query(standingOrdersQuery);
      expect(registered.version).toBe(2);

      const { workflowId } = await govflow.json<{ workflowId: string }>(
        'decision',
        'propose',
        '--file',
        item('2027-090', { board: boardId }),
      );
      const input = await inputOf<DecisionInput>(server, workflowId);
      // Exactly the registered version 2: its members and quorum, not anything the proposer wrote.
      expect(sha256(JSON.stringify(input.standingOrders))).toBe(registered.contentHash);
      expect(input.standingOrders.members.map((m) => m.id)).toEqual(so.members.map((m) => m.id));
      await server.client.workflow.getHandle(workflowId).terminate('test over');
    });
  });

  it('a recommendation goes to the clerks in the registered standing orders, never to clerks the proposer names', async () => {
    const taskQueue = uniqueTaskQueue('registered-rec');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('registered-rec');
    const so = standingOrders('wiltshire-adult-jcb', boardId);
    const dir = tempDir();
    const meetingDate = daysFromToday(10);
    const deadline = daysFromToday(20);
    const rec = (ref: string, parentBodies: unknown[]) =>
      writeFile(dir, `${ref}.json`, {
        boardId,
        ref,
        title: 'Joint carers strategy',
        recommendation: 'Adopt the joint carers strategy',
        parentBodies,
      });
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      const forgedClerk = so.partners.map((p) => ({
        partner: p.id,
        body: p.parentBody.name,
        clerk: { name: 'Anyone', email: 'anyone@example.org' },
        meetingDate,
        deadline,
      }));
      expect(await govflow.refused('recommendation', 'propose', '--file', rec('r-1', forgedClerk))).toBe(
        "govflow: parentBodies.0.body: comes from the board's registered standing orders; give only partner, meetingDate and deadline",
      );
      expect(
        await govflow.refused(
          'recommendation',
          'propose',
          '--standing-orders',
          'wiltshire-adult-jcb',
          '--file',
          rec('r-2', []),
        ),
      ).toMatch(
        /^govflow: standingOrders: a recommendation goes to the parent bodies in its board's registered standing orders/,
      );
      for (const ref of ['r-1', 'r-2'])
        expect(await started(server, recommendationWorkflowId(boardId, ref)), ref).toBe(false);

      const dates = so.partners.map((p) => ({ partner: p.id, meetingDate, deadline }));
      const { workflowId } = await govflow.json<{ workflowId: string }>(
        'recommendation',
        'propose',
        '--file',
        rec('2027-091', dates),
      );
      const input = await inputOf<RecommendationInput>(server, workflowId);
      expect(input.parentBodies.map((b) => b.clerk.email)).toEqual(so.partners.map((p) => p.clerk.email));
      // Only the registered clerk may record a parent body's decision; anyone else is refused.
      const anyone = await govflow.refused(
        'parent-decision',
        `${boardId}/2027-091`,
        '--partner',
        so.partners[0]!.id,
        '--outcome',
        'approve',
        '--by',
        'anyone@example.org',
      );
      expect(anyone).toMatch(/clerk/i);
      await server.client.workflow.getHandle(workflowId).terminate('test over');
    });
  });

  it('a client that bypasses the CLI and starts an item itself is refused by the worker before anything is written', async () => {
    const taskQueue = uniqueTaskQueue('registered-worker');
    const boardId = uniqueBoardId('registered-worker');
    const so = standingOrders('southampton-jcb', boardId);
    const meeting = firstDay(daysFromToday(40), (d) => so.meetings.includes(d));
    const double = recordingActivities();
    // The real check: the worker asks the board's process for its registered standing orders.
    const { checkRegistration } = createActivities({
      mailer: undefined as never,
      register: undefined as never,
      boards: boardLookup(server.client),
    });
    const activities = { ...double.activities, checkRegistration };
    const decisionInput = (ref: string, standingOrders: DecisionInput['standingOrders']): DecisionInput => ({
      ...integratedCare(ref, meeting),
      standingOrders,
    });
    const start = (input: DecisionInput) =>
      server.client.workflow.start('decision', {
        taskQueue,
        workflowId: decisionWorkflowId(input.standingOrders.board.id, input.ref),
        args: [input],
      });
    const refusal = async (handle: { result(): Promise<unknown> }) => {
      const error = (await handle.result().catch((e: unknown) => e)) as WorkflowFailedError;
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error.cause as ApplicationFailure).type).toBe('UnregisteredStandingOrders');
      return error.cause!.message;
    };
    await withWorker(server.workerConnection, taskQueue, activities, async () => {
      // No board of that id: the worker refuses the item.
      expect(await refusal(await start(decisionInput('w-1', so)))).toBe(
        `refused: no board "${boardId}" is registered; items take their board's registered standing orders (govflow decision propose --board)`,
      );
      const board = await registerBoard(server.client, taskQueue, so);
      const registered = await board.query(standingOrdersQuery);
      // The £9bn reproduction without the CLI: the board's own standing orders but no key decisions.
      const forged = {
        ...registered.standingOrders,
        keyDecision: { ...registered.standingOrders.keyDecision, thresholdGbp: 10_000_000_000 },
      };
      const forgedHandle = await start(decisionInput('w-2', forged));
      expect(await refusal(forgedHandle)).toMatch(
        new RegExp(`^refused: its standing orders are not ${boardId}'s registered ones`),
      );
      // A recommendation naming a clerk of its own.
      const rec: RecommendationInput = {
        boardId,
        ref: 'w-3',
        title: 'Joint carers strategy',
        recommendation: 'Adopt the joint carers strategy',
        parentBodies: registered.standingOrders.partners.map((p, i) => ({
          partner: p.id,
          body: p.parentBody.name,
          clerk: i === 0 ? { name: 'Anyone', email: 'anyone@example.org' } : p.clerk,
          meetingDate: daysFromToday(10),
          deadline: daysFromToday(20),
        })),
      };
      const recHandle = await server.client.workflow.start('recommendation', {
        taskQueue,
        workflowId: recommendationWorkflowId(boardId, 'w-3'),
        args: [rec],
      });
      expect(await refusal(recHandle)).toMatch(/^refused: .* \(clerk anyone@example\.org\) is not/);
      // Nothing of the refused items reached the register or anyone's mail.
      const refused = [forgedHandle.workflowId, recHandle.workflowId, decisionWorkflowId(boardId, 'w-1')];
      expect(double.entries.filter((e) => refused.includes(e.processId))).toEqual([]);
      expect(double.notifications.filter((n) => refused.includes(n.key.workflowId))).toEqual([]);

      // The registered standing orders, with a newer feed's holidays added, pass: the item runs.
      const proper = await start(
        decisionInput('w-4', {
          ...registered.standingOrders,
          holidays: {
            ...registered.standingOrders.holidays,
            adjustments: { add: [{ date: daysFromToday(300), name: 'Proclaimed' }], remove: [] },
          },
        }),
      );
      // It runs to its own end: £9bn is above the board's spending limit, so it is referred to Cabinet
      // as soon as it is classified (terminating it raced that end and sometimes lost).
      expect(await proper.result()).toMatchObject({ status: 'referred' });
      expect(double.entries.filter((e) => e.processId === proper.workflowId).map((e) => e.kind)).toEqual([
        'classified',
        'referred',
      ]);
      await board.terminate('test over');
    });
  });
});
