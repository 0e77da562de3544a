/**
 * Issue 15: "My tasks" on the console's start page, from Temporal visibility, on the dev server: an item whose
 * meeting is today (a non-key item proposed a month ago, as the demo does) waits for its members' votes; a member sees it with
 * its deadline, follows the task to the vote form and votes; a scrutiny councillor is not asked to vote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMeeting } from '../../client/actions/demo-plan';
import { startDecision } from '../../client/processes/decision';
import { decisionStatusQuery, decisionWorkflowId } from '../../definitions';
import { londonCivilDate } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { requireChromium } from '../support/browser';
import { item, southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { MEMBER, expectAccessible, signIn, startConsoleStack, type ConsoleStack } from './support';

const DAY_MS = 86_400_000;

describe.skipIf(!requireChromium())('my tasks in the console', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let stack: ConsoleStack;
  beforeAll(async () => {
    server = await devServer();
    stack = await startConsoleStack({ temporal: server.client });
  });
  afterAll(async () => {
    await stack?.close();
    await server?.close();
  });

  it('lists the vote waiting for a member, with its deadline, and the task leads to the vote', async () => {
    const taskQueue = uniqueTaskQueue('console-tasks');
    const ref = `tasks-${Date.now()}`;
    const workflowId = decisionWorkflowId(southampton.board.id, ref);
    const double = recordingActivities();
    const today = londonCivilDate(Date.now());
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      const handle = await startDecision(
        server.client,
        taskQueue,
        item({
          ref,
          amountGbp: 100_000,
          meetingDate: today,
          standingOrders: withMeeting(southampton, today),
        }),
        Date.now() - 30 * DAY_MS,
      );
      await expect
        .poll(async () => (await handle.query(decisionStatusQuery)).stage, { timeout: 20_000 })
        .toBe('voting');
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, MEMBER);
      // Visibility follows the workflow's search attributes a moment later.
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('main').innerText();
          },
          { timeout: 15_000 },
        )
        .toContain(workflowId);
      const row = page.locator('tbody tr', { hasText: workflowId });
      expect(await row.innerText()).toContain('Vote on the item at today’s meeting');
      // By the end of the meeting day.
      expect(await row.locator('td').nth(2).innerText()).toContain(displayDate(today));
      await expectAccessible(page);
      await row.getByRole('link', { name: 'Vote on the item at today’s meeting' }).click();
      await page.getByLabel('Against', { exact: true }).check();
      await page.getByRole('button', { name: 'Record my vote' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your vote is recorded');

      const councillor = await (await stack.context()).newPage();
      await signIn(stack, councillor, 'hana.ali@southampton.example.org');
      expect(await councillor.locator('main').innerText()).toContain('My tasks');
      expect(await councillor.locator('main').innerText()).not.toContain(workflowId);
      await handle.terminate('test over');
    });
  });
});
