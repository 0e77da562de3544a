/**
 * Sending mail: one nodemailer SMTP transport, whether the server is the organisation's relay or the
 * embedded one `npm start` runs, so the path tested is the path used.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EffectKey } from '../contract';
import type { Mailbox, SmtpConfig } from './config';

export interface OutgoingMail {
  /** `<…@…>`; the same for every attempt at the same (key, recipient). */
  messageId: string;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** An RFC 5545 object, attached as a `text/calendar; method=…` alternative. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  headers?: Record<string, string>;
}

export interface SendResult {
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  readonly from: Mailbox;
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

/**
 * A Message-ID derived from the effect key and the recipient only, never from the time or a random
 * number: a resend after a crash carries the same ID, which mail stores and clients use to recognise
 * the copy of a message they already have.
 */
export function messageIdFor(key: EffectKey, recipientEmail: string, from: Mailbox): string {
  const digest = createHash('sha256')
    .update(`${key.workflowId}\u0000${key.step}\u0000${recipientEmail.toLowerCase()}`)
    .digest('hex')
    .slice(0, 40);
  const domain = from.address.split('@')[1] ?? 'govflow.localhost';
  return `<govflow.${digest}@${domain}>`;
}

/** Timeouts kept well inside the notify activity's start-to-close timeout, so a hung server fails the
 * attempt (and Temporal retries it) instead of the attempt being abandoned mid-send. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function createSmtpMailer(config: SmtpConfig & { ignoreTls?: boolean }): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth ? { auth: config.auth } : {}),
    ...(config.ignoreTls ? { ignoreTLS: true } : {}),
    ...TIMEOUTS,
  });
  return {
    from: config.from,
    async send(mail) {
      const info = await transport.sendMail({
        from: { name: config.from.name, address: config.from.address },
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.calendar
          ? {
              icalEvent: {
                method: mail.calendar.method,
                filename: 'invite.ics',
                content: mail.calendar.content,
              },
            }
          : {}),
      });
      const address = (a: unknown) =>
        typeof a === 'string' ? a : ((a as { address?: string }).address ?? '');
      return { accepted: info.accepted.map(address), rejected: info.rejected.map(address) };
    },
    async close() {
      transport.close();
    },
  };
}
