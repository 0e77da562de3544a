/**
 * A title written as markdown reaches the Temporal Web UI as text (issue 19, item 2): in Chromium, the
 * process's summary shows `[Agenda](javascript:…)` and `<img …>` as typed, with no link and no image.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDecision } from '../../client/processes/decision';
import { launchChromium, requireChromium } from '../support/browser';
import { devServer, uniqueTaskQueue } from '../support/temporal';
import { daysFromToday, standingOrders, uniqueBoardId } from '../cli/harness';

const TITLE = '[Agenda](javascript:alert(1)) <img src=x onerror=alert(1)> **now**';

describe.skipIf(!requireChromium())('a markdown title in the Temporal Web UI', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await devServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the title as written: no link, no image, no emphasis', { timeout: 60_000 }, async () => {
    const ui = inject('temporalUiUrl');
    // The summary is set when the process starts: no worker is needed to see it.
    const handle = await startDecision(server.client, uniqueTaskQueue('markdown-title'), {
      ref: '2027-605',
      standingOrders: standingOrders('southampton-jcb', uniqueBoardId('markdown')),
      title: TITLE,
      summary: 'Commission 40 step-down beds.',
      topic: 'hospital discharge',
      amountGbp: 800_000,
      meetingDate: daysFromToday(1),
      proposedBy: 'commissioning.lead@southampton.example.org',
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(
        `${ui}/namespaces/default/workflows/${encodeURIComponent(handle.workflowId)}/${handle.firstExecutionRunId}/history`,
      );
      await page
        .getByRole('link', { name: 'User Metadata' })
        .or(page.getByRole('tab', { name: 'User Metadata' }))
        .first()
        .click();
      // Each markdown field is rendered in a frame of its own; the summary's is the one with the title.
      const summaryFrame = async () => {
        for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
          const text = await frame
            .locator('body')
            .innerText()
            .catch(() => '');
          if (text.includes('2027-605:')) return { frame, text: text.trim() };
        }
        return undefined;
      };
      await expect
        .poll(async () => (await summaryFrame())?.text, { timeout: 20_000 })
        .toBe(`2027-605: ${TITLE}`);
      const { frame } = (await summaryFrame())!;
      expect(await frame.locator('a').count()).toBe(0);
      expect(await frame.locator('img').count()).toBe(0);
      expect(await frame.locator('strong, em').count()).toBe(0);
    } finally {
      await page.close();
      await handle.terminate('test finished');
    }
  });
});
