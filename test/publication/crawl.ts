/**
 * What the public-site tests share: a crawler from the home page that follows every link of every HTML page
 * and every URL of the OParl answers, and axe-core (WCAG 2.2 AA) run on a page in Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';

export interface Crawled {
  /** Every page reached, by path and query, with its content type and body. */
  pages: Map<string, { type: string; body: string }>;
  /** Every link with a fragment: the page it is on, the path it goes to, the id it names. */
  anchors: { from: string; to: string; id: string }[];
}

/** Crawls from `/`; every page must answer 200 and every anchor must name an id on its HTML page. */
export async function crawl(serverUrl: string, publicUrl: string): Promise<Crawled> {
  const pages: Crawled['pages'] = new Map();
  const anchors: Crawled['anchors'] = [];
  const queue = ['/'];
  const apiLinks = new RegExp(`"(${publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^"]*)"`, 'g');
  while (queue.length) {
    const at = queue.shift()!;
    if (pages.has(at)) continue;
    const response = await fetch(`${serverUrl}${at}`);
    expect(response.status, `${at}`).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    pages.set(at, { type, body });
    const found = type.startsWith('text/html')
      ? [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))
      : type.startsWith('application/json')
        ? [...body.matchAll(apiLinks)].map((m) => m[1]!)
        : [];
    for (const link of found) {
      if (/^(https?:)?\/\//.test(link) && !link.startsWith(publicUrl)) continue;
      const url = new URL(link.replace(publicUrl, ''), 'http://x');
      if (url.hash) anchors.push({ from: at, to: url.pathname, id: decodeURIComponent(url.hash.slice(1)) });
      queue.push(url.pathname + url.search);
    }
  }
  for (const a of anchors) {
    const target = pages.get(a.to);
    if (!target?.type.startsWith('text/html')) continue;
    expect(target.body, `${a.from} links to ${a.to}#${a.id}`).toContain(`id="${a.id}"`);
  }
  return { pages, anchors };
}

/** axe-core's WCAG 2.2 AA violations on each path, as { id, nodes } (none expected). */
export async function axeViolations(browser: Browser, serverUrl: string, paths: string[]) {
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // CSP bypassed only so axe-core can be injected; the pages themselves carry no scripts.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const found: Record<string, unknown> = {};
  try {
    for (const at of paths) {
      await page.goto(`${serverUrl}${at}`);
      await page.addScriptTag({ content: axe });
      const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
        .then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })))`)) as unknown[];
      if (violations.length) found[at] = violations;
    }
  } finally {
    await context.close();
  }
  return found;
}
