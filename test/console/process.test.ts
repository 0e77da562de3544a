/**
 * Issue 15: a process page on the dev server in Chromium: where the process stands from its status query,
 * its steps, its next deadline and a link to the same workflow in the Temporal Web UI (client/queries.ts's
 * link). A process of a board the person has no role on is not shown; without a session, sign-in first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withMeeting } from '../../client/actions/demo-plan';
import { startDecision } from '../../client/processes/decision';
import { webUiLink } from '../../client/queries';
import { decisionStatusQuery, decisionWorkflowId } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { requireChromium } from '../support/browser';
import { item, southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  MEMBER,
  expectAccessible,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const UI = 'http://127.0.0.1:8233';
const link = (id: string) => webUiLink(UI, 'default', `WorkflowId = '${id}'`);

describe.skipIf(!requireChromium())('a process page in the console', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let stack: ConsoleStack;
  beforeAll(async () => {
    server = await devServer();
    stack = await startConsoleStack({ temporal: server.client, webUiLink: link });
  });
  afterAll(async () => {
    await stack?.close();
    await server?.close();
  });

  it('shows where a decision stands, its steps, its next deadline and its Web UI link', async () => {
    const taskQueue = uniqueTaskQueue('console-process');
    const ref = `process-${Date.now()}`;
    const workflowId = decisionWorkflowId(southampton.board.id, ref);
    const meeting = addDays(londonCivilDate(Date.now()), 60);
    const other = { ...southampton, board: { ...southampton.board, id: `console-other-${Date.now()}` } };
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await startDecision(
        server.client,
        taskQueue,
        item({ ref, meetingDate: meeting, standingOrders: withMeeting(southampton, meeting) }),
      );
      const elsewhere = await startDecision(
        server.client,
        taskQueue,
        item({ ref, meetingDate: meeting, standingOrders: withMeeting(other, meeting) }),
      );
      // Settled until its agenda day: noticed, and its meeting asked to list it.
      await expect
        .poll(async () => (await handle.query(decisionStatusQuery)).stage, { timeout: 20_000 })
        .toBe('awaiting-agenda-publication');
      const status = await handle.query(decisionStatusQuery);
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, MEMBER, `/processes/${workflowId}`);
      const main = await page.locator('main').innerText();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(workflowId);
      expect(main).toContain(status.stage);
      expect(main).toContain(status.steps[0]!.kind);
      expect(main).toContain(displayDeadline(status.nextDeadline!));
      // What it waits for, with its date as people read dates ("agenda publication on Wednesday 3 March 2027").
      expect(main).toContain(displayDatesIn(status.waitingFor));
      expect(status.waitingFor).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(main).not.toContain(status.waitingFor);
      expect(
        await page.getByRole('link', { name: 'This process in the Temporal Web UI' }).getAttribute('href'),
      ).toBe(link(workflowId));
      await expectAccessible(page);

      const cookie = await sessionCookieOf(page);
      const refused = await fetch(`${stack.server.url}/processes/${elsewhere.workflowId}`, {
        headers: { cookie },
      });
      expect(refused.status).toBe(403);
      const anonymous = await fetch(`${stack.server.url}/processes/${workflowId}`, { redirect: 'manual' });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toMatch(/^\/sign-in\?/);
      await handle.terminate('test over');
      await elsewhere.terminate('test over');
    });
  });
});
