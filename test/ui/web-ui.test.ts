/**
 * The manager's view in a real browser: Debian's Chromium opens the run's dev-server Web UI, filters the
 * workflow list by a govflow search attribute typed into the UI's query box, finds the process and reads its
 * summary and current details; a saved query's link (as `govflow queries` prints it) opens the same way.
 * Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { savedQuery, webUiLink } from '../../client/queries';
import { startDecision } from '../../client/processes/decision';
import { launchChromium, requireChromium } from '../support/browser';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { daysFromToday, reach, standingOrders, uniqueBoardId } from '../cli/harness';

const ARTIFACTS = path.resolve('test-artifacts');
const hasChromium = requireChromium();

describe.skipIf(!hasChromium)('the Temporal Web UI in Chromium', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await devServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the workflow list by GovflowBoard and shows the process with its summary and current details', async () => {
    const ui = inject('temporalUiUrl');
    expect(ui, 'the test dev server runs its Web UI').toMatch(/^http:\/\//);
    const taskQueue = uniqueTaskQueue('web-ui');
    const [one, two] = [uniqueBoardId('ui'), uniqueBoardId('ui')].map((id) =>
      standingOrders('southampton-jcb', id),
    );
    const propose = (so: typeof one) =>
      startDecision(server.client, taskQueue, {
        ref: '2027-041',
        standingOrders: so!,
        title: 'Hospital discharge beds for the winter',
        summary: 'Commission 40 step-down beds.',
        topic: 'hospital discharge',
        amountGbp: 800_000,
        meetingDate: daysFromToday(1),
        proposedBy: 'commissioning.lead@southampton.example.org',
      });

    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const first = await propose(one);
      const second = await propose(two);
      await reach(first, 'awaiting-urgency-consent');
      await reach(second, 'awaiting-urgency-consent');

      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        await page.goto(`${ui}/namespaces/default/workflows`);
        await page.getByTestId('toggle-manual-query').click();
        await page.getByTestId('workflow-manual-search-input').fill(`GovflowBoard = "${one!.board.id}"`);
        await page.getByTestId('workflow-manual-search-button').click();
        const row = page.getByRole('link', { name: first.workflowId, exact: true });
        await row.first().waitFor({ timeout: 20_000 });
        expect(new URL(page.url()).searchParams.get('query')).toContain(`GovflowBoard = "${one!.board.id}"`);
        await expect.poll(() => page.getByText(second.workflowId, { exact: true }).count()).toBe(0);
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-filtered-list.png') });

        await row.first().click();
        await page
          .getByRole('link', { name: 'User Metadata' })
          .or(page.getByRole('tab', { name: 'User Metadata' }))
          .first()
          .click();
        // The UI renders each markdown field (summary, details, current details) in a frame of its own.
        const rendered = () =>
          Promise.all(
            page
              .frames()
              .filter((f) => f !== page.mainFrame())
              .map((f) =>
                f
                  .locator('body')
                  .innerText()
                  .catch(() => ''),
              ),
          );
        await expect
          .poll(async () => (await rendered()).map((t) => t.trim()), { timeout: 20_000 })
          .toContain('2027-041: Hospital discharge beds for the winter');
        const details = (await rendered()).join('\n');
        expect(details).toContain('Route: decide-at-board, key decision');
        expect(details).toMatch(/Stage\s+awaiting-urgency-consent/);
        expect(details).toMatch(
          /Waiting for\s+the O&S chair \(Cllr Gil Turner\) to agree the item is urgent/,
        );
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-summary.png'), fullPage: true });

        // A saved query's link, as `govflow queries` prints it, narrowed to the second board.
        const query = `${savedQuery('urgency-consent-needed')!.query(Date.now())} AND GovflowBoard = '${two!.board.id}'`;
        await page.goto(webUiLink(ui, 'default', query));
        await page
          .getByRole('link', { name: second.workflowId, exact: true })
          .first()
          .waitFor({ timeout: 20_000 });
        expect(await page.getByText(first.workflowId, { exact: true }).count()).toBe(0);
        await page.screenshot({ path: path.join(ARTIFACTS, 'web-ui-saved-query.png') });
      } finally {
        await page.close();
      }
    });
  });
});
