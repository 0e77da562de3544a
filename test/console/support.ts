/**
 * The console as `npm start` runs it, on a register of its own, with the embedded OpenID provider, and a
 * real Chromium to sign in with. Every page is checked with axe-core for WCAG 2.2 AA.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openRegister, type Register } from '../../activities/records/register';
import type { ProposeBoard } from '../../console/boards';
import type { ProposeItem } from '../../console/items';
import { startConsoleServer, type ConsoleServer } from '../../console/server';
import type { Council } from '../../console/views';
import { resolveStandingOrders, type StandingOrders } from '../../governance/standing-orders';
import { launchChromium } from '../support/browser';
import { anchorDay } from '../support/dates';

export const OFFICER = 'democratic.services@southampton.example.org';
export const MEMBER = 'ada.shaw@southampton.example.org';
export const CLERK = 'cabinet.clerk@southampton.example.org';
/** The stack's session idle limit (GOVFLOW_CONSOLE_IDLE_MINUTES). */
export const IDLE_MINUTES = 480;

export interface ConsoleStack {
  dataDir: string;
  register: Register;
  boards: StandingOrders[];
  server: ConsoleServer;
  browser: Browser;
  password(email: string): string;
  /** A fresh browser (no cookies); CSP bypassed only so axe-core can be injected. */
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The console on `register` (closed by the caller) or on an in-memory one of its own. */
export async function startConsoleStack(
  options: {
    mailDir?: string;
    register?: Register;
    temporal?: Client;
    proposeItem?: ProposeItem;
    proposeBoard?: ProposeBoard;
    webUiLink?: (workflowId: string) => string;
    reports?: boolean;
    /** The boards people sign in to; Southampton's preset by default. */
    boards?: StandingOrders[];
    council?: Council;
  } = {},
): Promise<ConsoleStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-console-'));
  const register = options.register ?? (await openRegister({ inMemory: true }));
  const boards = options.boards ?? [resolveStandingOrders('southampton-jcb', anchorDay())];
  const server = await startConsoleServer({
    register,
    boards,
    port: 0,
    council: options.council ?? { name: 'Southampton City Council', colour: '#1f4e79' },
    idleMinutes: IDLE_MINUTES,
    identity: { accountsFile: path.join(dataDir, 'console-accounts.json') },
    mailDir: options.mailDir,
    temporal: options.temporal,
    proposeItem: options.proposeItem,
    proposeBoard: options.proposeBoard,
    webUiLink: options.webUiLink,
    reportsDir: options.reports ? path.join(dataDir, 'reports') : undefined,
  });
  const browser = await launchChromium();
  const accounts = () =>
    (
      JSON.parse(readFileSync(server.accountsFile!, 'utf8')) as {
        accounts: Record<string, { password: string }>;
      }
    ).accounts;
  return {
    dataDir,
    register,
    boards,
    server,
    browser,
    password: (email) => accounts()[email]!.password,
    context: () => browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } }),
    async close() {
      await browser.close();
      await server.close();
      if (!options.register) await register.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Goes to a console page without a session and through the embedded provider's form. */
export async function signIn(stack: ConsoleStack, page: Page, email: string, route = '/'): Promise<void> {
  await page.goto(`${stack.server.url}${route}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await page.waitForURL(/\/login\//);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(stack.password(email));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === route.split('?')[0]);
}

/** The session cookie of a signed-in page, for requests made outside the browser. */
export async function sessionCookieOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'govflow_session');
  return `govflow_session=${cookie!.value}`;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG22AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's WCAG 2.2 AA violations on the page as it stands: none expected. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations =
    (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG22AA)} } })
    .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`)) as unknown[];
  expect(violations, page.url()).toEqual([]);
}

/** The arguments of the Updates named `name` the workflow accepted, from its history: what the console sent. */
export async function acceptedUpdates(handle: WorkflowHandle, name: string): Promise<unknown[]> {
  return (await handle.fetchHistory()).events!.flatMap((e) => {
    const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    if (request?.input?.name !== name) return [];
    return (request.input.args?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
  });
}

/** A form posted outside the browser (a replayed or forged request), redirects not followed. */
export function postForm(
  stack: ConsoleStack,
  route: string,
  body: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  return fetch(`${stack.server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(body).toString(),
    redirect: 'manual',
  });
}

/** The session's CSRF token, from a page it is shown (the start page by default). */
export async function csrfTokenOf(stack: ConsoleStack, cookie: string, route = '/'): Promise<string> {
  const html = await (await fetch(`${stack.server.url}${route}`, { headers: { cookie } })).text();
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}
