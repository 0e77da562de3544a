/** The embedded mail store `npm start` uses when no SMTP server is configured. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMailServer } from '../../activities/mail/embedded-server';
import { createSmtpMailer } from '../../activities/mail/mailer';
import { buildCalendar } from '../../activities/mail/ics';
import { openGovernanceServices } from '../../activities/services';
import { freePort } from '../support/ports';

const dir = mkdtempSync(path.join(tmpdir(), 'govflow-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const credentialsFile = path.join(dir, 'smtp-credentials.json');
const emlFiles = (where: string) => readdirSync(where).filter((f) => f.endsWith('.eml'));

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
    const server = await startEmbeddedMailServer({ dir, port: 0, credentialsFile });
    expect(server.port).toBeGreaterThan(0);
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      ignoreTls: true,
      auth: server.credentials,
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
    const first = await startEmbeddedMailServer({ dir, port: 0, credentialsFile });
    await expect(startEmbeddedMailServer({ dir, port: first.port, credentialsFile })).rejects.toThrow(
      /EADDRINUSE/,
    );
    await first.close();
  });

  it('takes mail only from govflow: the app’s transport authenticates with the credentials in the data dir; anyone else is refused', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-mail-auth-'));
    const env = { GOVFLOW_DATA_DIR: dataDir, GOVFLOW_SMTP_PORT: String(await freePort()), SMTP_HOST: '' };
    const services = await openGovernanceServices(env);
    const mailDir = services.mailDir!;
    const port = Number(env.GOVFLOW_SMTP_PORT);
    const mail = {
      messageId: '<govflow.auth-1@example.org>',
      to: { name: 'Officer', address: 'officer@example.org' },
      subject: 'Decision published',
      text: 'The decision is published.',
      html: '<p>The decision is published.</p>',
    };
    const stranger = (auth?: { user: string; pass: string }) =>
      createSmtpMailer({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTls: true,
        ...(auth ? { auth } : {}),
        from: { name: 'Mallory', address: 'mallory@example.org' },
      });
    try {
      expect(await services.mailer.send(mail)).toEqual({ accepted: ['officer@example.org'], rejected: [] });
      const credentials = JSON.parse(readFileSync(path.join(dataDir, 'smtp-credentials.json'), 'utf8')) as {
        user: string;
        pass: string;
      };
      expect(statSync(path.join(dataDir, 'smtp-credentials.json')).mode & 0o777).toBe(0o600);
      for (const [who, auth] of [
        ['no credentials', undefined],
        ['a wrong password', { user: credentials.user, pass: `${credentials.pass}x` }],
      ] as const) {
        const mailer = stranger(auth);
        try {
          await expect(mailer.send({ ...mail, subject: 'Forged' }), who).rejects.toThrow(/530|535|auth/i);
        } finally {
          await mailer.close();
        }
      }
      expect(emlFiles(mailDir)).toHaveLength(1);
      expect(readFileSync(path.join(mailDir, emlFiles(mailDir)[0]!), 'utf8')).not.toContain('Forged');
    } finally {
      await services.close();
    }
    // A restart keeps the same credentials: nothing to configure.
    const again = await openGovernanceServices(env);
    try {
      expect(await again.mailer.send({ ...mail, messageId: '<govflow.auth-2@example.org>' })).toMatchObject({
        accepted: ['officer@example.org'],
      });
      expect(emlFiles(mailDir)).toHaveLength(2);
    } finally {
      await again.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('never overwrites a stored message: a later message reusing its Message-ID is accepted and the first copy kept', async () => {
    const store = mkdtempSync(path.join(tmpdir(), 'govflow-mail-keep-'));
    const server = await startEmbeddedMailServer({ dir: store, port: 0, credentialsFile });
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      ignoreTls: true,
      auth: server.credentials,
      from: { name: 'govflow', address: 'govflow@example.org' },
    });
    const mail = {
      messageId: '<govflow.keep-1@example.org>',
      to: { name: 'Officer', address: 'officer@example.org' },
      subject: 'Decision: carried',
      text: 'The item was carried.',
      html: '<p>The item was carried.</p>',
    };
    try {
      await mailer.send(mail);
      const [stored] = emlFiles(store);
      const before = readFileSync(path.join(store, stored!));
      expect(
        await mailer.send({ ...mail, subject: 'Decision: rejected', text: 'The item was rejected.' }),
      ).toEqual({
        accepted: ['officer@example.org'],
        rejected: [],
      });
      expect(emlFiles(store)).toEqual([stored]);
      expect(readFileSync(path.join(store, stored!)).equals(before)).toBe(true);
      expect(readdirSync(store).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      await mailer.close();
      await server.close();
      rmSync(store, { recursive: true, force: true });
    }
  });
});
