/**
 * Issue 15's journey across roles, each person signing in through the console's sign-in page in Chromium, on
 * the wiring `npm start` uses (the PGlite register the console and the worker's activities share, the
 * embedded mail store, the embedded OpenID provider) with a govflow worker on the time-skipping server, so
 * the meeting day and the call-in window come: an officer proposes an item and uploads its report; on the
 * meeting day democratic services (the meeting's clerk) records attendance and a member votes; while the vote
 * is open, a signed-out cookie, an expired session, a form without its CSRF token and a member voting for
 * another are each refused with nothing sent to Temporal; once every member has voted, O&S members lodge a
 * call-in with their own signatures; a parent body's clerk records their body's decision on a recommendation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { proposeDecision } from '../../client/processes/decision';
import { startMeeting } from '../../client/processes/meeting';
import { startRecommendation } from '../../client/processes/recommendation';
import {
  decisionStatusQuery,
  decisionWorkflowId,
  meetingStatusQuery,
  recommendationStatusQuery,
  recommendationWorkflowId,
} from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { knownBoards } from '../support/boards';
import { requireChromium } from '../support/browser';
import { at } from '../support/dates';
import { MEETING, decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';
import { freePort } from '../support/ports';
import {
  CLERK,
  IDLE_MINUTES,
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

const BOARD = southampton.board.id;
const REF = `journey-${Date.now()}`;
const VOTE = `/decisions/${BOARD}/${REF}/vote`;
const CALL_IN = `/decisions/${BOARD}/${REF}/call-in`;
const GROUNDS = 'The consultation did not include carers.';
/** A member who has not voted when the refusals are tried: each refused request would otherwise count. */
const other = southampton.members.find((m) => m.email !== MEMBER)!;
const os = southampton.overviewAndScrutiny.members;

