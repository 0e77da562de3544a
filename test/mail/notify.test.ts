/**
 * The notify activity against a real SMTP server and a real register (PGlite and PostgreSQL): what
 * people receive, and that running it again sends nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import type { Notification } from '../../activities/contract';
import { createSmtpMailer, messageIdFor, type Mailer } from '../../activities/mail/mailer';
import type { Register } from '../../activities/records/register';
import { registerBackends, snapshot } from '../support/registers';
import { calendarLines, prop, startCaptureServer, type CaptureServer } from '../support/smtp';

const FROM = { name: 'Southampton JCB', address: 'jcb@southampton.example' };

let serial = 0;
function voteRequired(over: Partial<Notification> = {}): Notification {
  serial += 1;
  return {
    key: { workflowId: `decision-dec-bcf-${process.pid}-${serial}`, step: 'vote-required/jcb-2025-04-01' },
    kind: 'vote-required',
    boardId: 'southampton-jcb',
    processTitle: 'Better Care Fund plan 2025/26 <script>alert(1)</script>',
    recipients: [
      {
        role: 'member',
        name: 'Cllr Alice <b>Shields</b>',
        email: 'alice@example.org',
        partner: 'Southampton City Council',
      },
      {
        role: 'member',
        name: 'Carol Ng',
        email: 'carol@example.org',
        partner: 'NHS Hampshire and Isle of Wight ICB',
      },
      { role: 'chair', name: 'Carol Ng (chair)', email: 'Carol@Example.org' },
    ],
    action: 'Attend the meeting and vote on the plan.',
    deadline: '2025-04-01',
    facts: { amountGbp: 25_600_000, keyDecision: true },
    invite: {
      uid: 'meeting-jcb-2025-04-01@govflow',
      sequence: 0,
      method: 'REQUEST',
      summary: 'Joint Commissioning Board',
      start: '2025-04-01T13:00:00Z',
      end: '2025-04-01T15:00:00Z',
      location: 'Civic Centre, Southampton; Room 1',
    },
    ...over,
  };
}

describe.each(registerBackends())('notify over SMTP, register on $name', (backend) => {
  let smtp: CaptureServer;
  let mailer: Mailer;
  let register: Register;

  beforeAll(async () => {
    smtp = await startCaptureServer({ refuse: /^nobody@/ });
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTls: true,
      from: FROM,
    });
    if (backend.available) register = await backend.open();
  });
  afterEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await register?.close();
    await backend.stop();
  });

  it.skipIf(!backend.available)(
    'sends one message per person, with what to do, by when, and an invite',
    async () => {
      const activities = createActivities({ mailer, register });
      const n = voteRequired();
      expect(await activities.notify(n)).toEqual({ sent: 2, duplicate: false });

      expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['alice@example.org'], ['carol@example.org']]);
      const [alice, carol] = smtp.received.map((m) => m.parsed);
      expect(alice?.to && !Array.isArray(alice.to) ? alice.to.value[0] : undefined).toEqual({
        name: 'Cllr Alice <b>Shields</b>',
        address: 'alice@example.org',
      });
      expect(alice?.from?.value[0]?.address).toBe(FROM.address);
      expect(alice?.subject).toBe(
        'Your vote is needed: Better Care Fund plan 2025/26 <script>alert(1)</script> (by Tuesday 1 April 2025)',
      );
      expect(alice?.messageId).toBe(messageIdFor(n.key, 'alice@example.org', FROM));
      expect(carol?.messageId).not.toBe(alice?.messageId);
      expect(alice?.headers.get('x-govflow-workflow-id')).toBe(n.key.workflowId);

      const text = alice?.text ?? '';
      expect(text).toContain('Dear Cllr Alice <b>Shields</b>,');
      expect(text).toContain('What you need to do: Attend the meeting and vote on the plan.');
      expect(text).toContain('Deadline: Tuesday 1 April 2025');
      expect(text).toContain('Amount: £25,600,000.00');
      expect(text).toContain('You are receiving this as a member of the board (Southampton City Council).');
      expect(text).toContain('In your calendar: Joint Commissioning Board, Tuesday 1 April 2025 at 14:00');

      const html = alice?.html || '';
      expect(html).toContain('Dear Cllr Alice &lt;b&gt;Shields&lt;/b&gt;,');
      expect(html).toContain('Better Care Fund plan 2025/26 &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toMatch(/<script|<b>Shields/);

      const ics = calendarLines(alice!);
      expect(ics[0]).toBe('BEGIN:VCALENDAR');
      expect(prop(ics, 'METHOD')).toBe('REQUEST');
      expect(prop(ics, 'UID')).toBe('meeting-jcb-2025-04-01@govflow');
      expect(prop(ics, 'SEQUENCE')).toBe('0');
      expect(prop(ics, 'DTSTART')).toBe('20250401T130000Z');
      expect(prop(ics, 'DTEND')).toBe('20250401T150000Z');
      expect(prop(ics, 'LOCATION')).toBe('Civic Centre\\, Southampton\\; Room 1');
      expect(ics).toContain(
        'ATTENDEE;CN=Cllr Alice <b>Shields</b>;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alice@example.org',
      );
      expect(ics).toContain('ORGANIZER;CN=Southampton JCB:mailto:jcb@southampton.example');
      const calendarPart = alice!.attachments.find((a) => a.contentType === 'text/calendar');
      expect(calendarPart?.headers.get('content-type')).toMatchObject({
        value: 'text/calendar',
        params: { method: 'REQUEST' },
      });
    },
  );

  it.skipIf(!backend.available)('sends nothing and changes nothing when run a second time', async () => {
    const activities = createActivities({ mailer, register });
    const n = voteRequired();
    await activities.notify(n);
    expect(smtp.received).toHaveLength(2);
    const before = await snapshot(register);
    expect(await activities.notify(n)).toEqual({ sent: 0, duplicate: true });
    expect(smtp.received).toHaveLength(2);
    expect(await snapshot(register)).toEqual(before);
    const { rows } = await register.db.query<{ status: string; attempts: number }>(
      'select status, attempts from notifications where workflow_id = $1 order by recipient_email',
      [n.key.workflowId],
    );
    expect(rows).toEqual([
      { status: 'sent', attempts: 1 },
      { status: 'sent', attempts: 1 },
    ]);
  });

  it.skipIf(!backend.available)(
    'resends with the same Message-ID after a crash between send and mark-sent',
    async () => {
      const n = voteRequired({
        recipients: [{ role: 'os-chair', name: 'Cllr Oscar', email: 'oscar@example.org' }],
      });
      // The worker dies after the SMTP server has accepted the message but before the row is marked sent.
      const crashing: Register = {
        ...register,
        markNotificationSent: async () => {
          throw new Error('worker lost');
        },
      };
      await expect(createActivities({ mailer, register: crashing }).notify(n)).rejects.toThrow('worker lost');
      const activities = createActivities({ mailer, register });
      expect(await activities.notify(n)).toEqual({ sent: 1, duplicate: false });
      expect(await activities.notify(n)).toEqual({ sent: 0, duplicate: true });
      expect(smtp.received).toHaveLength(2);
      const [first, second] = smtp.received.map((m) => m.parsed);
      expect(second?.messageId).toBe(first?.messageId);
      expect(second?.subject).toBe(first?.subject);
      const { rows } = await register.db.query(
        'select status, attempts from notifications where workflow_id = $1',
        [n.key.workflowId],
      );
      expect(rows).toEqual([{ status: 'sent', attempts: 2 }]);
    },
  );

  it.skipIf(!backend.available)('retries after the SMTP server was unreachable, then sends', async () => {
    const n = voteRequired();
    const down = createSmtpMailer({ host: '127.0.0.1', port: 1, secure: false, from: FROM });
    const error = await createActivities({ mailer: down, register })
      .notify(n)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure); // an ordinary failure: Temporal retries it
    expect(smtp.received).toHaveLength(0);
    expect(await createActivities({ mailer, register }).notify(n)).toEqual({ sent: 2, duplicate: false });
  });

  it.skipIf(!backend.available)(
    'reports a refused address, still mails the rest, and does not retry it',
    async () => {
      const activities = createActivities({ mailer, register });
      const n = voteRequired({
        recipients: [
          { role: 'parent-body-clerk', name: 'Nobody', email: 'nobody@example.org' },
          { role: 'parent-body-clerk', name: 'Cabinet clerk', email: 'clerk@example.org' },
        ],
      });
      expect(await activities.notify(n)).toEqual({
        sent: 1,
        duplicate: false,
        rejected: ['nobody@example.org'],
      });
      expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['clerk@example.org']);
      expect(await activities.notify(n)).toEqual({
        sent: 0,
        duplicate: true,
        rejected: ['nobody@example.org'],
      });
      expect(smtp.received).toHaveLength(1);
    },
  );

  it.skipIf(!backend.available)(
    'moves a meeting with a higher SEQUENCE and withdraws it with METHOD:CANCEL',
    async () => {
      const activities = createActivities({ mailer, register });
      const recipients = [{ role: 'member' as const, name: 'Bob Payne', email: 'bob@example.org' }];
      const base = voteRequired({ recipients });
      const moved: Notification = {
        ...base,
        kind: 'meeting-moved',
        key: { ...base.key, step: 'meeting-moved/1' },
        invite: { ...base.invite!, sequence: 1, start: '2025-04-08T13:00:00Z', end: '2025-04-08T15:00:00Z' },
      };
      const cancelled: Notification = {
        ...base,
        kind: 'meeting-cancelled',
        key: { ...base.key, step: 'meeting-cancelled' },
        invite: { ...moved.invite!, sequence: 2, method: 'CANCEL' },
      };
      for (const n of [base, moved, cancelled]) await activities.notify(n);
      const [first, second, third] = smtp.received.map((m) => calendarLines(m.parsed));
      expect([first, second, third].map((ics) => prop(ics ?? [], 'UID'))).toEqual(
        Array(3).fill('meeting-jcb-2025-04-01@govflow'),
      );
      expect([first, second, third].map((ics) => prop(ics ?? [], 'SEQUENCE'))).toEqual(['0', '1', '2']);
      expect(prop(second ?? [], 'DTSTART')).toBe('20250408T130000Z');
      expect(prop(third ?? [], 'METHOD')).toBe('CANCEL');
      expect(prop(third ?? [], 'STATUS')).toBe('CANCELLED');
      expect(smtp.received[1]?.parsed.subject).toMatch(/^Meeting moved: /);
      expect(smtp.received[2]?.parsed.subject).toMatch(/^Meeting cancelled: /);
      const part = smtp.received[2]?.parsed.attachments.find((a) => a.contentType === 'text/calendar');
      expect(part?.headers.get('content-type')).toMatchObject({ params: { method: 'CANCEL' } });
    },
  );

  it.skipIf(!backend.available)('sends a deadline as an all-day event', async () => {
    const activities = createActivities({ mailer, register });
    const n = voteRequired({
      kind: 'call-in-window-open',
      recipients: [{ role: 'os-member', name: 'Cllr Five', email: 'five@example.org' }],
      action:
        'If you wish to call in this decision, lodge it with four other members before the window closes.',
      deadline: '2025-04-09',
      invite: {
        uid: 'call-in-dec-bcf@govflow',
        sequence: 0,
        method: 'REQUEST',
        summary: 'Call-in window closes: Better Care Fund',
        start: '2025-04-09',
      },
    });
    await activities.notify(n);
    const ics = calendarLines(smtp.received[0]!.parsed);
    expect(ics).toContain('DTSTART;VALUE=DATE:20250409');
    expect(ics).toContain('DTEND;VALUE=DATE:20250410');
    expect(smtp.received[0]?.parsed.subject).toBe(
      'Call-in window open: Better Care Fund plan 2025/26 <script>alert(1)</script> (by Wednesday 9 April 2025)',
    );
  });

  it.skipIf(!backend.available)('refuses an invalid notification without retrying', async () => {
    const activities = createActivities({ mailer, register });
    const bad = voteRequired({
      recipients: [{ role: 'member', name: 'No address', email: 'not-an-address' }],
    });
    const error = await activities.notify(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    expect((error as ApplicationFailure).message).toMatch(/recipients/);
    expect(smtp.received).toHaveLength(0);
  });
});
