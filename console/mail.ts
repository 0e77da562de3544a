/**
 * The embedded mail store, read for democratic services: what govflow would have sent, for a council running
 * `npm start` without an SMTP server. It lists members' and officers' personal addresses, so it is a console
 * page for democratic services only, never a public one. Message HTML is user-influenced, so it is never
 * inlined: it is served from its own URL under a sandboxing Content-Security-Policy, in a sandboxed iframe.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { displayDateTime } from '../governance/display-dates';

/** Only names the embedded store writes; nothing else in (or outside) the folder can be asked for. */
const FILE_NAME = /^[a-z]+-[0-9a-f]{16}\.eml$/;
/** Messages on one page of /mail: what one request may parse, however many the store holds. */
export const MAIL_PAGE_SIZE = 50;
/** Rows remembered across requests; a stored message never changes (the store never overwrites one). */
const SUMMARY_CACHE_SIZE = 2_000;

export function isMailFileName(name: string): boolean {
  return FILE_NAME.test(name);
}

interface MailFile {
  name: string;
  modified: Date;
}

async function listFiles(dir: string): Promise<MailFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    names
      .filter(isMailFileName)
      .map(async (name) => ({ name, modified: (await stat(path.join(dir, name))).mtime })),
  );
  return files.sort((a, b) => b.modified.getTime() - a.modified.getTime() || a.name.localeCompare(b.name));
}

/** "Carol Ng <carol@example.org>", without the quoting mail headers use. */
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : [])
    .flatMap((x) => x.value)
    .map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? '')))
    .join(', ');

export async function readMail(
  dir: string,
  name: string,
): Promise<{ raw: Buffer; parsed: ParsedMail } | undefined> {
  if (!isMailFileName(name)) return undefined;
  const raw = await readFile(path.join(dir, name)).catch(() => undefined);
  if (!raw) return undefined;
  return { raw, parsed: await simpleParser(raw, { skipImageLinks: true }) };
}

export interface MailRow {
  name: string;
  sent: string;
  to: string;
  subject: string;
  calendar: boolean;
}

const summaries = new Map<string, Omit<MailRow, 'name'> | undefined>();

/** One row's facts, parsed once per message (least recently used forgotten first). */
async function summaryOf(dir: string, name: string): Promise<Omit<MailRow, 'name'> | undefined> {
  const key = path.join(dir, name);
  if (summaries.has(key)) {
    const known = summaries.get(key);
    summaries.delete(key);
    summaries.set(key, known);
    return known;
  }
  const p = (await readMail(dir, name))?.parsed;
  const summary = p && {
    sent: p.date ? displayDateTime(p.date.getTime()) : '',
    to: addresses(p.to),
    subject: p.subject ?? name,
    calendar: p.attachments.some((a) => a.contentType === 'text/calendar'),
  };
  summaries.set(key, summary);
  if (summaries.size > SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value!);
  return summary;
}

export interface MailListPage {
  rows: MailRow[];
  /** Position of the first row among all messages, from 1. */
  first: number;
  total: number;
  page: number;
  pages: number;
}

/** Page `pageNumber` (from 1) of the store, newest first; undefined for a page past the last. */
export async function mailListPage(dir: string, pageNumber: number): Promise<MailListPage | undefined> {
  const all = await listFiles(dir);
  const pages = Math.max(1, Math.ceil(all.length / MAIL_PAGE_SIZE));
  if (pageNumber > pages) return undefined;
  const files = all.slice((pageNumber - 1) * MAIL_PAGE_SIZE, pageNumber * MAIL_PAGE_SIZE);
  const rows = await Promise.all(
    files.map(async (f) => ({
      name: f.name,
      ...((await summaryOf(dir, f.name)) ?? { sent: '', to: '', subject: f.name, calendar: false }),
    })),
  );
  return { rows, first: (pageNumber - 1) * MAIL_PAGE_SIZE + 1, total: all.length, page: pageNumber, pages };
}

/** What the message page shows of one message. */
export function messageView(parsed: ParsedMail) {
  return {
    subject: parsed.subject ?? '(no subject)',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    sent: parsed.date ? displayDateTime(parsed.date.getTime()) : '',
    messageId: parsed.messageId ?? '',
    hasHtml: Boolean(parsed.html),
    text: parsed.text ?? '',
    calendars: parsed.attachments
      .filter((a) => a.contentType === 'text/calendar')
      .map((c) => c.content.toString('utf8')),
  };
}
