/**
 * The Temporal dev server (SQLite file, as `npm start` runs it) stops and starts again while a decision is
 * waiting out its call-in window: the worker process, with the embedded PGlite register and real SMTP,
 * keeps running through the outage; afterwards the process is where it was, its timer is still pending
 * with the same fire time, and it runs on to implementation with every record and email once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../activities/records/register';
import {
  callInUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  scrutinyOutcomeUpdate,
  voteUpdate,
  type DecisionStage,
} from '../../definitions';
import { startDevServer, type RunningDevServer } from '../../runtime/dev-server';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { resolveTemporalBinaries } from '../../runtime/temporal-binaries';
import { freePort } from '../support/ports';
import { uniqueTaskQueue } from '../support/temporal';
import { SmtpSink } from './support/smtp-sink';
import {
  CALL_IN,
  NO_FURTHER_ACTION,
  auditSteps,
  awayFromLondonMidnight,
  MIDNIGHT_WAIT_MS,
  itemToday,
  notificationRows,
  poll,
  southampton,
  spawnWorker,
  startItem,
  type WorkerProcess,
} from './support/harness';

/** Timers started and neither fired nor cancelled, with the instant each is due (ms). */
async function pendingTimers(handle: WorkflowHandle) {
  const events = (await handle.fetchHistory()).events ?? [];
  const ended = new Set(
    events.flatMap((e) =>
      [e.timerFiredEventAttributes?.timerId, e.timerCanceledEventAttributes?.timerId].filter(Boolean),
    ),
  );
  const ms = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
    Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);
  return events.flatMap((e) => {
    const t = e.timerStartedEventAttributes;
    return t && !ended.has(t.timerId)
      ? [{ id: t.timerId, firesAt: ms(e.eventTime) + ms(t.startToFireTimeout) }]
      : [];
  });
}

describe('restart of the Temporal dev server during a waiting period', () => {
  let dir: string;
  let server: RunningDevServer | undefined;
  let worker: WorkerProcess | undefined;
  let connection: Connection | undefined;
  const sink = new SmtpSink();
  afterAll(async () => {
    await worker?.kill();
    await connection?.close();
    await server?.stop();
    await sink.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'keeps the process and its timer across a stop and start of the server; the worker reconnects by itself',
    { timeout: 180_000 + MIDNIGHT_WAIT_MS },
    async () => {
      await awayFromLondonMidnight();
      dir = await mkdtemp(path.join(tmpdir(), 'govflow-restart-'));
      const { cli } = await resolveTemporalBinaries({ log: () => undefined });
      const port = await freePort();
      const dbFile = path.join(dir, 'temporal.db');
      const start = () => startDevServer({ binary: cli, port, dbFile });
      server = await start();
      connection = await Connection.connect({ address: server.address });
      await ensureSearchAttributes(connection, 'default');
      const client = new Client({ connection });
      await sink.start();
      const taskQueue = uniqueTaskQueue('restart');
      // The embedded PGlite register (GOVFLOW_DATA_DIR), as `npm start` uses it.
      worker = await spawnWorker({
        TEMPORAL_ADDRESS: server.address,
        GOVFLOW_DATA_DIR: dir,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        GOVFLOW_TASK_QUEUE: taskQueue,
      });

      const input = itemToday(`restart-${Date.now()}`);
      const workflowId = decisionWorkflowId(southampton.board.id, input.ref);
      const handle = client.workflow.getHandle(workflowId);
      const reachStage = (stage: DecisionStage) =>
        poll(
          () => handle.query(decisionStatusQuery).then((s) => s.stage),
          (s) => s === stage,
          `stage ${stage}`,
          90_000,
        );
      const t0 = Date.now();
      await startItem(client, taskQueue, input);
      await reachStage('voting');
      for (const m of southampton.members.filter((x) => x.voting))
        await handle.executeUpdate(voteUpdate, { args: [{ member: m.id, vote: 'for' }] });
      await reachStage('in-call-in-window');
      const before = await handle.query(decisionStatusQuery);
      // The stage is entered before the call-in notice is sent; the window's timer starts after it.
      const pendingBefore = await poll(
        () => pendingTimers(handle),
        (t) => t.length > 0,
        'the call-in window timer',
      );
      expect(pendingBefore).toHaveLength(1);
      // The call-in window's timer: due when the decision becomes implementable (a few ms of task latency aside).
      expect(Math.abs(pendingBefore[0]!.firesAt - Date.parse(before.nextDeadline!))).toBeLessThan(5000);

      // Stop the server (SIGTERM: it flushes SQLite), leave it down a moment, start it again on the same file.
      await connection.close();
      connection = undefined;
      await server.stop();
      const downFrom = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      server = await start();
      const downSeconds = ((Date.now() - downFrom) / 1000).toFixed(1);
      connection = await Connection.connect({ address: server.address });
      const after = new Client({ connection }).workflow.getHandle(workflowId);
      expect(worker.child.exitCode).toBeNull();

      expect((await after.describe()).status.name).toBe('RUNNING');
      // The same pending timer, to the second; the status query is answered by the same (reconnected) worker.
      expect(await pendingTimers(after)).toEqual(pendingBefore);
      const status = await poll(
        () => after.query(decisionStatusQuery).catch(() => undefined),
        (s) => s !== undefined,
        'the worker to answer after the restart',
      );
      expect(status).toMatchObject({
        stage: 'in-call-in-window',
        nextDeadline: before.nextDeadline,
        steps: before.steps,
      });

      await after.executeUpdate(callInUpdate, { args: [CALL_IN] });
      await poll(
        () => after.query(decisionStatusQuery).then((s) => s.stage),
        (s) => s === 'called-in',
        'called-in',
      );
      await after.executeUpdate(scrutinyOutcomeUpdate, { args: [NO_FURTHER_ACTION] });
      expect(await after.result()).toMatchObject({ status: 'implemented' });

      // Exactly once, read from the worker's own PGlite register once it has stopped.
      worker.child.kill('SIGTERM');
      await worker.exited;
      const register = await openRegister({ dataDir: dir });
      try {
        const steps = await auditSteps(register, workflowId);
        expect(steps).toHaveLength(14);
        const rows = await notificationRows(register, workflowId);
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
        expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
        expect([...sink.counts().keys()].sort()).toEqual(rows.map((r) => r.message_id).sort());
        console.log(
          `[restart] ${((Date.now() - t0) / 1000).toFixed(1)} s from start to implemented; dev server down ${downSeconds} s during the call-in window; 1 restart survived; timer ${pendingBefore[0]!.id} still due ${new Date(pendingBefore[0]!.firesAt).toISOString()}; register ${steps.length} entries, ${rows.length} messages, duplicates: 0`,
        );
      } finally {
        await register.close();
      }
    },
  );
});
