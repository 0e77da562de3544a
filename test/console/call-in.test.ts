/**
 * Issue 15: O&S members lodge a call-in in the console with their own signatures, on the time-skipping server
 * in Chromium. One member opens it with grounds, others add theirs, and it is lodged through the same
 * `lodgeCallIn` Update as `govflow call-in` when the standing orders' number have signed, with exactly the
 * members who signed. A board member who is not on O&S, a request without a session and a form naming
 * someone else are refused or ignored, with nothing sent to Temporal.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionStatusQuery } from '../../definitions';
import { addDays } from '../../governance/civil-date';
import { requireChromium } from '../support/browser';
import { at } from '../support/dates';
import { MEETING, decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';
import {
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

const REF = 'console-call-in';
const PAGE = `/decisions/southampton-jcb/${REF}/call-in`;
const GROUNDS = 'The consultation did not include carers.';
const os = southampton.overviewAndScrutiny.members;
const email = (i: number) => os[i]!.email;

describe.skipIf(!requireChromium())('O&S members call a decision in from the console', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  let stack: ConsoleStack;
  let handle: WorkflowHandle;

  beforeAll(async () => {
    h = await decisionHarness();
    stack = await startConsoleStack({ temporal: h.env.client });
    handle = await h.start(item({ ref: REF }));
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, everyoneFor);
    await h.until(at(addDays(MEETING, 1), '10:00'));
    expect((await handle.query(decisionStatusQuery)).stage).toBe('in-call-in-window');
  });
  afterAll(async () => {
    await stack?.close();
    await h?.close();
  });

  /** The call-ins the workflow accepted, as their Updates' arguments in its history. */
  const lodged = () => acceptedUpdates(handle, 'lodgeCallIn');
  const signatures = async () =>
    (
      await stack.register.db.query<{ member: string; email: string }>(
        'select member, email from console_call_in_signatures order by signed_at, member',
      )
    ).rows;
  const post = (route: string, body: Record<string, string>, cookie?: string) =>
    postForm(stack, route, body, cookie);
  /** A signed-in session outside the browser: its cookie and a CSRF token from its start page. */
  const session = async (who: string) => {
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, who);
    const cookie = await sessionCookieOf(page);
    return { cookie, csrf: await csrfTokenOf(stack, cookie) };
  };

  it('refuses a board member who is not on O&S, and a request without a session, keeping and sending nothing', async () => {
    const member = await session(MEMBER);
    const page = await fetch(`${stack.server.url}${PAGE}`, { headers: { cookie: member.cookie } });
    expect(page.status).toBe(403);
    const open = await post(PAGE, { grounds: GROUNDS, _csrf: member.csrf }, member.cookie);
    expect(open.status).toBe(403);
    expect(await open.text()).toContain('Overview and Scrutiny committee. Nothing was sent.');
    expect((await post(PAGE, { grounds: GROUNDS, _csrf: 'x' })).status).toBe(401);
    expect((await post(`${PAGE}/sign`, { _csrf: 'x' })).status).toBe(401);
    expect(await signatures()).toEqual([]);
    expect(await lodged()).toEqual([]);
  });

  it('is opened by one member, signed by others, and lodged with exactly those who signed', async () => {
    const required = southampton.callIn.signatoriesRequired;
    expect(required).toBe(5);
    const opener = await (await stack.context()).newPage();
    await signIn(stack, opener, email(0), PAGE);
    await expectAccessible(opener);
    await opener.getByRole('button', { name: 'Open the call-in and sign it' }).click();
    await opener.waitForLoadState();
    expect(await opener.getByRole('alert').innerText()).toContain('Give the grounds for the call-in.');
    await expectAccessible(opener);
    await opener.getByLabel('Grounds for the call-in').fill(GROUNDS);
    await opener.getByRole('button', { name: 'Open the call-in and sign it' }).click();
    await opener.waitForLoadState();
    expect(await opener.getByText('(1 of 5)').count()).toBe(1);
    expect(await opener.getByRole('button', { name: 'Add my signature' }).count()).toBe(0);
    await expectAccessible(opener);

    for (const i of [1, 2]) {
      const page = await (await stack.context()).newPage();
      await signIn(stack, page, email(i), PAGE);
      await page.getByRole('button', { name: 'Add my signature' }).click();
      await page.waitForLoadState();
      expect(await page.getByText(`(${i + 1} of 5)`).count()).toBe(1);
      await expectAccessible(page);
    }
    // A form naming another member signs as the session's member, never as the one named.
    const fourth = await session(email(3));
    const forged = await post(`${PAGE}/sign`, { member: os[5]!.id, _csrf: fourth.csrf }, fourth.cookie);
    expect(forged.status).toBe(200);
    expect((await signatures()).map((s) => s.member)).toEqual(os.slice(0, 4).map((m) => m.id));
    expect(await lodged()).toEqual([]);

    const last = await (await stack.context()).newPage();
    await signIn(stack, last, email(4), PAGE);
    await last.getByRole('button', { name: 'Add my signature' }).click();
    await last.waitForLoadState();
    expect(await last.getByRole('heading', { level: 1 }).innerText()).toBe('The call-in is lodged');
    await expectAccessible(last);
    expect(await lodged()).toEqual([{ members: os.slice(0, 5).map((m) => m.id), grounds: GROUNDS }]);
    expect((await handle.query(decisionStatusQuery)).stage).toBe('called-in');
    expect(await signatures()).toEqual(os.slice(0, 5).map((m) => ({ member: m.id, email: m.email })));
  });
});
