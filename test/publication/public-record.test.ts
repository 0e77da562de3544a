/**
 * The public record as a newcomer and a civic-tech reuser meet it (issue 18), on the real stack: a PGlite
 * register on disk, the publication server over HTTP, Debian's Chromium.
 * - A crawler from the home page follows every link of every page, and every URL of the OParl API:
 *   nothing broken, no anchor missing, no member's email address anywhere (feeds included).
 * - The decision notice never gives the vote count as the reasons; what is not recorded says so.
 * - OParl: CORS, JSON, pagination by links.next, the same ids after a restart.
 * - axe-core (WCAG 2.2 AA) finds nothing on any page; search is a GET form answered on the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../activities/contract';
import { openRegister, type Register } from '../../activities/records/register';
import { PRESETS } from '../../governance/standing-orders';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { launchChromium, requireChromium } from '../support/browser';
import {
  agendaExempt,
  agendaPublic,
  BCF,
  boardEstablished,
  decisionExempt,
  decisionFromWorkflow,
  decisionPublic,
  entry,
  forwardPlanExempt,
  forwardPlanPublic,
  LIBRARY,
  MEETING,
  meetingScheduled,
  SECRET,
} from '../support/register-entries';
import { axeViolations, crawl } from './crawl';

const PUBLIC_URL = 'https://register.example.org';
const LATER = '2025-05-06';
const PRESET = 'wiltshire-adult-jcb';
const wiltshire = PRESETS[PRESET];

/** Every email address anywhere in the presets' standing orders, and in the register's own entries. */
const EMAILS = [
  ...new Set([
    ...JSON.stringify(PRESETS).match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g)!,
    'alice@example.org',
    'bob@example.org',
    'carol@example.org',
  ]),
];

/** A preset board running decisions without being established on this register, with its members. */
const presetEntry = (kind: string, data: Record<string, unknown>, processId: string): RegisterEntry => ({
  ...entry(kind, data, processId),
  boardId: PRESET,
});

function entries(): RegisterEntry[] {
  return [
    boardEstablished(),
    meetingScheduled(),
    {
      ...meetingScheduled(0, '2025-05-06T13:00:00Z', LATER),
      data: { ...meetingScheduled(0, '2025-05-06T13:00:00Z', LATER).data, attendance: 'hybrid' },
    },
    forwardPlanPublic(),
    forwardPlanExempt(),
    agendaPublic(),
    agendaExempt(),
    decisionPublic(),
    decisionExempt(),
    // Deferred from the April meeting to May, decided there as the decision workflow records it.
    entry(
      'forward-plan-published',
      { ref: '2025-016', title: 'Mobile library for care homes', meeting: MEETING, exempt: null },
      LIBRARY,
    ),
    entry(
      'agenda-published',
      { ref: '2025-016', title: 'Mobile library for care homes', meeting: MEETING },
      LIBRARY,
    ),
    entry(
      'agenda-published',
      { ref: '2025-016', title: 'Mobile library for care homes', meeting: LATER },
      LIBRARY,
    ),
    { ...decisionFromWorkflow(), data: { ...decisionFromWorkflow().data, meeting: LATER } },
    presetEntry(
      'forward-plan-published',
      {
        ref: 'W-001',
        title: 'Reablement service',
        meeting: '2025-04-15',
        summary: 'Extend the reablement service.',
        contact: 'Democratic Services, 01225 000000',
        documents: [{ title: 'Report of the Director of Adult Care' }],
      },
      'decision/wiltshire-adult-jcb/W-001',
    ),
    presetEntry(
      'agenda-published',
      { ref: 'W-001', title: 'Reablement service', meeting: '2025-04-15' },
      'decision/wiltshire-adult-jcb/W-001',
    ),
    // Not agreed at the meeting; resolved on escalation by the chief executives (the workflow's step id).
    presetEntry(
      'decision-published',
      {
        ref: 'W-001',
        title: 'Reablement service',
        meeting: '2025-04-15',
        decidedBy: 'chief-executives',
        published: '2025-05-20',
        summary: 'Extend the reablement service for a year.',
        reasons: ['It keeps people at home after a hospital stay.'],
        callIn: { windowEnds: '2025-05-28' },
      },
      'decision/wiltshire-adult-jcb/W-001',
    ),
  ];
}

