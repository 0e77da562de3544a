/**
 * Items' reports on the public site (issue 14 item 3, issue 18 item 1), on the real stack: a PGlite register
 * on disk holding the reports as the console records them, the files on disk where the console keeps them,
 * the publication server over HTTP, Debian's Chromium for axe-core.
 * - A public item's report is linked from its agenda row, decision notice and Forward Plan entry, and from
 *   its OParl Paper and AgendaItem as a File; it downloads byte for byte with its type and file name.
 * - An exempt item's report is linked nowhere and answers 404, and its file name appears on no page.
 * - A crawl from the home page finds no broken link; axe-core finds nothing on the pages that link reports.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../activities/records/register';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { launchChromium, requireChromium } from '../support/browser';
import {
  agendaExempt,
  agendaPublic,
  BCF,
  BOARD,
  boardEstablished,
  CARE_HOMES,
  decisionExempt,
  decisionPublic,
  entry,
  forwardPlanExempt,
  forwardPlanPublic,
  LIBRARY,
  MEETING,
  meetingScheduled,
  SECRET,
} from '../support/register-entries';

const PUBLIC_URL = 'https://register.example.org';
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
  Buffer.from('%%EOF\n'),
]);
const MARKDOWN = Buffer.from('# Better Care Fund plan\n\nCarers’ budget: £1.2m.\n', 'utf8');
const EXEMPT_PDF = Buffer.from(`%PDF-1.4\n${SECRET}\n%%EOF\n`);
/** For an item public on the Forward Plan but taken in private on the agenda: exempt everywhere. */
const PRIVATE_MD = Buffer.from(`# Mobile library\n\n${SECRET}\n`, 'utf8');
/** A background paper in Word (its ZIP signature and main part are what the console checks). */
const DOCX = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('..word/document.xml..')]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('items’ reports on the public site', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-public-reports-'));
  const reportsDir = path.join(dataDir, 'reports');
  let register: Register;
  let server: PublicationServer;

  /** Keeps a file and its register row exactly as console/reports.ts does on upload. */
  async function upload(
    workflowId: string,
    fileName: string,
    data: Buffer,
    mediaType: string,
    ext: string,
    kind: 'report' | 'background-paper' = 'report',
  ) {
    const [, board, ref] = workflowId.split('/');
    const dir = path.join(reportsDir, board!, ref!);
    mkdirSync(dir, { recursive: true });
    const stored = path.join(dir, `${sha(data)}${ext}`);
    writeFileSync(stored, data);
    await register.db.query(
      `insert into item_reports (workflow_id, sha256, file_name, media_type, bytes, path, uploaded_by, kind)
       values ($1, $2, $3, $4, $5, $6, 'officer@example.org', $7)`,
      [workflowId, sha(data), fileName, mediaType, data.length, stored, kind],
    );
  }

  const href = (workflowId: string, data: Buffer) =>
    `/reports/${BOARD}/${workflowId.split('/')[2]}/${sha(data)}`;

  beforeAll(async () => {
    register = await openRegister({ dataDir });
    for (const e of [
      boardEstablished(),
      meetingScheduled(),
      forwardPlanPublic(),
      forwardPlanExempt(),
      agendaPublic(),
      agendaExempt(),
      decisionPublic(),
      decisionExempt(),
      entry(
        'forward-plan-published',
        { ref: '2025-016', title: 'Mobile library for care homes', meeting: MEETING, exempt: null },
        LIBRARY,
      ),
      entry(
        'agenda-published',
        {
          ref: '2025-016',
          title: 'Mobile library for care homes',
          meeting: MEETING,
          exempt: { paragraph: 1 },
        },
        LIBRARY,
      ),
    ])
      await register.record(e);
    await upload(BCF, 'BCF plan 2025-26.pdf', PDF, 'application/pdf', '.pdf');
    await upload(BCF, 'BCF summary.md', MARKDOWN, 'text/markdown; charset=utf-8', '.md');
    await upload(BCF, 'Needs assessment.docx', DOCX, DOCX_TYPE, '.docx', 'background-paper');
    await upload(CARE_HOMES, `Tender ${SECRET}.pdf`, EXEMPT_PDF, 'application/pdf', '.pdf');
    await upload(LIBRARY, `Library ${SECRET}.md`, PRIVATE_MD, 'text/markdown; charset=utf-8', '.md');
    // On disk and in the register, but for an item the public record does not name.
    await upload(
      `decision/${BOARD}/2025-099`,
      'Unlisted.md',
      MARKDOWN,
      'text/markdown; charset=utf-8',
      '.md',
    );
    server = await startPublicationServer({ register, port: 0, publicUrl: PUBLIC_URL, reportsDir });
  });

  afterAll(async () => {
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (at: string) => fetch(`${server.url}${at}`);

  it('links a public item’s reports from its agenda row, decision notice and Forward Plan entry', async () => {
    for (const at of [`/meetings/${BOARD}/${MEETING}`, '/decisions', '/forward-plan']) {
      const body = await (await get(at)).text();
      expect(body, at).toContain(
        `<a href="${href(BCF, PDF)}">Report: BCF plan 2025-26.pdf</a> (PDF, 20 bytes)`,
      );
      expect(body, at).toContain(`<a href="${href(BCF, MARKDOWN)}">Report: BCF summary.md</a> (Markdown,`);
      expect(body, at).toMatch(
        new RegExp(
          `<a href="${href(BCF, DOCX)}">Background paper: Needs assessment\\.docx</a>\\s*\\(Word document, 25 bytes\\)`,
        ),
      );
      expect(body, at).not.toContain(sha(EXEMPT_PDF));
      expect(body, at).not.toContain('/reports/southampton-jcb/2025-015');
      expect(body, at).not.toContain('/reports/southampton-jcb/2025-016');
      expect(body, at).not.toContain('2025-099');
      expect(body, at).not.toContain(SECRET);
    }
  });

  it('serves the report byte for byte, with its type and file name, to be read in the browser', async () => {
    const pdf = await get(href(BCF, PDF));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="BCF plan 2025-26\.pdf"/);
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    const md = await get(href(BCF, MARKDOWN));
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(/^inline; filename="BCF summary\.md"/);
    expect(Buffer.from(await md.arrayBuffer()).equals(MARKDOWN)).toBe(true);
    const docx = await get(href(BCF, DOCX));
    expect(docx.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(Buffer.from(await docx.arrayBuffer()).equals(DOCX)).toBe(true);
  });

  it('answers 404 for an exempt item’s report, one the public record does not name, and anything unknown', async () => {
    for (const at of [
      href(CARE_HOMES, EXEMPT_PDF),
      href(LIBRARY, PRIVATE_MD),
      `/reports/${BOARD}/2025-099/${sha(MARKDOWN)}`,
      `/reports/${BOARD}/2025-014/${'0'.repeat(64)}`,
      `/reports/${BOARD}/2025-014/..%2F..%2F${sha(PDF)}`,
      `/reports/${BOARD}/..%2F2025-014/${sha(PDF)}`,
      `/reports/${BOARD}/2025-014/${sha(PDF)}.pdf`,
    ]) {
      const answer = await get(at);
      expect(answer.status, at).toBe(404);
      const body = await answer.text();
      expect(body, at).not.toContain(SECRET);
      expect(body, at).not.toContain('%PDF');
    }
  });

  it('gives the report as an OParl File of its Paper and AgendaItem; never an exempt one', async () => {
    const paper = (await (await get(`/oparl/v1/paper/${encodeURIComponent(BCF)}`)).json()) as {
      mainFile: Record<string, unknown>;
      auxiliaryFile: Record<string, unknown>[];
    };
    const md = paper.mainFile;
    expect(md).toMatchObject({
      type: 'https://schema.oparl.org/1.1/File',
      fileName: 'BCF summary.md',
      mimeType: 'text/markdown',
      size: MARKDOWN.length,
      accessUrl: `${PUBLIC_URL}${href(BCF, MARKDOWN)}`,
      downloadUrl: `${PUBLIC_URL}${href(BCF, MARKDOWN)}`,
      paper: [`${PUBLIC_URL}/oparl/v1/paper/${encodeURIComponent(BCF)}`],
    });
    expect(paper.auxiliaryFile).toContainEqual(
      expect.objectContaining({ fileName: 'Needs assessment.docx', mimeType: DOCX_TYPE, size: DOCX.length }),
    );
    expect(paper.auxiliaryFile).toContainEqual(
      expect.objectContaining({
        fileName: 'BCF plan 2025-26.pdf',
        mimeType: 'application/pdf',
        size: PDF.length,
      }),
    );
    const one = (await (await get(new URL(md.id as string).pathname)).json()) as { fileName: string };
    expect(one.fileName).toBe('BCF summary.md');
    const meeting = (await (
      await get(`/oparl/v1/meeting/${encodeURIComponent(`${BOARD}/${MEETING}`)}`)
    ).json()) as {
      agendaItem: { paper?: string; public: boolean; auxiliaryFile?: { accessUrl: string }[] }[];
    };
    const item = meeting.agendaItem.find((i) => i.paper?.endsWith(encodeURIComponent(BCF)))!;
    expect(item.auxiliaryFile?.map((f) => f.accessUrl).sort()).toEqual(
      [
        `${PUBLIC_URL}${href(BCF, PDF)}`,
        `${PUBLIC_URL}${href(BCF, MARKDOWN)}`,
        `${PUBLIC_URL}${href(BCF, DOCX)}`,
      ].sort(),
    );
    expect(meeting.agendaItem.find((i) => !i.public)).not.toHaveProperty('auxiliaryFile');
    const exemptPaper = await (await get(`/oparl/v1/paper/${encodeURIComponent(CARE_HOMES)}`)).text();
    expect(exemptPaper).not.toContain('/reports/');
    const files = await (await get('/oparl/v1/body/register/file?limit=100')).text();
    expect(files).not.toContain(SECRET);
    expect(files).not.toContain(sha(EXEMPT_PDF));
    expect(files).not.toContain(sha(PRIVATE_MD));
  });

  it('reaches every report from the home page with no broken link, and nothing exempt anywhere', async () => {
    const seen = new Map<string, string>();
    const queue = ['/'];
    while (queue.length) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      const response = await get(at);
      expect(response.status, at).toBe(200);
      const type = response.headers.get('content-type') ?? '';
      const body = await response.text();
      seen.set(at, body);
      const links = type.startsWith('text/html')
        ? [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
        : type.startsWith('application/json')
          ? [...body.matchAll(/"(https:\/\/register\.example\.org[^"]*)"/g)].map((m) => m[1]!)
          : [];
      for (const link of links) {
        if (/^(https?:)?\/\//.test(link) && !link.startsWith(PUBLIC_URL)) continue;
        const url = new URL(link.replace(PUBLIC_URL, ''), 'http://x');
        queue.push(url.pathname + url.search);
      }
    }
    expect([...seen.keys()]).toEqual(expect.arrayContaining([href(BCF, PDF), href(BCF, MARKDOWN)]));
    for (const [at, body] of seen) {
      expect(body, at).not.toContain(SECRET);
      expect(at).not.toContain(sha(EXEMPT_PDF));
      expect(at).not.toContain(sha(PRIVATE_MD));
    }
  });

  describe.skipIf(!requireChromium())('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('passes axe-core WCAG 2.2 AA on the pages that link reports', async () => {
      const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      // CSP bypassed only so axe-core can be injected; the pages themselves carry no scripts.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      try {
        for (const at of [`/meetings/${BOARD}/${MEETING}`, '/decisions', '/forward-plan']) {
          await page.goto(`${server.url}${at}`);
          await page.getByRole('link', { name: 'Report: BCF summary.md' }).first().waitFor();
          await page.addScriptTag({ content: axe });
          const violations = await page.evaluate(`axe.run(document, { runOnly: { type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
            .then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
          expect(violations, at).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  });
});
