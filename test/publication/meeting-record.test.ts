/**
 * The meeting page as the public reads it once the meeting has met (issues 14 item 9 and 18), and partnership
 * boards' recommendations to the JCB (issue 16 part 3), on the real stack: a PGlite register on disk filled
 * with entries shaped as the meeting and partnership-recommendation processes record them, reports on disk as
 * the console keeps them, the publication server over HTTP, Debian's Chromium.
 * - Each agenda item links its own report and documents, or says plainly it has none; an exempt one shows
 *   its notice and that its report is not for publication.
 * - Who was present and who sent apologies, per partner; the minutes, with exempt items by notice only.
 * - /recommendations, linked from the home page; the JCB item's agenda row, decision notice and Forward
 *   Plan entry say which partnership board recommended it; an exempt one shows its notice only.
 * - Crawled from the home page: no broken link, no member's address, no exempt text; axe-core finds nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../activities/contract';
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
import { axeViolations, crawl, type Crawled } from './crawl';

const PUBLIC_URL = 'https://register.example.org';
const LATER = '2025-05-06';
const APRIL = `/meetings/${BOARD}/${MEETING}`;
const MEETING_PROCESS = `meeting/${BOARD}/${MEETING}`;
const REPORT = Buffer.from('# Better Care Fund plan\n\nThe plan for the year.\n', 'utf8');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const EMAILS = ['alice@example.org', 'bob@example.org', 'carol@example.org', 'clerk@example.org'];

/** An entry of the meeting process, as its Effects write it (process meeting/<board>/<date>). */
const fromMeeting = (kind: string, data: Record<string, unknown>): RegisterEntry =>
  entry(kind, data, MEETING_PROCESS);

/** A partnership board's recommendation as its process records it: received, then the outcome reported back. */
function recommendation(
  ref: string,
  title: string,
  text: string,
  exempt: { paragraph: number } | null,
  outcome?: string,
): RegisterEntry[] {
  const processId = `partnership-recommendation/${BOARD}/${ref}`;
  const common = { ref, title, partnershipBoard: 'ld-partnership' };
  return [
    entry(
      'partnership-recommendation-received',
      {
        ...common,
        partnershipBoardName: 'Learning Disabilities Partnership Board',
        recommendation: exempt ? `Exempt under paragraph ${exempt.paragraph} of Schedule 12A` : text,
        topic: `learning disabilities ${exempt ? SECRET : ''}`.trim(),
        exempt,
      },
      processId,
    ),
    ...(outcome
      ? [
          entry(
            'partnership-recommendation-outcome',
            {
              ...common,
              outcome,
              meeting: MEETING,
              decisionId: `decision/${BOARD}/${ref}`,
              reasons: ['It meets the national conditions.'],
            },
            processId,
          ),
        ]
      : []),
  ];
}

const PB01 = `decision/${BOARD}/2025-PB01`;
const PB03 = `decision/${BOARD}/2025-PB03`;

