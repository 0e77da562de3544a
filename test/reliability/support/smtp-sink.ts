/**
 * A real SMTP server (smtp-server) for the crash and outage tests that counts what it ACCEPTS: a message
 * counts only once the server has answered 250 to its DATA, as a mail relay takes responsibility for a
 * message only then. It can
 *   - hold its answer to one message's DATA (the worker is then "in the middle of sending"), and discard
 *     the message if the connection drops before the answer, as a relay does;
 *   - stop and start again on the same port (an outage), keeping what it had accepted.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface AcceptedMail {
  messageId: string;
  step: string;
  workflowId: string;
  to: string[];
  raw: string;
}

interface Hold {
  matches: (mail: AcceptedMail) => boolean;
  held: (mail: AcceptedMail) => void;
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im')
    .exec(raw)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .trim() ?? '';

export class SmtpSink {
  readonly accepted: AcceptedMail[] = [];
  /** Messages whose connection dropped while the server held its answer: never accepted. */
  readonly discarded: AcceptedMail[] = [];
  port = 0;
  private server?: SMTPServer;
  private hold?: Hold;
  private readonly closedSessions = new Set<string>();

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail: AcceptedMail = {
            messageId: header(raw, 'Message-ID'),
            step: header(raw, 'X-Govflow-Step'),
            workflowId: header(raw, 'X-Govflow-Workflow-Id'),
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          };
          const hold = this.hold;
          if (hold?.matches(mail)) {
            this.hold = undefined;
            hold.held(mail);
            // Never answered: the test kills the sender now. A dropped connection loses the message.
            const check = setInterval(() => {
              if (this.closedSessions.has(session.id)) {
                clearInterval(check);
                this.discarded.push(mail);
              }
            }, 50);
            return;
          }
          this.accepted.push(mail);
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** Holds the answer to the next message that matches; resolves when it has arrived (all of DATA). */
  holdNext(matches: (mail: AcceptedMail) => boolean): Promise<AcceptedMail> {
    return new Promise((held) => {
      this.hold = { matches, held };
    });
  }

  /** Resolves once the held message's connection has dropped and it was discarded. */
  async discardedCount(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.discarded.length < n) {
      if (Date.now() > deadline) throw new Error(`no discarded message after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepted messages per Message-ID. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.accepted) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }
}
