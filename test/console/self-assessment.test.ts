/**
 * Issue 15: a board member sends their self-assessment for the board's effectiveness review in the console,
 * on the dev server in Chromium: the task waits in My tasks while the review collects them, the form sends the
 * same `submitSelfAssessment` Update as `govflow self-assess` with the member from the session, and the task
 * is gone once theirs is in. A clerk, a member sending for another member and a request without a session are
 * refused with nothing sent.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardStatusQuery, boardWorkflowId } from '../../definitions';
import { addDays, addMonths, londonCivilDate } from '../../governance/civil-date';
import { requireChromium } from '../support/browser';
import { southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  CLERK,
  MEMBER,
  acceptedUpdates,
  csrfTokenOf,
  expectAccessible,
  postForm,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const TASK = 'Send your self-assessment of the board for its effectiveness review';
const TOR = 'Terms of Reference\n1. Joint commissioning.';

describe.skipIf(!requireChromium())('a board member sends their self-assessment in the console', () => {
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

  it('the member self-assesses from My tasks, as themselves; anyone else is refused with nothing sent', async () => {
    // A board of this test's own (the dev server is shared), with Southampton's people, served by the console.
    const boardId = `self-assess-${Date.now()}`;
    const so = { ...southampton, board: { ...southampton.board, id: boardId } };
    stack.boards.push(so);
    const workflowId = boardWorkflowId(boardId);
    const route = `/boards/${boardId}/self-assessment`;
    const today = londonCivilDate(Date.now());
    const taskQueue = uniqueTaskQueue('console-self-assessment');
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // Established two years ago, last reviewed a year and a few days ago: review 2 is due, and starts today.
      const handle = await server.client.workflow.start('board', {
        taskQueue,
        workflowId,
        args: [
          {
            standingOrders: so,
            carried: {
              cycle: 2,
              establishedOn: addMonths(today, -24),
              termsOfReference: { version: 1, contentHash: createHash('sha256').update(TOR).digest('hex') },
              lastReviewOn: addDays(addMonths(today, -12), -3),
            },
          },
        ],
      });
      await expect
        .poll(async () => (await handle.query(boardStatusQuery)).stage, { timeout: 20_000 })
        .toBe('self-assessment');
      const assessments = () => acceptedUpdates(handle, 'submitSelfAssessment');
      const post = (body: Record<string, string>, cookie?: string) => postForm(stack, route, body, cookie);
      const tokenOf = (cookie: string) => csrfTokenOf(stack, cookie);
      const startPage = async (page: Page) => {
        await page.reload();
        return page.locator('main').innerText();
      };

      // The member finds the task on their start page (visibility follows a moment later).
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, MEMBER);
      await expect.poll(() => startPage(page), { timeout: 15_000 }).toContain(workflowId);
      await page.locator('tbody tr', { hasText: workflowId }).getByRole('link', { name: TASK }).click();
      await page.waitForURL((url) => url.pathname === route);
      await expectAccessible(page);

      // A clerk is no member; another member cannot send Ada's; no session is no one.
      const clerkPage = await (await stack.context()).newPage();
      await signIn(stack, clerkPage, CLERK);
      expect((await clerkPage.goto(`${stack.server.url}${route}`))!.status()).toBe(403);
      await expectAccessible(clerkPage);
      const clerkCookie = await sessionCookieOf(clerkPage);
      expect((await post({ rating: '5', _csrf: await tokenOf(clerkCookie) }, clerkCookie)).status).toBe(403);
      const benPage = await (await stack.context()).newPage();
      await signIn(stack, benPage, 'ben.okafor@southampton.example.org');
      const benCookie = await sessionCookieOf(benPage);
      const forged = await post(
        { member: 'cllr-ada-shaw', rating: '1', _csrf: await tokenOf(benCookie) },
        benCookie,
      );
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('member: the form says cllr-ada-shaw');
      expect((await post({ rating: '5', _csrf: 'x' })).status).toBe(401);
      expect(await assessments()).toEqual([]);

      await page.getByRole('button', { name: 'Send my self-assessment' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').innerText()).toContain('Choose a rating from 1 to 5.');
      await expectAccessible(page);
      await page.getByLabel('4', { exact: true }).check();
      await page.getByLabel('Comments (optional)').fill('Papers arrive late.');
      await page.getByRole('button', { name: 'Send my self-assessment' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your self-assessment is sent');
      await expectAccessible(page);
      expect(await assessments()).toEqual([
        { member: 'cllr-ada-shaw', rating: 4, comments: 'Papers arrive late.' },
      ]);

      // Sent once: the task is gone from Ada's start page (Ben's is still there) and the form says so.
      await page.goto(stack.server.url);
      expect(await page.locator('main').innerText()).not.toContain(workflowId);
      expect(await startPage(benPage)).toContain(workflowId);
      expect((await page.goto(`${stack.server.url}${route}`))!.status()).toBe(409);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
        'You have sent your self-assessment',
      );
      await handle.terminate('test over');
    });
  });
});
