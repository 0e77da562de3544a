/**
 * The embedded mail store as pages: what govflow would have sent, for a newcomer running `npm start`
 * without an SMTP server. Message HTML is user-influenced, so it is never inlined: it is served from its
 * own URL under a sandboxing Content-Security-Policy and shown in a sandboxed iframe.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { displayDateTime } from '../governance/display-dates';
import { html, page } from './layout';

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

interface MailSummary {
  date?: Date;
  to: string;
  subject?: string;
  calendar: boolean;
}

const summaries = new Map<string, MailSummary | undefined>();

/** One row's facts, parsed once per message (least recently used forgotten first). */
async function summaryOf(dir: string, name: string): Promise<MailSummary | undefined> {
  const key = path.join(dir, name);
  if (summaries.has(key)) {
    const known = summaries.get(key);
    summaries.delete(key);
    summaries.set(key, known);
    return known;
  }
  const p = (await readMail(dir, name))?.parsed;
  const summary = p && {
    date: p.date,
    to: addresses(p.to),
    subject: p.subject,
    calendar: p.attachments.some((a) => a.contentType === 'text/calendar'),
  };
  summaries.set(key, summary);
  if (summaries.size > SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value!);
  return summary;
}

/** Page `pageNumber` (from 1) of the store, newest first; undefined for a page past the last. */
export async function mailListPage(dir: string, pageNumber = 1): Promise<string | undefined> {
  const all = await listFiles(dir);
  const pages = Math.max(1, Math.ceil(all.length / MAIL_PAGE_SIZE));
  if (pageNumber > pages) return undefined;
  const files = all.slice((pageNumber - 1) * MAIL_PAGE_SIZE, pageNumber * MAIL_PAGE_SIZE);
  const rows = await Promise.all(
    files.map(async (f) => {
      const p = await summaryOf(dir, f.name);
      return html`<tr>
        <td>${p?.date ? displayDateTime(p.date.getTime()) : ''}</td>
        <td>${p?.to ?? ''}</td>
        <td><a href="/mail/${f.name}">${p?.subject ?? f.name}</a></td>
        <td>${p?.calendar ? 'Calendar invitation' : ''}</td>
      </tr>`;
    }),
  );
  const first = (pageNumber - 1) * MAIL_PAGE_SIZE + 1;
  return page({
    title: 'Mail sent',
    showMail: true,
    body: html`<p>
        No SMTP server is configured, so govflow keeps every message it sends in <code>${dir}</code>. Newest
        first.
      </p>
      ${
        rows.length
          ? html`<table>
              <caption>
                Messages ${first} to ${first + rows.length - 1} of ${all.length}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Sent</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Attached</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No mail has been sent yet.</p>`
      }
      <p>
        ${pageNumber > 1 ? html`<a href="/mail?page=${pageNumber - 1}">Newer messages</a>` : ''}
        ${pageNumber < pages ? html`<a href="/mail?page=${pageNumber + 1}">Older messages</a>` : ''}
      </p>`,
  });
}

export function mailPage(name: string, parsed: ParsedMail): string {
  const calendars = parsed.attachments.filter((a) => a.contentType === 'text/calendar');
  return page({
    title: parsed.subject ?? '(no subject)',
    showMail: true,
    body: html`<dl>
        <dt>From</dt>
        <dd>${addresses(parsed.from)}</dd>
        <dt>To</dt>
        <dd>${addresses(parsed.to)}</dd>
        <dt>Date</dt>
        <dd>${parsed.date ? displayDateTime(parsed.date.getTime()) : ''}</dd>
        <dt>Message-ID</dt>
        <dd><code>${parsed.messageId ?? ''}</code></dd>
      </dl>
      <p><a href="/mail/${name}/raw">Download the message (.eml)</a></p>
      ${
        parsed.html
          ? html`<h2>As the recipient sees it</h2>
              <iframe title="Message body" sandbox src="/mail/${name}/html"></iframe>`
          : ''
      }
      <h2>Plain text</h2>
      <pre>${parsed.text ?? ''}</pre>
      ${calendars.map(
        (c) =>
          html`<h2>Calendar invitation</h2>
            <pre>${c.content.toString('utf8')}</pre>`,
      )}
      <p><a href="/mail">All mail</a></p>`,
  });
}
