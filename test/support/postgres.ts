/**
 * A real PostgreSQL server for the register tests: DATABASE_URL when set (each test file gets its own
 * throwaway database on it), otherwise a throwaway cluster from the machine's PostgreSQL binaries in a
 * temporary directory on a free port, removed afterwards. PostgreSQL refuses to run as root, so as root
 * the cluster runs as the `postgres` user (created by Debian's package).
 *
 * Missing PostgreSQL skips the PostgreSQL half of the suite on a developer's machine, but fails it under
 * CI=true: CI must prove the register works on a real server (.ci/services.sh installs one).
 * GOVFLOW_PG_BIN names the directory of initdb and pg_ctl when they are somewhere unusual.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './ports';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A superuser connection to the server's `postgres` database (or DATABASE_URL as given). */
  adminUrl: string;
  source: 'DATABASE_URL' | 'throwaway cluster';
  /** A new empty database on the server, dropped by stop(). */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  // An explicit directory is the only one looked at (also how to test the missing-PostgreSQL path).
  const explicit = process.env.GOVFLOW_PG_BIN;
  if (explicit) return existsSync(path.join(explicit, 'initdb')) ? explicit : undefined;
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    '/usr/local/bin',
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  return candidates.find(
    (dir) => dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
  );
}

export function postgresAvailable(): boolean {
  return Boolean(process.env.DATABASE_URL || findBinDir());
}

/** Throws under CI when there is no PostgreSQL; returns false (skip) elsewhere. */
export function requirePostgres(): boolean {
  if (postgresAvailable()) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      'PostgreSQL is required under CI=true: set DATABASE_URL or install it (bash .ci/services.sh)',
    );
  }
  return false;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function onServer(adminUrl: string, source: TestPostgres['source'], stopServer: () => void): TestPostgres {
  const created: string[] = [];
  return {
    adminUrl,
    source,
    async createDatabase() {
      const name = `govflow_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `create database ${name}`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        for (const name of created)
          await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      } finally {
        stopServer();
      }
    },
  };
}

export async function startPostgres(): Promise<TestPostgres> {
  if (process.env.DATABASE_URL) return onServer(process.env.DATABASE_URL, 'DATABASE_URL', () => undefined);
  const bin = findBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries (initdb, pg_ctl) found');
  const root = mkdtempSync(path.join(tmpdir(), 'govflow-pg-'));
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
    chownSync(root, id('-u'), id('-g'));
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
      throw new Error(`${cmd} failed (${result.status}): ${result.stderr}${result.stdout}\n${serverLog}`);
    }
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // fsync off and a socket in the temp dir: fast, and nothing shared with any other server on the machine.
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
  return onServer(`postgres://postgres@127.0.0.1:${port}/postgres`, 'throwaway cluster', () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}
