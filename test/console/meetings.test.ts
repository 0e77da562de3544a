/**
 * Issue 15: a board's meetings in the console, on the dev server in Chromium. On the meeting day democratic
 * services finds the meeting in My tasks, sees its agenda (the exempt item's title shown to officers only),
 * records attendance and an item's outcome (hands counted per partner) with the officer from the session,
 * and sees both on the meeting page; the workflow's refusal is the form's error. A board member, a request
 * without a session and a form without the CSRF token are refused with nothing sent.
 */
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import { addLateItemUpdate, meetingStatusQuery, meetingWorkflowId } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { requireChromium } from '../support/browser';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  MEMBER,
  OFFICER,
  expectAccessible,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const today = londonCivilDate(Date.now());
const preset = resolveStandingOrders('southampton-jcb', today);
// A board of the test's own: no other test's meeting today shares its workflow id on the shared dev server.
const boardId = `console-meet-${randomUUID().slice(0, 8)}`;
const so = resolveStandingOrders({ ...preset, board: { ...preset.board, id: boardId } });
const voters = so.members.filter((m) => m.voting);

describe.skipIf(!requireChromium())('a meeting recorded in the console', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let stack: ConsoleStack;
  beforeAll(async () => {
    server = await devServer();
    stack = await startConsoleStack({ temporal: server.client, boards: [so] });
  });
  afterAll(async () => {
    await stack?.close();
    await server?.close();
  });

  it('lets democratic services record attendance and an outcome, and refuses anyone else', async () => {
    const taskQueue = uniqueTaskQueue('console-meeting');
    const workflowId = meetingWorkflowId(boardId, today);
    const route = `/meetings/${boardId}/${today}`;
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // Officers cannot arrange a meeting for today; the test does, to reach the meeting day in real time.
      const handle = await startMeeting(
        server.client,
        taskQueue,
        { standingOrders: so, date: today, by: OFFICER, venue: 'Civic Centre, Committee Room 1' },
        addDays(today, -1),
      );
      await expect
        .poll(async () => (await handle.query(meetingStatusQuery)).stage, { timeout: 20_000 })
        .toBe('in-session');
      const late = (ref: string, title: string, exemptParagraph: number | null) =>
        handle.executeUpdate(addLateItemUpdate, {
          args: [
            {
              by: OFFICER,
              ref,
              title,
              exemptParagraph,
              notices: exemptParagraph ? { privateMeeting: addDays(today, -35) } : {},
              chairConsent: { chair: so.chair, reasons: 'The grant must be committed today.' },
            },
          ],
        });
      await late('2027-090', 'Winter grant for carers', null);
      await late('2027-091', 'Confidential tender evaluation', 3);
      const recorded = async () =>
        (await handle.fetchHistory()).events!.flatMap((e) => {
          const request = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
          const name = request?.input?.name;
          if (name !== 'recordAttendance' && name !== 'recordItemOutcome') return [];
          return (request!.input!.args?.payloads ?? []).map((p) => ({
            name,
            ...(defaultPayloadConverter.fromPayload(p) as object),
          }));
        });

      // The clerk's task on the start page leads to the meeting's record.
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER);
      const task = 'Record the meeting’s attendance, interests and each item’s outcome';
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
      expect(await row.locator('td').nth(2).innerText()).toContain(displayDate(today));
      await row.getByRole('link', { name: task }).click();
      await page.waitForURL((url) => url.pathname === route && url.hash === '#record');
      const main = () => page.locator('main').innerText();
      expect(await main()).toContain('2027-090: Winter grant for carers (late item)');
      expect(await main()).toContain(
        '2027-091: exempt, Schedule 12A paragraph 3: Confidential tender evaluation (late item)',
      );
      expect(await main()).toContain('Civic Centre, Committee Room 1');
      await expectAccessible(page);

      // The board's meetings, today's among the upcoming.
      await page.getByRole('link', { name: 'Meetings', exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/meetings/${boardId}`);
      expect(await main()).toContain(displayDate(today));
      await expectAccessible(page);
      await page.getByRole('link', { name: displayDate(today) }).click();
      await page.waitForURL((url) => url.pathname === route);

      // A board member sees the agenda (the exempt item by its paragraph only) and records nothing.
      const memberPage = await (await stack.context()).newPage();
      await signIn(stack, memberPage, MEMBER, route);
      const seen = await memberPage.locator('main').innerText();
      expect(seen).toContain('2027-091: exempt, Schedule 12A paragraph 3');
      expect(seen).not.toContain('Confidential tender evaluation');
      expect(await memberPage.getByRole('button', { name: 'Record attendance' }).count()).toBe(0);
      await expectAccessible(memberPage);
      const post = (path: string, body: Record<string, string>, cookie?: string) =>
        fetch(`${stack.server.url}${route}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
          body: new URLSearchParams(body).toString(),
          redirect: 'manual',
        });
      const tokenOf = async (cookie: string) =>
        /name="_csrf" value="([^"]+)"/.exec(
          await (await fetch(stack.server.url, { headers: { cookie } })).text(),
        )![1]!;
      const memberCookie = await sessionCookieOf(memberPage);
      const byMember = await post(
        'attendance',
        { present: voters[0]!.id, _csrf: await tokenOf(memberCookie) },
        memberCookie,
      );
      expect(byMember.status).toBe(403);
      expect(await byMember.text()).toContain('Nothing was sent.');
      expect((await post('attendance', { present: voters[0]!.id, _csrf: 'x' })).status).toBe(401);
      const cookie = await sessionCookieOf(page);
      expect((await post('attendance', { present: voters[0]!.id }, cookie)).status).toBe(403);
      const asAnother = await post(
        'attendance',
        { present: voters[0]!.id, by: MEMBER, _csrf: await tokenOf(cookie) },
        cookie,
      );
      expect(asAnother.status).toBe(403);
      expect(await recorded()).toEqual([]);

      // An outcome before the attendance: the workflow's refusal is the form's error.
      const outcome = page.locator('form', {
        has: page.getByRole('button', { name: 'Record the outcome of 2027-090' }),
      });
      await outcome.getByLabel('What the board resolved').fill('That the winter grant is committed.');
      await outcome.getByLabel('Reasons').fill('Both partners support it.');
      for (const p of so.partners) {
        await outcome
          .getByLabel(`For (${p.name})`)
          .fill(String(voters.filter((m) => m.partner === p.id).length));
        await outcome.getByLabel(`Against (${p.name})`).fill('0');
      }
      await outcome.getByRole('button').click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').innerText()).toContain(
        'present: record the attendance first (recordAttendance)',
      );
      await expectAccessible(page);
      // What was typed is kept for the clerk to send again.
      expect(await outcome.getByLabel('What the board resolved').inputValue()).toBe(
        'That the winter grant is committed.',
      );
      expect(await recorded()).toEqual([]);

      // The attendance, then the outcome, each shown on the meeting page.
      const attendance = page.locator('form', {
        has: page.getByRole('button', { name: 'Record attendance' }),
      });
      const present = attendance.getByRole('group', { name: 'Members present' });
      for (const m of voters) await present.getByLabel(m.name, { exact: false }).check();
      // The first voter declares an interest in the exempt item (and leaves the room for it).
      await attendance.getByLabel('Interest 1: member').selectOption(voters[0]!.id);
      await attendance.getByLabel('Interest 1: item').selectOption('2027-091');
      await attendance.getByLabel('Interest 1: the interest').fill('A relative bids for the contract');
      await attendance.getByRole('button', { name: 'Record attendance' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
      expect(await main()).toContain(`${voters.length} present, 0 apologies`);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Back to the meeting' }).click();
      await page.waitForURL((url) => url.pathname === route);
      expect(await main()).toContain(voters.map((m) => m.name).join(', '));

      const form = page.locator('form', {
        has: page.getByRole('button', { name: 'Record the outcome of 2027-090' }),
      });
      await form.getByLabel('What the board resolved').fill('That the winter grant is committed.');
      await form.getByLabel('Reasons').fill('Both partners support it.');
      for (const p of so.partners) {
        await form
          .getByLabel(`For (${p.name})`)
          .fill(String(voters.filter((m) => m.partner === p.id).length));
        await form.getByLabel(`Against (${p.name})`).fill('0');
      }
      await form.getByRole('button').click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
      await page.getByRole('link', { name: 'Back to the meeting' }).click();
      await page.waitForURL((url) => url.pathname === route);
      expect(await main()).toContain('consensus: That the winter grant is committed.');
      // The item decided leaves no form behind it; the exempt one still waits.
      expect(await page.getByRole('button', { name: 'Record the outcome of 2027-090' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Record the outcome of 2027-091' }).count()).toBe(1);
      await expectAccessible(page);

      const sent = await recorded();
      expect(sent.map((u) => u.name)).toEqual(['recordAttendance', 'recordItemOutcome']);
      expect(sent.every((u) => (u as { by?: string }).by === OFFICER)).toBe(true);
      expect(sent[0]).toMatchObject({
        present: voters.map((m) => m.id),
        apologies: [],
        interests: [{ member: voters[0]!.id, ref: '2027-091', interest: 'A relative bids for the contract' }],
      });
      expect(sent[1]).toMatchObject({
        ref: '2027-090',
        resolution: 'That the winter grant is committed.',
        reasons: 'Both partners support it.',
        alternatives: [],
      });
      await handle.terminate('test over');
    });
  });
});
