/**
 * The public pooled-budget pages (issue 16, "Everywhere"; P6: southampton-2017 ¶24, bath-nes-2012 ¶3.3) on the
 * real stack: a PGlite register on disk filled with entries shaped exactly as workflows/pooled-budget/ records
 * them, the publication server over HTTP, Debian's Chromium.
 * - /pooled-budgets, linked from the home page, lists the board's years; each year's page shows the schemes
 *   with their kind, budget, committed, reserved and headroom as the latest report showed them, each
 *   partner's contribution, the in-year variations, the section 75 review with each partner's share, and
 *   whether the next year's contributions are agreed or provisional (read afresh: agreed once both are).
 * - Crawled from the home page: no broken link; no officer's address; axe-core finds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../activities/contract';
import { openRegister, type Register } from '../../activities/records/register';
import { formatGbp } from '../../governance/money';
import { shareVariance } from '../../governance/pooled-budget-year';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { launchChromium, requireChromium } from '../support/browser';
import { BOARD, boardEstablished, entry } from '../support/register-entries';
import { axeViolations, crawl } from './crawl';

const PUBLIC_URL = 'https://register.example.org';
const PROCESS = `pooled-budget/${BOARD}`;
const YEAR = '2027-28';
const NEXT = '2028-29';
const YEAR_PAGE = `/pooled-budgets/${BOARD}/${YEAR}`;
const NEXT_PAGE = `/pooled-budgets/${BOARD}/${NEXT}`;
const OFFICERS = ['dsu@example.org', 'clerk.council@example.org', 'clerk.icb@example.org'];

/** An entry of the pooled-budget process (one workflow ID for every year: continue-as-new), on its day. */
const fromPool = (kind: string, data: Record<string, unknown>, at: string): RegisterEntry => ({
  ...entry(kind, data, PROCESS),
  at: `${at}T09:00:00.000Z`,
});

/** SchemeFigures as PooledBudgetState.figures() gives them. */
const figures = (id: string, name: string, budgetGbp: number, committedGbp: number, reservedGbp: number) => ({
  id,
  name,
  budgetGbp,
  reservedGbp,
  committedGbp,
  headroomGbp: budgetGbp - committedGbp - reservedGbp,
});

const contributions = {
  bcf: { council: 10_600_000, nhs: 15_000_000 },
  ld: { council: 1_000, nhs: 999.99 },
};
const nextContributions = {
  bcf: { council: 11_000_000, nhs: 15_500_000 },
  ld: { council: 1_200, nhs: 1_300 },
};

/** The section 75 review's schemes as yearEndReview() computes them (rule: in proportion to contributions). */
function reviewed(s: ReturnType<typeof figures>, c: Record<string, number>) {
  const varianceGbp = s.committedGbp - s.budgetGbp;
  return {
    ...s,
    contributions: c,
    varianceGbp,
    shares: shareVariance(varianceGbp, c, { rule: 'contributions' }),
  };
}

