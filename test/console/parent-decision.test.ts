/**
 * Issue 15: a parent body's clerk records their body's decision on a board's recommendation in the console,
 * on the dev server in Chromium: the same `recordParentDecision` Update as `govflow parent-decision`, with
 * the clerk and their body from the session. The task waits on the clerk's start page; a form naming the
 * other parent body, a board member and a request without a session are refused with nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecommendation } from '../../client/processes/recommendation';
import { recommendationStatusQuery, recommendationWorkflowId } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
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

describe.skipIf(!requireChromium())('a parent body’s clerk records its decision in the console', () => {
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

  it('records the clerk’s body’s decision, by the clerk, and refuses anyone acting for another', async () => {
    const taskQueue = uniqueTaskQueue('console-parent');
    const ref = `parent-${Date.now()}`;
    const workflowId = recommendationWorkflowId(southampton.board.id, ref);
    const route = `/recommendations/${southampton.board.id}/${ref}/decision`;
    const today = londonCivilDate(Date.now());
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await startRecommendation(server.client, taskQueue, {
        boardId: southampton.board.id,
        ref,
        title: 'Joint carers strategy',
        recommendation: 'That both parent bodies adopt the joint carers strategy.',
        parentBodies: southampton.partners.map((p) => ({
          partner: p.id,
          body: p.parentBody.name,
          clerk: p.clerk,
          meetingDate: addDays(today, 7),
          deadline: addDays(today, 21),
        })),
      });
      await expect
        .poll(async () => (await handle.query(recommendationStatusQuery)).stage, { timeout: 20_000 })
        .toBe('awaiting-decisions');
      const decisions = () => acceptedUpdates(handle, 'recordParentDecision');
      const post = (body: Record<string, string>, cookie?: string) => postForm(stack, route, body, cookie);
      const tokenOf = (cookie: string) => csrfTokenOf(stack, cookie);

      // The clerk finds the task on their start page (visibility follows a moment later).
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, CLERK);
      const task = 'Record your parent body’s decision on the recommendation';
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('main').innerText();
          },
          { timeout: 15_000 },
        )
        .toContain(workflowId);
      await page.locator('tbody tr', { hasText: workflowId }).getByRole('link', { name: task }).click();
      await page.waitForURL((url) => url.pathname === route);
      await expectAccessible(page);

      // The council's clerk naming the NHS body, a board member, and no session: refused, nothing sent.
      const cookie = await sessionCookieOf(page);
      const forged = await post({ partner: 'nhs', outcome: 'reject', _csrf: await tokenOf(cookie) }, cookie);
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('nhs is not yours to record. Nothing was sent.');
      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, MEMBER);
      const memberCookie = await sessionCookieOf(memberPage);
      const member = await post({ outcome: 'reject', _csrf: await tokenOf(memberCookie) }, memberCookie);
      expect(member.status).toBe(403);
      expect((await post({ outcome: 'reject', _csrf: 'x' })).status).toBe(401);
      expect(await decisions()).toEqual([]);

      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').innerText()).toContain('Choose approve, reject or amend.');
      await expectAccessible(page);
      await page.getByLabel('Approve', { exact: true }).check();
      await page.getByLabel('Reasons (optional)').fill('Agreed at Cabinet.');
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The decision is recorded');
      await expectAccessible(page);
      expect(await decisions()).toEqual([
        { partner: 'council', by: CLERK, outcome: 'approve', reasons: 'Agreed at Cabinet.' },
      ]);
      await handle.terminate('test over');
    });
  });
});
