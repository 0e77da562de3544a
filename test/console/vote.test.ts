/**
 * Issue 15: the console's first action, a member's vote on the meeting day, end to end in Chromium: the
 * same `vote` Update as `govflow vote`, with the member taken from the session. A form naming another member,
 * a request without a session and a person who is not a member are refused with nothing sent to Temporal.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionStatusQuery } from '../../definitions';
import { requireChromium } from '../support/browser';
import { at } from '../support/dates';
import { MEETING, decisionHarness, item } from '../support/decision-harness';
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

const REF = 'console-vote';
const FORM = `/decisions/southampton-jcb/${REF}/vote`;

describe.skipIf(!requireChromium())('a member votes in the console', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  let stack: ConsoleStack;
  let handle: WorkflowHandle;

  beforeAll(async () => {
    h = await decisionHarness();
    stack = await startConsoleStack({ temporal: h.env.client });
    handle = await h.start(item({ ref: REF }));
    await h.until(at(MEETING, '10:00'));
    expect((await handle.query(decisionStatusQuery)).stage).toBe('voting');
  });
  afterAll(async () => {
    await stack?.close();
    await h?.close();
  });

  /** The votes the workflow accepted, as their Updates' arguments in its history. */
  const acceptedVotes = () => acceptedUpdates(handle, 'vote');
  const formToken = (cookie: string) => csrfTokenOf(stack, cookie, FORM);
  const post = (body: Record<string, string>, cookie?: string) => postForm(stack, FORM, body, cookie);

  it('records the signed-in member’s vote through the vote Update, the member taken from the session', async () => {
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, MEMBER, FORM);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Record my vote' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').innerText()).toContain('Choose for, against or abstain.');
    await expectAccessible(page);
    await page.getByLabel('For', { exact: true }).check();
    await page.getByRole('button', { name: 'Record my vote' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your vote is recorded');
    await expectAccessible(page);
    expect(await acceptedVotes()).toEqual([{ member: 'cllr-ada-shaw', vote: 'for' }]);
  });

  it('refuses a form that names another member, sending nothing to Temporal', async () => {
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, MEMBER);
    const cookie = await sessionCookieOf(page);
    const before = await acceptedVotes();
    const forged = await post(
      { member: 'cllr-ben-okafor', vote: 'for', _csrf: await formToken(cookie) },
      cookie,
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('a vote for cllr-ben-okafor is theirs to give. Nothing was sent.');
    expect(await acceptedVotes()).toEqual(before);
  });

  it('refuses a vote without a session, or from someone who is not a member, sending nothing', async () => {
    const before = await acceptedVotes();
    const anonymous = await post({ member: 'cllr-ben-okafor', vote: 'for', _csrf: 'x' });
    expect(anonymous.status).toBe(401);
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, CLERK);
    const cookie = await sessionCookieOf(page);
    const clerk = await post({ vote: 'for', _csrf: await formToken(cookie) }, cookie);
    expect(clerk.status).toBe(403);
    expect(await clerk.text()).toContain('You are not a member of southampton-jcb. Nothing was sent.');
    expect(await acceptedVotes()).toEqual(before);
  });
});
