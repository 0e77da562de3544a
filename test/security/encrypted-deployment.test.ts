/**
 * Issue 19, item 3: encryption a client without the key cannot bypass. The production worker
 * (worker/main.ts: runGovflow, real register and SMTP) runs with a key ring on a task queue of its own; the
 * officer's CLI runs as a separate process. A CLI without the key, or with a key the worker does not hold,
 * is refused in one line naming the setting, with exit 2, and nothing reaches the process: no board started,
 * no Update accepted (before, `board propose` stored its input in plain text and `vote`/`declare-interest`
 * were recorded and then reported as failed). A worker without the key refuses to start on that task queue,
 * and a CLI with a key is refused by a worker that does not encrypt.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encryptingDataConverter, parseKeyRing } from '../../security/codec';
import { markerName } from '../../security/encryption-marker';
import { southampton, spawnWorker } from '../reliability/support/harness';
import { SmtpSink } from '../reliability/support/smtp-sink';
import { registerBoard } from '../support/boards';
import { freePort } from '../support/ports';
import { govflow, projectRoot, startProcess } from '../support/processes';
import { uniqueTaskQueue } from '../support/temporal';
import { daysFromToday, itemMeetingToday, reach, standingOrders, uniqueBoardId } from '../cli/harness';

const KEYS = `k2026:${randomBytes(32).toString('base64')},k2025:${randomBytes(32).toString('base64')}`;
const FOREIGN = `k1999:${randomBytes(32).toString('base64')}`;
const NO_KEY = { GOVFLOW_ENCRYPTION_KEY: '', GOVFLOW_ENCRYPTION_KEY_FILE: '' };

type Worker = ReturnType<typeof startProcess>;

describe('an encrypted deployment', () => {
  const sink = new SmtpSink();
  const workers: Worker[] = [];
  let connection: Connection;
  let secure: Client;
  let dir: string;

  /** The production worker process, as `npm run worker` runs it. */
  async function startWorker(taskQueue: string, env: NodeJS.ProcessEnv): Promise<Worker> {
    const worker = startProcess(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'worker', 'main.ts')],
      {
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_NAMESPACE: 'default',
        GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        GOVFLOW_TASK_QUEUE: taskQueue,
        GOVFLOW_HTTP_PORT: String(await freePort()),
        GOVFLOW_DATA_DIR: await mkdtemp(path.join(dir, 'worker-')),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        ...NO_KEY,
        ...env,
      },
    );
    workers.push(worker);
    return worker;
  }
  const cliOn = (taskQueue: string, env: NodeJS.ProcessEnv) => (args: string[]) =>
    govflow(args, {
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: 'default',
      GOVFLOW_TASK_QUEUE: taskQueue,
      ...NO_KEY,
      ...env,
    });
  /** Updates the process accepted: "nothing happened" means none beyond those before. */
  const acceptedUpdates = async (handle: WorkflowHandle) =>
    (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
      .length;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-encrypted-'));
    await sink.start();
    connection = await Connection.connect({ address: inject('temporalAddress') });
    secure = new Client({ connection, dataConverter: encryptingDataConverter(parseKeyRing(KEYS, 'test')) });
  });
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
    }
    await sink.stop();
    await connection?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a CLI without the key, or with a key the worker does not hold, before it sends anything; hears one with the key', async () => {
    const taskQueue = uniqueTaskQueue('encrypted');
    const worker = await startWorker(taskQueue, { GOVFLOW_ENCRYPTION_KEY: KEYS });
    await worker.waitFor('govflow worker polling', 90_000);
    const keyless = cliOn(taskQueue, {});
    const foreign = cliOn(taskQueue, { GOVFLOW_ENCRYPTION_KEY: FOREIGN });
    const keyed = cliOn(taskQueue, { GOVFLOW_ENCRYPTION_KEY: KEYS });

    // A board proposed without the key: refused, and no process started (it had started, its input in plain text).
    const so = standingOrders('southampton-jcb', uniqueBoardId('encrypted'));
    const soFile = path.join(dir, `${so.board.id}.json`);
    const torFile = path.join(dir, `${so.board.id}-tor.md`);
    await writeFile(soFile, JSON.stringify(so));
    await writeFile(torFile, `Terms of Reference: ${so.board.name}`);
    const proposal = ['board', 'propose', '--standing-orders', soFile, '--terms-of-reference', torFile];
    const refusedBoard = await keyless([...proposal, '--first-meeting', daysFromToday(14)]);
    expect(refusedBoard.stdout).toBe('');
    expect(refusedBoard.stderr.trim()).toBe(
      `govflow: task queue "${taskQueue}" in namespace "default" is encrypted (key k2026, k2025): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE to its key ring; nothing was sent`,
    );
    expect(refusedBoard.code).toBe(2);
    const notStarted = await secure.workflow
      .getHandle(`board/${so.board.id}`)
      .describe()
      .catch((e: unknown) => e);
    expect(notStarted).toBeInstanceOf(WorkflowNotFoundError);

    // An item at its meeting: votes and interests from a CLI without the key, or with a foreign one, are refused and not recorded.
    await registerBoard(secure, taskQueue, so);
    const handle = await itemMeetingToday(secure, taskQueue, so, '2027-090');
    await reach(handle, 'voting', 60_000);
    const before = await acceptedUpdates(handle);
    const id = `${so.board.id}/2027-090`;
    const vote = ['vote', id, '--member', 'cllr-ada-shaw', '--vote', 'for'];
    const interest = [
      'declare-interest',
      id,
      '--member',
      'dr-eve-morgan',
      '--interest',
      'Partner in a bidder',
    ];
    const refusals = await Promise.all([keyless(vote), keyless(interest), foreign(vote), foreign(interest)]);
    for (const [i, refused] of refusals.entries()) {
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(
        i < 2
          ? /is encrypted \(key k2026, k2025\): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE/
          : /GOVFLOW_ENCRYPTION_KEY: key "k1999" encrypts, but the worker of task queue .* holds only k2026, k2025/,
      );
    }
    expect(await acceptedUpdates(handle)).toBe(before);
    expect(JSON.stringify((await handle.query<{ steps: unknown[] }>('status')).steps)).not.toMatch(
      /cllr-ada-shaw|dr-eve-morgan/,
    );

    // With the key, the same CLI is heard.
    const heard = await keyed([...vote, '--json']);
    expect(heard.stderr).toBe('');
    expect(JSON.parse(heard.stdout)).toMatchObject({ result: 'vote recorded: cllr-ada-shaw for' });
    expect(await acceptedUpdates(handle)).toBe(before + 1);
    await handle.terminate('test finished');
    await secure.workflow.getHandle(`board/${so.board.id}`).terminate('test finished');
  });

  it('a worker without the key will not start on an encrypted task queue; a CLI with a key is refused by a worker that does not encrypt', async () => {
    const encrypted = uniqueTaskQueue('encrypted-restart');
    const keyed = await startWorker(encrypted, { GOVFLOW_ENCRYPTION_KEY: KEYS });
    await keyed.waitFor('govflow worker polling', 90_000);
    const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(JSON.parse(described.namespaceInfo!.data![markerName(encrypted)]!)).toEqual({
      keys: ['k2026', 'k2025'],
    });
    keyed.child.kill('SIGTERM');
    await keyed.exited;

    const keyDropped = await startWorker(encrypted, {});
    expect(await keyDropped.exited).toBe(2);
    expect(keyDropped.output().trim()).toBe(
      `govflow worker: task queue "${encrypted}" in namespace "default" is encrypted (key k2026, k2025): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE to its key ring (docs/reliability-and-security.md says how to stop encrypting)`,
    );

    const plain = uniqueTaskQueue('plain');
    const unkeyed = await startWorker(plain, {});
    await unkeyed.waitFor('govflow worker polling', 90_000);
    const status = await cliOn(plain, { GOVFLOW_ENCRYPTION_KEY: KEYS })(['list']);
    expect(status.code).toBe(2);
    expect(status.stderr.trim()).toBe(
      `govflow: GOVFLOW_ENCRYPTION_KEY is set but the worker of task queue "${plain}" in namespace "default" does not encrypt and could not read what you send: unset it; nothing was sent`,
    );
    expect((await cliOn(plain, {})(['list'])).code).toBe(0);
  });

  it('where the worker could not record that it encrypts, a CLI without the key still sends no Update to an encrypted process', async () => {
    // The test worker (as production wires it, but without runGovflow) records no marker: the case of a
    // worker whose namespace role may not update the namespace.
    const taskQueue = uniqueTaskQueue('encrypted-unmarked');
    const worker = await spawnWorker({
      GOVFLOW_ENCRYPTION_KEY: KEYS,
      GOVFLOW_DATA_DIR: await mkdtemp(path.join(dir, 'unmarked-')),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      GOVFLOW_TASK_QUEUE: taskQueue,
    });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(described.namespaceInfo?.data?.[markerName(taskQueue)]).toBeUndefined();
      // The test worker answers for Southampton as registered today (its items' board).
      const ref = `unmarked-${Date.now()}`;
      const handle = await itemMeetingToday(secure, taskQueue, southampton, ref);
      await reach(handle, 'voting', 60_000);
      const before = await acceptedUpdates(handle);
      const id = `southampton-jcb/${ref}`;
      const keyless = cliOn(taskQueue, {});
      for (const args of [
        ['vote', id, '--member', 'cllr-ada-shaw', '--vote', 'for'],
        ['declare-interest', id, '--member', 'dr-eve-morgan', '--interest', 'Partner in a bidder'],
      ]) {
        const refused = await keyless(args);
        expect(refused.stdout).toBe('');
        expect(refused.stderr.trim()).toBe(
          `govflow: this process's data is encrypted (key "k2026"): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE to the key ring that holds that key`,
        );
        expect(refused.code).toBe(2);
      }
      expect(await acceptedUpdates(handle)).toBe(before);
      await handle.terminate('test finished');
    } finally {
      await worker.kill();
    }
  });
});
