/**
 * iCalendar (RFC 5545) written by hand: the little we need is smaller than a dependency, and the rules
 * that make calendars accept it are few but strict — CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped, a stable UID and a rising SEQUENCE so an update or a
 * cancellation replaces the event instead of adding a second one (RFC 5546, iTIP).
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  summary: string;
  /**
   * A civil date `YYYY-MM-DD` makes an all-day event (a deadline); an ISO instant with a time and an
   * offset makes a timed one (a meeting).
   */
  start: string;
  /**
   * All-day: the last day, inclusive (defaults to `start`). Timed: the end instant (defaults to two hours
   * after `start`, the usual length of a board meeting).
   */
  end?: string;
  location?: string;
  description?: string;
  url?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  organizer?: CalendarPerson;
  attendees?: CalendarPerson[];
}

export interface CalendarOptions {
  method: CalendarMethod;
  events: IcsEvent[];
  /** Calendar name shown by subscribing clients (feeds). */
  name?: string;
  /** DTSTAMP; tests pass a fixed instant. */
  now?: Date;
}

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** TEXT escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Parameter values (e.g. CN) cannot hold DQUOTE; quote them when they hold `:;,`. */
function paramValue(value: string): string {
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function utcStamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid calendar instant');
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function civilDate(value: string): Date | undefined {
  const m = CIVIL_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== value) throw new RangeError(`invalid calendar date ${value}`);
  return date;
}

const basicDate = (date: Date) => date.toISOString().slice(0, 10).replace(/-/g, '');
const nextDay = (date: Date) => new Date(date.getTime() + 86_400_000);

function timing(event: IcsEvent): string[] {
  const day = civilDate(event.start);
  if (day) {
    const last = event.end ? civilDate(event.end) : day;
    if (!last) throw new RangeError(`an all-day event ends on a date, not ${event.end}`);
    // DTEND of an all-day event is exclusive: the day after the last day.
    return [
      `DTSTART;VALUE=DATE:${basicDate(day)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(last))}`,
      'TRANSP:TRANSPARENT',
    ];
  }
  if (!/T\d{2}:\d{2}/.test(event.start))
    throw new RangeError(`a calendar start needs a date or a time: ${event.start}`);
  const start = new Date(event.start);
  const end = event.end ? new Date(event.end) : new Date(start.getTime() + 2 * 3_600_000);
  return [`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(end)}`, 'TRANSP:OPAQUE'];
}

function eventLines(event: IcsEvent, method: CalendarMethod, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stamp}`,
    ...timing(event),
    `SUMMARY:${escapeText(event.summary)}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : (event.status ?? 'CONFIRMED')}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.organizer) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`);
  }
  for (const a of event.attendees ?? []) {
    const rsvp = method === 'REQUEST' ? ';PARTSTAT=NEEDS-ACTION;RSVP=TRUE' : '';
    lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT${rsvp}:mailto:${a.email}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** A complete VCALENDAR object, CRLF-terminated and folded. */
export function buildCalendar(options: CalendarOptions): string {
  const stamp = utcStamp(options.now ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//govflow//Joint commissioning governance//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
  ];
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  for (const event of options.events) lines.push(...eventLines(event, options.method, stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