describe.skipIf(!requireChromium())('a journey across roles in the console', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'govflow-journey-'));
  let services: GovernanceServices;
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  let stack: ConsoleStack;
  let handle: WorkflowHandle;

  beforeAll(async () => {
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dataDir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
    });
    const { mailer, register } = services;
    h = await decisionHarness(createActivities({ mailer, register, boards: knownBoards(southampton) }));
    stack = await startConsoleStack({
      register,
      temporal: h.env.client,
      proposeItem: async (input) => (await proposeDecision(h.env.client, h.taskQueue, input)).workflowId,
      reports: true,
    });
  });
  afterAll(async () => {
    await stack?.close();
    await h?.close();
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const newPage = async () => (await stack.context()).newPage();
  /** What Temporal holds of the decision: a refused request must change neither its history nor its status. */
  const decisionState = async () => ({
    events: (await handle.fetchHistory()).events!.length,
    status: await handle.query(decisionStatusQuery),
  });

  it('an officer proposes an item and uploads its report', { timeout: 180_000 }, async () => {
    const proposed = item({ ref: REF });
    const page = await newPage();
    await signIn(stack, page, OFFICER, `/boards/${BOARD}/items/new`);
    await page.getByLabel('Reference').fill(REF);
    await page.getByLabel('Title').fill(proposed.title);
    await page.getByLabel('Public summary').fill(proposed.summary);
    await page.getByLabel('Topic in the board’s delegated scope').selectOption(proposed.topic);
    await page.getByLabel('Amount committed or saved, in pounds (optional)').fill('800,000');
    await page.getByLabel('Meeting').selectOption(MEETING);
    await page.getByRole('button', { name: 'Check the timeline' }).click();
    await page.waitForLoadState();
    await page.getByRole('button', { name: 'Propose the item' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The item is proposed');
    handle = h.env.client.workflow.getHandle(decisionWorkflowId(BOARD, REF));
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await page.getByRole('link', { name: 'Upload its report' }).click();
    await page.waitForURL((url) => url.pathname === `/decisions/${BOARD}/${REF}/report`);
    const report = Buffer.from('# Reablement contract\n\nThe case for the award.\n');
    await page
      .getByLabel('File (PDF, Word or Markdown, up to 10 MB)')
      .setInputFiles({ name: 'report.md', mimeType: 'text/markdown', buffer: report });
    await page.getByRole('button', { name: 'Upload the report' }).click();
    await page.waitForLoadState();
    expect(await page.locator('table').innerText()).toContain('report.md');
    await expectAccessible(page);
    const reports = await stack.register.db.query('select file_name, uploaded_by from item_reports');
    expect(reports.rows).toEqual([{ file_name: 'report.md', uploaded_by: OFFICER }]);
  });

  it('on the meeting day the clerk records attendance', async () => {
    const meeting = await startMeeting(h.env.client, h.taskQueue, {
      standingOrders: southampton,
      date: MEETING,
      by: OFFICER,
      venue: 'Civic Centre, Committee Room 1',
    });
    await h.until(at(MEETING, '10:00'));
    await expect
      .poll(async () => (await meeting.query(meetingStatusQuery)).stage, { timeout: 20_000 })
      .toBe('in-session');
    const voters = southampton.members.filter((m) => m.voting);
    const page = await newPage();
    await signIn(stack, page, OFFICER, `/meetings/${BOARD}/${MEETING}`);
    const attendance = page.locator('form', { has: page.getByRole('button', { name: 'Record attendance' }) });
    const present = attendance.getByRole('group', { name: 'Members present' });
    for (const m of voters) await present.getByLabel(m.name, { exact: false }).check();
    await attendance.getByRole('button', { name: 'Record attendance' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
    expect(await page.locator('main').innerText()).toContain(`${voters.length} present, 0 apologies`);
    await expectAccessible(page);
    expect(await acceptedUpdates(meeting, 'recordAttendance')).toMatchObject([
      { by: OFFICER, present: voters.map((m) => m.id), apologies: [] },
    ]);
  });

  it('on the meeting day a member signs in and votes', async () => {
    expect((await handle.query(decisionStatusQuery)).stage).toBe('voting');
    const page = await newPage();
    await signIn(stack, page, MEMBER, VOTE);
    await page.getByLabel('For', { exact: true }).check();
    await page.getByRole('button', { name: 'Record my vote' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your vote is recorded');
    await expectAccessible(page);
    expect(await acceptedUpdates(handle, 'vote')).toEqual([{ member: 'cllr-ada-shaw', vote: 'for' }]);
  });

  it('refuses a signed-out cookie, an expired session, a form without its CSRF token and a vote for another member, sending nothing', async () => {
    const before = await decisionState();

    // Signed out: the old cookie and its token open nothing.
    const signedOut = await newPage();
    await signIn(stack, signedOut, other.email, VOTE);
    const oldCookie = await sessionCookieOf(signedOut);
    const oldToken = await csrfTokenOf(stack, oldCookie, VOTE);
    await signedOut.getByRole('button', { name: 'Sign out' }).click();
    await signedOut.waitForURL(/\/sign-in\?signedOut=1/);
    expect((await postForm(stack, VOTE, { vote: 'for', _csrf: oldToken }, oldCookie)).status).toBe(401);
    expect(await decisionState()).toEqual(before);

    // Idle for longer than the limit: the session has ended.
    const idle = await newPage();
    await signIn(stack, idle, other.email, VOTE);
    const idleCookie = await sessionCookieOf(idle);
    const idleToken = await csrfTokenOf(stack, idleCookie, VOTE);
    await stack.register.db.query(
      `update console_sessions set last_seen_at = now() - make_interval(mins => $2) where email = $1`,
      [other.email, IDLE_MINUTES + 1],
    );
    expect((await postForm(stack, VOTE, { vote: 'for', _csrf: idleToken }, idleCookie)).status).toBe(401);
    await idle.reload();
    expect(await idle.locator('main').innerText()).toContain('Your session has ended.');
    expect(await decisionState()).toEqual(before);

    // A forged form: the session is live but the form carries no token, or not its token.
    const live = await newPage();
    await signIn(stack, live, other.email, VOTE);
    const liveCookie = await sessionCookieOf(live);
    const forgeries: Record<string, string>[] = [{ vote: 'for' }, { vote: 'for', _csrf: oldToken }];
    for (const forged of forgeries)
      expect((await postForm(stack, VOTE, forged, liveCookie)).status).toBe(403);
    expect(await decisionState()).toEqual(before);

    // A member recording another member's vote.
    const member = await newPage();
    await signIn(stack, member, MEMBER, VOTE);
    const cookie = await sessionCookieOf(member);
    const forOther = await postForm(
      stack,
      VOTE,
      { member: other.id, vote: 'against', _csrf: await csrfTokenOf(stack, cookie, VOTE) },
      cookie,
    );
    expect(forOther.status).toBe(403);
    expect(await forOther.text()).toContain(`a vote for ${other.id} is theirs to give. Nothing was sent.`);
    expect(await decisionState()).toEqual(before);
    expect(await acceptedUpdates(handle, 'vote')).toEqual([{ member: 'cllr-ada-shaw', vote: 'for' }]);
  });

  it('O&S members lodge a call-in with their own signatures', { timeout: 240_000 }, async () => {
    await h.vote(
      handle,
      everyoneFor.filter((v) => v.member !== 'cllr-ada-shaw'),
    );
    await h.until(at(addDays(MEETING, 1), '10:00'));
    expect((await handle.query(decisionStatusQuery)).stage).toBe('in-call-in-window');
    const required = southampton.callIn.signatoriesRequired;
    for (let i = 0; i < required; i++) {
      const page = await newPage();
      await signIn(stack, page, os[i]!.email, CALL_IN);
      if (i === 0) {
        await page.getByLabel('Grounds for the call-in').fill(GROUNDS);
        await page.getByRole('button', { name: 'Open the call-in and sign it' }).click();
      } else await page.getByRole('button', { name: 'Add my signature' }).click();
      await page.waitForLoadState();
      if (i < required - 1) expect(await page.getByText(`(${i + 1} of ${required})`).count()).toBe(1);
      else {
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The call-in is lodged');
        await expectAccessible(page);
      }
    }
    expect(await acceptedUpdates(handle, 'lodgeCallIn')).toEqual([
      { members: os.slice(0, required).map((m) => m.id), grounds: GROUNDS },
    ]);
    // The workflow's main line moves on from the Update's handler a moment later.
    await expect.poll(async () => (await handle.query(decisionStatusQuery)).stage).toBe('called-in');
    // The worker's activities keep the same register the console reads: the public record says so too.
    await expect
      .poll(async () => (await services.register.decisions()).find((d) => d.ref === REF)?.status)
      .toBe('called-in');
  });

  it('a parent body’s clerk records their body’s decision', async () => {
    const ref = `${REF}-recommendation`;
    const today = londonCivilDate(await h.env.currentTimeMs());
    const recommendation = await startRecommendation(h.env.client, h.taskQueue, {
      boardId: BOARD,
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
    expect(recommendation.workflowId).toBe(recommendationWorkflowId(BOARD, ref));
    await expect
      .poll(async () => (await recommendation.query(recommendationStatusQuery)).stage, { timeout: 20_000 })
      .toBe('awaiting-decisions');
    const page = await newPage();
    await signIn(stack, page, CLERK, `/recommendations/${BOARD}/${ref}/decision`);
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel('Reasons (optional)').fill('Agreed at Cabinet.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The decision is recorded');
    await expectAccessible(page);
    expect(await acceptedUpdates(recommendation, 'recordParentDecision')).toEqual([
      { partner: 'council', by: CLERK, outcome: 'approve', reasons: 'Agreed at Cabinet.' },
    ]);
  });
});
