/**
 * Console sessions, sign-ins under way and failed sign-ins, in the register's database (migration 0002).
 * The browser holds a random token; the database holds only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../activities/records/db';

export const newToken = (): string => randomBytes(32).toString('base64url');
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ConsoleSession {
  email: string;
  name: string;
  csrfToken: string;
}

export interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/** A session lasts `idleMinutes` after its last request, and never more than a day. */
const ABSOLUTE_HOURS = 24;
/** Time to come back from the identity provider. */
const SIGN_IN_MINUTES = 10;
/** The limit on failed sign-ins: this many for one account within the window, then refused. */
export const FAILED_SIGN_IN_LIMIT = 5;
export const FAILED_SIGN_IN_WINDOW_MINUTES = 15;

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly idleMinutes: number,
  ) {}

  /** Starts a session; returns the token for the browser's cookie. */
  async open(session: ConsoleSession): Promise<string> {
    const token = newToken();
    await this.db.query(
      'insert into console_sessions (token_hash, email, name, csrf_token) values ($1, $2, $3, $4)',
      [hash(token), session.email, session.name, session.csrfToken],
    );
    return token;
  }

  /** The live session for a token, its idle clock restarted; undefined (and forgotten) when it has ended. */
  async find(token: string): Promise<ConsoleSession | undefined> {
    const { rows } = await this.db.query<{ email: string; name: string; csrf_token: string }>(
      `update console_sessions set last_seen_at = now()
       where token_hash = $1
         and last_seen_at > now() - make_interval(mins => $2)
         and created_at > now() - make_interval(hours => $3)
       returning email, name, csrf_token`,
      [hash(token), this.idleMinutes, ABSOLUTE_HOURS],
    );
    const row = rows[0];
    if (!row) {
      await this.close(token);
      return undefined;
    }
    return { email: row.email, name: row.name, csrfToken: row.csrf_token };
  }

  async close(token: string): Promise<void> {
    await this.db.query('delete from console_sessions where token_hash = $1', [hash(token)]);
  }

  async beginSignIn(state: string, pending: PendingSignIn): Promise<void> {
    await this.db.query(`delete from console_sign_ins where created_at < now() - make_interval(mins => $1)`, [
      SIGN_IN_MINUTES,
    ]);
    await this.db.query(
      'insert into console_sign_ins (state_hash, code_verifier, nonce, return_to) values ($1, $2, $3, $4)',
      [hash(state), pending.codeVerifier, pending.nonce, pending.returnTo],
    );
  }

  /** The sign-in begun with `state`, once: a replayed answer from the provider finds nothing. */
  async finishSignIn(state: string): Promise<PendingSignIn | undefined> {
    const { rows } = await this.db.query<{ code_verifier: string; nonce: string; return_to: string }>(
      `delete from console_sign_ins where state_hash = $1 and created_at > now() - make_interval(mins => $2)
       returning code_verifier, nonce, return_to`,
      [hash(state), SIGN_IN_MINUTES],
    );
    const row = rows[0];
    return row && { codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
  }

  /** Whether an account has had its fill of failed sign-ins; the time it may try again when it has. */
  async signInLockedUntil(email: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ failures: number; oldest: number | null }>(
      `select count(*)::int as failures, (extract(epoch from min(at)) * 1000)::float8 as oldest
       from console_failed_sign_ins
       where email = $1 and at > now() - make_interval(mins => $2)`,
      [email.toLowerCase(), FAILED_SIGN_IN_WINDOW_MINUTES],
    );
    const row = rows[0];
    if (!row || row.failures < FAILED_SIGN_IN_LIMIT || row.oldest === null) return undefined;
    return new Date(row.oldest + FAILED_SIGN_IN_WINDOW_MINUTES * 60_000);
  }

  async recordFailedSignIn(email: string): Promise<void> {
    await this.db.query(`delete from console_failed_sign_ins where at < now() - make_interval(mins => $1)`, [
      FAILED_SIGN_IN_WINDOW_MINUTES,
    ]);
    await this.db.query('insert into console_failed_sign_ins (email) values ($1)', [email.toLowerCase()]);
  }
}