function entries(): RegisterEntry[] {
  return [
    boardEstablished(),
    meetingScheduled(),
    meetingScheduled(0, '2025-05-06T13:00:00Z', LATER),
    forwardPlanPublic(),
    forwardPlanExempt(),
    agendaPublic(),
    agendaExempt(),
    decisionPublic(),
    decisionExempt(),
    // An item with a document to be considered, and no report uploaded.
    entry(
      'forward-plan-published',
      {
        ref: '2025-016',
        title: 'Mobile library for care homes',
        meeting: MEETING,
        documents: [
          { title: 'Library service review', url: 'https://example.org/library-review.pdf' },
          { title: 'Care homes survey' },
        ],
      },
      LIBRARY,
    ),
    entry(
      'agenda-published',
      { ref: '2025-016', title: 'Mobile library for care homes', meeting: MEETING },
      LIBRARY,
    ),
    // The partnership board's recommendation, on the JCB's agenda and decided there.
    ...recommendation(
      '2025-PB01',
      'Short breaks for carers',
      'Fund short breaks for carers all year.',
      null,
      'implemented',
    ),
    entry(
      'forward-plan-published',
      { ref: '2025-PB01', title: 'Short breaks for carers', meeting: MEETING, exempt: null },
      PB01,
    ),
    entry(
      'agenda-published',
      { ref: '2025-PB01', title: 'Short breaks for carers', meeting: MEETING, exempt: null },
      PB01,
    ),
    {
      ...decisionPublic(PB01, 'Short breaks for carers'),
      data: { ...decisionPublic(PB01, 'Short breaks for carers').data, ref: '2025-PB01' },
    },
    // Exempt by its own record, not yet decided.
    ...recommendation('2025-PB02', `Placement of ${SECRET}`, `Place ${SECRET}`, { paragraph: 1 }),
    // Public by its own record, but its JCB item is taken in private: exempt everywhere.
    ...recommendation('2025-PB03', `Day centre ${SECRET}`, `Close ${SECRET}`, null),
    entry(
      'agenda-published',
      { ref: '2025-PB03', title: `Day centre ${SECRET}`, meeting: MEETING, exempt: { paragraph: 3 } },
      PB03,
    ),
    // The meeting day, as the meeting process records it.
    fromMeeting('attendance-recorded', {
      meeting: MEETING,
      present: ['cllr-a', 'ned-c'],
      apologies: ['cllr-b'],
      interests: [{ member: 'ned-c', ref: '2025-015', interest: `Director of the bidder ${SECRET}` }],
    }),
    fromMeeting('meeting-held', {
      meeting: MEETING,
      present: ['cllr-a', 'ned-c', 'dir-d'],
      apologies: ['cllr-b'],
      outcomes: [{ ref: '2025-014', outcome: 'consensus' }],
    }),
    fromMeeting('minutes-draft-published', {
      ...minutes(),
      publishedOn: '2025-04-08',
      by: 'clerk@example.org',
    }),
    fromMeeting('minutes-approved', {
      ...minutes(),
      approvedAt: LATER,
      amendments: 'Item 4: the resolution names the carers’ budget.',
    }),
  ];
}

/** The minutes as workflows/meeting/minutes.ts drafts them from the clerk's record. */
function minutes() {
  const tally = { for: 2, against: 0, abstain: 0, quorate: true };
  return {
    meeting: MEETING,
    startTime: '14:00',
    location: 'Civic Centre, Southampton',
    present: ['Cllr Alice <script>alert(1)</script> Shields', 'Carol Ng', 'Dev Patel'],
    apologies: ['Cllr Bob Payne'],
    items: [
      { kind: 'standing', number: 1, title: 'Apologies for absence' },
      { kind: 'standing', number: 2, title: 'Declarations of interest' },
      { kind: 'standing', number: 3, title: 'Minutes of the previous meeting' },
      {
        kind: 'business',
        number: 4,
        ref: '2025-014',
        title: 'Better Care Fund plan 2025/26',
        outcome: 'consensus',
        perPartner: { council: tally, nhs: { ...tally, for: 1 } },
        deferred: null,
        resolution: 'The plan is approved with the carers’ budget protected.',
        reasons: ['It meets the national conditions.', 'Southampton City Council: 2 for, 0 against'],
        alternativesRejected: ['Roll over last year’s plan'],
        interests: [{ member: 'Carol Ng', interest: 'Trustee of a carers’ charity' }],
      },
      { kind: 'exclusion', number: 5, title: 'Exclusion of the press and public' },
      {
        kind: 'exempt',
        number: 6,
        ref: '2025-015',
        paragraph: 3,
        outcome: 'consensus',
        perPartner: { council: tally },
        deferred: null,
      },
    ],
    deferred: [],
  };
}

const hasChromium = requireChromium();

