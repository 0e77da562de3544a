/** The hand-written iCalendar output against the rules of RFC 5545 that calendars enforce. */
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, type IcsEvent } from '../../activities/mail/ics';

const NOW = new Date('2025-03-04T10:15:30.123Z');
const meeting: IcsEvent = {
  uid: 'meeting-42@govflow',
  sequence: 3,
  summary: 'Joint Commissioning Board',
  start: '2025-04-01T14:00:00+01:00',
  location: 'Civic Centre, Room 1; Southampton',
  organizer: { name: 'Southampton JCB', email: 'jcb@example.org' },
  attendees: [{ name: 'Smith, Alice: Cllr', email: 'alice@example.org' }],
};

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('iCalendar', () => {
  it('uses CRLF only and ends with one', () => {
    const ics = buildCalendar({ method: 'REQUEST', events: [meeting], now: NOW });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes a timed meeting in UTC with METHOD, UID, SEQUENCE and DTSTAMP', () => {
    const lines = unfold(buildCalendar({ method: 'REQUEST', events: [meeting], now: NOW }));
    expect(lines).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:meeting-42@govflow',
        'SEQUENCE:3',
        'DTSTAMP:20250304T101530Z',
        'DTSTART:20250401T130000Z',
        'DTEND:20250401T150000Z',
        'STATUS:CONFIRMED',
        'LOCATION:Civic Centre\\, Room 1\\; Southampton',
        'ORGANIZER;CN=Southampton JCB:mailto:jcb@example.org',
        'ATTENDEE;CN="Smith, Alice: Cllr";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alice@example.org',
      ]),
    );
    expect(lines.indexOf('BEGIN:VEVENT')).toBeLessThan(lines.indexOf('UID:meeting-42@govflow'));
  });

  it('writes a deadline as an all-day event whose DTEND is the day after', () => {
    const lines = unfold(
      buildCalendar({
        method: 'REQUEST',
        now: NOW,
        events: [{ uid: 'd@g', sequence: 0, summary: 'Call-in closes', start: '2024-02-29' }],
      }),
    );
    expect(lines).toContain('DTSTART;VALUE=DATE:20240229');
    expect(lines).toContain('DTEND;VALUE=DATE:20240301');
    expect(lines).toContain('TRANSP:TRANSPARENT');
  });

  it('spans an all-day window to its last day inclusive', () => {
    const lines = unfold(
      buildCalendar({
        method: 'PUBLISH',
        now: NOW,
        events: [
          { uid: 'w@g', sequence: 0, summary: 'Call-in window', start: '2025-12-29', end: '2025-12-31' },
        ],
      }),
    );
    expect(lines).toContain('DTSTART;VALUE=DATE:20251229');
    expect(lines).toContain('DTEND;VALUE=DATE:20260101');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED, keeping the UID', () => {
    const lines = unfold(
      buildCalendar({ method: 'CANCEL', events: [{ ...meeting, sequence: 4 }], now: NOW }),
    );
    expect(lines).toEqual(
      expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'UID:meeting-42@govflow', 'SEQUENCE:4']),
    );
    expect(lines.some((l) => l.includes('RSVP'))).toBe(false);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\r\nnext\nline')).toBe('a\\,b\\;c\\\\d\\nnext\\nline');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const summary = 'Décision sur le fonds — £25.6m pooled budget for carers’ breaks 🧑‍🦽 '.repeat(4);
    const ics = buildCalendar({ method: 'REQUEST', now: NOW, events: [{ ...meeting, summary }] });
    const physical = ics.split('\r\n').filter(Boolean);
    for (const line of physical) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(2);
    expect(unfold(ics)).toContain(`SUMMARY:${escapeText(summary)}`);
  });

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('refuses dates that do not exist and starts without a time or a date', () => {
    expect(() => buildCalendar({ method: 'REQUEST', events: [{ ...meeting, start: '2025-02-29' }] })).toThrow(
      /invalid calendar date/,
    );
    expect(() =>
      buildCalendar({ method: 'REQUEST', events: [{ ...meeting, start: 'next Tuesday' }] }),
    ).toThrow();
  });
});
