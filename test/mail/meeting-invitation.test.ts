/**
 * The one calendar invitation a member has for a meeting (issue 14): its iCalendar text as written, and as
 * it arrives over a real SMTP server through the notify activity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Notification } from '../../activities/contract';
import { buildCalendar } from '../../activities/mail/ics';
import { createSmtpMailer, type Mailer } from '../../activities/mail/mailer';
import type { Register } from '../../activities/records/register';
import { arrangementsOf } from '../../governance/meetings';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { meetingInvitation, type InvitationOf } from '../../workflows/meeting/invitation';
import { registerBackends } from '../support/registers';
import { calendarLines, prop, startCaptureServer, type CaptureServer } from '../support/smtp';

const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
const of: InvitationOf = {
  boardId: 'southampton-jcb',
  boardName: so.board.name,
  originalDate: '2027-03-11',
  date: '2027-03-11',
  arrangements: arrangementsOf(so, {
    venue: 'Civic Centre, Committee Room 1; first floor',
    attendance: 'hybrid',
    link: 'https://meet.example.org/jcb',
    publicPagesUrl: 'https://democracy.example.gov.uk/',
  }),
  sequence: 0,
  method: 'REQUEST',
};
const NOW = new Date('2027-02-01T09:00:00Z');

/** The calendar as the notify activity writes it for one member. */
const ics = (o: InvitationOf) =>
  buildCalendar({
    method: o.method,
    now: NOW,
    events: [{ ...meetingInvitation(o), attendees: [{ name: 'Cllr Ada Shaw', email: 'ada@example.org' }] }],
  })
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');

describe('a meeting’s calendar invitation', () => {
  it('has a UID per meeting, its time in London, LOCATION, and a URL to the agenda page', () => {
    const lines = ics(of);
    expect(prop(lines, 'METHOD')).toBe('REQUEST');
    expect(prop(lines, 'UID')).toBe('meeting-southampton-jcb-2027-03-11@govflow');
    expect(prop(lines, 'SEQUENCE')).toBe('0');
    // March 11 is GMT: 10:00 to 12:00 London is 10:00 to 12:00 UTC.
    expect(prop(lines, 'DTSTART')).toBe('20270311T100000Z');
    expect(prop(lines, 'DTEND')).toBe('20270311T120000Z');
    expect(prop(lines, 'LOCATION')).toBe(
      'Civic Centre\\, Committee Room 1\\; first floor (or join remotely: https://meet.example.org/jcb)',
    );
    expect(prop(lines, 'URL')).toBe('https://democracy.example.gov.uk/meetings/southampton-jcb/2027-03-11');
    expect(prop(lines, 'DESCRIPTION')).toContain(
      'agenda pack: https://democracy.example.gov.uk/meetings/southampton-jcb/2027-03-11/agenda-pack.pdf',
    );
    expect(prop(lines, 'SUMMARY')).toBe(`Meeting of ${so.board.name}`);
    expect(prop(lines, 'STATUS')).toBe('CONFIRMED');
  });

  it('keeps its UID and agenda page when moved, with SEQUENCE one higher and the new time', () => {
    const lines = ics({
      ...of,
      date: '2027-04-08',
      sequence: 1,
      arrangements: { ...of.arrangements, startTime: '14:00', endTime: '16:00' },
    });
    expect(prop(lines, 'UID')).toBe('meeting-southampton-jcb-2027-03-11@govflow');
    expect(prop(lines, 'SEQUENCE')).toBe('1');
    // April 8 is in summer time: 14:00 London is 13:00 UTC.
    expect(prop(lines, 'DTSTART')).toBe('20270408T130000Z');
    expect(prop(lines, 'URL')).toBe('https://democracy.example.gov.uk/meetings/southampton-jcb/2027-03-11');
  });

  it('is cancelled with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const lines = ics({ ...of, sequence: 2, method: 'CANCEL' });
    expect(prop(lines, 'METHOD')).toBe('CANCEL');
    expect(prop(lines, 'STATUS')).toBe('CANCELLED');
    expect(prop(lines, 'SEQUENCE')).toBe('2');
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).not.toMatch(/RSVP/);
  });

  it('locates a remote meeting by its link', () => {
    const remote = arrangementsOf(so, { attendance: 'remote', link: 'https://meet.example.org/jcb' });
    expect(prop(ics({ ...of, arrangements: remote }), 'LOCATION')).toBe(
      'Remote meeting: https://meet.example.org/jcb',
    );
  });
});

describe('a meeting invitation over SMTP', () => {
  const [pglite] = registerBackends();
  let smtp: CaptureServer;
  let mailer: Mailer;
  let register: Register;

  beforeAll(async () => {
    smtp = await startCaptureServer();
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTls: true,
      from: { name: 'Southampton JCB', address: 'jcb@southampton.example' },
    });
    register = await pglite!.open();
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await register?.close();
    await pglite!.stop();
  });

  it('reaches each member with its LOCATION and the agenda page URL', async () => {
    const members = so.members
      .slice(0, 2)
      .map((m) => ({ role: 'member' as const, name: m.name, email: m.email }));
    const notification: Notification = {
      key: { workflowId: 'meeting/southampton-jcb/2027-03-11', step: 'meeting-scheduled/0' },
      kind: 'meeting-scheduled',
      boardId: 'southampton-jcb',
      processTitle: 'Meeting of Southampton JCB',
      recipients: members,
      action: 'Put the meeting in your diary.',
      invite: meetingInvitation(of),
    };
    expect(await createActivities({ mailer, register }).notify(notification)).toEqual({
      sent: 2,
      duplicate: false,
    });
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual(members.map((m) => [m.email]));
    for (const mail of smtp.received) {
      const lines = calendarLines(mail.parsed);
      expect(prop(lines, 'UID')).toBe('meeting-southampton-jcb-2027-03-11@govflow');
      expect(prop(lines, 'URL')).toBe('https://democracy.example.gov.uk/meetings/southampton-jcb/2027-03-11');
      expect(prop(lines, 'LOCATION')).toMatch(/^Civic Centre\\, Committee Room 1/);
    }
  });
});
