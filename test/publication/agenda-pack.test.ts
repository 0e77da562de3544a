/**
 * The agenda pack (issue 14 item 2) on the real stack: a PGlite register on disk filled as the meeting
 * process records its meeting and agenda and as the console keeps uploaded reports, the publication server
 * over HTTP, and the PDF read back with pdf-lib (catalog) and PDF.js (text, structure):
 * - no pack and no link before the agenda is published; 404 for a meeting that does not exist;
 * - one tagged PDF (title, en-GB, Document/Sect/H1 structure, MarkInfo Marked): cover, the agenda in order,
 *   a Markdown report as text, a PDF report's pages right after the page that introduces them;
 * - an exempt item's title and report are nowhere in it; a republished agenda carries its note.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../activities/records/register';
import { agendaOrder } from '../../governance/meetings';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { addDays, anchorDay, at } from '../support/dates';
import { BOARD, boardEstablished, entry, SECRET } from '../support/register-entries';
import { crawl } from './crawl';

const DATE = addDays(anchorDay(), 21);
const MEETING_ID = `${BOARD}/${DATE}`;
const PROCESS = `meeting/${MEETING_ID}`;
const PUBLIC_URL = 'https://register.example.org';
const PACK = `/meetings/${MEETING_ID}/agenda-pack.pdf`;
const ITEMS = [
  { ref: 'AP-1', title: 'Better Care Fund plan', exemptParagraph: null },
  { ref: 'AP-2', title: `Care home contract award ${SECRET}`, exemptParagraph: 3 },
  { ref: 'AP-3', title: 'Carers strategy refresh', exemptParagraph: null },
];
const MARKDOWN = Buffer.from(
  '# Better Care Fund plan\n\nCarers’ budget: **£1.2m** for the\nyear.\n\n- Reablement\n- Hospital discharge\n',
  'utf8',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function reportPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2])
    pdf.addPage().drawText(`Carers strategy appendix page ${n}`, { x: 50, y: 700, font });
  return Buffer.from(await pdf.save());
}

interface ReadBack {
  pages: string[];
  title: unknown;
  language: unknown;
  marked: boolean | undefined;
  roles: string[];
  catalog: { structTreeRoot: boolean; lang: string | undefined; displayDocTitle: string | undefined };
}

/** The pack as a reader's software sees it: PDF.js for text and tags, pdf-lib for the catalog itself. */
async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The standard fonts' data as PDF.js ships it, so a page written in Helvetica reads as it would in a viewer.
  const standardFontDataUrl = `${path.dirname(require.resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  const info = (await doc.getMetadata()).info as Record<string, unknown>;
  const roles: string[] = [];
  const walk = (node: { role?: string; children?: unknown[] }) => {
    if (node.role) roles.push(node.role);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(((await (await doc.getPage(1)).getStructTree()) ?? {}) as { children?: unknown[] });
  const markInfo = await doc.getMarkInfo();
  await doc.destroy();
  const lib = await PDFDocument.load(bytes, { updateMetadata: false });
  const viewer = lib.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    pages,
    title: info.Title,
    language: info.Language,
    marked: markInfo?.Marked,
    roles,
    catalog: {
      structTreeRoot: lib.catalog.has(PDFName.of('StructTreeRoot')),
      lang: lib.catalog.get(PDFName.of('Lang'))?.toString(),
      displayDocTitle: viewer?.get(PDFName.of('DisplayDocTitle'))?.toString(),
    },
  };
}

describe('the agenda pack', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-agenda-pack-'));
  const reportsDir = path.join(dataDir, 'reports');
  let register: Register;
  let server: PublicationServer;
  let report: Buffer;

  /** Keeps a file and its register row exactly as console/reports.ts does on upload. */
  async function upload(ref: string, fileName: string, data: Buffer, mediaType: string, ext: string) {
    const dir = path.join(reportsDir, BOARD, ref);
    mkdirSync(dir, { recursive: true });
    const stored = path.join(dir, `${sha(data)}${ext}`);
    writeFileSync(stored, data);
    await register.db.query(
      `insert into item_reports (workflow_id, sha256, file_name, media_type, bytes, path, uploaded_by)
       values ($1, $2, $3, $4, $5, $6, 'officer@example.org')`,
      [`decision/${BOARD}/${ref}`, sha(data), fileName, mediaType, data.length, stored],
    );
  }

  /** The agenda as the meeting process publishes it (workflows/meeting/stages.ts publishAgenda). */
  const agendaPublished = (edition: number, note: string | null) =>
    entry(
      'meeting-agenda-published',
      { meeting: DATE, edition, publishedOn: anchorDay(), agenda: agendaOrder(ITEMS), url: 'x', note },
      PROCESS,
    );

  beforeAll(async () => {
    register = await openRegister({ dataDir });
    report = await reportPdf();
    for (const e of [
      boardEstablished(),
      entry(
        'meeting-scheduled',
        {
          meeting: DATE,
          title: 'Joint Commissioning Board',
          startsAt: at(DATE, '14:00'),
          endsAt: at(DATE, '16:00'),
          location: 'Civic Centre, Southampton',
          attendance: 'hybrid',
          sequence: 0,
        },
        PROCESS,
      ),
    ])
      await register.record(e);
    server = await startPublicationServer({
      register,
      port: 0,
      publicUrl: PUBLIC_URL,
      reportsDir,
      council: { name: 'Southampton City Council', colour: '#1d70b8' },
    });
  });

  afterAll(async () => {
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (at: string) => fetch(`${server.url}${at}`);

  it('has no pack and no link before the agenda is published, and none for an unknown meeting', async () => {
    expect((await get(PACK)).status).toBe(404);
    expect(await (await get(`/meetings/${MEETING_ID}`)).text()).not.toContain('agenda-pack.pdf');
    const unknown = await get(`/meetings/${BOARD}/2099-01-01/agenda-pack.pdf`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no such meeting.');
  });

  it('publishes one tagged PDF of the agenda in order and its public reports, never an exempt one', async () => {
    await register.record(agendaPublished(1, null));
    await upload('AP-1', 'BCF summary.md', MARKDOWN, 'text/markdown; charset=utf-8', '.md');
    await upload(
      'AP-2',
      `Tender ${SECRET}.md`,
      Buffer.from(`# ${SECRET}\n`),
      'text/markdown; charset=utf-8',
      '.md',
    );
    await upload('AP-3', 'Carers appendix.pdf', report, 'application/pdf', '.pdf');
    const broken = Buffer.from('%PDF-1.4\n%%EOF\n');
    await upload('AP-3', 'Broken.pdf', broken, 'application/pdf', '.pdf');

    const answer = await get(PACK);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect(Buffer.from(bytes).includes(SECRET)).toBe(false);
    const pack = await readBack(bytes);

    expect(pack.title).toBe(
      `Agenda pack: Joint Commissioning Board, ${pack.pages[0]!.match(/\w+day \d+ \w+ \d{4}/)![0]}`,
    );
    expect(pack.language).toBe('en-GB');
    expect(pack.marked).toBe(true);
    expect(pack.catalog).toEqual({ structTreeRoot: true, lang: '(en-GB)', displayDocTitle: 'true' });
    expect(pack.roles.slice(0, 4)).toEqual(['Root', 'Document', 'Sect', 'H1']);
    expect(pack.roles).toEqual(expect.arrayContaining(['L', 'LI', 'Lbl', 'LBody', 'H2']));

    const text = pack.pages.join('\n');
    expect(pack.pages[0]).toContain('Southampton City Council');
    for (const fact of [
      'Civic Centre, Southampton',
      'at 14:00 to 16:00',
      'In person at the venue, or remotely',
    ])
      expect(pack.pages[0]).toContain(fact);
    const order = [
      'Apologies for absence',
      'Declarations of interest',
      'Minutes of the previous meeting',
      'Better Care Fund plan',
      'Carers strategy refresh',
      'Exclusion of the press and public',
      'Exempt under paragraph 3 of Schedule 12A',
    ].map((words) => text.indexOf(words));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    expect(text).toContain('Carers’ budget: £1.2m for the year.');
    expect(text).toContain('Hospital discharge');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Care home contract award');
    expect(text).not.toContain('Tender');

    // The PDF report's two pages follow the page that introduces it, as uploaded.
    const intro = pack.pages.findIndex((p) => p.includes('Report: Carers appendix.pdf'));
    expect(intro).toBeGreaterThan(0);
    expect(pack.pages[intro + 1]).toContain('Carers strategy appendix page 1');
    expect(pack.pages[intro + 2]).toContain('Carers strategy appendix page 2');
    // A file that only looks like a PDF is given by its address instead (the address wraps where it may).
    expect(text).toContain('Report: Broken.pdf');
    expect(text.replace(/\s+/g, '')).toContain(
      `ItsPDFcouldnotbereadintothispack.Readitathttps://register.example.org/reports/${BOARD}/AP-3/${sha(broken)}`,
    );

    const meetingPage = await (await get(`/meetings/${MEETING_ID}`)).text();
    expect(meetingPage).toContain(`<a href="${PACK}">Agenda pack (PDF, ${pack.pages.length} pages)</a>`);
  });

  it('says why it was republished, without a late exempt item’s reasons', async () => {
    await register.record(agendaPublished(2, `the meeting moved from ${DATE} to ${DATE}: the room flooded`));
    let text = (await readBack(new Uint8Array(await (await get(PACK)).arrayBuffer()))).pages.join('\n');
    expect(text).toContain('This agenda has been republished');
    expect(text).toContain('the room flooded');

    await register.record(agendaPublished(3, `late item AP-2 added with the chair’s consent: ${SECRET}`));
    const bytes = new Uint8Array(await (await get(PACK)).arrayBuffer());
    text = (await readBack(bytes)).pages.join('\n');
    expect(text).toContain('A late item to be taken in private was added with the chair’s consent.');
    expect(text).not.toContain(SECRET);
    expect(Buffer.from(bytes).includes(SECRET)).toBe(false);
  });

  it('is reached from the home page, like every page it links from, with no broken link', async () => {
    const { pages } = await crawl(server.url, PUBLIC_URL);
    expect(pages.get(PACK)?.type).toBe('application/pdf');
  });
});
