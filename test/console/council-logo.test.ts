/**
 * The council's logo from GOVFLOW_COUNCIL_LOGO: checked at start (one line naming the variable, exit 2), served
 * by the console and the public pages at a fixed address with its own type, and shown in both headers with the
 * council's name as its text. Pages stay at 0 axe-core violations.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openRegister } from '../../activities/records/register';
import { startPublicationServer } from '../../publication/server';
import { loadConfig, type CouncilLogo } from '../../runtime/config';
import { projectRoot } from '../../runtime/paths';
import { launchChromium, requireChromium } from '../support/browser';
import { expectAccessible, OFFICER, signIn, startConsoleStack } from './support';

const NAME = 'Southampton City Council';
const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="#fff"/></svg>`;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const dir = mkdtempSync(path.join(tmpdir(), 'govflow-logo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
};

describe('GOVFLOW_COUNCIL_LOGO in the configuration', () => {
  it('reads an SVG or a PNG by its own type; unset or blank, there is none', () => {
    expect(loadConfig({ GOVFLOW_COUNCIL_LOGO: file('logo.svg', SVG) }).council.logo).toEqual({
      type: 'image/svg+xml',
      bytes: Buffer.from(SVG),
    });
    expect(loadConfig({ GOVFLOW_COUNCIL_LOGO: file('logo.PNG', PNG) }).council.logo).toEqual({
      type: 'image/png',
      bytes: PNG,
    });
    expect(loadConfig({}).council).toEqual({ name: 'govflow', colour: '#1f4e79', logo: undefined });
    expect(loadConfig({ GOVFLOW_COUNCIL_LOGO: '  ' }).council.logo).toBeUndefined();
  });

  it('takes a relative path from the project root', () => {
    const relative = path.relative(projectRoot, file('relative.svg', SVG));
    expect(loadConfig({ GOVFLOW_COUNCIL_LOGO: relative }).council.logo?.type).toBe('image/svg+xml');
  });

  it('refuses a missing file, another type, or a file that is not what its name says, naming the variable', () => {
    const refusal = (setting: string) => {
      try {
        loadConfig({ GOVFLOW_COUNCIL_LOGO: setting });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    const missing = path.join(dir, 'missing.svg');
    expect(refusal(missing)).toBe(`GOVFLOW_COUNCIL_LOGO: cannot read "${missing}": ENOENT`);
    const jpeg = file('logo.jpg', PNG);
    expect(refusal(jpeg)).toBe(
      `GOVFLOW_COUNCIL_LOGO: must be an SVG or PNG file (.svg or .png), not "${jpeg}"`,
    );
    const fakePng = file('fake.png', SVG);
    expect(refusal(fakePng)).toBe(`GOVFLOW_COUNCIL_LOGO: "${fakePng}" is not a PNG image`);
    const fakeSvg = file('fake.svg', '<html><body>not a logo</body></html>');
    expect(refusal(fakeSvg)).toBe(
      `GOVFLOW_COUNCIL_LOGO: "${fakeSvg}" is not an SVG image (its root element is not <svg>)`,
    );
    const huge = file('huge.png', Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]));
    expect(refusal(huge)).toBe(`GOVFLOW_COUNCIL_LOGO: "${huge}" is larger than 1 MB`);
  });

  it('stops npm start with one line and exit 2 before anything starts', async () => {
    const missing = path.join(dir, 'nowhere.png');
    const run = await promisify(execFile)(
      path.join(projectRoot, 'node_modules', '.bin', 'tsx'),
      ['scripts/start.ts'],
      {
        cwd: projectRoot,
        env: { ...process.env, GOVFLOW_COUNCIL_LOGO: missing, GOVFLOW_DATA_DIR: path.join(dir, 'data') },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(run.code).toBe(2);
    // oidc-provider may add its own warning about the Node version; govflow's says the one thing wrong.
    const ours = run.stderr.split('\n').filter((line) => line.startsWith('govflow:'));
    expect(ours).toEqual([`govflow: GOVFLOW_COUNCIL_LOGO: cannot read "${missing}": ENOENT`]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

const hasChromium = requireChromium();

/** The header's logo, loaded by the browser (a wrong type would leave it broken: no natural width). */
async function expectLogo(page: Page, logo: CouncilLogo) {
  const image = page.locator('header img');
  await expect.poll(() => image.getAttribute('alt')).toBe(NAME);
  expect(
    await image.evaluate((img) => {
      const loaded = img as unknown as { complete: boolean; naturalWidth: number };
      return loaded.complete && loaded.naturalWidth > 0;
    }),
  ).toBe(true);
  const served = await page.request.get(new URL('/assets/council-logo', page.url()).href);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe(logo.type);
  expect(Buffer.from(await served.body()).equals(logo.bytes)).toBe(true);
  await expectAccessible(page);
}

describe.skipIf(!hasChromium)('the logo on the console and the public pages', () => {
  it('the public pages serve it and show it in the header; without one, the name as before', async () => {
    const logo = loadConfig({ GOVFLOW_COUNCIL_LOGO: file('public.svg', SVG) }).council.logo!;
    const register = await openRegister({ inMemory: true });
    const withLogo = await startPublicationServer({
      register,
      port: 0,
      council: { name: NAME, colour: '#1f4e79', logo },
    });
    const without = await startPublicationServer({
      register,
      port: 0,
      council: { name: NAME, colour: '#1f4e79' },
    });
    const browser = await launchChromium();
    try {
      // CSP bypassed only so axe-core can be injected.
      const page = await browser.newPage({ bypassCSP: true });
      for (const route of ['/', '/forward-plan', '/meetings']) {
        await page.goto(`${withLogo.url}${route}`);
        await expectLogo(page, logo);
      }
      await page.goto(`${without.url}/`);
      expect(await page.locator('header img').count()).toBe(0);
      expect(await page.locator('header a').first().textContent()).toBe(NAME);
      expect((await page.request.get(`${without.url}/assets/council-logo`)).status()).toBe(404);
    } finally {
      await browser.close();
      await withLogo.close();
      await without.close();
      await register.close();
    }
  });

  it('the console serves it to anyone and shows it on the sign-in page and once signed in', async () => {
    const logo = loadConfig({ GOVFLOW_COUNCIL_LOGO: file('console.png', PNG) }).council.logo!;
    const stack = await startConsoleStack({ council: { name: NAME, colour: '#1f4e79', logo } });
    try {
      const page = await (await stack.context()).newPage();
      await page.goto(`${stack.server.url}/`);
      await expectLogo(page, logo);
      await signIn(stack, page, OFFICER);
      await expectLogo(page, logo);
      expect(await page.locator('.govuk-service-navigation__service-name').textContent()).toMatch(
        /^\s*Governance\s*$/,
      );
    } finally {
      await stack.close();
    }
    const plain = await startConsoleStack();
    try {
      const page = await (await plain.context()).newPage();
      await page.goto(`${plain.server.url}/`);
      expect(await page.locator('header img').count()).toBe(0);
      expect(await page.locator('.govuk-service-navigation__service-name').textContent()).toContain(
        `${NAME} governance`,
      );
      // Without a logo the address is just another page behind sign-in.
      const none = await page.request.get(`${plain.server.url}/assets/council-logo`);
      expect(none.headers()['content-type']).toMatch(/^text\/html/);
    } finally {
      await plain.close();
    }
  });
});
