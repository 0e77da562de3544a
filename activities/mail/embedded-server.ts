/**
 * The default mail server for `npm start` when no SMTP_HOST is configured: a real SMTP server on the
 * loopback interface that keeps every message it receives as an .eml file, so a newcomer can read what
 * would have been sent (the publication server lists them under /mail). Nodemailer talks SMTP to it
 * exactly as it would to a production relay.
 *
 * Only govflow may send to it: every session must authenticate with the credentials generated once into
 * the data dir (mode 0600), which the app's own nodemailer transport uses (activities/services.ts).
 *
 * Files are named after the message's Message-ID and never overwritten: a message resent after a crash
 * (same Message-ID, see activities/index.ts) is accepted and its first copy kept, instead of appearing
 * twice (what a real mailbox's duplicate suppression does for the recipient), and no later message can
 * replace what was stored.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCredentials {
  user: string;
  pass: string;
}

export interface EmbeddedMailServer {
  port: number;
  dir: string;
  /** What a client must authenticate with: hand them to the app's transport. */
  credentials: MailCredentials;
  close(): Promise<void>;
}

export interface EmbeddedMailOptions {
  /** Where .eml files go, e.g. `<dataDir>/mail`. */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The credentials file, e.g. `<dataDir>/smtp-credentials.json`: read if it exists, else generated. */
  credentialsFile: string;
}

/** The store's credentials: generated once (owner-only file) and kept, so restarts need no new setting. */
export function mailCredentials(file: string): MailCredentials {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<MailCredentials>;
    if (typeof stored.user === 'string' && typeof stored.pass === 'string' && stored.pass.length >= 32)
      return { user: stored.user, pass: stored.pass };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const credentials = { user: 'govflow', pass: randomBytes(24).toString('base64url') };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  return credentials;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

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
  const credentials = mailCredentials(options.credentialsFile);
  const server = new SMTPServer({
    // Loopback only, no TLS: AUTH in clear text never leaves the machine.
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (same(auth.username ?? '', credentials.user) && same(auth.password ?? '', credentials.pass))
        return callback(null, { user: credentials.user });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
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
          // Written whole then linked (which, unlike rename, never replaces a file), so the mail page never
          // reads half a message and a stored message is never overwritten.
          const partial = `${file}.${process.pid}.${randomUUID()}.part`;
          writeFileSync(partial, raw);
          try {
            linkSync(partial, file);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          } finally {
            unlinkSync(partial);
          }
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
    credentials,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
