/**
 * Issue 15: after the meeting day democratic services publishes the draft minutes and records their approval
 * on the meeting's page in the console, on the time-skipping server in Chromium with axe-core: each form
 * appears only when the process waits for it, the officer is the session's, and a date the workflow refuses
 * (an approval that has not happened yet) or the schema refuses is the form's error.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import { meetingStatusQuery } from '../../definitions';
import { dayOfWeek, londonCivilDate } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { requireChromium } from '../support/browser';
import { THURSDAY, addDays, at, firstDay } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';
import { OFFICER, expectAccessible, signIn, startConsoleStack, type ConsoleStack } from './support';

describe.skipIf(!requireChromium())('a meeting’s minutes in the console', () => {
  let env: TestWorkflowEnvironment;
  let stack: ConsoleStack;
  const boardId = `console-minutes-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    env = await timeSkipping();
  });
  afterAll(async () => {
    await stack?.close();
    await env?.teardown();
  });

  it('publishes the draft minutes, then records their approval at a later meeting', async () => {
    const now = londonCivilDate(await env.currentTimeMs());
    const preset = resolveStandingOrders('southampton-jcb', now);
    const so = resolveStandingOrders({ ...preset, board: { ...preset.board, id: boardId } });
    stack = await startConsoleStack({ temporal: env.client, boards: [so] });
    const held = firstDay(addDays(now, 21), (d) => dayOfWeek(d) === THURSDAY);
    const route = `/meetings/${boardId}/${held}`;
    const taskQueue = uniqueTaskQueue('console-minutes');
    await withWorker(env.nativeConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await startMeeting(
        env.client,
        taskQueue,
        { standingOrders: so, date: held, by: OFFICER, venue: 'Civic Centre, Committee Room 1' },
        now,
      );
      const stage = async () => (await handle.query(meetingStatusQuery)).stage;
      await env.sleep(Date.parse(at(addDays(held, 1), '10:00')) - (await env.currentTimeMs()));
      await expect.poll(stage, { timeout: 20_000 }).toBe('minutes-due');

      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER, route);
      const main = () => page.locator('main').innerText();
      expect(await page.getByRole('button', { name: 'Record the approval' }).count()).toBe(0);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Publish the draft minutes' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
      expect(await main()).toContain(`the draft minutes of ${held} are published`);
      await expect.poll(stage, { timeout: 20_000 }).toBe('minutes-drafted');

      await page.getByRole('link', { name: 'Back to the meeting' }).click();
      await page.waitForURL((url) => url.pathname === route);
      expect(await page.getByRole('button', { name: 'Publish the draft minutes' }).count()).toBe(0);
      const next = addDays(held, 28);
      const approve = async (date: string) => {
        await page.getByLabel('The later meeting that approved them').fill(date);
        await page.getByRole('button', { name: 'Record the approval' }).click();
        await page.waitForLoadState();
      };
      // Not a date: the schema's rule; a meeting still to come: the workflow's.
      await approve('next Thursday');
      expect(await page.getByRole('alert').innerText()).toContain(
        'approvedAt: must be a real date written YYYY-MM-DD',
      );
      await expectAccessible(page);
      await approve(next);
      expect(await page.getByRole('alert').innerText()).toContain(`approvedAt: ${next} has not happened yet`);
      await expectAccessible(page);

      await env.sleep(Date.parse(at(next, '11:00')) - (await env.currentTimeMs()));
      await page.goto(`${stack.server.url}${route}`);
      await approve(next);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
      expect(await main()).toContain(`the minutes of ${held} are approved (at the meeting on ${next})`);
      const result = await handle.result();
      expect(result.outcome).toBe('minutes-approved');
    });
  });
});
