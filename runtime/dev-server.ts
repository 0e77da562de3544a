import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../definitions/search-attributes';
import { forgetDevServer, recordDevServer, requirePortFree, takeOverDevServer } from './dev-server-owner';
import type { ResolvedBinary } from './temporal-binaries';

export interface DevServerOptions {
  binary: ResolvedBinary;
  /** gRPC port; the Web UI listens on `uiPort`. */
  port: number;
  uiPort?: number;
  ip?: string;
  namespace?: string;
  /** SQLite file for persistence across restarts; in memory when absent. The server is recorded in
   * `<dbFile>.pid`, so one left running by a killed `npm start` is found and stopped on the next start. */
  dbFile?: string;
  /** Seconds to wait for the server to answer before giving up. */
  startupTimeoutSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  namespace: string;
  /** Says how, if the server process ends by itself after it answered (never after stop()). */
  lost?: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` as a child process and waits until it answers gRPC.
 * We spawn it ourselves rather than through the SDK so startup may take longer than the SDK's window
 * (a cold 150 MB binary on a busy CI machine) and its own error (say, a port in use) reaches the user.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const address = `${ip}:${options.port}`;
  const uiUrl = options.uiPort
    ? `http://${ip === '0.0.0.0' ? 'localhost' : ip}:${options.uiPort}`
    : undefined;
  if (options.dbFile) await mkdir(path.dirname(options.dbFile), { recursive: true });

  if (options.binary.kind === 'sdk-download') return startThroughSdk(options, ip, namespace, uiUrl);

  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
  ];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  const pidFile = options.dbFile && `${options.dbFile}.pid`;
  if (pidFile) await takeOverDevServer(pidFile, options.dbFile!, options.log ?? (() => undefined));
  // Checked first: a new server on a port in use exits, but only after a client may have reached the other one.
  await requirePortFree(ip, options.port, 'GOVFLOW_TEMPORAL_PORT');
  if (options.uiPort) await requirePortFree(ip, options.uiPort, 'GOVFLOW_UI_PORT');
  const child = spawn(options.binary.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (pidFile && child.pid)
    recordDevServer(pidFile, { server: child.pid, owner: process.pid, dbFile: options.dbFile! });
  const forget = () => {
    if (pidFile) forgetDevServer(pidFile);
  };
  // Never leave a server behind when this process dies without stopping it (an uncaught error, exit()).
  // Only SIGKILL of this process escapes this: the record above covers it.
  const reap = () => {
    child.kill('SIGKILL');
    forget();
  };
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  try {
    await waitUntilServing(address, child, (options.startupTimeoutSeconds ?? 60) * 1000);
  } catch (error) {
    child.kill('SIGKILL');
    forget();
    throw new Error(
      `${(error as Error).message}\n--- temporal server output ---\n${output.join('').slice(-4000)}`,
    );
  }
  let stopping = false;
  const lost = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) resolve(signal ? `was stopped by ${signal}` : `exited with code ${code}`);
    }),
  );
  const stop = () => {
    stopping = true;
    return stopChild(child).then(forget);
  };
  return { address, uiUrl, namespace, lost, stop };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`the Temporal dev server exited with code ${exited} during startup`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      if (Date.now() > deadline)
        throw new Error(`the Temporal dev server did not answer on ${address} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGTERM lets the server flush SQLite so a restart finds every workflow where it was.
    child.kill('SIGTERM');
  });
}

/** The last resort where no binary could be found: the SDK downloads the CLI (needs the internet). */
async function startThroughSdk(
  options: DevServerOptions,
  ip: string,
  namespace: string,
  uiUrl: string | undefined,
): Promise<RunningDevServer> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip,
      port: options.port,
      namespace,
      ui: Boolean(options.uiPort),
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
    },
  });
  return { address: env.address, uiUrl, namespace, stop: () => env.teardown() };
}
