/**
 * Which `npm start` owns the dev server on a data dir. `npm start` records its server in `<db file>.pid`.
 * A `kill -9` of `npm start` leaves that server running with no owner, holding the port and the SQLite
 * file, its output pipes broken (the next line it logs kills it), so it cannot be adopted. The next start
 * reads the record: a server whose parent is still the recorded owner belongs to a running `npm start`
 * (refused: one per data dir); a server that outlived its owner is stopped (SIGTERM so SQLite is flushed,
 * SIGKILL after 10 s) before a new one starts on the same file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { UserError } from '../definitions/errors';

interface DevServerRecord {
  /** The `temporal server start-dev` process. */
  server: number;
  /** The `npm start` process that spawned it. */
  owner: number;
  dbFile: string;
}

export function recordDevServer(pidFile: string, record: DevServerRecord): void {
  writeFileSync(pidFile, `${JSON.stringify(record)}\n`);
}

export function forgetDevServer(pidFile: string): void {
  try {
    unlinkSync(pidFile);
  } catch {
    // Already gone: nothing to forget.
  }
}

function readRecord(pidFile: string): DevServerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(pidFile, 'utf8')) as Partial<DevServerRecord>;
    if (
      Number.isInteger(record.server) &&
      Number.isInteger(record.owner) &&
      typeof record.dbFile === 'string'
    )
      return record as DevServerRecord;
  } catch {
    // Missing or unreadable: no server to look for.
  }
  return undefined;
}

/** The parent and command line of a live process, or undefined when there is none (`ps`: Linux and macOS). */
function processInfo(pid: number): { parent: number; command: string } | undefined {
  try {
    const line = execFileSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(line);
    return match ? { parent: Number(match[1]), command: match[2]! } : undefined;
  } catch {
    return undefined;
  }
}

const running = (pid: number) => processInfo(pid) !== undefined;

async function stopProcess(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; running(pid); waited += 200) {
    if (waited === 10_000) process.kill(pid, 'SIGKILL');
    if (waited > 20_000) throw new Error(`the Temporal dev server left running (pid ${pid}) did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Before a dev server starts on `dbFile`: stops one an earlier `npm start` left running on it, or refuses
 * when that `npm start` is still running.
 */
export async function takeOverDevServer(
  pidFile: string,
  dbFile: string,
  log: (line: string) => void,
): Promise<void> {
  const record = readRecord(pidFile);
  const info = record && processInfo(record.server);
  // No record, or its process is gone or is not our server (a reused pid): nothing to take over.
  if (!record || !info || !info.command.includes('start-dev') || !info.command.includes(dbFile)) {
    forgetDevServer(pidFile);
    return;
  }
  if (info.parent === record.owner) {
    throw new UserError(
      `govflow is already running on ${dbFile} (npm start pid ${record.owner}, Temporal dev server pid ${record.server}): stop it first, or give this one another GOVFLOW_DATA_DIR`,
    );
  }
  log(
    `stopping the Temporal dev server (pid ${record.server}) that an earlier npm start (pid ${record.owner}) left running when it was killed`,
  );
  await stopProcess(record.server);
  forgetDevServer(pidFile);
}

/** Refuses, naming the setting, a port another program already listens on. */
export async function requirePortFree(ip: string, port: number, setting: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, ip, () => probe.close(() => resolve(true)));
  });
  if (!free)
    throw new UserError(
      `${setting}: port ${port} on ${ip} is already in use by another program: stop it, or set ${setting} to a free port`,
    );
}
