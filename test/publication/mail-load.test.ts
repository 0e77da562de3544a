/**
 * Issue 19, item 4: the work one request to the mail pages can cause is bounded. The embedded mail store
 * and the public pages as `npm start` runs them (openGovernanceServices: SMTP with the app's credentials,
 * PGlite), holding more messages than a page shows: a page lists at most 50 (newest first, then
 * `?page=2`), and a flood of concurrent mail requests is answered in part with 503 and Retry-After while
 * the register's pages still answer. Before, /mail parsed up to 500 messages per request with no limit on
 * concurrent requests, and 150 of them slowed /decisions to 42 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { MAIL_PAGE_SIZE } from '../../publication/mail-pages';
import { startPublicationServer, type PublicationServer } from '../../publication/server';
import { freePort } from '../support/ports';

const MESSAGES = 60;
const listed = (body: string) =>
  [...body.matchAll(/href="\/mail\/([a-z]+-[0-9a-f]{16}\.eml)"/g)].map((m) => m[1]);

describe('mail pages under load', () => {
  let dir: string;
  let services: GovernanceServices;
  let server: PublicationServer;
  const get = (route: string) => fetch(`${server.url}${route}`);

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
    server = await startPublicationServer({
      register: services.register,
      port: 0,
      mailDir: services.mailDir,
    });
  });
  afterAll(async () => {
    await server?.close();
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

  it('turns away concurrent mail requests beyond its bound with 503 and Retry-After; the register pages still answer', async () => {
    const names = listed(await (await get('/mail?page=1')).text());
    const routes = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0 ? `/mail?page=${1 + (i % 2)}` : `/mail/${names[i % names.length]}`,
    );
    const [decisions, ...flood] = await Promise.all([get('/decisions'), ...routes.map(get)]);
    expect(decisions!.status).toBe(200);
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
