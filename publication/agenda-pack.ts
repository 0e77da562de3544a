/**
 * The agenda pack (issue 14 item 2): one accessible PDF of a meeting's published agenda and its public
 * reports, at /meetings/<board>/<date>/agenda-pack.pdf. It is built afresh from the register on each request,
 * so a republished agenda (a late item, a moved meeting) is the pack at once, with the note it was sent with.
 * Tagged PDF 1.7 (pdfkit): title shown in the window, language en-GB, a structure tree of headings, lists
 * and paragraphs in reading order. An exempt item is listed by its Schedule 12A paragraph only and its
 * reports are never read: they are not in the public reports this is given (publication/reports.ts).
 */
import PDFDocument from 'pdfkit';
import { PDFDocument as PdfFile, PDFName } from 'pdf-lib';
import type { Queryable } from '../activities/records/db';
import type { PublicMeeting, PublicReport } from '../activities/records/public-views';
import { displayDate, displayDateTime } from '../governance/display-dates';
import { agendaOrder } from '../governance/meetings';
import type { Council } from './layout';
import { attendanceWords, meetingHref } from './links';
import { reportFile, reportHref } from './reports';

export const agendaPackHref = (meetingId: string) => `${meetingHref(meetingId)}/agenda-pack.pdf`;

export interface AgendaPack {
  bytes: Uint8Array;
  pages: number;
}

type Reports = ReadonlyMap<string, readonly PublicReport[]>;

/** How a report goes into the pack: its pages, its text, or (a kind the pack cannot show) its address. */
type Paper =
  | { kind: 'pdf'; report: PublicReport; url: string; pdf: PdfFile }
  | { kind: 'markdown'; report: PublicReport; url: string; text: string }
  | { kind: 'link'; report: PublicReport; url: string; why: string };

/** The note the agenda was last published with, when it was republished (the meeting process records it). */
async function republication(db: Queryable, m: PublicMeeting): Promise<string | undefined> {
  const { rows } = await db.query<{ edition: number | null; note: string | null }>(
    `select (data->>'edition')::int as edition, data->>'note' as note from audit_log
     where board_id = $1 and process_id = $2 and kind = 'meeting-agenda-published' order by seq desc limit 1`,
    [m.boardId, `meeting/${m.meetingId}`],
  );
  const last = rows[0];
  if (!last?.note || (last.edition ?? 1) < 2) return undefined;
  // A late exempt item's note carries the chair's reasons, which may be as confidential as its report.
  const exemptRefs = m.agenda.filter((i) => i.exempt && i.ref).map((i) => i.ref!);
  if (exemptRefs.some((ref) => last.note!.includes(ref)))
    return 'A late item to be taken in private was added with the chair’s consent.';
  return last.note;
}

async function paperOf(r: PublicReport, db: Queryable, reportsDir: string, baseUrl: string): Promise<Paper> {
  const href = reportHref(r);
  const url = `${baseUrl}${href}`;
  const [board, ref, sha256] = href.split('/').slice(2).map(decodeURIComponent);
  const file = await reportFile(board!, ref!, sha256!, db, reportsDir);
  if (!file) return { kind: 'link', report: r, url, why: 'It could not be read when this pack was made.' };
  if (r.mediaType === 'application/pdf') {
    try {
      const pdf = await PdfFile.load(file.body, { updateMetadata: false });
      // A file that starts like a PDF may still hold no pages that can be copied: find out before the pack.
      await (await PdfFile.create()).copyPages(pdf, pdf.getPageIndices());
      if (pdf.getPageCount() === 0) throw new Error('no pages');
      return { kind: 'pdf', report: r, url, pdf };
    } catch {
      return { kind: 'link', report: r, url, why: 'Its PDF could not be read into this pack.' };
    }
  }
  if (r.mediaType.startsWith('text/markdown'))
    return { kind: 'markdown', report: r, url, text: file.body.toString('utf8') };
  return { kind: 'link', report: r, url, why: 'A file of this kind cannot be shown in this pack.' };
}

/** Markdown as reading text: links keep their address, emphasis and code marks go. */
const inline = (text: string) =>
  text
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, '$1');

type Block = { type: 'H' | 'P' | 'LI'; level?: number; text: string };

