/**
 * Issue 15: a board's pages in the console, in Chromium. On the dev server (proposing asks visibility
 * whether another process runs the board's reviews), democratic services propose a board of the test's own
 * (as `govflow board propose` does, once) and see it on /boards. On the time-skipping server (to reach the
 * parent bodies' decisions), a revised Terms of
 * Reference is refused while the first meeting is ahead and sent as the `reviseTermsOfReference` Update,
 * with the officer from the session, once a parent body has asked for amendments. A board member, a
 * request without a session and a form without the CSRF token are refused with nothing sent.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeBoard, proposeBoardOnce } from '../../client/processes/board';
import { boardStatusQuery, decideTermsOfReferenceUpdate } from '../../definitions';
import { contentHash } from '../../governance/content-hash';
import { createGovflowWorker } from '../../worker/create-worker';
import { requireChromium } from '../support/browser';
import { addDays, anchorDay, at, firstDay } from '../support/dates';
import { southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, timeSkipping, uniqueTaskQueue, withWorker, workflowBundle } from '../support/temporal';
import {
  CLERK,
  MEMBER,
  OFFICER,
  acceptedUpdates,
  csrfTokenOf,
  expectAccessible,
  postForm,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const BOARD = 'southampton-jcb';
const firstMeeting = firstDay(addDays(anchorDay(), 11), (d) => southampton.meetings.includes(d));
const DRAFT = '# Terms of Reference\n\n1. Joint commissioning of adult social care.\n';
const REVISED =
  '# Terms of Reference\n\n1. Joint commissioning of adult social care.\n2. Quorum: one member of each partner.\n';

const upload = async (page: Page, name: string, text: string, button: string) => {
  await page.getByLabel(/Terms of Reference \(Markdown/).setInputFiles({
    name,
    mimeType: 'text/markdown',
    buffer: Buffer.from(text, 'utf8'),
  });
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
};

describe.skipIf(!requireChromium())('democratic services propose a board in the console', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let stack: ConsoleStack;
  // A board of this test's own (the dev server is shared), with Southampton's people.
  const boardId = `console-boards-${Date.now()}`;
  const taskQueue = uniqueTaskQueue('console-boards-propose');
  beforeAll(async () => {
    server = await devServer();
    stack = await startConsoleStack({
      temporal: server.client,
      boards: [{ ...southampton, board: { ...southampton.board, id: boardId } }],
      proposeBoard: async (request) => (await proposeBoardOnce(server.client, taskQueue, request)).workflowId,
    });
  });
  afterAll(async () => {
    await server?.client.workflow
      .getHandle(`board/${boardId}`)
      .terminate('test over')
      .catch(() => undefined);
    await stack?.close();
    await server?.close();
  });

  it('proposes the board once, shows it on /boards; a member, no session and no CSRF token are refused', async () => {
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER, '/boards');
      expect(await page.getByRole('row', { name: new RegExp(boardId) }).innerText()).toContain(
        'not proposed',
      );
      await expectAccessible(page);

      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, MEMBER, '/boards');
      expect(await memberPage.getByRole('link', { name: 'Propose a board' }).count()).toBe(0);
      const memberCookie = await sessionCookieOf(memberPage);
      const refused = await postForm(
        stack,
        '/boards/new',
        { _csrf: await csrfTokenOf(stack, memberCookie), standingOrders: boardId, firstMeeting },
        memberCookie,
      );
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Nothing was sent.');
      expect((await postForm(stack, '/boards/new', { standingOrders: boardId })).status).toBe(401);
      const officerCookie = await sessionCookieOf(page);
      expect((await postForm(stack, '/boards/new', { standingOrders: boardId }, officerCookie)).status).toBe(
        403,
      );
      expect(
        await server.client.workflow
          .getHandle(`board/${boardId}`)
          .describe()
          .catch(() => null),
      ).toBeNull();

      await page.getByRole('link', { name: 'Propose a board' }).click();
      await page.waitForURL(/\/boards\/new$/);
      await expectAccessible(page);
      await page.getByLabel('First meeting').selectOption(firstMeeting);
      await upload(page, 'tor-v1.md', DRAFT, 'Propose the board');
      expect(new URL(page.url()).pathname).toBe(`/boards/${boardId}`);
      expect(await page.locator('main').innerText()).toMatch(/Stage\s+proposed/);
      await expectAccessible(page);
      const handle = server.client.workflow.getHandle(`board/${boardId}`);
      expect((await handle.query(boardStatusQuery)).stage).toBe('proposed');

      await page.goto(`${stack.server.url}/boards`);
      expect(await page.getByRole('row', { name: new RegExp(boardId) }).innerText()).toMatch(/\tproposed$/);

      // A second proposal is refused: the board already runs.
      await page.goto(`${stack.server.url}/boards/new`);
      await page.getByLabel('First meeting').selectOption(firstMeeting);
      await upload(page, 'tor-v1.md', DRAFT, 'Propose the board');
      expect(await page.getByRole('alert').innerText()).toContain(
        `board/${boardId} already exists: a board is proposed once`,
      );
      await expectAccessible(page);
    });
  });
});

describe.skipIf(!requireChromium())(
  'democratic services revise a board’s Terms of Reference in the console',
  () => {
    let env: Awaited<ReturnType<typeof timeSkipping>>;
    let stack: ConsoleStack;
    let stop: () => Promise<void>;
    let taskQueue: string;

    beforeAll(async () => {
      env = await timeSkipping();
      taskQueue = uniqueTaskQueue('console-boards');
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
      await proposeBoard(env.client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: DRAFT,
        firstMeeting,
      });
    });
    afterAll(async () => {
      await stack?.close();
      await stop?.();
      await env?.teardown();
    });

    const handle = (): WorkflowHandle => env.client.workflow.getHandle(`board/${BOARD}`);

    it('refuses a revision before the parent bodies ask for one, and members, no session and no CSRF token', async () => {
      const route = `/boards/${BOARD}/terms-of-reference`;
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER, `/boards/${BOARD}`);
      await upload(page, 'tor-v2.md', REVISED, 'Upload the revised Terms of Reference');
      expect(await page.getByRole('alert').innerText()).toMatch(/stage: proposed/);
      await expectAccessible(page);

      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, MEMBER, `/boards/${BOARD}`);
      expect(await memberPage.getByRole('button', { name: /Upload/ }).count()).toBe(0);
      const memberCookie = await sessionCookieOf(memberPage);
      const memberToken = await csrfTokenOf(stack, memberCookie);
      const refused = await postForm(stack, route, { _csrf: memberToken }, memberCookie);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Nothing was sent.');
      expect((await postForm(stack, route, { _csrf: 'x' })).status).toBe(401);
      const officerCookie = await sessionCookieOf(page);
      expect((await postForm(stack, route, {}, officerCookie)).status).toBe(403);
      const forged = await postForm(
        stack,
        route,
        { _csrf: await csrfTokenOf(stack, officerCookie), by: CLERK },
        officerCookie,
      );
      expect(forged.status).toBe(403);
      expect(await acceptedUpdates(handle(), 'reviseTermsOfReference')).toEqual([]);
    });

    it('sends the revised Terms of Reference, with the officer from the session, once amendments are asked for', async () => {
      await env.sleep(Date.parse(at(firstMeeting, '12:00')) - (await env.currentTimeMs()));
      let stage = '';
      for (let i = 0; i < 200 && stage !== 'awaiting-tor-approval'; i++) {
        stage = (await handle().query(boardStatusQuery)).stage;
        if (stage !== 'awaiting-tor-approval') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await handle().executeUpdate(decideTermsOfReferenceUpdate, {
        args: [{ body: 'council', outcome: 'amend', comments: 'Add the quorum rule', by: CLERK }],
      });
      // The NHS body approves; with the council's request the draft goes back to democratic services.
      await handle().executeUpdate(decideTermsOfReferenceUpdate, {
        args: [
          {
            body: 'nhs',
            outcome: 'approve',
            by: southampton.partners.find((p) => p.kind === 'nhs')!.clerk.email,
          },
        ],
      });
      await expect
        .poll(async () => (await handle().query(boardStatusQuery)).stage, { timeout: 20_000 })
        .toBe('revision-requested');

      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER, `/boards/${BOARD}`);
      await upload(page, 'tor-v2.md', REVISED, 'Upload the revised Terms of Reference');
      const main = await page.locator('main').innerText();
      expect(main).toContain(`Terms of Reference version 2 (SHA-256 ${contentHash(REVISED)})`);
      expect(main).toContain(`version 2, SHA-256 ${contentHash(REVISED)}`);
      await expect
        .poll(async () => (await handle().query(boardStatusQuery)).stage, { timeout: 20_000 })
        .toBe('awaiting-tor-approval');
      await expectAccessible(page);
      expect(await acceptedUpdates(handle(), 'reviseTermsOfReference')).toEqual([
        { text: REVISED, by: OFFICER },
      ]);
    });
  },
);