function entries(): RegisterEntry[] {
  const bcfEnd = figures('bcf', 'Better Care Fund', 25_600_000, 25_900_000, 0);
  const ldEnd = figures('ld', 'Learning disabilities', 2_500, 2_000, 0);
  return [
    boardEstablished(),
    fromPool(
      'pooled-budget-opened',
      {
        financialYear: YEAR,
        schemes: [
          figures('bcf', 'Better Care Fund', 25_600_000, 0, 0),
          figures('ld', 'Learning disabilities', 1_999.99, 0, 0),
        ],
        carried: [],
      },
      '2027-04-01',
    ),
    fromPool(
      'budget-reserved',
      { holder: `decision/${BOARD}/2027-031`, schemeId: 'bcf', amountGbp: 1_500_000 },
      '2027-05-12',
    ),
    fromPool(
      'budget-varied',
      {
        schemeId: 'ld',
        budgetGbp: 2_500,
        reason: `Winter pressures on <respite> care; questions to ${OFFICERS[0]}`,
        by: OFFICERS[0],
      },
      '2027-09-10',
    ),
    fromPool(
      'budget-monitoring-report',
      {
        on: '2027-10-01',
        schemes: [
          figures('bcf', 'Better Care Fund', 25_600_000, 1_200_000, 300_000),
          figures('ld', 'Learning disabilities', 2_500, 400, 100),
        ],
      },
      '2027-10-01',
    ),
    fromPool(
      'pooled-budget-year-end',
      {
        financialYear: YEAR,
        schemes: [reviewed(bcfEnd, contributions.bcf), reviewed(ldEnd, contributions.ld)],
        variations: [
          {
            schemeId: 'ld',
            fromGbp: 1_999.99,
            toGbp: 2_500,
            reason: 'Winter pressures on <respite> care',
            by: OFFICERS[0],
            at: '2027-09-10T09:00:00.000Z',
          },
        ],
        riskShare: { rule: 'contributions' },
        nextYear: { financialYear: NEXT, contributions: 'provisional', dueOn: '2028-04-28' },
      },
      '2028-04-01',
    ),
    fromPool(
      'pooled-budget-opened',
      {
        financialYear: NEXT,
        schemes: [bcfEnd, ldEnd].map((s) => figures(s.id, s.name, s.budgetGbp, 0, 0)),
        carried: [],
        contributions: 'provisional',
        agreementDueOn: '2028-04-28',
        awaiting: ['council', 'nhs'],
      },
      '2028-04-01',
    ),
    agreedBy('council', 'CAB-2028-041', OFFICERS[1]!, '2028-04-20'),
  ];
}

const agreedBy = (body: string, reference: string, by: string, on: string) =>
  fromPool(
    'pooled-budget-contributions-agreed-by-body',
    { financialYear: NEXT, body, reference, by, contributions: nextContributions },
    on,
  );

const hasChromium = requireChromium();

