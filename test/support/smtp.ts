/**
 * A real SMTP server in the test process (smtp-server) that keeps what it receives: the SMTP envelope and
 * the raw message, parsed with mailparser as a mail client would.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface CaptureServer {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export interface CaptureOptions {
  /** Recipients refused with 550 at RCPT TO, as a real server refuses an unknown mailbox. */
  refuse?: RegExp;
}

export async function startCaptureServer(options: CaptureOptions = {}): Promise<CaptureServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.test(address.address)) {
        callback(Object.assign(new Error(`No such mailbox <${address.address}>`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text/calendar part of a message, unfolded into its content lines. */
export function calendarLines(mail: ParsedMail): string[] {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return [];
  return part.content
    .toString('utf8')
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
}

/** The value of the first content line with this name (ignoring parameters), e.g. `prop(lines, 'UID')`. */
export function prop(lines: string[], name: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1);
}
