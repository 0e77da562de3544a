/**
 * `npm run demo` against the whole stack (`npm start`, compiled as it runs it, with free ports and a temporary data
 * directory): the three seed boards and the items at their stages are there in visibility, the public pages
 * and mail are filled, and a second run changes nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { readMail } from '../../console/mail';
import { SA, meetingStatusQuery } from '../../definitions';
import { londonCivilDate } from '../../governance/civil-date';
import { type PresetName, resolveStandingOrders } from '../../governance/standing-orders';
import { ownStack, projectRoot, startGovflow, type CommandResult } from '../support/processes';

function npmRunDemo(env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'demo'], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const EXPECTED_STAGES: Record<string, string> = {
  'board/southampton-jcb': 'awaiting-review',
  'board/wiltshire-adult-jcb': 'revision-requested',
  'board/bath-nes-joint-committee': 'proposed',
  'review/southampton-jcb/1': 'awaiting-reminder',
  'decision/southampton-jcb/DEMO-101': 'awaiting-agenda-publication',
  'decision/southampton-jcb/DEMO-102': 'awaiting-urgency-consent',
  'decision/southampton-jcb/DEMO-103': 'in-call-in-window',
  'decision/southampton-jcb/DEMO-104': 'called-in',
  'decision/southampton-jcb/DEMO-106': 'awaiting-notice-period',
  'decision/southampton-jcb/DEMO-107': 'referred',
  'decision/wiltshire-adult-jcb/DEMO-201': 'awaiting-parent-bodies',
  'recommendation/wiltshire-adult-jcb/DEMO-201': 'awaiting-decisions',
  'decision/bath-nes-joint-committee/DEMO-301': 'awaiting-agenda-publication',
};
const DEFERRED = 'decision/southampton-jcb/DEMO-105';

describe('npm run demo', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('fills the running stack with the seed boards and items at different stages, and a second run changes nothing', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-demo-'));
    const env = {
      ...(await ownStack(dataDir)),
      GOVFLOW_TASK_QUEUE: 'govflow',
    };
    const stack = startGovflow(env);
    const connection = { current: undefined as Connection | undefined };
    try {
      await stack.waitFor('govflow is running.');
      const first = await npmRunDemo(env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('demo: board southampton-jcb: established');
      expect(first.stdout).toContain(
        `Web UI:          http://127.0.0.1:${env.GOVFLOW_UI_PORT}/namespaces/default/workflows`,
      );

      connection.current = await Connection.connect({ address: `127.0.0.1:${env.GOVFLOW_TEMPORAL_PORT}` });
      const client = new Client({ connection: connection.current });
      const seen = async () => {
        const rows = new Map<string, { runId: string; stage?: string; deferrals?: number }>();
        for await (const info of client.workflow.list({ query: 'GovflowProcess IS NOT NULL' })) {
          rows.set(info.workflowId, {
            runId: info.runId,
            stage: info.typedSearchAttributes.get(SA.stage),
            deferrals: info.typedSearchAttributes.get(SA.deferrals),
          });
        }
        return rows;
      };
      const stages = async () => Object.fromEntries([...(await seen())].map(([id, row]) => [id, row.stage]));
      await expect.poll(stages, { timeout: 20_000 }).toMatchObject(EXPECTED_STAGES);
      const afterFirst = await seen();
      const meetings = [...afterFirst.keys()].filter((id) => id.startsWith('meeting/'));
      expect([...afterFirst.keys()].filter((id) => !meetings.includes(id)).sort()).toEqual(
        [...Object.keys(EXPECTED_STAGES), DEFERRED].sort(),
      );
      // The items still ahead of their agenda joined their meetings' agendas (issue 14): the meetings run.
      const listed = await Promise.all(
        meetings.map(async (id) => (await client.workflow.getHandle(id).query(meetingStatusQuery)).agenda),
      );
      const refs = listed.flat().flatMap((e) => ('ref' in e ? [e.ref] : []));
      expect(refs).toEqual(expect.arrayContaining(['DEMO-101', 'DEMO-301']));
      // Each on its board's calendar: no item arranges a meeting on a day the board does not meet.
      const today = londonCivilDate(Date.now());
      for (const id of meetings) {
        const [, board, date] = id.split('/');
        expect(resolveStandingOrders(board as PresetName, today).meetings, id).toContain(date);
      }
      // Deferred to the board's next meeting (or escalated, on a day after the preset's last meeting).
      expect(afterFirst.get(DEFERRED)?.deferrals).toBe(1);

      const pages = `http://127.0.0.1:${env.GOVFLOW_HTTP_PORT}`;
      await expect
        .poll(async () => (await fetch(`${pages}/forward-plan`)).text(), { timeout: 15_000 })
        .toContain('Integrated rehabilitation and reablement service: new contract');
      expect(await (await fetch(`${pages}/decisions`)).text()).toContain('Carers’ breaks grant scheme');
      // The meetings' time and venue on the public pages.
      await expect
        .poll(async () => (await fetch(`${pages}/meetings`)).text(), { timeout: 15_000 })
        .toContain('Civic Centre, Southampton SO14 7LY');
      // The console's pages render from the compiled start (its views are found from dist/start.js).
      const signIn = await fetch(`http://127.0.0.1:${env.GOVFLOW_CONSOLE_PORT}/sign-in`);
      expect(signIn.status).toBe(200);
      expect(await signIn.text()).toContain('govuk-button');
      // The mail store (read in the console by democratic services; test/console/mail.test.ts).
      const store = path.join(dataDir, 'mail');
      const subjects = await Promise.all(
        (await readdir(store)).map(async (f) => (await readMail(store, f))?.parsed.subject ?? ''),
      );
      expect(subjects.join('\n')).toContain('Hospital discharge beds for the winter');

      const second = await npmRunDemo(env);
      expect(second.code, second.stderr).toBe(0);
      const afterSecond = await seen();
      expect(new Map([...afterSecond].map(([id, row]) => [id, row.runId]))).toEqual(
        new Map([...afterFirst].map(([id, row]) => [id, row.runId])),
      );
    } finally {
      await connection.current?.close();
      stack.child.kill('SIGTERM');
      await stack.exited;
    }
  });
});
