/**
 * Issue 19, item 4, now in the console (issue 15): the work one request to the mail pages can cause is
 * bounded. The embedded mail store as `npm start` runs it (openGovernanceServices: SMTP with the app's
 * credentials, PGlite), holding more messages than a page shows, read by democratic services signed in: a
 * page lists at most 50 (newest first, then `?page=2`), and a flood of concurrent mail requests is answered in
 * part with 503 and Retry-After while the console's other pages still answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { MAIL_PAGE_SIZE } from '../../console/mail';
import { requireChromium } from '../support/browser';
import { freePort } from '../support/ports';
import { OFFICER, sessionCookieOf, signIn, startConsoleStack, type ConsoleStack } from './support';

const MESSAGES = 60;
const listed = (body: string) =>
  [...body.matchAll(/href="\/mail\/([a-z]+-[0-9a-f]{16}\.eml)"/g)].map((m) => m[1]);

describe.skipIf(!requireChromium())('mail pages under load', () => {
  let dir: string;
  let services: GovernanceServices;
  let stack: ConsoleStack;
  let cookie: string;
  const get = (route: string) => fetch(`${stack.server.url}${route}`, { headers: { cookie } });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-mail-load-'));
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
      SMTP_HOST: '',
      DATABASE_URL: '',
    });
    // A sizeable body, as an agenda with its reports is: parsing it is the work a request causes.
    const body = 'The reports for the meeting follow. '.repeat(2_000);
    for (let i = 1; i <= MESSAGES; i++) {
      await services.mailer.send({
        messageId: `<govflow.load-${i}@example.org>`,
        to: { name: `Member ${i}`, address: `member${i}@example.org` },
        subject: `Agenda published ${i}`,
        text: body,
        html: `<p>${body}</p>`,
      });
    }
    stack = await startConsoleStack({ register: services.register, mailDir: services.mailDir });
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, OFFICER);
    cookie = await sessionCookieOf(page);
  });
  afterAll(async () => {
    await stack?.close();
    await services?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists at most 50 messages a page, newest first, and pages through the rest', async () => {
    const first = await get('/mail');
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    expect(listed(firstBody)).toHaveLength(MAIL_PAGE_SIZE);
    expect(MAIL_PAGE_SIZE).toBe(50);
    expect(firstBody).toContain(`Messages 1 to 50 of ${MESSAGES}`);
    expect(firstBody).toContain('href="/mail?page=2"');
    const second = await (await get('/mail?page=2')).text();
    expect(listed(second)).toHaveLength(MESSAGES - MAIL_PAGE_SIZE);
    expect(second).toContain('href="/mail?page=1"');
    expect(second).not.toContain('href="/mail?page=3"');
    expect(new Set([...listed(firstBody), ...listed(second)]).size).toBe(MESSAGES);
    expect(firstBody).toContain(`Agenda published ${MESSAGES}<`);
    expect(second).toContain('Agenda published 1<');
    for (const bad of ['/mail?page=3', '/mail?page=0', '/mail?page=-1', '/mail?page=2x', '/mail?page=1e3'])
      expect((await get(bad)).status, bad).toBe(404);
  });

  it('turns away concurrent mail requests beyond its bound with 503 and Retry-After; other pages still answer', async () => {
    const names = listed(await (await get('/mail?page=1')).text());
    const routes = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0 ? `/mail?page=${1 + (i % 2)}` : `/mail/${names[i % names.length]}`,
    );
    const [start, ...flood] = await Promise.all([get('/'), ...routes.map(get)]);
    expect(start!.status).toBe(200);
    const statuses = flood.map((r) => r.status);
    const busy = flood.filter((r) => r.status === 503);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) expect(r.headers.get('retry-after')).toBe('2');
    expect(await busy[0]!.text()).toBe('The mail store is busy; try again shortly.\n');
    console.log(
      `[mail load] 150 concurrent mail requests: ${statuses.length - busy.length} served, ${busy.length} told 503`,
    );
    // Every slot is given back: once the flood is over, the pages answer again.
    expect((await get('/mail')).status).toBe(200);
    expect((await get(`/mail/${names[0]}`)).status).toBe(200);
  });
});
