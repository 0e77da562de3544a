/**
 * The two register backends every record test runs on: embedded PGlite and a real PostgreSQL server.
 * Each `open()` is a brand-new, migrated, empty database, so tests in one file do not see each other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openRegister, type Register } from '../../activities/records/register';
import { requirePostgres, startPostgres, type TestPostgres } from './postgres';

export interface RegisterBackend {
  name: 'PGlite' | 'PostgreSQL';
  /** False only off CI on a machine without PostgreSQL; under CI=true a missing server throws instead. */
  available: boolean;
  open(): Promise<Register>;
  stop(): Promise<void>;
}

function pgliteBackend(): RegisterBackend {
  const dirs: string[] = [];
  return {
    name: 'PGlite',
    available: true,
    async open() {
      // On disk, as `npm start` uses it, not in memory.
      const dir = mkdtempSync(path.join(tmpdir(), 'govflow-pglite-'));
      dirs.push(dir);
      return openRegister({ dataDir: dir });
    },
    async stop() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): RegisterBackend {
  let server: Promise<TestPostgres> | undefined;
  return {
    name: 'PostgreSQL',
    available: requirePostgres(),
    async open() {
      server ??= startPostgres();
      const url = await (await server).createDatabase();
      return openRegister({ databaseUrl: url });
    },
    async stop() {
      if (server) await (await server).stop();
    },
  };
}

export function registerBackends(): RegisterBackend[] {
  return [pgliteBackend(), postgresBackend()];
}

/** Row counts of every register table, to show a second run changed nothing. */
export async function countRows(register: Register): Promise<Record<string, number>> {
  const tables = [
    'boards',
    'members',
    'tor_versions',
    'meetings',
    'forward_plan_entries',
    'decisions',
    'call_ins',
    'scrutiny_outcomes',
    'reviews',
    'budget_schemes',
    'commitments',
    'notifications',
    'audit_log',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await register.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = rows[0]?.n ?? -1;
  }
  return counts;
}

/** Every row of every register table, to show a second run changed nothing at all (not only counts). */
export async function snapshot(register: Register): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of Object.keys(await countRows(register))) {
    const { rows } = await register.db.query<{ rows: unknown }>(
      `select coalesce(json_agg(t order by t::text), '[]'::json)::text as rows from ${table} t`,
    );
    out[table] = rows[0]?.rows;
  }
  return out;
}
