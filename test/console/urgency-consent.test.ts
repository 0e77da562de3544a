/**
 * Issue 15: the O&S chair agrees to special urgency in the console, on the dev server in Chromium: a key
 * decision three days before its meeting waits for the chair, who finds it in My tasks and agrees through the
 * same `consentToUrgency` Update as `govflow consent-urgency`, as themselves (their id from the session). An
 * O&S member, a form naming someone else and a request without a session are refused with nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMeeting } from '../../client/actions/demo-plan';
import { startDecision } from '../../client/processes/decision';
import { decisionStatusQuery, decisionWorkflowId } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { requireChromium } from '../support/browser';
import { item, southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  acceptedUpdates,
  csrfTokenOf,
  expectAccessible,
  postForm,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const CHAIR = southampton.overviewAndScrutiny.chair;
const OS_MEMBER = southampton.overviewAndScrutiny.members[0]!.email;
const TASK = 'Agree, or not, that the decision cannot wait (special urgency)';

describe.skipIf(!requireChromium())('the O&S chair agrees to special urgency in the console', () => {
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

  it('the chair agrees from My tasks, as themselves; anyone else is refused with nothing sent', async () => {
    const taskQueue = uniqueTaskQueue('console-urgency');
    const ref = `urgency-${Date.now()}`;
    const workflowId = decisionWorkflowId(southampton.board.id, ref);
    const route = `/decisions/${southampton.board.id}/${ref}/urgency-consent`;
    const meetingDate = addDays(londonCivilDate(Date.now()), 3);
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // A key decision (£800,000) three days off: too late for the Forward Plan and the general exception.
      const handle = await startDecision(
        server.client,
        taskQueue,
        item({ ref, meetingDate, standingOrders: withMeeting(southampton, meetingDate) }),
      );
      await expect
        .poll(async () => (await handle.query(decisionStatusQuery)).stage, { timeout: 20_000 })
        .toBe('awaiting-urgency-consent');
      const consents = () => acceptedUpdates(handle, 'consentToUrgency');
      const post = (body: Record<string, string>, cookie?: string) => postForm(stack, route, body, cookie);
      const tokenOf = (cookie: string) => csrfTokenOf(stack, cookie);

      // The chair finds the task on their start page (visibility follows a moment later).
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, CHAIR.email);
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('main').innerText();
          },
          { timeout: 15_000 },
        )
        .toContain(workflowId);
      await expectAccessible(page);
      await page.locator('tbody tr', { hasText: workflowId }).getByRole('link', { name: TASK }).click();
      await page.waitForURL((url) => url.pathname === route);
      await expectAccessible(page);

      // An O&S member (not the chair) sees no form and sends nothing; nor does a form naming another, or no session.
      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, OS_MEMBER);
      expect(await memberPage.locator('main').innerText()).not.toContain(workflowId);
      const refused = await memberPage.goto(`${stack.server.url}${route}`);
      expect(refused!.status()).toBe(403);
      expect(await memberPage.getByRole('heading', { level: 1 }).innerText()).toBe(
        'You cannot agree to special urgency',
      );
      await expectAccessible(memberPage);
      const memberCookie = await sessionCookieOf(memberPage);
      const member = await post(
        { reason: 'Beds needed', by: CHAIR.id, _csrf: await tokenOf(memberCookie) },
        memberCookie,
      );
      expect(member.status).toBe(403);
      expect(await member.text()).toContain('Nothing was sent.');
      const cookie = await sessionCookieOf(page);
      const forged = await post(
        { reason: 'Beds needed', by: 'cllr-hana-ali', _csrf: await tokenOf(cookie) },
        cookie,
      );
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('by: the form says cllr-hana-ali');
      expect((await post({ reason: 'Beds needed', _csrf: 'x' })).status).toBe(401);
      expect(await consents()).toEqual([]);

      // Without a reason the form says what is missing; with one, the chair's agreement is recorded.
      await page.getByRole('button', { name: 'Agree the decision is urgent' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').innerText()).toContain('reason');
      await expectAccessible(page);
      await page
        .getByLabel('Why the decision cannot reasonably be deferred')
        .fill('Beds needed before winter.');
      await page.getByRole('button', { name: 'Agree the decision is urgent' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your agreement is recorded');
      await expectAccessible(page);
      expect(await consents()).toEqual([{ by: CHAIR.id, reason: 'Beds needed before winter.' }]);
      await handle.terminate('test over');
    });
  });
});
