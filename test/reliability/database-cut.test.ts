/**
 * PostgreSQL goes away in the middle of a register transaction: the write fails (its activity retries) and
 * the worker process lives on. An unheard 'error' event on the transaction's connection used to end the
 * whole process (read ECONNRESET), taking every running activity with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../activities/records/db';
import { requirePostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { OutageProxy } from './support/tcp-proxy';

describe.runIf(requirePostgres())('a database cut during a register transaction', () => {
  let pg: TestPostgres;
  let proxy: OutageProxy;
  let db: Db;
  const uncaught: unknown[] = [];
  const heard = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    pg = await startPostgres();
    const url = new URL(await pg.createDatabase());
    proxy = new OutageProxy({ host: url.hostname, port: Number(url.port) });
    await proxy.up();
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    db = await openPostgres(viaProxy.toString());
    process.on('uncaughtException', heard);
  }, 120_000);

  afterAll(async () => {
    process.off('uncaughtException', heard);
    await db?.close().catch(() => undefined);
    await proxy?.down();
    await pg?.stop();
  });

  it('fails the write, keeps the process, and writes again once the database is back', async () => {
    const inFlight = db.transaction(async (tx) => {
      await tx.query('create table if not exists cut (n int)');
      // Holds the transaction's connection while the database goes away.
      await tx.query('select pg_sleep(5)');
    });
    const outcome = inFlight.then(
      () => 'committed',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await proxy.down();
    expect(await outcome).not.toBe('committed');
    // Give a stray 'error' event the time to surface.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(uncaught).toEqual([]);

    await proxy.up();
    const rows = await db.transaction(
      async (tx) => (await tx.query<{ one: number }>('select 1 as one')).rows,
    );
    expect(rows).toEqual([{ one: 1 }]);
  }, 60_000);
});
