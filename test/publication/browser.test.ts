/**
 * The public pages in a real headless Chromium, as the public and a newcomer see them: headings, tables,
 * escaped text that stays text, exempt items as their notice only, and no mail store (it is the console's).
 * Screenshots go to test-artifacts/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../activities/records/register';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { launchChromium, requireChromium } from '../support/browser';
import {
  agendaExempt,
  agendaPublic,
  BCF,
  CARE_HOMES,
  boardEstablished,
  decisionExempt,
  decisionPublic,
  forwardPlanExempt,
  forwardPlanPublic,
  meetingScheduled,
  SECRET,
} from '../support/register-entries';

const ARTIFACTS = path.resolve('test-artifacts');
const hasChromium = requireChromium();

describe.skipIf(!hasChromium)('public pages in Chromium', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-publication-'));
  let register: Register;
  let server: PublicationServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
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
    ]) {
      await register.record(e);
    }
    server = await startPublicationServer({ register, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(route: string, shot: string): Promise<void> {
    const response = await page.goto(`${server.url}${route}`);
    expect(response?.status(), route).toBe(200);
    await page.screenshot({ path: path.join(ARTIFACTS, `publication-${shot}.png`), fullPage: true });
    // Plain, accessible structure on every page.
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await page.locator('h1').count()).toBe(1);
    for (const table of await page.locator('table').all()) {
      expect(await table.locator('caption').count()).toBe(1);
      expect(await table.locator('th[scope]').count()).toBeGreaterThan(0);
    }
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('body').innerText()).not.toContain(SECRET);
  }

  it('shows the Forward Plan with what reg 9 asks for, and the exempt entry as its notice only', async () => {
    await open('/forward-plan', 'forward-plan');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Forward Plan');
    const entries = page.locator('main section');
    expect(await entries.count()).toBe(2);
    const publicEntry = await entries.nth(0).innerText();
    expect(publicEntry).toContain('Better Care Fund plan 2025/26 & <b>carers</b>');
    expect(publicEntry).toMatch(/Reference\s+2025-014/);
    expect(publicEntry).toMatch(/Decision maker\s+Southampton Joint Commissioning Board/);
    expect(publicEntry).toMatch(/Decision due\s+Tuesday 1 April 2025/);
    expect(publicEntry).toMatch(/Key decision\s+Yes/);
    expect(publicEntry).toMatch(/Wards affected\s+Bargate, Portswood/);
    expect(publicEntry).toContain('Documents to be considered');
    expect(publicEntry).toMatch(/Contact officer\s+Not recorded/);
    expect(publicEntry).toMatch(/Notice published\s+4 March 2025/);
    // The decision maker is named once, not again as the board.
    expect(publicEntry.match(/Southampton Joint Commissioning Board/g)).toHaveLength(1);
    const exemptEntry = await entries.nth(1).innerText();
    expect(exemptEntry).toContain('Exempt under paragraph 3 of Schedule 12A');
    expect(exemptEntry).toContain('financial or business affairs');
    expect(exemptEntry).not.toMatch(/Care home|contract/i);
    await page.getByRole('link', { name: 'the agenda of the meeting on 1 April 2025' }).click();
    expect(page.url()).toBe(`${server.url}/meetings/southampton-jcb/2025-04-01`);
    await page.goto(`${server.url}/forward-plan`);
    expect(await page.locator('link[rel=alternate][type="text/calendar"]').getAttribute('href')).toBe(
      '/forward-plan.ics',
    );
  });

  it('shows decisions with reasons, alternatives, interests and votes by partner', async () => {
    await open('/decisions', 'decisions');
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings).toEqual(
      expect.arrayContaining([
        'Better Care Fund plan 2025/26 & <b>carers</b>',
        'Exempt under paragraph 3 of Schedule 12A',
      ]),
    );
    const bcf = page.locator(`section[id="${BCF}"]`);
    const text = await bcf.innerText();
    expect(text).toContain('The plan is approved <img src=x onerror="window.__pwned=1">.');
    expect(text).toContain('Roll over last year’s plan');
    expect(text).toContain('Carol Ng: Trustee of a carers’ charity');
    expect(text).toContain('£25,600,000.00');
    expect(text).toMatch(/Reasons\s+It meets the national conditions\.\s+Both partners agreed\./);
    expect(text).toMatch(/Dispensations\s+None recorded\./);
    expect(text).toContain(
      'Open to call-in until the end of Wednesday 9 April 2025. If it is not called in, it may be implemented from Thursday 10 April 2025.',
    );
    expect(text.match(/Southampton Joint Commissioning Board/g)).toHaveLength(1);
    expect(await bcf.locator('img').count()).toBe(0);
    const votes = await bcf
      .getByRole('table', { name: 'Votes by partner' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(votes.map((v) => v.split('\t').map((c) => c.trim()))).toEqual([
      ['Southampton City Council', '2', '0', '0'],
      ['NHS Hampshire and Isle of Wight ICB', '1', '0', '0'],
    ]);
    const exempt = await page.locator(`section[id="${CARE_HOMES}"]`).innerText();
    expect(exempt).not.toMatch(/Reasons|Decision\n|Votes/);
  });

  it('shows a meeting’s agenda, with the exempt item as its notice only', async () => {
    await open('/meetings/southampton-jcb/2025-04-01', 'meeting');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Joint Commissioning Board');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Tuesday 1 April 2025 at 14:00');
    expect(text).toContain('Civic Centre, Southampton');
    const items = await page.locator('table:has(caption:text("Items of business")) tbody tr').allInnerTexts();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Better Care Fund plan 2025/26 & <b>carers</b>');
    // Its notice, and plainly that its report is not public: nothing of its content.
    expect(items[1]?.replace(/\s+/g, ' ').trim()).toBe(
      '2 Exempt under paragraph 3 of Schedule 12A Its report is not for publication. Decision',
    );
    await page.getByRole('link', { name: 'Decision', exact: true }).first().click();
    expect(page.url()).toBe(`${server.url}/decisions#${BCF}`);
    expect(await page.locator(`section[id="${BCF}"]`).isVisible()).toBe(true);
  });

  it('serves RSS that a browser parses as well-formed XML', async () => {
    const rss = await (await fetch(`${server.url}/decisions.rss`)).text();
    await page.goto(`${server.url}/`);
    // Evaluated in the page (a string, because this project's TypeScript has no DOM types).
    const parsed = (await page.evaluate(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(rss)}, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        titles: [...doc.querySelectorAll('item > title')].map((t) => t.textContent),
      };
    })()`)) as { error: string | null; titles: string[] };
    expect(parsed.error).toBeNull();
    expect(parsed.titles).toEqual(
      expect.arrayContaining([
        'Better Care Fund plan 2025/26 & <b>carers</b>',
        'Exempt under paragraph 3 of Schedule 12A',
      ]),
    );
  });
});
