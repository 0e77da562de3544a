/**
 * Issue 19, item 4: `kill -9` of `npm start` leaves its Temporal dev server running without an owner,
 * holding the port and the SQLite file. The next `npm start` on the same data dir stops that server and
 * starts its own (before, it reported "running" against the orphan, then both died), and keeps what the
 * first had; a second `npm start` while the first runs, or a port another program holds, is refused in one
 * line with exit 2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { govflow, ownStack, startGovflow, startProcess } from '../support/processes';

type Started = ReturnType<typeof startProcess>;

/** Live `temporal server start-dev` processes on a data dir's SQLite file, found the way an operator would (Linux /proc). */
function devServersOn(dbFile: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.includes('start-dev') && args.includes(dbFile);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The exit code, or 'still running' when the process has not exited within `ms`. */
const exitWithin = (p: Started, ms: number) =>
  Promise.race([p.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), ms))]);

describe.skipIf(process.platform !== 'linux')('npm start after kill -9', () => {
  const started: Started[] = [];
  let dataDir: string;
  afterAll(async () => {
    for (const p of started) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    if (dataDir)
      for (const pid of devServersOn(path.join(dataDir, 'temporal.db'))) process.kill(pid, 'SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const npmStart = (env: NodeJS.ProcessEnv) => {
    const p = startGovflow(env);
    started.push(p);
    return p;
  };

  it(
    'stops the dev server a killed npm start left behind, starts its own on the same history, and refuses a second npm start or a port in use',
    { timeout: 300_000 },
    async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-orphan-'));
      const dbFile = path.join(dataDir, 'temporal.db');
      const env = {
        ...(await ownStack(dataDir)),
        GOVFLOW_ENCRYPTION_KEY: '',
        GOVFLOW_ENCRYPTION_KEY_FILE: '',
      };
      const first = npmStart(env);
      await first.waitFor('govflow is running.', 120_000);
      const review = await govflow(
        [
          'review',
          'start',
          '--board',
          'orphan-board',
          '--name',
          'Orphan board',
          '--from',
          '2020-01-06',
          '--notify',
          'ds@council.example.org',
          '--json',
        ],
        env,
      );
      expect(review.stderr).toBe('');
      const { workflowId } = JSON.parse(review.stdout) as { workflowId: string };

      const [orphan] = devServersOn(dbFile);
      first.child.kill('SIGKILL');
      await first.exited;
      // The reproduction: the dev server outlives npm start.
      expect(devServersOn(dbFile)).toEqual([orphan]);

      const second = npmStart(env);
      await second.waitFor('govflow is running.', 120_000);
      expect(second.output()).toContain(
        `govflow: stopping the Temporal dev server (pid ${orphan}) that an earlier npm start (pid ${first.child.pid}) left running when it was killed`,
      );
      const servers = devServersOn(dbFile);
      expect(servers).toHaveLength(1);
      expect(servers).not.toContain(orphan);
      // While one runs, a second on the same data dir is refused, and the running one is untouched.
      const twin = npmStart({
        ...env,
        GOVFLOW_HTTP_PORT: String(await freePort()),
        GOVFLOW_CONSOLE_PORT: String(await freePort()),
        GOVFLOW_SMTP_PORT: String(await freePort()),
      });
      expect(await exitWithin(twin, 60_000)).toBe(2);
      expect(twin.output()).toMatch(
        /govflow: govflow is already running on .*temporal\.db \(npm start pid \d+, Temporal dev server pid \d+\): stop it first/,
      );
      expect(second.child.exitCode).toBeNull();

      // It keeps running, with the first one's history.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(second.child.exitCode).toBeNull();
      const status = await govflow(['status', workflowId, '--json'], env);
      expect(status.stderr).toBe('');
      expect(JSON.parse(status.stdout)).toMatchObject({ process: expect.any(String) });
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(devServersOn(dbFile)).toEqual([]);

      // A port another program holds: one line naming the setting, nothing started.
      const squatter: Server = createServer();
      await new Promise<void>((resolve) =>
        squatter.listen(Number(env.GOVFLOW_TEMPORAL_PORT), '127.0.0.1', resolve),
      );
      try {
        const third = npmStart(env);
        expect(await exitWithin(third, 60_000)).toBe(2);
        expect(third.output()).toContain(
          `govflow: GOVFLOW_TEMPORAL_PORT: port ${env.GOVFLOW_TEMPORAL_PORT} on 127.0.0.1 is already in use by another program: stop it, or set GOVFLOW_TEMPORAL_PORT to a free port`,
        );
        expect(devServersOn(dbFile)).toEqual([]);
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
    },
  );
});
