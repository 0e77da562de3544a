/**
 * Items' reports on the public site (issue 14 item 3, issue 18 item 1): the files officers upload in the
 * console (console/reports.ts), kept at <reportsDir>/<board>/<ref>/<sha256>.<ext>, served at
 * /reports/<board>/<ref>/<sha256>. Only what publicReports returns is linked or served, so an exempt item's
 * report is never public: it answers 404 exactly as an unknown one does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { publicReports, type PublicReport } from '../activities/records/public-views';
import type { Queryable } from '../activities/records/db';
import { REPORT_KIND_WORDS, reportFileType } from '../definitions/reports';
import { html, type Html } from './layout';

const DECISION_PREFIX = 'decision/';

/** "decision/<board>/<ref>" as its board and ref (a ref may hold a slash; a board id does not). */
function boardAndRef(decisionId: string): { board: string; ref: string } | undefined {
  if (!decisionId.startsWith(DECISION_PREFIX)) return undefined;
  const rest = decisionId.slice(DECISION_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? { board: rest.slice(0, slash), ref: rest.slice(slash + 1) } : undefined;
}

export function reportHref(r: PublicReport): string {
  const { board, ref } = boardAndRef(r.decisionId)!;
  return `/reports/${[board, ref, r.sha256].map(encodeURIComponent).join('/')}`;
}

/** The public reports by item, newest last; items whose id is not a decision's are left out (no URL). */
export async function reportsByItem(db: Queryable): Promise<Map<string, PublicReport[]>> {
  const byItem = new Map<string, PublicReport[]>();
  for (const r of await publicReports(db))
    if (boardAndRef(r.decisionId)) byItem.set(r.decisionId, [...(byItem.get(r.decisionId) ?? []), r]);
  return byItem;
}

const sizeWords = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A report or background paper as a link naming its file, type and size, so a reader knows what they will open. */
export const reportLink = (r: PublicReport): Html => {
  const what = `${REPORT_KIND_WORDS[r.kind]}: ${r.fileName}`;
  const type = `${reportFileType(r.mediaType).words}, ${sizeWords(r.bytes)}`;
  return html`<a href="${reportHref(r)}">${what}</a> (${type})`;
};

export const reportList = (reports: readonly PublicReport[]): Html =>
  html`<ul class="reports">
    ${reports.map((r) => html`<li>${reportLink(r)}</li>`)}
  </ul>`;

export interface FileReply {
  status: number;
  type: string;
  body: Buffer;
  headers: Record<string, string>;
}

/** The file at /reports/<board>/<ref>/<sha256>, or undefined (404) unless it is a public report on disk. */
export async function reportFile(
  board: string,
  ref: string,
  sha256: string,
  db: Queryable,
  reportsDir: string,
): Promise<FileReply | undefined> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const report = (await publicReports(db)).find(
    (r) => r.decisionId === `${DECISION_PREFIX}${board}/${ref}` && r.sha256 === sha256,
  );
  if (!report) return undefined;
  const root = path.resolve(reportsDir);
  const file = path.resolve(root, board, ref, `${sha256}${reportFileType(report.mediaType).ext}`);
  // The ids come from the register, but a file is only ever read from inside the reports directory.
  if (!file.startsWith(root + path.sep)) return undefined;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const fallback = report.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    status: 200,
    type: report.mediaType,
    body,
    headers: {
      'Content-Disposition': `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
      'Content-Length': String(body.length),
    },
  };
}
