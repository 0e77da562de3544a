/** The embedded mail store `npm start` uses when no SMTP server is configured. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMailServer } from '../../activities/mail/embedded-server';
import { createSmtpMailer } from '../../activities/mail/mailer';
import { buildCalendar } from '../../activities/mail/ics';

const dir = mkdtempSync(path.join(tmpdir(), 'govflow-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('embedded mail store', () => {
  it('stores what nodemailer sends as .eml files, once per Message-ID, and closes', async () => {
    const server = await startEmbeddedMailServer({ dir, port: 0 });
    expect(server.port).toBeGreaterThan(0);
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      ignoreTls: true,
      from: { name: 'govflow', address: 'govflow@example.org' },
    });
    const mail = {
      messageId: '<govflow.test-1@example.org>',
      to: { name: 'Officer', address: 'officer@example.org' },
      subject: 'Agenda published: JCB 1 April',
      text: 'The agenda is published.',
      html: '<p>The agenda is published.</p>',
      calendar: {
        method: 'REQUEST' as const,
        content: buildCalendar({
          method: 'REQUEST',
          events: [{ uid: 'm1@govflow', sequence: 0, summary: 'JCB', start: '2025-04-01T13:00:00Z' }],
        }),
      },
    };
    expect(await mailer.send(mail)).toEqual({ accepted: ['officer@example.org'], rejected: [] });
    expect(await mailer.send(mail)).toEqual({ accepted: ['officer@example.org'], rejected: [] });
    await mailer.send({ ...mail, messageId: '<govflow.test-2@example.org>', subject: 'Another' });
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
    const first = parsed.find((p) => p.messageId === '<govflow.test-1@example.org>');
    expect(first?.subject).toBe('Agenda published: JCB 1 April');
    expect(first?.attachments.find((a) => a.contentType === 'text/calendar')?.content.toString()).toContain(
      'UID:m1@govflow',
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    await mailer.close();
    await server.close();
    expect(await portOpen(server.port)).toBe(false);
  });

  it('reports a port already in use', async () => {
    const first = await startEmbeddedMailServer({ dir, port: 0 });
    await expect(startEmbeddedMailServer({ dir, port: first.port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
