/**
 * The public register over real HTTP, on both register engines: the feeds' contents, that exempt text
 * never leaves the register, and that the server only reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Register } from '../../activities/records/register';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
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
import { registerBackends } from '../support/registers';

const ROUTES = [
  '/',
  '/forward-plan',
  '/forward-plan.json',
  '/forward-plan.ics',
  '/decisions',
  '/decisions.json',
  '/decisions.rss',
  '/meetings',
  '/meetings/southampton-jcb/2025-04-01',
];

describe.each(registerBackends())('publication server on $name', (backend) => {
  let register: Register;
  let server: PublicationServer;
  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

  beforeAll(async () => {
    if (!backend.available) return;
    register = await backend.open();
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
  });
  afterAll(async () => {
    await server?.close();
    await register?.close();
    await backend.stop();
  });

  it.skipIf(!backend.available)(
    'serves the Forward Plan as JSON, exempt entries as their notice only',
    async () => {
      const res = await get('/forward-plan.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await res.json()) as { entries: Record<string, unknown>[] };
      expect(body.entries.map((e) => e.entryId)).toEqual([BCF, CARE_HOMES]);
      expect(body.entries[0]).toMatchObject({
        title: 'Better Care Fund plan 2025/26 & <b>carers</b>',
        decisionDue: '2025-04-01',
        keyDecision: true,
        noticeRoute: 'forward-plan',
        boardName: 'Southampton Joint Commissioning Board',
        exempt: null,
      });
      expect(body.entries[1]).toMatchObject({
        exempt: { paragraph: 3, notice: 'Exempt under paragraph 3 of Schedule 12A' },
      });
      expect(Object.keys(body.entries[1] ?? {})).not.toContain('title');
    },
  );

  it.skipIf(!backend.available)('serves decisions as JSON with votes, reasons and alternatives', async () => {
    const body = (await (await get('/decisions.json')).json()) as { decisions: Record<string, unknown>[] };
    const bcf = body.decisions.find((d) => d.decisionId === BCF);
    expect(bcf).toMatchObject({
      outcome: 'approved',
      reasons: 'It meets the national conditions.\nBoth partners agreed.',
      alternativesRejected: ['Roll over last year’s plan', 'Reduce the carers’ budget'],
      interestsDeclared: [{ member: 'Carol Ng', interest: 'Trustee of a carers’ charity' }],
      votes: [
        { partner: 'council', partnerName: 'Southampton City Council', for: 2, against: 0, abstain: 0 },
        {
          partner: 'nhs',
          partnerName: 'NHS Hampshire and Isle of Wight ICB',
          for: 1,
          against: 0,
          abstain: 0,
        },
      ],
      callInClosesOn: '2025-04-09',
      amountGbp: 25_600_000,
    });
    const exempt = body.decisions.find((d) => d.decisionId === CARE_HOMES);
    expect(exempt).toMatchObject({ exempt: { paragraph: 3 } });
    expect(exempt).not.toHaveProperty('decisionText');
    expect(exempt).not.toHaveProperty('votes');
  });

  it.skipIf(!backend.available)('serves decisions as RSS 2.0 with escaped text', async () => {
    const res = await get('/decisions.rss');
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = await res.text();
    expect(rss).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0">/);
    expect(rss.match(/<item>/g)).toHaveLength(2);
    expect(rss).toContain('<title>Better Care Fund plan 2025/26 &amp; &lt;b&gt;carers&lt;/b&gt;</title>');
    expect(rss).toContain('<title>Exempt under paragraph 3 of Schedule 12A</title>');
    expect(rss).toContain('<pubDate>Wed, 02 Apr 2025 00:00:00 GMT</pubDate>');
    expect(rss).toContain(`<link>${server.url}/decisions#${encodeURIComponent(BCF)}</link>`);
  });

  it.skipIf(!backend.available)(
    'serves the Forward Plan as an iCalendar feed of all-day events',
    async () => {
      const res = await get('/forward-plan.ics');
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const lines = (await res.text()).replace(/\r\n[ \t]/g, '').split('\r\n');
      expect(lines).toContain('METHOD:PUBLISH');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
      expect(lines).toContain(`UID:forward-plan-${BCF}@govflow`);
      expect(lines).toContain('DTSTART;VALUE=DATE:20250401');
      expect(lines).toContain('SUMMARY:Key decision: Better Care Fund plan 2025/26 & <b>carers</b>');
      expect(lines).toContain('SUMMARY:Exempt under paragraph 3 of Schedule 12A');
    },
  );

  it.skipIf(!backend.available)('never publishes exempt text, on any page or feed', async () => {
    for (const route of ROUTES) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(await res.text(), route).not.toContain(SECRET);
    }
  });

  it.skipIf(!backend.available)(
    'shows a decision recorded after it started, on the next request',
    async () => {
      await register.record(decisionPublic('decision/southampton-jcb/2025-099', 'Late decision'));
      const body = (await (await get('/decisions.json')).json()) as { decisions: { title?: string }[] };
      expect(body.decisions.map((d) => d.title)).toContain('Late decision');
    },
  );

  it.skipIf(!backend.available)('only reads, and answers unknown addresses with 404', async () => {
    const post = await get('/decisions.json', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await get('/meetings/no-such-meeting')).status).toBe(404);
    expect((await get('/nothing-here')).status).toBe(404);
    // The mail sent is the console's (democratic services only), never a public page.
    expect((await get('/mail')).status).toBe(404);
    const head = await get('/decisions', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.skipIf(!backend.available)('sends a script-free Content-Security-Policy with every page', async () => {
    const res = await get('/decisions');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
