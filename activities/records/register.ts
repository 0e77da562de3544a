/**
 * The governance register: the durable record every workflow step lands in, on PGlite or PostgreSQL.
 *
 * Exactly-once writes under at-least-once activities: `record()` inserts the audit row keyed by
 * (workflowId, step) with ON CONFLICT DO NOTHING and writes the typed rows in the same transaction only
 * when that insert added a row. A retried activity therefore finds its key and adds nothing; a crash
 * before commit leaves nothing behind, so the retry writes everything.
 */
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { EffectKey, RecordResult, Recipient, RegisterEntry } from '../contract';
import { type Db, type Queryable, openPglite, openPostgres } from './db';
import { isRecordedKind, kindSchemas } from './kinds';
import { migrate } from './migrate';
import * as views from './public-views';
import { writers } from './writers';

export type NotificationStatus = 'claimed' | 'sent' | 'rejected';

export interface NotificationClaim {
  key: EffectKey;
  recipient: Recipient;
  boardId: string;
  kind: string;
  subject: string;
  messageId: string;
}

export interface Register {
  /** The database underneath, for the publication server's counts and for tests. */
  readonly db: Db;
  record(entry: RegisterEntry): Promise<RecordResult>;
  /**
   * Claims the (key, recipient) notification before it is sent. Returns 'claimed' with the attempt number
   * (1 on first claim, more after a crash between claim and send), or the final status ('sent',
   * 'rejected') of an earlier attempt, in which case nothing is to be sent.
   */
  claimNotification(claim: NotificationClaim): Promise<{ status: NotificationStatus; attempt: number }>;
  markNotificationSent(key: EffectKey, recipientEmail: string): Promise<void>;
  markNotificationRejected(key: EffectKey, recipientEmail: string, reason: string): Promise<void>;
  /** GBP committed so far against a pooled budget scheme. */
  committedTo(boardId: string, schemeId: string): Promise<number>;
  forwardPlan(): Promise<views.PublicForwardPlanEntry[]>;
  decisions(): Promise<views.PublicDecision[]>;
  meetings(): Promise<views.PublicMeeting[]>;
  meeting(meetingId: string): Promise<views.PublicMeeting | undefined>;
  /** The boards the public record names, with their members' public details. */
  boards(): Promise<views.PublicBoard[]>;
  close(): Promise<void>;
}

