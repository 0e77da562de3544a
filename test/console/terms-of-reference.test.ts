/**
 * Issue 15: a parent body's clerk records their body's decision on a board's Terms of Reference in the
 * console, on the time-skipping server in Chromium: the same `decideTermsOfReference` Update as
 * `govflow tor decide`, with the clerk and their body from the session. A form naming the other body, a
 * board member and a request without a session are refused with nothing sent.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { proposeBoard } from '../../client/processes/board';
import { boardStatusQuery } from '../../definitions';
import { requireChromium } from '../support/browser';
import { addDays, anchorDay, at, firstDay } from '../support/dates';
import { southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue } from '../support/temporal';
import { createGovflowWorker } from '../../worker/create-worker';
import { workflowBundle } from '../support/temporal';
import {
  CLERK,
  MEMBER,
  expectAccessible,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const ROUTE = '/boards/southampton-jcb/terms-of-reference/decision';

describe.skipIf(!requireChromium())(
  'a parent body’s clerk decides on the Terms of Reference in the console',
  () => {
    let env: Awaited<ReturnType<typeof timeSkipping>>;
    let stack: ConsoleStack;
    let handle: WorkflowHandle;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      env = await timeSkipping();
      const taskQueue = uniqueTaskQueue('console-tor');
      const worker = await createGovflowWorker({
        connection: env.nativeConnection,
        namespace: 'default',
        taskQueue,
        activities: recordingActivities().activities,
        workflowBundle: workflowBundle(),
      });
      const running = worker.run();
      stop = async () => {
        worker.shutdown();
        await running;
      };
      stack = await startConsoleStack({ temporal: env.client });
      const firstMeeting = firstDay(addDays(anchorDay(), 11), (d) => southampton.meetings.includes(d));
      await env.sleep(Date.parse(at(addDays(firstMeeting, -10), '10:00')) - (await env.currentTimeMs()));
      handle = await proposeBoard(env.client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: 'Terms of Reference\n1. Joint commissioning.',
        firstMeeting,
      });
      await env.sleep(Date.parse(at(firstMeeting, '12:00')) - (await env.currentTimeMs()));
      // The first meeting's timer has fired; the worker moves the board on a moment later.
      for (let i = 0; i < 200; i++) {
        if ((await handle.query(boardStatusQuery)).stage === 'awaiting-tor-approval') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    afterAll(async () => {
      await stack?.close();
      await stop?.();
      await env?.teardown();
    });

    const decisions = async () =>
      (await handle.fetchHistory()).events!.flatMap((e) => {
        const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
        if (request?.input?.name !== 'decideTermsOfReference') return [];
        return (request.input.args?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
      });
    const post = (body: Record<string, string>, cookie?: string) =>
      fetch(`${stack.server.url}${ROUTE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams(body).toString(),
        redirect: 'manual',
      });
    const tokenOf = async (cookie: string) =>
      /name="_csrf" value="([^"]+)"/.exec(
        await (await fetch(stack.server.url, { headers: { cookie } })).text(),
      )![1]!;

    it('refuses another body, a board member and no session; records the clerk’s body’s approval', async () => {
      expect((await handle.query(boardStatusQuery)).stage).toBe('awaiting-tor-approval');
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, CLERK, ROUTE);
      await expectAccessible(page);
      const cookie = await sessionCookieOf(page);
      const forged = await post({ body: 'nhs', outcome: 'reject', _csrf: await tokenOf(cookie) }, cookie);
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('nhs is not yours to record. Nothing was sent.');
      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, MEMBER);
      const memberCookie = await sessionCookieOf(memberPage);
      expect(
        (await post({ outcome: 'approve', _csrf: await tokenOf(memberCookie) }, memberCookie)).status,
      ).toBe(403);
      expect((await post({ outcome: 'approve', _csrf: 'x' })).status).toBe(401);
      expect(await decisions()).toEqual([]);

      await page.getByLabel('Ask for amendment').check();
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').innerText()).toContain(
        'an amendment request must say what to amend',
      );
      await expectAccessible(page);
      await page.getByLabel('Approve', { exact: true }).check();
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The decision is recorded');
      expect(await page.locator('main').innerText()).toContain('council approve, nhs pending');
      await expectAccessible(page);
      expect(await decisions()).toEqual([
        { body: 'council', by: CLERK, outcome: 'approve', comments: '', version: 1 },
      ]);
    });
  },
);
