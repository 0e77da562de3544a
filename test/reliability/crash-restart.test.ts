/**
 * Crashes: the worker process (real register on PostgreSQL, real SMTP) is killed with SIGKILL in the middle
 * of each kind of activity, at seven different points, and started again each time; the decision still
 * ends implemented, every register entry is written once and every email is accepted by the SMTP server
 * once, the same as in a run where nothing crashed. The one documented exception (activities/index.ts): a
 * crash after the SMTP server accepted a message and before the register marked it sent resends that same
 * message, with the same Message-ID.
 */
import { Client, Connection } from '@temporalio/client';
import { simpleParser, type ParsedMail } from 'mailparser';
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
import { countRows } from '../support/registers';
import { requirePostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { uniqueTaskQueue } from '../support/temporal';
import { SmtpSink } from './support/smtp-sink';
import {
  CALL_IN,
  NO_FURTHER_ACTION,
  auditSteps,
  awayFromLondonMidnight,
  MIDNIGHT_WAIT_MS,
  expedite,
  itemToday,
  notificationRows,
  poll,
  southampton,
  spawnWorker,
  startItem,
  type WorkerProcess,
} from './support/harness';

const voters = southampton.members.filter((m) => m.voting);

interface Run {
  register: Register;
  sink: SmtpSink;
  env: NodeJS.ProcessEnv;
  taskQueue: string;
}

describe.runIf(requirePostgres())('crash and restart of the worker, with real activities', () => {
  let pg: TestPostgres;
  let connection: Connection;
  let client: Client;
  const runs: Run[] = [];
  const workers: WorkerProcess[] = [];

  async function newRun(name: string): Promise<Run> {
    const url = await pg.createDatabase();
    const register = await openRegister({ databaseUrl: url }); // migrates, as the worker would
    const sink = new SmtpSink();
    await sink.start();
    const taskQueue = uniqueTaskQueue(name);
    const run = {
      register,
      sink,
      taskQueue,
      env: {
        DATABASE_URL: url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        GOVFLOW_TASK_QUEUE: taskQueue,
      },
    };
    runs.push(run);
    return run;
  }
  async function worker(run: Run, stall = ''): Promise<WorkerProcess> {
    const w = await spawnWorker({ ...run.env, GOVFLOW_TEST_STALL: stall });
    workers.push(w);
    return w;
  }

  beforeAll(async () => {
    pg = await startPostgres();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    for (const r of runs) {
      await r.sink.stop();
      await r.register.close();
    }
    await connection?.close();
    await pg?.stop();
  });

  const stageOf = (workflowId: string) =>
    client.workflow
      .getHandle(workflowId)
      .query(decisionStatusQuery)
      .then((s) => s.stage);
  const reachStage = (workflowId: string, stage: DecisionStage) =>
    poll(
      () => stageOf(workflowId),
      (s) => s === stage,
      `stage ${stage}`,
      90_000,
    );
  const vote = (workflowId: string, member: string) =>
    client.workflow.getHandle(workflowId).executeUpdate(voteUpdate, { args: [{ member, vote: 'for' }] });
  async function callInAndClear(workflowId: string) {
    const handle = client.workflow.getHandle(workflowId);
    await reachStage(workflowId, 'in-call-in-window');
    await handle.executeUpdate(callInUpdate, { args: [CALL_IN] });
    await reachStage(workflowId, 'called-in');
    await handle.executeUpdate(scrutinyOutcomeUpdate, { args: [NO_FURTHER_ACTION] });
    return handle.result();
  }

  /** The same process with nothing crashing: what "written once, sent once" must look like. */
  async function control() {
    const run = await newRun('crash-control');
    const w = await worker(run);
    const input = itemToday(`ctl-${Date.now()}`);
    const workflowId = decisionWorkflowId(southampton.board.id, input.ref);
    await startItem(client, run.taskQueue, input);
    await reachStage(workflowId, 'voting');
    for (const m of voters) await vote(workflowId, m.id);
    const result = await callInAndClear(workflowId);
    await w.kill();
    return { run, workflowId, result };
  }

  it(
    'survives SIGKILL at 7 points inside record and notify (8 worker processes), writing and sending everything once',
    { timeout: 300_000 + MIDNIGHT_WAIT_MS },
    async () => {
      await awayFromLondonMidnight();
      const controlRun = control();
      const run = await newRun('crash');
      const { register, sink } = run;
      const input = itemToday(`crash-${Date.now()}`);
      const workflowId = decisionWorkflowId(southampton.board.id, input.ref);
      const agenda = `agenda-published/${input.meetingDate}`;
      const crashes: string[] = [];
      let clock = Date.now();
      const lap = () => {
        const s = ((Date.now() - clock) / 1000).toFixed(1);
        clock = Date.now();
        return `${s} s`;
      };
      const stalled = async (w: WorkerProcess, label: string) => {
        await w.waitFor('STALLED', 90_000);
        crashes.push(`${label} [reached in ${lap()}]`);
      };

      // 1. record, inside the database transaction: a trigger makes the insert of 'classified' sleep.
      await register.db.exec(`
      create table test_stalls (step text primary key);
      create function test_stall() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from test_stalls where step = new.step) then perform pg_sleep(60); end if;
        return new;
      end $$;
      create trigger test_stall before insert on audit_log for each row execute function test_stall();
      insert into test_stalls values ('classified');`);
      // PostgreSQL notices a vanished client within a second and rolls its transaction back.
      await register.db.exec(
        `alter database ${new URL(run.env.DATABASE_URL!).pathname.slice(1)} set client_connection_check_interval = '1s'`,
      );
      let w = await worker(run);
      const started = await startItem(client, run.taskQueue, input);
      await poll(
        () =>
          register.db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep'`,
          ),
        (r) => r.rows[0]!.n > 0,
        'the record transaction to be under way',
      );
      await w.kill();
      crashes.push(
        `record: inside the transaction (insert of "classified" not committed) [reached in ${lap()}]`,
      );
      await register.db.exec(`delete from test_stalls`);
      await poll(
        () =>
          register.db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep'`,
          ),
        (r) => r.rows[0]!.n === 0,
        'the dead transaction to be rolled back',
      );
      expect(await auditSteps(register, workflowId)).toEqual([]);

      // 2. record, after the commit, before the activity reports back. No expediting at this crash point:
      // the server retries the stage's effects ('classified' first) only when their 30 s heartbeat timeout
      // has passed.
      const realTimeoutFrom = Date.now();
      w = await worker(run, `record-after-commit:${agenda}`);
      await stalled(w, 'record: committed, not reported (agenda-published)');
      const realTimeoutSeconds = Math.round((Date.now() - realTimeoutFrom) / 1000);
      expect(await auditSteps(register, workflowId)).toEqual(['classified', agenda]);
      await w.kill();
      await expedite(client, workflowId);

      // 3. notify, the third of six agenda messages claimed in the register, not yet sent.
      w = await worker(run, `mail-before-send:${agenda}:3`);
      await stalled(w, 'notify: agenda message 3 of 6 claimed, not sent');
      expect(sink.accepted.filter((m) => m.step === agenda)).toHaveLength(2);
      expect((await notificationRows(register, workflowId)).map((r) => r.status).sort()).toEqual([
        'claimed',
        'sent',
        'sent',
      ]);
      await w.kill();
      await expedite(client, workflowId);

      // 4. the votes' entries, held until the count and written with its own (meeting held, consensus,
      // publication, the call-in notice) in one activity: the third vote's committed, not reported.
      const third = voters[2]!.id;
      w = await worker(run, `record-after-commit:vote-recorded/${input.meetingDate}/${third}`);
      await reachStage(workflowId, 'voting');
      for (const m of voters) expect(await vote(workflowId, m.id)).toBe(`vote recorded: ${m.id} for`);
      await stalled(w, 'the count’s entries: the third vote’s committed, not reported');
      await w.kill();
      await expedite(client, workflowId);

      // 5. notify, in the middle of SMTP: the relay has the second call-in notice's DATA and has not answered.
      const callInOpen = 'call-in-window-open';
      const held = sink.holdNext(
        (m) => m.step === callInOpen && sink.accepted.filter((a) => a.step === callInOpen).length === 1,
      );
      w = await worker(run);
      await held;
      await w.kill();
      await sink.discardedCount(1);
      crashes.push(
        `notify: call-in notice 2 sent over SMTP, DATA not yet answered (the relay discards it) [reached in ${lap()}]`,
      );
      await expedite(client, workflowId);

      // 6. notify, the second scrutiny notice accepted by the SMTP server (250), not yet marked sent.
      const lodged = 'call-in-lodged';
      w = await worker(run, `mail-after-accept:${lodged}:2`);
      await reachStage(workflowId, 'in-call-in-window');
      const handle = client.workflow.getHandle(workflowId);
      await handle.executeUpdate(callInUpdate, { args: [CALL_IN] });
      await stalled(w, 'notify: scrutiny notice 2 accepted by SMTP (250), not marked sent');
      await w.kill();
      await expedite(client, workflowId);

      // 7. notify, every message sent and marked, the activity not reported back.
      w = await worker(run, 'notify-after-effects:implemented');
      await reachStage(workflowId, 'called-in');
      await handle.executeUpdate(scrutinyOutcomeUpdate, { args: [NO_FURTHER_ACTION] });
      await stalled(w, 'notify: every "implemented" message sent and marked, not reported');
      await w.kill();
      await expedite(client, workflowId);

      w = await worker(run);
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'implemented' });
      await w.kill();
      expect(started.workflowId).toBe(workflowId);

      // Every record written once: the same rows, table by table, as the run where nothing crashed.
      const ctl = await controlRun;
      expect(ctl.result).toMatchObject({ status: 'implemented' });
      expect((await auditSteps(register, workflowId)).sort()).toEqual(
        (await auditSteps(ctl.run.register, ctl.workflowId)).sort(),
      );
      expect(await countRows(register)).toEqual(await countRows(ctl.run.register));

      // Every email sent once: one accepted message per (step, recipient) and per Message-ID, the same set as
      // the control run, except the documented resend of scrutiny notice 2 at crash point 6 (same Message-ID).
      const byRecipient = (s: SmtpSink) => s.accepted.map((m) => `${m.step} -> ${m.to.join(',')}`).sort();
      const rows = await notificationRows(register, workflowId);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(rows).toHaveLength((await notificationRows(ctl.run.register, ctl.workflowId)).length);
      expect(byRecipient(sink)).toEqual(
        [
          ...byRecipient(ctl.run.sink),
          `${lodged} -> ${sink.accepted.filter((m) => m.step === lodged)[1]!.to.join(',')}`,
        ].sort(),
      );
      const counts = sink.counts();
      const resent = [...counts].filter(([, n]) => n > 1);
      const second = sink.accepted.filter((m) => m.step === lodged)[1]!;
      expect(resent).toEqual([
        [rows.find((r) => r.recipient_email === second.to[0] && r.step === lodged)!.message_id, 2],
      ]);
      // The resend is the same message: same Message-ID, subject, recipient, text, HTML and calendar invite.
      const [copy1, copy2] = await Promise.all(
        sink.accepted.filter((m) => m.messageId === resent[0]![0]).map((m) => simpleParser(m.raw)),
      );
      // Only the invite's DTSTAMP (when the iCalendar object was made) differs; calendars match events by UID and SEQUENCE.
      const ics = (m: ParsedMail) =>
        m.attachments.map((a) => a.content.toString('utf8').replace(/^DTSTAMP:.*$/gm, 'DTSTAMP:(when made)'));
      const content = (m: ParsedMail) => ({
        id: m.messageId,
        subject: m.subject,
        to: m.to,
        text: m.text,
        html: m.html,
        ics: ics(m),
      });
      expect(content(copy2!)).toEqual(content(copy1!));
      expect(new Set(rows.map((r) => r.message_id)).size).toBe(counts.size);
      expect(sink.discarded).toHaveLength(1);
      // The claimed-then-crashed messages were sent on a later attempt, not lost.
      expect(
        rows
          .filter((r) => r.attempts > 1)
          .map((r) => `${r.step} -> ${r.recipient_email}`)
          .sort(),
      ).toEqual(
        [
          `${agenda} -> ${voters[2]!.email}`,
          `${callInOpen} -> ${sink.discarded[0]!.to[0]}`,
          `${lodged} -> ${second.to[0]}`,
        ].sort(),
      );
      const duplicatesOutsideWindow = [...counts].filter(([id, n]) => n > 1 && id !== resent[0]![0]).length;
      console.log(
        [
          `[crash] ${crashes.length} crash points, ${workers.length - 1} worker processes for the crashed run (${crashes.length} killed with SIGKILL), 1 for the control run`,
          ...crashes.map((c, i) => `  ${i + 1}. ${c}`),
          `[crash] crash point 2 waited out the real record timeout: retried by the server after ${realTimeoutSeconds} s`,
          `[crash] register: ${(await auditSteps(register, workflowId)).length} entries, equal to the uncrashed run; duplicates: 0`,
          `[crash] mail: ${counts.size} distinct messages accepted; duplicates outside the documented window: ${duplicatesOutsideWindow}; in the window (crash after SMTP 250, before marking sent): 1 resend of the same message (same Message-ID, same content); 1 message discarded by the relay when the sender died mid-DATA`,
        ].join('\n'),
      );
    },
  );
});
