/**
 * Outages while a process runs: PostgreSQL goes away (twice, once while votes are taken) and the SMTP
 * relay goes away. The activities fail and are retried with backoff, the workflow never fails, votes are
 * answered all the same, and once the services are back every register entry and every email arrives
 * exactly once, in order.
 */
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { Effect } from '../../activities/contract';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openRegister, type Register } from '../../activities/records/register';
import {
  callInUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  scrutinyOutcomeUpdate,
  voteUpdate,
  type DecisionStage,
} from '../../definitions';
import { requirePostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { uniqueTaskQueue } from '../support/temporal';
import { SmtpSink } from './support/smtp-sink';
import { OutageProxy } from './support/tcp-proxy';
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

/** Fails if a vote is not answered while its register write cannot go through. */
function answeredWithin<T>(answer: Promise<T>, ms = 15_000): Promise<T> {
  return Promise.race([
    answer,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`the vote was not answered within ${ms} ms`)), ms),
    ),
  ]);
}

/** The kinds of the effects each `effects` activity in a history carried, batch by batch. */
function batchesOf(events: temporal.api.history.v1.IHistoryEvent[]): string[][] {
  return events.flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (a?.activityType?.name !== 'effects') return [];
    const batch = defaultPayloadConverter.fromPayload<Effect[]>(a.input!.payloads![0]!);
    return [batch.map((effect) => ('record' in effect ? effect.record.kind : `mail:${effect.notify.kind}`))];
  });
}

