/**
 * The one seam between the register and its two database engines: PGlite (embedded, the default for
 * `npm start`) and a PostgreSQL server through `pg` (when DATABASE_URL is set). Everything above this
 * file speaks plain SQL with `$n` parameters, which both engines accept unchanged.
 *
 * Type parsing differs between the drivers (pg returns bigint and numeric as strings, PGlite returns
 * bigint as a number; both turn dates into JS Dates at local midnight). The register's queries therefore
 * cast what they read (`::text`, `::float8`, `to_char`) so both engines hand back the same values.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
}

/** What a statement runs on: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Embedded PostgreSQL (WASM) persisted in `dir`; pass `undefined` for an in-memory database. */
export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  return {
    driver: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return db.transaction((tx) =>
        work({
          async query<R>(sql: string, params: unknown[] = []) {
            return { rows: (await tx.query<R>(sql, params)).rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    close: () => db.close(),
  };
}

/** A PostgreSQL server, e.g. `postgres://govflow@localhost:5432/govflow`. */
export async function openPostgres(connectionString: string): Promise<Db> {
  // A small pool: activities run a handful at a time per worker, and each transaction is short.
  const pool = new pg.Pool({ connectionString, max: 5, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the worker process.
  pool.on('error', () => undefined);
  await pool.query('select 1'); // fail fast on a wrong URL, at startup rather than in the first activity
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  return {
    driver: 'postgres',
    ...on(pool),
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      // A connection lost mid-transaction is also an 'error' event on the checked-out client, which the
      // pool does not listen to: unheard, it would end the worker. The statement fails instead (the
      // activity retries) and the broken client is discarded, not returned to the pool.
      let lost: Error | undefined;
      const onLost = (error: Error) => (lost = error);
      client.on('error', onLost);
      try {
        await client.query('begin');
        const result = await work(on(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onLost);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}
