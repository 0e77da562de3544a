/**
 * The default mail server for `npm start` when no SMTP_HOST is configured: a real SMTP server on the
 * loopback interface that keeps every message it receives as an .eml file, so a newcomer can read what
 * would have been sent (the publication server lists them under /mail). Nodemailer talks SMTP to it
 * exactly as it would to a production relay.
 *
 * Files are named after the message's Message-ID: a message resent after a crash (same Message-ID, see
 * activities/index.ts) overwrites its first copy instead of appearing twice — what a real mailbox's
 * duplicate suppression does for the recipient.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface EmbeddedMailServer {
  port: number;
  dir: string;
  close(): Promise<void>;
}

export interface EmbeddedMailOptions {
  /** Where .eml files go, e.g. `<dataDir>/mail`. */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function messageIdOf(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw
    .subarray(0, end < 0 ? raw.length : end)
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
}

/** A file name stable per Message-ID (the mail page orders files by their modification time). */
export function emlFileName(raw: Buffer): string {
  const id = messageIdOf(raw);
  const stem = createHash('sha256')
    .update(id ?? randomUUID())
    .digest('hex')
    .slice(0, 16);
  return `${id ? 'msg' : 'anon'}-${stem}.eml`;
}

export async function startEmbeddedMailServer(options: EmbeddedMailOptions): Promise<EmbeddedMailServer> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    // Loopback only, no credentials, no TLS: it is a local outbox, not a relay.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'govflow embedded mail store',
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        try {
          const raw = Buffer.concat(chunks);
          const file = path.join(dir, emlFileName(raw));
          // Written whole then renamed, so the mail page never reads half a message.
          const partial = `${file}.${process.pid}.part`;
          writeFileSync(partial, raw);
          renameSync(partial, file);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // An SMTP client misbehaving must not take the worker down.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