const keySchema = z.object({ workflowId: z.string().min(1), step: z.string().min(1) });
const entrySchema = z.object({
  key: keySchema,
  boardId: z.string().min(1),
  processId: z.string().min(1),
  kind: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

/** Bad input is a bug in the caller: retrying the activity cannot fix it, so it is not retried. */
function invalidEntry(entry: RegisterEntry, error: z.ZodError): ApplicationFailure {
  const where = (p: PropertyKey[]) => (p.length ? p.map(String).join('.') : '(root)');
  const detail = error.issues.map((i) => `${where(i.path)}: ${i.message}`).join('; ');
  return ApplicationFailure.create({
    type: 'InvalidRegisterEntry',
    nonRetryable: true,
    message: `register entry '${entry.kind}' (${entry.key?.workflowId}/${entry.key?.step}) is invalid: ${detail}`,
  });
}

async function writeKind(tx: Queryable, entry: RegisterEntry, data: unknown): Promise<void> {
  // The kind was checked by isRecordedKind and `data` parsed by that kind's schema.
  const write = writers[entry.kind as keyof typeof writers] as (
    t: Queryable,
    e: RegisterEntry,
    d: unknown,
  ) => Promise<void>;
  await write(tx, entry, data);
}

export function createRegister(db: Db): Register {
  return {
    db,

    async record(entry) {
      const envelope = entrySchema.safeParse(entry);
      if (!envelope.success) throw invalidEntry(entry, envelope.error);
      let data: unknown = entry.data;
      if (isRecordedKind(entry.kind)) {
        const parsed = kindSchemas[entry.kind].safeParse(entry.data);
        if (!parsed.success) throw invalidEntry(entry, parsed.error);
        data = parsed.data;
      }
      const { workflowId, step } = entry.key;
      return db.transaction(async (tx) => {
        const added = await tx.query(
          `insert into audit_log (workflow_id, step, board_id, process_id, kind, at, data)
           values ($1, $2, $3, $4, $5, $6, $7::jsonb)
           on conflict (workflow_id, step) do nothing returning seq`,
          [
            workflowId,
            step,
            entry.boardId,
            entry.processId,
            entry.kind,
            entry.at,
            JSON.stringify(entry.data),
          ],
        );
        if (added.rows.length === 0) {
          // A retry carries the same entry. A different entry under the same key is two steps sharing a
          // key: silently dropping the second would lose a record, so say so loudly instead.
          const same = await tx.query<{ same: boolean }>(
            `select kind = $3 and data = $4::jsonb as same from audit_log where workflow_id = $1 and step = $2`,
            [workflowId, step, entry.kind, JSON.stringify(entry.data)],
          );
          if (same.rows[0]?.same === false) {
            throw ApplicationFailure.create({
              type: 'RegisterKeyReused',
              nonRetryable: true,
              message: `key ${workflowId}/${step} was already recorded with a different entry`,
            });
          }
          return { duplicate: true };
        }
        if (isRecordedKind(entry.kind)) await writeKind(tx, entry, data);
        return { duplicate: false };
      });
    },

    async claimNotification(claim) {
      const { key, recipient } = claim;
      // A row already 'sent' or 'rejected' is left untouched (the update's WHERE fails, so nothing is
      // returned); a row left 'claimed' by a crashed attempt is counted and handed back to be sent again.
      const { rows } = await db.query<{ status: NotificationStatus; attempts: number }>(
        `insert into notifications (workflow_id, step, recipient_email, recipient_name, recipient_role, board_id,
           kind, subject, message_id, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'claimed')
         on conflict (workflow_id, step, recipient_email) do update set attempts = notifications.attempts + 1
         where notifications.status = 'claimed'
         returning status, attempts`,
        [
          key.workflowId,
          key.step,
          recipient.email.toLowerCase(),
          recipient.name,
          recipient.role,
          claim.boardId,
          claim.kind,
          claim.subject,
          claim.messageId,
        ],
      );
      const row = rows[0];
      if (row) return { status: row.status, attempt: row.attempts };
      const final = await db.query<{ status: NotificationStatus }>(
        `select status from notifications where workflow_id = $1 and step = $2 and recipient_email = $3`,
        [key.workflowId, key.step, recipient.email.toLowerCase()],
      );
      return { status: final.rows[0]?.status ?? 'sent', attempt: 0 };
    },

    async markNotificationSent(key, recipientEmail) {
      await db.query(
        `update notifications set status = 'sent', sent_at = now()
         where workflow_id = $1 and step = $2 and recipient_email = $3 and status = 'claimed'`,
        [key.workflowId, key.step, recipientEmail.toLowerCase()],
      );
    },

    async markNotificationRejected(key, recipientEmail, reason) {
      await db.query(
        `update notifications set status = 'rejected', error = $4
         where workflow_id = $1 and step = $2 and recipient_email = $3 and status = 'claimed'`,
        [key.workflowId, key.step, recipientEmail.toLowerCase(), reason],
      );
    },

    async committedTo(boardId, schemeId) {
      const { rows } = await db.query<{ pence: string | number | null }>(
        'select coalesce(sum(amount_pence), 0) as pence from commitments where board_id = $1 and scheme_id = $2',
        [boardId, schemeId],
      );
      return Number(rows[0]?.pence ?? 0) / 100;
    },
    forwardPlan: () => views.forwardPlan(db),
    decisions: () => views.decisions(db),
    meetings: () => views.meetings(db),
    meeting: (meetingId) => views.meeting(db, meetingId),
    boards: () => views.boards(db),
    close: () => db.close(),
  };
}

export interface RegisterOptions {
  /** A PostgreSQL server; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl?: string;
  /** Where the embedded database lives: `<dataDir>/pglite`. Ignored with databaseUrl. */
  dataDir?: string;
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean;
}

/** Opens the register and brings its schema up to date. */
export async function openRegister(options: RegisterOptions): Promise<Register> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.inMemory ? undefined : path.join(options.dataDir ?? '.data', 'pglite'));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return createRegister(db);
}