/** The blocks of a Markdown report: headings, list items and paragraphs (soft-wrapped lines joined). */
function markdownBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'P', text: inline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (!line || /^(```|~~~|---+|\*\*\*+)$/.test(line)) flush();
    else if (heading) {
      flush();
      blocks.push({ type: 'H', level: heading[1]!.length, text: inline(heading[2]!) });
    } else if (item) {
      flush();
      blocks.push({ type: 'LI', text: inline(item[1]!) });
    } else paragraph.push(line.replace(/^>\s?/, ''));
  }
  flush();
  return blocks;
}

export interface AgendaPackOptions {
  council: Council;
  db: Queryable;
  /** The public reports by item (publication/reports.ts), never an exempt item's. */
  reports: Reports;
  reportsDir?: string;
  baseUrl: string;
}

/** The pack, or undefined before the agenda is published (there is no pack until then). */
export async function agendaPack(m: PublicMeeting, o: AgendaPackOptions): Promise<AgendaPack | undefined> {
  if (!m.agendaPublishedOn) return undefined;
  const byRef = new Map(m.agenda.map((item) => [item.ref ?? item.itemId, item]));
  const entries = agendaOrder(
    m.agenda.map((item) => ({
      ref: item.ref ?? item.itemId,
      title: item.exempt ? '' : (item.title ?? ''),
      exemptParagraph: item.exempt?.paragraph ?? null,
    })),
  );
  const papers: { number: number; title: string; papers: Paper[] }[] = [];
  for (const e of entries) {
    const item = e.kind === 'business' ? byRef.get(e.ref) : undefined;
    if (!item || item.exempt || !item.decisionId || !o.reportsDir) continue;
    const found = o.reports.get(item.decisionId) ?? [];
    const read = await Promise.all(found.map((r) => paperOf(r, o.db, o.reportsDir!, o.baseUrl)));
    if (read.length) papers.push({ number: e.number, title: item.title ?? '', papers: read });
  }
  const note = await republication(o.db, m);

  const title = `Agenda pack: ${m.title}, ${displayDate(m.meetsOn)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: o.council.name, Subject: `The agenda and reports of ${m.title}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  let pageIndex = 0;
  doc.on('pageAdded', () => (pageIndex += 1));

  const root = doc.struct('Document');
  doc.addStructure(root);
  const write =
    (text: string, font = 'Helvetica', size = 11, gap = 0.5) =>
    () => {
      doc.font(font).fontSize(size).text(text);
      doc.moveDown(gap);
    };
  const heading = (parent: PDFKit.PDFStructureElement, level: number, text: string) =>
    parent.add(doc.struct(`H${level}`, {}, write(text, 'Helvetica-Bold', [22, 16, 13, 12][level - 1] ?? 11)));
  const para = (parent: PDFKit.PDFStructureElement, text: string) =>
    parent.add(doc.struct('P', {}, write(text)));
  /** Label and body side by side, each its own tagged element (a label column, then the text). */
  const list = (
    parent: PDFKit.PDFStructureElement,
    items: [label: string, body: string][],
    labelWidth: number,
  ) => {
    const l = doc.struct('L');
    parent.add(l);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const [label, body] of items) {
      const li = doc.struct('LI');
      l.add(li);
      const top = doc.y;
      li.add(
        doc.struct('Lbl', {}, () =>
          doc.font('Helvetica-Bold').fontSize(11).text(label, left, top, { width: labelWidth }),
        ),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          doc
            .font('Helvetica')
            .fontSize(11)
            .text(body, left + labelWidth, top, { width: width - labelWidth });
          doc.x = left;
          doc.moveDown(0.3);
        }),
      );
    }
    doc.moveDown(0.5);
  };
  const section = () => {
    const s = doc.struct('Sect');
    root.add(s);
    return s;
  };

  const cover = section();
  heading(cover, 1, title);
  para(cover, `Published by ${o.council.name}`);
  if (m.status === 'cancelled') para(cover, 'This meeting has been cancelled.');
  const time = m.startsAt
    ? `${displayDateTime(m.startsAt)}${m.endsAt ? ` to ${displayDateTime(m.endsAt).replace(/^.* at /, '')}` : ''}`
    : 'Not yet published';
  list(
    cover,
    [
      ['Board:', m.boardName],
      ['Date:', displayDate(m.meetsOn)],
      ['Time:', time],
      ['Venue:', m.location ?? 'Not yet published'],
      ['Attendance:', m.attendance ? attendanceWords[m.attendance] : 'Not yet published'],
      ['Agenda published:', displayDate(m.agendaPublishedOn)],
    ],
    110,
  );
  if (note) {
    heading(cover, 2, 'This agenda has been republished');
    para(cover, note);
  }

  const agenda = section();
  heading(agenda, 2, 'Agenda');
  list(
    agenda,
    entries.map((e) => {
      const item = 'ref' in e ? byRef.get(e.ref) : undefined;
      const text =
        e.kind === 'exempt' ? (item?.exempt?.notice ?? `Exempt under paragraph ${e.paragraph}`) : e.title;
      return [`${e.number}.`, text];
    }),
    28,
  );
  if (papers.length === 0) para(agenda, 'No reports have been published with this agenda.');

  // A PDF report's pages go in after the page that introduces it: [index of that page, its pages].
  const insertions: [number, PdfFile][] = [];
  for (const { number, title: itemTitle, papers: itemPapers } of papers) {
    for (const p of itemPapers) {
      doc.addPage();
      const s = section();
      heading(s, 2, `Item ${number}: ${itemTitle}`);
      heading(s, 3, `Report: ${p.report.fileName}`);
      if (p.kind === 'pdf') {
        const count = p.pdf.getPageCount();
        para(
          s,
          `The report’s ${count} page${count === 1 ? '' : 's'} follow as published. It is also at ${p.url}`,
        );
        insertions.push([pageIndex, p.pdf]);
      } else if (p.kind === 'markdown') {
        for (const b of markdownBlocks(p.text))
          if (b.type === 'H') heading(s, Math.min((b.level ?? 1) + 3, 6), b.text);
          else if (b.type === 'LI') list(s, [['•', b.text]], 16);
          else para(s, b.text);
      } else para(s, `${p.why} Read it at ${p.url}`);
    }
  }
  doc.end();
  await done;

  const pack = await PdfFile.load(Buffer.concat(chunks), { updateMetadata: false });
  for (const [after, report] of insertions.reverse()) {
    const pages = await pack.copyPages(report, report.getPageIndices());
    pages.forEach((page, i) => {
      // The report's own tags stay behind: its structure tree is not merged into the pack's, so its
      // pages are untagged here (a reader who needs them tagged opens the report at its own address).
      page.node.delete(PDFName.of('StructParents'));
      pack.insertPage(after + 1 + i, page);
    });
  }
  return { bytes: await pack.save({ useObjectStreams: false }), pages: pack.getPageCount() };
}

/** The meeting page's link to its pack, with its length, once there is one. */
export async function agendaPackLink(
  m: PublicMeeting,
  o: AgendaPackOptions,
): Promise<{ href: string; pages: number } | undefined> {
  const pack = await agendaPack(m, o);
  return pack && { href: agendaPackHref(m.meetingId), pages: pack.pages };
}