describe.runIf(requirePostgres())('SMTP and database outages during a process', () => {
  let pg: TestPostgres;
  let connection: Connection;
  let client: Client;
  let register: Register;
  let worker: WorkerProcess | undefined;
  let proxy: OutageProxy;
  const sink = new SmtpSink();

  beforeAll(async () => {
    pg = await startPostgres();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await worker?.kill();
    await proxy?.down();
    await sink.stop();
    await register?.close();
    await connection?.close();
    await pg?.stop();
  });

  it(
    'retries through a database outage, an SMTP outage and a database outage while votes are taken; the workflow completes with everything once',
    { timeout: 180_000 + MIDNIGHT_WAIT_MS },
    async () => {
      await awayFromLondonMidnight();
      const url = new URL(await pg.createDatabase());
      register = await openRegister({ databaseUrl: url.toString() });
      proxy = new OutageProxy({ host: url.hostname, port: Number(url.port) });
      await proxy.up();
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      await sink.start();
      const taskQueue = uniqueTaskQueue('outages');
      worker = await spawnWorker({
        DATABASE_URL: viaProxy.toString(),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        GOVFLOW_TASK_QUEUE: taskQueue,
      });

      const input = itemToday(`outage-${Date.now()}`);
      const workflowId = decisionWorkflowId(southampton.board.id, input.ref);
      const handle = client.workflow.getHandle(workflowId);
      const agenda = `agenda-published/${input.meetingDate}`;
      const pending = async () => (await handle.describe()).raw.pendingActivities ?? [];
      const retried = (type: string, attempts: number) =>
        poll(
          pending,
          (list) =>
            list.some((a) => a.activityType?.name === type && (a.attempt ?? 0) >= attempts && a.lastFailure),
          `${type} attempt ${attempts}`,
          60_000,
        );
      const reachStage = (stage: DecisionStage) =>
        poll(
          () => handle.query(decisionStatusQuery).then((s) => s.stage),
          (s) => s === stage,
          `stage ${stage}`,
          90_000,
        );
      const seen: string[] = [];

      // 1. The database is down when the process starts: its first entries ('classified', the agenda)
      // cannot be written.
      await proxy.down();
      await startItem(client, taskQueue, input);
      const dbDown = await retried('effects', 3);
      seen.push(
        `database down: the first entries failed ${dbDown[0]!.attempt! - 1} times (${dbDown[0]!.lastFailure!.message}), retrying`,
      );
      expect((await handle.describe()).status.name).toBe('RUNNING');

      // 2. The SMTP relay goes down too; the database comes back. The entries go through, the agenda mail
      // cannot: the same activity is retried, and writes nothing twice.
      await sink.stop();
      await proxy.up();
      await poll(
        () => auditSteps(register, workflowId),
        (steps) => steps.length === 2,
        'the entries written once the database is back',
        60_000,
      );
      const afterDb = (await pending())[0]?.attempt ?? 0;
      const smtpDown = await retried('effects', afterDb + 1);
      seen.push(
        `SMTP down: the agenda mail failed ${smtpDown[0]!.attempt! - 1} times in all (${smtpDown[0]!.lastFailure!.message}), retrying`,
      );
      expect(await auditSteps(register, workflowId)).toEqual(['classified', agenda]);
      expect(sink.accepted).toHaveLength(0);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await sink.start();
      // The process went on to its meeting meanwhile; the agenda mail goes out once the relay is back.
      await poll(pending, (list) => list.length === 0, 'the agenda mail sent', 60_000);

      // 3. The database goes away while votes are taken: each vote is answered at once and held; the count's
      // entries (the votes first) wait as one pending activity until it is back.
      await reachStage('voting');
      await proxy.down();
      const voters = southampton.members.filter((m) => m.voting);
      for (const m of voters)
        expect(
          await answeredWithin(handle.executeUpdate(voteUpdate, { args: [{ member: m.id, vote: 'for' }] })),
        ).toBe(`vote recorded: ${m.id} for`);
      const behind = await retried('effects', 2);
      seen.push(
        `database down during the votes: each Update answered, the count's entries failed ${behind[0]!.attempt! - 1} times and are retried`,
      );
      expect(
        (await auditSteps(register, workflowId)).filter((s) => s.startsWith('vote-recorded/')),
      ).toHaveLength(0);
      await proxy.up();

      await reachStage('in-call-in-window');
      await handle.executeUpdate(callInUpdate, { args: [CALL_IN] });
      await reachStage('called-in');
      await handle.executeUpdate(scrutinyOutcomeUpdate, { args: [NO_FURTHER_ACTION] });
      expect(await handle.result()).toMatchObject({ status: 'implemented' });

      // The workflow itself never failed: no failed workflow task, no failure event.
      const events = (await handle.fetchHistory()).events ?? [];
      expect(
        events.filter(
          (e) =>
            e.workflowTaskFailedEventAttributes ||
            e.activityTaskFailedEventAttributes ||
            e.activityTaskTimedOutEventAttributes,
        ),
      ).toEqual([]);
      const attempts = events.flatMap((e) =>
        (e.activityTaskStartedEventAttributes?.attempt ?? 0) > 1
          ? [e.activityTaskStartedEventAttributes!.attempt!]
          : [],
      );
      // Two activities were retried: the first stage's effects (the database, then SMTP) and the count's.
      expect(attempts.length).toBe(2);
      // Register order: every vote's entry goes before the meeting's, in the same activity.
      const written = batchesOf(events).flat();
      expect(written.filter((kind) => kind === 'vote-recorded')).toHaveLength(voters.length);
      expect(written.lastIndexOf('vote-recorded')).toBeLessThan(written.indexOf('meeting-held'));

      // Exactly once: 14 register entries, each message accepted once, the same Message-IDs the register holds.
      const steps = await auditSteps(register, workflowId);
      expect(steps).toHaveLength(14);
      expect(new Set(steps).size).toBe(steps.length);
      const rows = await notificationRows(register, workflowId);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
      expect([...sink.counts().keys()].sort()).toEqual(rows.map((r) => r.message_id).sort());
      expect(rows.filter((r) => r.step === agenda && r.attempts > 1)).toHaveLength(1);
      console.log(
        [
          `[outages] ${seen.length} outages while the process ran; the workflow did not fail`,
          ...seen.map((s) => `  ${s}`),
          `[outages] activity attempts after retry (from history): ${attempts.join(', ')}`,
          `[outages] register: ${steps.length} entries, duplicates: 0; mail: ${rows.length} messages accepted once each, duplicates: 0`,
        ].join('\n'),
      );
    },
  );
});
