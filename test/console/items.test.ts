/**
 * Issue 15: an officer proposes an item in the console, on the dev server in Chromium. The form offers the
 * standing orders' topics, schemes and meeting dates; before proposing, the officer sees the statutory
 * timeline the rules compute; proposing starts the decision through the same function as
 * `govflow decision propose`, with the proposing officer from the session. A member and a request without a
 * session are refused with nothing started.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeDecision } from '../../client/processes/decision';
import { decisionWorkflowId, type DecisionInput } from '../../definitions';
import { displayDate } from '../../governance/display-dates';
import { itemTimeline } from '../../governance/item-timeline';
import { requireChromium } from '../support/browser';
import { MEETING, item, southampton } from '../support/decision-harness';
import { devServer, uniqueTaskQueue } from '../support/temporal';
import {
  MEMBER,
  OFFICER,
  expectAccessible,
  sessionCookieOf,
  signIn,
  startConsoleStack,
  type ConsoleStack,
} from './support';

const FORM = '/boards/southampton-jcb/items/new';
const POST = '/boards/southampton-jcb/items';

describe.skipIf(!requireChromium())('an officer proposes an item in the console', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  let stack: ConsoleStack;
  const started: string[] = [];
  beforeAll(async () => {
    server = await devServer();
    const taskQueue = uniqueTaskQueue('console-items');
    stack = await startConsoleStack({
      temporal: server.client,
      proposeItem: async (input) => {
        const handle = await proposeDecision(server.client, taskQueue, input);
        started.push(handle.workflowId);
        return handle.workflowId;
      },
      reports: true,
    });
  });
  afterAll(async () => {
    for (const id of started) await server.client.workflow.getHandle(id).terminate('test over');
    await stack?.close();
    await server?.close();
  });

  /** The input the decision was started with, from its history. */
  const inputOf = async (workflowId: string) => {
    const history = await server.client.workflow.getHandle(workflowId).fetchHistory();
    const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    return defaultPayloadConverter.fromPayload(payload) as DecisionInput;
  };
  const exists = (workflowId: string) =>
    server.client.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        (e: unknown) => (e instanceof WorkflowNotFoundError ? false : Promise.reject(e)),
      );
  const post = (body: Record<string, string>, cookie?: string) =>
    fetch(`${stack.server.url}${POST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(body).toString(),
      redirect: 'manual',
    });
  const tokenOf = async (cookie: string) =>
    /name="_csrf" value="([^"]+)"/.exec(
      await (await fetch(stack.server.url, { headers: { cookie } })).text(),
    )![1]!;

  it('shows the timeline the rules compute, then starts the decision with the officer from the session', async () => {
    const ref = `items-${Date.now()}`;
    const proposed = item({ ref, topic: southampton.delegation.scope[0]!, amountGbp: 800_000 });
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, OFFICER, FORM);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Check the timeline' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').innerText()).toContain('ref:');
    await expectAccessible(page);

    await page.getByLabel('Reference').fill(ref);
    await page.getByLabel('Title').fill(proposed.title);
    await page.getByLabel('Public summary').fill(proposed.summary);
    await page.getByLabel('Topic in the board’s delegated scope').selectOption(proposed.topic);
    await page.getByLabel('Amount committed or saved, in pounds (optional)').fill('800,000');
    await page.getByLabel('Meeting').selectOption(MEETING);
    await page.getByRole('button', { name: 'Check the timeline' }).click();
    await page.waitForLoadState();
    const expected = itemTimeline(proposed as never, southampton, Date.now());
    const shown = await page.locator('.govuk-summary-list').innerText();
    for (const day of [
      expected.notice!.forwardPlanBy,
      expected.agendaBy,
      MEETING,
      (expected.callIn as { windowEnds: string }).windowEnds,
      (expected.callIn as { implementableFrom: string }).implementableFrom,
    ])
      expect(shown).toContain(displayDate(day));
    expect(shown).toContain('forward-plan');
    await expectAccessible(page);
    const workflowId = decisionWorkflowId('southampton-jcb', ref);
    expect(await exists(workflowId)).toBe(false);

    await page.getByRole('button', { name: 'Propose the item' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The item is proposed');
    await expectAccessible(page);
    expect(await inputOf(workflowId)).toMatchObject({
      ref,
      topic: proposed.topic,
      amountGbp: 800_000,
      meetingDate: MEETING,
      proposedBy: OFFICER,
    });

    // Its report: a Markdown file kept under the data directory by its hash and recorded in the register.
    await page.getByRole('link', { name: 'Upload its report' }).click();
    await page.waitForURL((url) => url.pathname === `/decisions/southampton-jcb/${ref}/report`);
    await expectAccessible(page);
    await page
      .getByLabel('File (PDF, Word or Markdown, up to 10 MB)')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Upload the report' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').innerText()).toContain(
      'must be a PDF (.pdf), Word (.docx) or Markdown (.md) file',
    );
    const report = Buffer.from('# Reablement contract\n\nThe case for the award.\n');
    const sha256 = createHash('sha256').update(report).digest('hex');
    await page
      .getByLabel('File (PDF, Word or Markdown, up to 10 MB)')
      .setInputFiles({ name: 'report.md', mimeType: 'text/markdown', buffer: report });
    await page.getByRole('button', { name: 'Upload the report' }).click();
    await page.waitForLoadState();
    expect(await page.locator('table').innerText()).toContain('report.md');
    await expectAccessible(page);
    const stored = path.join(stack.dataDir, 'reports', 'southampton-jcb', ref, `${sha256}.md`);
    expect(readFileSync(stored)).toEqual(report);
    // A background paper in Word: checked by its signature, kept with its kind.
    const paper = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.from('....word/document.xml....'),
    ]);
    await page.getByLabel('A background paper').check();
    await page
      .getByLabel('File (PDF, Word or Markdown, up to 10 MB)')
      .setInputFiles({ name: 'needs-assessment.docx', mimeType: 'application/octet-stream', buffer: paper });
    await page.getByRole('button', { name: 'Upload the report' }).click();
    await page.waitForLoadState();
    expect(await page.locator('table').innerText()).toContain('Background paper\tneeds-assessment.docx');
    expect(
      (
        await stack.register.db.query(
          'select workflow_id, file_name, bytes, uploaded_by, kind, media_type from item_reports order by uploaded_at',
        )
      ).rows,
    ).toEqual([
      {
        workflow_id: workflowId,
        file_name: 'report.md',
        bytes: report.length,
        uploaded_by: OFFICER,
        kind: 'report',
        media_type: 'text/markdown; charset=utf-8',
      },
      {
        workflow_id: workflowId,
        file_name: 'needs-assessment.docx',
        bytes: paper.length,
        uploaded_by: OFFICER,
        kind: 'background-paper',
        media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ]);
    // Without a session, an upload is refused and nothing is kept.
    const upload = new FormData();
    upload.set('_csrf', 'x');
    upload.set('report', new Blob([report]), 'other.md');
    const anonymous = await fetch(`${stack.server.url}/decisions/southampton-jcb/${ref}/report`, {
      method: 'POST',
      body: upload,
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(401);
    // Nor with a session but without its CSRF token.
    const forged = await fetch(`${stack.server.url}/decisions/southampton-jcb/${ref}/report`, {
      method: 'POST',
      body: upload,
      headers: { cookie: await sessionCookieOf(page) },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await stack.register.db.query('select 1 from item_reports')).rows).toHaveLength(2);

    // The same reference again is refused in the rules' words, and nothing more is started.
    const cookie = await sessionCookieOf(page);
    const again = await post(
      {
        ref,
        title: 'T',
        summary: 'S',
        topic: proposed.topic,
        meetingDate: MEETING,
        step: 'propose',
        proposedBy: 'someone.else@example.org',
        _csrf: await tokenOf(cookie),
      },
      cookie,
    );
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(`ref: ${workflowId} already exists`);
    expect(started).toEqual([workflowId]);
  });

  it('refuses a member and a request without a session, starting nothing', async () => {
    const ref = `items-refused-${Date.now()}`;
    const body = {
      ref,
      title: 'T',
      summary: 'S',
      topic: southampton.delegation.scope[0]!,
      meetingDate: MEETING,
      step: 'propose',
    };
    expect((await post({ ...body, _csrf: 'x' })).status).toBe(401);
    const page = await (await stack.context()).newPage();
    await signIn(stack, page, MEMBER);
    const cookie = await sessionCookieOf(page);
    expect((await fetch(`${stack.server.url}${FORM}`, { headers: { cookie } })).status).toBe(403);
    expect((await post({ ...body, _csrf: await tokenOf(cookie) }, cookie)).status).toBe(403);
    expect(await exists(decisionWorkflowId('southampton-jcb', ref))).toBe(false);
  });
});