const hasChromium = requireChromium();

describe.skipIf(!hasChromium)('the public record, crawled', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-public-record-'));
  let register: Register;
  let server: PublicationServer;
  let browser: Browser;
  /** Every page reached from the home page, by path, with its body. */
  const pages = new Map<string, { type: string; body: string }>();
  const local = (url: string) => url.replace(PUBLIC_URL, server.url);

  beforeAll(async () => {
    register = await openRegister({ dataDir });
    for (const e of entries()) await register.record(e);
    // The preset board's members (with their email addresses) are on the register too.
    await register.record(
      presetEntry(
        'board-established',
        {
          name: wiltshire.board.name,
          partners: wiltshire.partners,
          establishedOn: '2025-01-01',
          members: wiltshire.members,
        },
        'board/wiltshire-adult-jcb',
      ),
    );
    server = await startPublicationServer({
      register,
      port: 0,
      publicUrl: PUBLIC_URL,
      council: { name: 'Example Borough Council', colour: '#6f2c91' },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await register?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reaches every page, feed and API object from the home page: no broken link, no missing anchor', async () => {
    const crawled = await crawl(server.url, PUBLIC_URL);
    for (const [at, page] of crawled.pages) pages.set(at, page);
    const { anchors } = crawled;
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining([
        '/forward-plan',
        '/decisions',
        '/meetings',
        '/meetings/southampton-jcb/2025-04-01',
        '/meetings/wiltshire-adult-jcb/2025-04-15',
        '/search',
        '/accessibility',
        '/recommendations',
        '/public-consultations',
        '/decisions.rss',
        '/forward-plan.ics',
        '/oparl/v1',
        '/oparl/v1/body/register/meeting',
        `/oparl/v1/paper/${encodeURIComponent(BCF)}`,
        `/oparl/v1/meeting/${encodeURIComponent('southampton-jcb/2025-04-01')}`,
        `/oparl/v1/consultation/${encodeURIComponent(BCF)}/${encodeURIComponent('southampton-jcb/2025-04-01')}`,
      ]),
    );
    // Every meeting, agenda item and paper on the register is reached both ways.
    for (const m of await register.meetings()) {
      expect([...pages.keys()]).toContain(`/meetings/${m.meetingId}`);
      expect([...pages.keys()]).toContain(`/oparl/v1/meeting/${encodeURIComponent(m.meetingId)}`);
      for (const item of m.agenda)
        expect([...pages.keys()]).toContain(
          `/oparl/v1/agendaItem/${encodeURIComponent(m.meetingId)}/${encodeURIComponent(item.itemId)}`,
        );
    }
    for (const d of await register.decisions()) {
      expect([...pages.keys()]).toContain(`/oparl/v1/paper/${encodeURIComponent(d.decisionId)}`);
      expect(anchors).toContainEqual(expect.objectContaining({ to: '/decisions', id: d.decisionId }));
    }
    for (const [at, { body }] of pages) {
      for (const email of EMAILS)
        expect(body.toLowerCase(), `${email} on ${at}`).not.toContain(email.toLowerCase());
      expect(body, at).not.toContain(SECRET);
    }
  });

  it('names boards by name, the decision maker once, and links a deferred item to where it was decided', async () => {
    const meetings = pages.get('/meetings')!.body;
    expect(meetings).toContain('Meeting of Wiltshire');
    expect(meetings).not.toContain('Meeting of wiltshire-adult-jcb');
    expect(meetings).not.toMatch(/Published (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/);
    const april = pages.get('/meetings/southampton-jcb/2025-04-01')!.body;
    expect(april.replace(/\s+/g, ' ')).toContain('<dt>Minutes</dt> <dd>Not yet published</dd>');
    expect(april).toContain('Deferred to <a href="/meetings/southampton-jcb/2025-05-06">a later meeting</a>');
    const plan = pages.get('/forward-plan')!.body;
    expect(plan).toContain(wiltshire.board.name);
    expect(plan).not.toContain('>wiltshire-adult-jcb<');
    expect(plan).toContain('Democratic Services, 01225 000000');
    expect(plan).toContain('Report of the Director of Adult Care');
    expect(plan).not.toMatch(/Published (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/);
  });

  it('never gives the vote count as the reasons: the notice says they are not recorded', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/decisions`);
      const library = await page.locator(`section[id="${LIBRARY}"]`).innerText();
      expect(library).toMatch(/Reasons\s+Not recorded/);
      expect(library).toMatch(/Alternatives considered and rejected\s+Not recorded\./);
      expect(library).toMatch(/How the votes were counted\s+Southampton City Council: 2 for/);
      expect(library.indexOf('2 for, 0 against')).toBeGreaterThan(
        library.indexOf('How the votes were counted'),
      );
      expect(library).toContain('it may be implemented from Thursday 10 April 2025');
      const escalated = await page.locator('section[id="decision/wiltshire-adult-jcb/W-001"]').innerText();
      expect(escalated).toMatch(/Decision maker\s+The chief executives of both partners, on escalation/);
      expect(escalated).toMatch(new RegExp(`Board\\s+${wiltshire.board.name}`));
      expect(escalated).toMatch(/Reasons\s+It keeps people at home after a hospital stay\./);
      expect(escalated).toContain('If it is not called in, it may be implemented after that day.');
    } finally {
      await page.close();
    }
  });

  it('parses the feeds with standard parsers', async () => {
    const rss = await new Parser().parseString(pages.get('/decisions.rss')!.body);
    expect(rss.items.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        'Better Care Fund plan 2025/26 & <b>carers</b>',
        'Mobile library for care homes',
      ]),
    );
    expect(rss.items.every((i) => i.link?.startsWith(`${PUBLIC_URL}/decisions#`))).toBe(true);
    const library = rss.items.find((i) => i.title === 'Mobile library for care homes')!;
    expect(library.content).toContain('Reasons: not recorded');
    expect(library.content).not.toContain('2 for');
    const calendar = new ICAL.Component(ICAL.parse(pages.get('/forward-plan.ics')!.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Key decision: Better Care Fund plan 2025/26 & <b>carers</b>']),
    );
    expect(events.every((e) => e.uid.endsWith('@govflow'))).toBe(true);
  });

  it('serves OParl 1.1 JSON with CORS, pages by links.next, and persons without email', async () => {
    const system = await fetch(`${server.url}/oparl/v1`);
    expect(system.headers.get('access-control-allow-origin')).toBe('*');
    expect(system.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await system.json()) as { type: string; body: string };
    expect(body.type).toBe('https://schema.oparl.org/1.1/System');
    const bodies = (await (await fetch(local(body.body))).json()) as { data: { meeting: string }[] };
    const seen: string[] = [];
    let next: string | undefined = `${bodies.data[0]!.meeting}?limit=1`;
    while (next) {
      const list = (await (await fetch(local(next))).json()) as {
        data: { id: string; type: string }[];
        links: { next?: string };
        pagination: { elementsPerPage: number };
      };
      expect(list.pagination.elementsPerPage).toBe(1);
      seen.push(...list.data.map((m) => m.id));
      next = list.links.next;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const persons = (await (await fetch(`${server.url}/oparl/v1/body/register/person?limit=100`)).json()) as {
      data: Record<string, unknown>[];
    };
    expect(persons.data.length).toBe(4 + wiltshire.members.length);
    for (const p of persons.data) expect(Object.keys(p)).not.toContain('email');
    expect((await fetch(`${server.url}/oparl/v1/body/register/meeting?page=0`)).status).toBe(400);
    expect((await fetch(`${server.url}/oparl/v1/meeting/nothing`)).status).toBe(404);
  });

  it('keeps every OParl id across a restart', async () => {
    const read = async () => {
      const ids: string[] = [];
      for (const list of [
        'organization',
        'person',
        'membership',
        'meeting',
        'agendaItem',
        'paper',
        'consultation',
        'file',
      ]) {
        const answer = (await (
          await fetch(`${server.url}/oparl/v1/body/register/${list}?limit=100`)
        ).json()) as {
          data: { id: string }[];
        };
        ids.push(...answer.data.map((o) => o.id));
      }
      return ids;
    };
    const before = await read();
    expect(before.length).toBeGreaterThan(20);
    await server.close();
    await register.close();
    register = await openRegister({ dataDir });
    server = await startPublicationServer({ register, port: 0, publicUrl: PUBLIC_URL });
    expect(await read()).toEqual(before);
  });

  it('describes each meeting as a schema.org Event', async () => {
    const html = (await (await fetch(`${server.url}/meetings/southampton-jcb/2025-04-01`)).text()).match(
      /<script type="application\/ld\+json">(.*?)<\/script>/s,
    );
    const event = JSON.parse(html![1]!) as Record<string, unknown>;
    expect(event).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      startDate: '2025-04-01T13:00:00Z',
      location: { '@type': 'Place', name: 'Civic Centre, Southampton' },
      url: `${PUBLIC_URL}/meetings/southampton-jcb/2025-04-01`,
    });
    // Whether it is in person, hybrid or remote is not on the register for this one: not guessed.
    expect(event).not.toHaveProperty('eventAttendanceMode');
    const may = await (await fetch(`${server.url}/meetings/southampton-jcb/${LATER}`)).text();
    const mayEvent = JSON.parse(
      may.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!,
    ) as object;
    expect(mayEvent).toMatchObject({ eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode' });
    expect(may.replace(/\s+/g, ' ')).toContain(
      '<dt>Attendance</dt> <dd>In person at the venue, or remotely by the link given</dd>',
    );
  });

  it('finds decisions and Forward Plan entries by keyword, board and date, escaping what was asked', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/search`);
      await page.getByLabel('Keywords').fill('care homes');
      await page.getByLabel('Board').selectOption('southampton-jcb');
      await page.getByLabel('From (YYYY-MM-DD)').fill('2025-05-01');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForLoadState();
      expect(page.url()).toContain('/search?q=care+homes&board=southampton-jcb&from=2025-05-01');
      const rows = await page.locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain('Decision: Mobile library for care homes');
      await page.goto(
        `${server.url}/search?q=${encodeURIComponent('<script>window.__pwned=1</script>')}&to=31/12/2025`,
      );
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.getByLabel('Keywords').inputValue()).toBe('<script>window.__pwned=1</script>');
      expect(await page.getByRole('alert').innerText()).toContain('To: enter a real date as YYYY-MM-DD');
      await page.goto(`${server.url}/search?from=2025-02-30`);
      expect(await page.getByRole('alert').innerText()).toContain('From: enter a real date as YYYY-MM-DD');
      await page.goto(`${server.url}/search?board=${PRESET}`);
      expect(await page.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringContaining('Decision: Reablement service'),
        expect.stringContaining('Forward Plan: Reablement service'),
      ]);
    } finally {
      await page.close();
    }
  });

  it('shows the council’s name and colour, and has print styles', async () => {
    const home = pages.get('/')!.body;
    expect(home).toContain('Example Borough Council');
    expect(home).toContain('#6f2c91');
    expect(home).not.toContain('govflow public register');
    expect(home).toContain('@media print');
  });

  it('passes axe-core WCAG 2.2 AA on every public page, in Chromium', async () => {
    const html = [...pages].filter(([, p]) => p.type.startsWith('text/html')).map(([at]) => at);
    expect(html.length).toBeGreaterThan(8);
    expect(
      await axeViolations(browser, server.url, [
        ...html,
        '/search?q=care&board=southampton-jcb',
        '/nothing-here',
      ]),
    ).toEqual({});
  });
});