describe.skipIf(!hasChromium)('the public meeting record and partnership boards’ recommendations', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-meeting-record-'));
  const reportsDir = path.join(dataDir, 'reports');
  let register: Register;
  let server: PublicationServer;
  let browser: Browser;
  let crawled: Crawled;
  const text = (at: string) => crawled.pages.get(at)!.body.replace(/\s+/g, ' ');

  beforeAll(async () => {
    register = await openRegister({ dataDir });
    for (const e of entries()) await register.record(e);
    // A report for the public item, and one for the exempt item, kept as console/reports.ts keeps them.
    for (const [workflowId, fileName] of [
      [BCF, 'BCF plan.md'],
      [CARE_HOMES, `Tender ${SECRET}.md`],
    ] as const) {
      const data = workflowId === BCF ? REPORT : Buffer.from(`# ${SECRET}\n`);
      const dir = path.join(reportsDir, BOARD, workflowId.split('/')[2]!);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${sha(data)}.md`), data);
      await register.db.query(
        `insert into item_reports (workflow_id, sha256, file_name, media_type, bytes, path, uploaded_by)
         values ($1, $2, $3, 'text/markdown; charset=utf-8', $4, $5, 'officer@example.org')`,
        [workflowId, sha(data), fileName, data.length, path.join(dir, `${sha(data)}.md`)],
      );
    }
    server = await startPublicationServer({ register, port: 0, publicUrl: PUBLIC_URL, reportsDir });
    browser = await launchChromium();
    crawled = await crawl(server.url, PUBLIC_URL);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('links each agenda item’s own report and documents, or says it has none; an exempt item’s never', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}${APRIL}`);
      const rows = page.locator('table:has(caption:text("Items of business")) tbody tr');
      const row = (name: string) => rows.filter({ hasText: name });
      await expect(
        row('Better Care Fund')
          .getByRole('link', { name: /Report: BCF plan\.md/ })
          .count(),
      ).resolves.toBe(1);
      const bcfHref = await row('Better Care Fund')
        .getByRole('link', { name: /Report:/ })
        .getAttribute('href');
      expect(bcfHref).toBe(`/reports/${BOARD}/2025-014/${sha(REPORT)}`);
      const library = await row('Mobile library').innerText();
      expect(library).toContain('Document to be considered: Library service review');
      expect(library).toContain('Document to be considered: Care homes survey');
      expect(
        await row('Mobile library')
          .getByRole('link', { name: 'Library service review' })
          .getAttribute('href'),
      ).toBe('https://example.org/library-review.pdf');
      expect(await row('Short breaks').innerText()).toContain('No report has been published for this item.');
      const exempt = await row('Exempt under paragraph 3').first().innerText();
      expect(exempt).toContain('Its report is not for publication.');
      expect(
        await row('Exempt under paragraph 3')
          .first()
          .getByRole('link', { name: /Report/ })
          .count(),
      ).toBe(0);
    } finally {
      await page.close();
    }
    expect(text(APRIL)).not.toContain('Tender');
  });

  it('shows who was present and who sent apologies, per partner, and the approved minutes', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}${APRIL}`);
      // For a person to look at: test-artifacts/ (ignored by git).
      mkdirSync(path.resolve('test-artifacts'), { recursive: true });
      await page.screenshot({
        path: path.resolve('test-artifacts/publication-meeting-record.png'),
        fullPage: true,
      });
      const attendance = page.locator('table:has(caption:text("Members present and apologies"))');
      expect(await attendance.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(
          /^Southampton City Council\s+Cllr Alice <script>alert\(1\)<\/script> Shields\s+Cllr Bob Payne$/,
        ),
        expect.stringMatching(/^NHS Hampshire and Isle of Wight ICB\s+Carol Ng, Dev Patel\s+None$/),
      ]);
      expect(await page.getByRole('heading', { name: 'Minutes', exact: true }).count()).toBe(1);
      const minutes = await page.locator('ol.minutes').innerText();
      expect(minutes).toContain('Apologies for absence');
      expect(minutes).toContain('Resolved\nThe plan is approved with the carers’ budget protected.');
      expect(minutes).toContain('Southampton City Council: 2 for, 0 against, 0 abstaining');
      expect(minutes).toContain('Carol Ng: Trustee of a carers’ charity');
      expect(minutes).toContain('Exempt under paragraph 3 of Schedule 12A');
      // The vote count is not a reason; an exempt item carries nothing but its notice.
      expect(minutes.match(/2 for, 0 against/g)).toHaveLength(1);
      expect(minutes.match(/Agreed by both partners/g)).toHaveLength(1);
      expect(await page.locator('main').innerText()).toContain(
        'Amended on approval: Item 4: the resolution names the carers’ budget.',
      );
    } finally {
      await page.close();
    }
    expect(text(APRIL)).toContain('<dt>Minutes</dt> <dd>Approved at the meeting on 6 May 2025</dd>');
    const may = text(`/meetings/${BOARD}/${LATER}`);
    expect(may).toContain('Not yet recorded: the clerk records who is present');
    expect(may).not.toContain('<h2>Minutes');
  });

  it('lists partnership boards’ recommendations and says on the JCB item which board recommended it', async () => {
    expect(crawled.pages.get('/')!.body).toContain('href="/recommendations"');
    const link = `<a href="/recommendations#partnership-recommendation/${BOARD}/2025-PB01">Learning Disabilities Partnership Board</a>`;
    expect(text(APRIL)).toContain(`Recommended by ${link}`);
    expect(text('/decisions')).toContain(`Recommended by ${link}`);
    expect(text('/forward-plan')).toContain(`Recommended by ${link}`);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/recommendations`);
      const pb01 = await page
        .locator(`section[id="partnership-recommendation/${BOARD}/2025-PB01"]`)
        .innerText();
      expect(pb01).toMatch(/Recommendation\s+Fund short breaks for carers all year\./);
      expect(pb01).toMatch(/From\s+Learning Disabilities Partnership Board/);
      expect(pb01).toMatch(/JCB meeting\s+Tuesday 1 April 2025/);
      expect(pb01).toMatch(/Outcome reported back\s+Agreed by the JCB and implemented/);
      expect(
        await page
          .locator(`section[id="partnership-recommendation/${BOARD}/2025-PB01"]`)
          .getByRole('link', { name: 'Decision notice 2025-PB01' })
          .getAttribute('href'),
      ).toBe(`/decisions#${PB01}`);
      const pb02 = await page
        .locator(`section[id="partnership-recommendation/${BOARD}/2025-PB02"]`)
        .innerText();
      expect(pb02).toMatch(/^Exempt under paragraph 1 of Schedule 12A/);
      expect(pb02).toMatch(/Reported back\s+Not yet/);
      const pb03 = await page
        .locator(`section[id="partnership-recommendation/${BOARD}/2025-PB03"]`)
        .innerText();
      expect(pb03).toMatch(/^Exempt under Schedule 12A/);
      expect(pb03).not.toContain('Day centre');
    } finally {
      await page.close();
    }
  });

  it('is reached from the home page with no broken link, no member’s address and no exempt text', () => {
    expect([...crawled.pages.keys()]).toEqual(
      expect.arrayContaining(['/recommendations', APRIL, `/reports/${BOARD}/2025-014/${sha(REPORT)}`]),
    );
    for (const [at, { body }] of crawled.pages) {
      for (const email of EMAILS) expect(body, `${email} on ${at}`).not.toContain(email);
      expect(body, at).not.toContain(SECRET);
    }
  });

  it('keeps the meeting page a valid schema.org Event', () => {
    const block = crawled.pages
      .get(APRIL)!
      .body.match(/<script type="application\/ld\+json">(.*?)<\/script>/s);
    expect(JSON.parse(block![1]!)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      startDate: '2025-04-01T13:00:00Z',
      location: { '@type': 'Place', name: 'Civic Centre, Southampton' },
    });
  });

  it('passes axe-core WCAG 2.2 AA on every page it reaches, in Chromium', async () => {
    const html = [...crawled.pages].filter(([, p]) => p.type.startsWith('text/html')).map(([at]) => at);
    expect(html).toEqual(expect.arrayContaining(['/recommendations', APRIL, `/meetings/${BOARD}/${LATER}`]));
    expect(await axeViolations(browser, server.url, html)).toEqual({});
  });
});