describe('the public pooled-budget pages', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-pooled-budgets-'));
  let register: Register;
  let server: PublicationServer;
  let browser: Browser | undefined;
  const text = async (at: string) => (await fetch(`${server.url}${at}`)).text();
  /** The page's text as read, without tags, whitespace collapsed. */
  const words = async (at: string) =>
    (await text(at))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/&#39;|&rsquo;/g, '’');

  beforeAll(async () => {
    register = await openRegister({ dataDir });
    for (const e of entries()) await register.record(e);
    server = await startPublicationServer({ register, port: 0, publicUrl: PUBLIC_URL });
    if (hasChromium) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists each board’s years, linked from the home page', async () => {
    expect(await text('/')).toContain('href="/pooled-budgets"');
    const list = await text('/pooled-budgets');
    expect(list).toContain(`href="${YEAR_PAGE}"`);
    expect(list).toContain(`href="${NEXT_PAGE}"`);
    expect(await words('/pooled-budgets')).toContain('Southampton Joint Commissioning Board');
    expect((await fetch(`${server.url}/pooled-budgets/${BOARD}/2031-32`)).status).toBe(404);
  });

  it('shows a year’s schemes, contributions, variations and its section 75 review', async () => {
    const page = await words(YEAR_PAGE);
    expect(page).toContain(`Pooled budgets ${YEAR}: Southampton Joint Commissioning Board`);
    // After the review the schemes stand as the review showed them, with the kind the board gave each.
    expect(page).toMatch(/Better Care Fund Section 75 pooled fund £25,600,000 £25,900,000 £0 -£300,000/);
    expect(page).toMatch(/Learning disabilities Aligned budget £2,500 £2,000 £0 £500/);
    expect(page).toMatch(/Scheme Southampton City Council NHS Hampshire and Isle of Wight ICB/);
    expect(page).toContain('Better Care Fund £10,600,000 £15,000,000');
    expect(page).toContain('Learning disabilities £1,000 £999.99');
    expect(page).toMatch(
      /10 September 2027 Learning disabilities £1,999.99 £2,500 Winter pressures on &lt;respite&gt; care; questions to \(address withheld\)/,
    );
    expect(page).toContain('Reported to both parent bodies on 1 April 2028');
    expect(page).toContain('in proportion to contributions');
    const bcfShares = shareVariance(300_000, contributions.bcf, { rule: 'contributions' });
    expect(page).toContain(
      `Better Care Fund £25,600,000 £25,900,000 Overspent by £300,000 ${formatGbp(bcfShares.council!)} ${formatGbp(bcfShares.nhs!)}`,
    );
    expect(page).toContain('Underspent by £500');
    expect(page).toContain(
      `Provisional: ${NEXT} runs on ${YEAR}’s contributions until both parent bodies agree (due by 28 April 2028)`,
    );
  });

  it('shows a year in progress as its latest monitoring report did', async () => {
    // A register holding the first year only up to its monitoring report.
    const partial = await openRegister({
      dataDir: mkdtempSync(path.join(tmpdir(), 'govflow-pooled-partial-')),
    });
    try {
      for (const e of entries().slice(0, 5)) await partial.record(e);
      const only = await startPublicationServer({ register: partial, port: 0 });
      try {
        const page = (await (await fetch(`${only.url}${YEAR_PAGE}`)).text())
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ');
        expect(page).toContain('as the budget monitoring report showed them on 1 October 2027');
        expect(page).toMatch(
          /Better Care Fund Section 75 pooled fund £25,600,000 £1,200,000 £300,000 £24,100,000/,
        );
        expect(page).toMatch(/Learning disabilities Aligned budget £2,500 £400 £100 £2,000/);
        expect(page).toContain('The review of the year goes to both parent bodies after 31 March.');
      } finally {
        await only.close();
      }
    } finally {
      await partial.close();
    }
  });

  it('says the next year’s contributions are provisional until both parent bodies agree, then agreed', async () => {
    let next = await words(NEXT_PAGE);
    expect(next).toContain(
      `Provisional: the year runs on last year’s contributions until both parent bodies agree this year’s (due by 28 April 2028)`,
    );
    expect(next).toContain('Southampton City Council agreed on 20 April 2028 (reference CAB-2028-041)');
    await register.record(agreedBy('nhs', 'ICB-2028-17', OFFICERS[2]!, '2028-04-25'));
    await register.record(
      fromPool(
        'pooled-budget-contributions-agreed',
        {
          financialYear: NEXT,
          agreed: [
            { body: 'council', reference: 'CAB-2028-041', by: OFFICERS[1], at: '2028-04-20T09:00:00.000Z' },
            { body: 'nhs', reference: 'ICB-2028-17', by: OFFICERS[2], at: '2028-04-25T09:00:00.000Z' },
          ],
          schemes: [
            figures('bcf', 'Better Care Fund', 26_500_000, 0, 0),
            figures('ld', 'Learning disabilities', 2_500, 0, 0),
          ],
        },
        '2028-04-25',
      ),
    );
    next = await words(NEXT_PAGE);
    expect(next).toContain('Both parent bodies agreed this year’s contributions on 25 April 2028');
    expect(next).toContain('Better Care Fund £11,000,000 £15,500,000');
    expect(next).toMatch(/Better Care Fund Section 75 pooled fund £26,500,000 £0 £0 £26,500,000/);
    expect(await words(YEAR_PAGE)).toContain(`Agreed: both parent bodies agreed them on 25 April 2028`);
  });

  it('is reached by a crawl from the home page with no broken link and no officer’s address', async () => {
    const { pages } = await crawl(server.url, PUBLIC_URL);
    for (const at of ['/pooled-budgets', YEAR_PAGE, NEXT_PAGE]) {
      expect(pages.has(at), at).toBe(true);
      expect(pages.get(at)!.body, at).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
    for (const officer of OFFICERS)
      for (const [at, { body }] of pages) expect(body, `${officer} on ${at}`).not.toContain(officer);
  });

  it.skipIf(!hasChromium)('has no axe-core violations in Chromium', async () => {
    expect(await axeViolations(browser!, server.url, ['/', '/pooled-budgets', YEAR_PAGE, NEXT_PAGE])).toEqual(
      {},
    );
  });
});
