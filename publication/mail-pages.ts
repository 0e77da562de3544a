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
const LIST_LIMIT = 500;

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

export async function mailListPage(dir: string): Promise<string> {
  const files = (await listFiles(dir)).slice(0, LIST_LIMIT);
  const rows = await Promise.all(
    files.map(async (f) => {
      const mail = await readMail(dir, f.name);
      const p = mail?.parsed;
      return html`<tr>
        <td>${p?.date ? displayDateTime(p.date.getTime()) : ''}</td>
        <td>${addresses(p?.to)}</td>
        <td><a href="/mail/${f.name}">${p?.subject ?? f.name}</a></td>
        <td>${p?.attachments.some((a) => a.contentType === 'text/calendar') ? 'Calendar invitation' : ''}</td>
      </tr>`;
    }),
  );
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
                Messages (${rows.length})
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
      }`,
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
