/**
 * Applies the numbered `.sql` files in ./migrations in order, each in its own transaction together with
 * its row in `schema_migrations`, so a migration is either wholly applied and recorded or not at all.
 * Files are never edited once shipped; a change to the schema is a new, higher-numbered file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** An arbitrary constant: serialises concurrent migrators (two workers starting at once on one server). */
const MIGRATION_LOCK = 7_240_517;

export interface Migration {
  version: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: name.replace(/\.sql$/, ''),
      sql: readFileSync(path.join(dir, name), 'utf8'),
    }));
}

/** Returns the versions applied by this call (empty when the schema was already current). */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version    text primary key,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      // Checked under the lock: another process may have applied it while we waited.
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [migration.version]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
