/**
 * Issue 15: the mail govflow sent, moved from the public pages into the console for democratic services only
 * (it lists members' and officers' personal addresses). In Chromium: the list and a message with its invite
 * and its HTML kept in a sandbox; anyone else signed in is refused every mail page; axe-core on each page.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { requireChromium } from '../support/browser';
import { freePort } from '../support/ports';
import {
  CLERK,
  MEMBER,
  OFFICER,
  expectAccessible,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

describe.skipIf(!requireChromium())('mail sent, in the console', () => {
  let dir: string;
  let services: GovernanceServices;
  let stack: ConsoleStack;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-console-mail-'));
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
      SMTP_HOST: '',
      DATABASE_URL: '',
    });
    // Mail goes the way `npm start` sends it: nodemailer over SMTP into the embedded store.
    await createActivities(services).notify({
      key: { workflowId: 'decision-dec-bcf', step: 'agenda-published' },
      kind: 'agenda-published',
      boardId: 'southampton-jcb',
      processTitle: 'Joint Commissioning Board, 1 April 2025 <script>window.__pwned=1</script>',
      recipients: [{ role: 'member', name: 'Carol Ng', email: 'carol@example.org' }],
      action: 'Read the reports before the meeting.',
      deadline: '2025-04-01',
      invite: {
        uid: 'meeting-jcb-2025-04-01@govflow',
        sequence: 0,
        method: 'REQUEST',
        summary: 'Joint Commissioning Board',
        start: '2025-04-01T13:00:00Z',
      },
    });
    file = (await readdir(services.mailDir!)).filter((f) => f.endsWith('.eml'))[0]!;
    stack = await startConsoleStack({ register: services.register, mailDir: services.mailDir });
  });
  afterAll(async () => {
    await stack?.close();
    await services?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const signedIn = async (email: string, route = '/'): Promise<Page> => {
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, email, route);
    return page;
  };

  it('shows democratic services the list and a message, its invite and its HTML safely', async () => {
    const page = await signedIn(OFFICER, '/mail');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mail sent');
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Carol Ng <carol@example.org>');
    expect(rows[0]).toContain('Calendar invitation');
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Agenda published: / }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Agenda published: Joint Commissioning Board, 1 April 2025 <script>window.__pwned=1</script> (by Tuesday 1 April 2025)',
    );
    const main = await page.locator('main').innerText();
    expect(main).toContain('What you need to do: Read the reports before the meeting.');
    expect(main).toContain('METHOD:REQUEST');
    expect(main).toContain('UID:meeting-jcb-2025-04-01@govflow');
    const frame = page.frameLocator('iframe[title="Message body"]');
    await expect(frame.locator('h1').innerText()).resolves.toBe('Agenda published');
    expect(await page.locator('iframe').getAttribute('sandbox')).toBe('');
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Mail sent' }).click();
    expect(new URL(page.url()).pathname).toBe('/mail');
  });

  it('refuses to read files outside the mail store', async () => {
    const page = await signedIn(OFFICER);
    const cookie = await sessionCookieOf(page);
    for (const route of [
      '/mail/..%2F..%2F..%2Fetc%2Fpasswd',
      '/mail/../pglite',
      '/mail/msg-0000000000000000.eml',
    ]) {
      const response = await fetch(`${stack.server.url}${route}`, { headers: { cookie } });
      expect(response.status, route).toBe(404);
    }
  });

  it('refuses every mail page to anyone but democratic services, and does not offer it', async () => {
    for (const email of [MEMBER, CLERK]) {
      const page = await signedIn(email);
      expect(await page.getByRole('link', { name: 'Mail sent' }).count()).toBe(0);
      const cookie = await sessionCookieOf(page);
      for (const route of [
        '/mail',
        '/mail?page=1',
        `/mail/${file}`,
        `/mail/${file}/raw`,
        `/mail/${file}/html`,
      ]) {
        const response = await fetch(`${stack.server.url}${route}`, { headers: { cookie } });
        expect(response.status, `${email} ${route}`).toBe(403);
        const text = await response.text();
        expect(text).not.toContain('carol@example.org');
      }
      const refused = await page.goto(`${stack.server.url}/mail`);
      expect(refused?.status()).toBe(403);
      expect(await page.locator('main').innerText()).toContain('only democratic services may read the mail');
      await expectAccessible(page);
    }
  });
});
