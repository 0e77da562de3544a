/**
 * Issue 15: the officers' actions on a decision after its meeting, in the console on the time-skipping server
 * in Chromium with axe-core: democratic services record the scrutiny meeting's outcome on a called-in decision
 * (`recordScrutinyOutcome`) and the board's reconsideration when it is referred back (`reconsider`), and a
 * chief executive records the answer of the escalation step the item is with (`resolveEscalation`, the step
 * the item's own). The acting person is the session's; a board member, a parent body's clerk at the chief
 * executives' step, a form naming another officer or another step and a request without a session are
 * refused with nothing sent to Temporal.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInUpdate, decisionStatusQuery } from '../../definitions';
import { addDays } from '../../governance/civil-date';
import { requireChromium } from '../support/browser';
import { at } from '../support/dates';
import {
  MEETING,
  NEXT_MEETING,
  decisionHarness,
  everyoneFor,
  item,
  southampton,
} from '../support/decision-harness';
import {
  CLERK,
  MEMBER,
  OFFICER,
  acceptedUpdates as accepted,
  csrfTokenOf,
  expectAccessible,
  postForm,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const CHIEF_EXECUTIVE = southampton.partners.find((p) => p.kind === 'council')!.chiefExecutive.email;
const against = (partner: string) =>
  southampton.members.map((m) => ({
    member: m.id,
    vote: (m.partner === partner ? 'against' : 'for') as 'for' | 'against',
  }));

describe.skipIf(!requireChromium())('officers act on a decision after its meeting in the console', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  let stack: ConsoleStack;
  let calledIn: WorkflowHandle;
  let disputed: WorkflowHandle;

  beforeAll(async () => {
    h = await decisionHarness();
    stack = await startConsoleStack({ temporal: h.env.client });
    calledIn = await h.start(item({ ref: 'console-scrutiny' }));
    disputed = await h.start(item({ ref: 'console-escalation' }));
    await h.until(at(MEETING, '10:00'));
    await h.vote(calledIn, everyoneFor);
    await h.vote(disputed, against('nhs'));
    await h.until(at(addDays(MEETING, 1), '10:00'));
  });
  afterAll(async () => {
    await stack?.close();
    await h?.close();
  });

  const post = (route: string, body: Record<string, string>, cookie?: string) =>
    postForm(stack, route, body, cookie);
  /** A signed-in page, its cookie and a CSRF token from its start page. */
  const session = async (who: string) => {
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, who);
    const cookie = await sessionCookieOf(page);
    return { page, cookie, csrf: await csrfTokenOf(stack, cookie) };
  };
  const submit = async (page: Page, button: string) => {
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState();
  };

  it('democratic services record the scrutiny outcome and the reconsideration, as themselves; anyone else is refused with nothing sent', async () => {
    await calledIn.executeUpdate(callInUpdate, {
      args: [
        {
          members: southampton.overviewAndScrutiny.members.slice(0, 5).map((m) => m.id),
          grounds: 'The consultation did not include carers.',
        },
      ],
    });
    // The decision moves on from the window a moment after the Update returns.
    await expect.poll(async () => (await h.status(calledIn)).stage, { timeout: 10_000 }).toBe('called-in');
    const route = '/decisions/southampton-jcb/console-scrutiny/scrutiny-outcome';
    const member = await session(MEMBER);
    expect((await member.page.goto(`${stack.server.url}${route}`))!.status()).toBe(403);
    await expectAccessible(member.page);
    expect((await post(route, { outcome: 'refer-back', _csrf: member.csrf }, member.cookie)).status).toBe(
      403,
    );
    const officer = await session(OFFICER);
    const forged = await post(
      route,
      { outcome: 'refer-back', by: CHIEF_EXECUTIVE, _csrf: officer.csrf },
      officer.cookie,
    );
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain(`by: the form says ${CHIEF_EXECUTIVE}`);
    expect((await post(route, { outcome: 'refer-back', _csrf: 'x' })).status).toBe(401);
    expect(await accepted(calledIn, 'recordScrutinyOutcome')).toEqual([]);

    const { page } = officer;
    await page.goto(`${stack.server.url}${route}`);
    await expectAccessible(page);
    await submit(page, 'Record the outcome');
    expect(await page.getByRole('alert').innerText()).toContain('Choose what the scrutiny meeting decided.');
    await expectAccessible(page);
    await page.getByLabel('Refer it back to the board for reconsideration').check();
    await submit(page, 'Record the outcome');
    expect(await page.getByRole('alert').innerText()).toContain(
      'reasons: must set out the committee’s concerns when it refers the decision back or to full Council',
    );
    await expectAccessible(page);
    expect(await accepted(calledIn, 'recordScrutinyOutcome')).toEqual([]);
    await page.getByLabel('Refer it back to the board for reconsideration').check();
    await page
      .getByLabel('The committee’s reasons (needed to refer it back or to full Council)')
      .fill('Consult the carers’ forum first.');
    await submit(page, 'Record the outcome');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'The scrutiny outcome is recorded',
    );
    expect(await page.locator('main').innerText()).toContain('scrutiny outcome recorded: refer-back');
    await expectAccessible(page);
    expect(await accepted(calledIn, 'recordScrutinyOutcome')).toEqual([
      { by: OFFICER, outcome: 'refer-back', reasons: 'Consult the carers’ forum first.' },
    ]);

    // Referred back: democratic services record the board's reconsideration; a member cannot.
    await expect
      .poll(async () => (await h.status(calledIn)).stage, { timeout: 10_000 })
      .toBe('awaiting-reconsideration');
    const reconsideration = '/decisions/southampton-jcb/console-scrutiny/reconsideration';
    expect(
      (await post(reconsideration, { outcome: 'confirm', reasons: 'x', _csrf: member.csrf }, member.cookie))
        .status,
    ).toBe(403);
    expect(await accepted(calledIn, 'reconsider')).toEqual([]);
    await page.goto(`${stack.server.url}${reconsideration}`);
    await expectAccessible(page);
    await page.getByLabel('Confirm the decision').check();
    await submit(page, 'Record the reconsideration');
    expect(await page.getByRole('alert').innerText()).toContain('reasons:');
    await expectAccessible(page);
    await page.getByLabel('The board’s reasons').fill('The carers’ forum was consulted on 3 March.');
    await submit(page, 'Record the reconsideration');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The reconsideration is recorded');
    await expectAccessible(page);
    expect(await accepted(calledIn, 'reconsider')).toEqual([
      { by: OFFICER, outcome: 'confirm', reasons: 'The carers’ forum was consulted on 3 March.' },
    ]);
  });

  it('a chief executive records their escalation step’s answer; a clerk, another step and no session are refused', async () => {
    // Deferred once (the NHS against), then no consensus again: the item goes to the chief executives.
    await h.until(at(NEXT_MEETING, '10:00'));
    await h.vote(disputed, against('council'));
    await h.until(at(addDays(NEXT_MEETING, 1), '10:00'));
    await expect
      .poll(async () => (await disputed.query(decisionStatusQuery)).stage, { timeout: 10_000 })
      .toBe('escalated');
    const route = '/decisions/southampton-jcb/console-escalation/escalation';

    // The chief executives' step is not the clerks' (theirs is the parent bodies' step), nor a member's.
    const clerk = await session(CLERK);
    expect((await clerk.page.goto(`${stack.server.url}${route}`))!.status()).toBe(403);
    expect(await clerk.page.locator('main').innerText()).toContain(
      'may not record the chief-executives step',
    );
    await expectAccessible(clerk.page);
    expect((await post(route, { outcome: 'agreed', _csrf: clerk.csrf }, clerk.cookie)).status).toBe(403);
    const member = await session(MEMBER);
    expect((await post(route, { outcome: 'agreed', _csrf: member.csrf }, member.cookie)).status).toBe(403);
    const chief = await session(CHIEF_EXECUTIVE);
    const otherStep = await post(
      route,
      { outcome: 'agreed', step: 'parent-bodies', _csrf: chief.csrf },
      chief.cookie,
    );
    expect(otherStep.status).toBe(403);
    expect(await otherStep.text()).toContain('step: the form says parent-bodies');
    expect((await post(route, { outcome: 'agreed', _csrf: 'x' })).status).toBe(401);
    expect(await accepted(disputed, 'resolveEscalation')).toEqual([]);

    const { page } = chief;
    await page.goto(`${stack.server.url}${route}`);
    expect(await page.locator('legend').innerText()).toContain('The chief-executives step’s answer');
    await expectAccessible(page);
    await submit(page, 'Record the answer');
    expect(await page.getByRole('alert').innerText()).toContain('Choose agreed or not agreed.');
    await expectAccessible(page);
    await page.getByLabel('Agreed', { exact: true }).check();
    await page.getByLabel('What was agreed (optional)').fill('Phased award agreed.');
    await submit(page, 'Record the answer');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'The escalation step’s answer is recorded',
    );
    await expectAccessible(page);
    expect(await accepted(disputed, 'resolveEscalation')).toEqual([
      {
        by: CHIEF_EXECUTIVE,
        step: 'chief-executives',
        outcome: 'agreed',
        resolution: 'Phased award agreed.',
      },
    ]);
  });
});
