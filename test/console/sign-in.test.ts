/**
 * Issue 15: signing in to the officers' console through the embedded OpenID provider, in a real Chromium,
 * and everything that must be refused: a wrong password, too many of them, a signed-out or expired session,
 * a form without its CSRF token, and any page or action without a session.
 */
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../activities/records/register';
import { startConsoleServer } from '../../console/server';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { requireChromium } from '../support/browser';
import { anchorDay } from '../support/dates';
import {
  CLERK,
  MEMBER,
  OFFICER,
  type ConsoleStack,
  expectAccessible,
  signIn,
  startConsoleStack,
} from './support';

describe.skipIf(!requireChromium())('console sign-in', () => {
  let stack: ConsoleStack;
  beforeAll(async () => {
    stack = await startConsoleStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const newPage = async () => (await stack.context()).newPage();
  const sessionCookie = async (page: Page) =>
    (await page.context().cookies()).find((c) => c.name === 'govflow_session')!;
  const sessionRows = async () =>
    Number(
      (await stack.register.db.query<{ n: number }>('select count(*)::int as n from console_sessions'))
        .rows[0]!.n,
    );

  it('signs a person in through the embedded provider and shows who they are and their roles', async () => {
    expect(statSync(stack.server.accountsFile!).mode & 0o777).toBe(0o600);
    const page = await newPage();
    await page.goto(stack.server.url);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await page.waitForURL(/\/login\//);
    await expectAccessible(page);
    await page.getByLabel('Email address').fill(MEMBER);
    await page.getByLabel('Password', { exact: true }).fill(stack.password(MEMBER));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${stack.server.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Cllr Ada Shaw');
    const main = await page.locator('main').innerText();
    expect(main).toContain(MEMBER);
    expect(main).toContain('Voting member of Southampton Joint Commissioning Board');
    await expectAccessible(page);
    const cookie = await sessionCookie(page);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    // The database holds the token's hash only.
    const stored = await stack.register.db.query<{ token_hash: string }>(
      'select token_hash from console_sessions',
    );
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(cookie.value);
  });

  it('refuses a wrong password, and every sign-in to an account after five of them', async () => {
    const page = await newPage();
    await page.goto(`${stack.server.url}/sign-in/start`);
    await page.waitForURL(/\/login\//);
    const attempt = async (password: string) => {
      await page.getByLabel('Email address').fill(CLERK);
      await page.getByLabel('Password', { exact: true }).fill(password);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in', exact: true }).click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    };
    expect(await attempt('not-the-password')).toBe(401);
    expect(await page.getByRole('alert').innerText()).toContain(
      'The email address or the password is not right.',
    );
    await expectAccessible(page);
    for (let i = 2; i <= 5; i++) expect(await attempt(`wrong-${i}`)).toBe(401);
    // The right password now is refused too, and no session is made.
    expect(await attempt(stack.password(CLERK))).toBe(429);
    expect(await page.getByRole('alert').innerText()).toContain('Too many wrong passwords for this account');
    expect(new URL(page.url()).pathname).toMatch(/^\/login\//);
    const signedIn = await stack.register.db.query('select 1 from console_sessions where email = $1', [
      CLERK,
    ]);
    expect(signedIn.rows).toEqual([]);
  });

  it('signs out: the session is gone and its cookie opens nothing', async () => {
    const page = await newPage();
    await signIn(stack, page, OFFICER);
    const cookie = await sessionCookie(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    expect(await page.locator('main').innerText()).toContain('You have signed out.');
    await expectAccessible(page);
    const replayed = await fetch(`${stack.server.url}/`, {
      headers: { cookie: `govflow_session=${cookie.value}` },
      redirect: 'manual',
    });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe('/sign-in?next=%2F&expired=1');
  });

  it('ends a session idle for longer than the limit', async () => {
    const page = await newPage();
    await signIn(stack, page, OFFICER);
    const before = await sessionRows();
    await stack.register.db.query(
      `update console_sessions set last_seen_at = now() - interval '481 minutes' where email = $1`,
      [OFFICER],
    );
    await page.goto(stack.server.url);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('main').innerText()).toContain('Your session has ended.');
    expect(await sessionRows()).toBe(before - 1);
  });

  it('refuses a POST without the session’s CSRF token, and leaves the session as it was', async () => {
    const page = await newPage();
    await signIn(stack, page, OFFICER);
    const cookie = `govflow_session=${(await sessionCookie(page)).value}`;
    const post = (body: string) =>
      fetch(`${stack.server.url}/sign-out`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    for (const body of ['', '_csrf=forged', '_csrf=']) {
      const refused = await post(body);
      expect(refused.status, body).toBe(403);
      expect(await refused.text()).toContain('nothing was done');
    }
    // Still signed in: the forged sign-out did nothing.
    const start = await fetch(`${stack.server.url}/`, { headers: { cookie }, redirect: 'manual' });
    expect(start.status).toBe(200);
  });

  it('refuses every page and action without a session: pages redirect to sign-in, actions get 401', async () => {
    const rows = await sessionRows();
    for (const route of ['/', '/no-such-page', '/mail', '/mail/msg-0000000000000000.eml']) {
      const response = await fetch(`${stack.server.url}${route}`, { redirect: 'manual' });
      expect(response.status, route).toBe(303);
      expect(response.headers.get('location'), route).toBe(
        `/sign-in?${new URLSearchParams({ next: route })}`,
      );
    }
    for (const route of ['/sign-out', '/no-such-action']) {
      const response = await fetch(`${stack.server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '_csrf=anything',
        redirect: 'manual',
      });
      expect(response.status, route).toBe(401);
    }
    expect(await sessionRows()).toBe(rows);
  });

  it('signs in and out with its Content-Security-Policy enforced, and nothing refused by it', async () => {
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await signIn(stack, page, OFFICER);
    // The stylesheet loaded under the policy, without GOV.UK's font.
    expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")).toBe(
      'arial, sans-serif',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    // The page template's one inline script (govuk-frontend's js-enabled class) is refused, by design: the
    // policy is enforced, and it refuses nothing else.
    expect(refused.some((m) => /inline script/i.test(m))).toBe(true);
    expect(refused.filter((m) => !/inline script/i.test(m))).toEqual([]);
    await context.close();
  });

  it('has an accessibility check that finds a violation when there is one', async () => {
    const page = await newPage();
    await page.setContent(
      '<html lang="en-GB"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>',
    );
    await expect(expectAccessible(page)).rejects.toThrow(/image-alt/);
  });

  it('refuses an answer from the provider that this browser did not ask for', async () => {
    const response = await fetch(`${stack.server.url}/signed-in?code=stolen&state=guessed`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie') ?? '').not.toContain('govflow_session=');
  });
});

describe('console cookies behind https', () => {
  it('marks its cookies Secure when people reach it over https', async () => {
    const register = await openRegister({ inMemory: true });
    const server = await startConsoleServer({
      register,
      boards: [resolveStandingOrders('southampton-jcb', anchorDay())],
      port: 0,
      publicUrl: 'https://console.example.org',
      council: { name: 'Southampton City Council', colour: '#1f4e79' },
      idleMinutes: 480,
      identity: {
        relyingParty: { issuer: 'https://login.example.org', clientId: 'id', clientSecret: 'secret' },
      },
    });
    try {
      // An unknown session token is cleared, with the attributes the session cookie is set with.
      const response = await fetch(`${server.url}/`, {
        headers: { cookie: 'govflow_session=unknown' },
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('set-cookie')).toMatch(/^govflow_session=;.*Secure/);
    } finally {
      await server.close();
      await register.close();
    }
  });
});
