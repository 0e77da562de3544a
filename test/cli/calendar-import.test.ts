/**
 * `govflow calendar import`: a newer GOV.UK feed, from a file or a URL, reaches the calendar commands and the
 * processes officers start from then on (in their input, so replay never reads the feed from disk). Dates are
 * found from the day the test runs: a quiet Thursday meeting ahead, and a holiday proclaimed on the Monday
 * before it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decisionStatusQuery, type DecisionInput } from '../../definitions';
import { statutoryBankHolidays } from '../../governance/bank-holidays';
import { addDays, civilDateParts } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { THURSDAY, at, quietDay } from '../support/dates';
import { govflow as run } from '../support/processes';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, isolatedNamespace, uniqueTaskQueue, withWorker } from '../support/temporal';
import { standingOrders, tempDir, uniqueBoardId, writeFile } from './harness';

const bundled = JSON.parse(
  readFileSync(path.join(__dirname, '../../data/bank-holidays.json'), 'utf8'),
) as Record<
  string,
  { division: string; events: { title: string; date: string; notes: string; bunting: boolean }[] }
>;

// A Thursday meeting far enough ahead for the Forward Plan, with no bank holiday for five weeks either side.
const MEETING = quietDay({ weekday: THURSDAY, daysAhead: 70 });
const PROCLAIMED = addDays(MEETING, -3); // the Monday before
const YEAR = civilDateParts(PROCLAIMED).year;

/** The bundled feed brought up to the proclamation's year (the rules' holidays), plus the proclamation. */
function newerFeed() {
  const feed = structuredClone(bundled);
  for (const region of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
    for (let y = 2028; y <= YEAR; y++)
      feed[region]!.events.push(
        ...statutoryBankHolidays(region, y).map((h) => ({
          title: h.name.replace(' (substitute day)', ''),
          date: h.date,
          notes: h.substitute ? 'Substitute day' : '',
          bunting: true,
        })),
      );
  }
  feed['england-and-wales']!.events.push({
    title: 'Bank holiday for a national celebration',
    date: PROCLAIMED,
    notes: '',
    bunting: true,
  });
  return feed;
}

describe('govflow calendar import', () => {
  const dir = tempDir();
  const env = { GOVFLOW_DATA_DIR: path.join(dir, 'data'), NO_COLOR: '1' };
  const govflow = (...args: string[]) => run(args, env);
  let http: Server;
  let base: string;
  beforeAll(async () => {
    const feedText = JSON.stringify(newerFeed());
    http = createServer((req, res) => {
      if (req.url === '/bank-holidays.json')
        res.writeHead(200, { 'content-type': 'application/json' }).end(feedText);
      else res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses what is not a feed with one line naming the field, and keeps the feed it had', async () => {
    const broken = structuredClone(bundled);
    broken.scotland!.events[2]!.date = '2026-13-01';
    const cases = await Promise.all([
      govflow('calendar', 'import', writeFile(dir, 'broken.json', broken)),
      govflow('calendar', 'import', writeFile(dir, 'not-json.json', '{ "england')),
      govflow('calendar', 'import', path.join(dir, 'missing.json')),
      govflow('calendar', 'import', `${base}/nothing-here.json`),
    ]);
    for (const r of cases) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(cases.map((r) => r.stderr.trim())).toEqual([
      expect.stringMatching(
        /not a GOV\.UK bank-holidays feed: scotland\.events\.2\.date: must be a real calendar date/,
      ),
      expect.stringMatching(/not-json\.json: not valid JSON/),
      expect.stringMatching(/^govflow: source: no such file .*missing\.json$/),
      expect.stringMatching(/nothing-here\.json answered 404/),
    ]);
    const holidays = await govflow('calendar', 'holidays', '--year', String(YEAR), '--json');
    expect(JSON.parse(holidays.stdout).map((h: { date: string }) => h.date)).not.toContain(PROCLAIMED);
  });

  it('imports a newer feed from a URL: the holidays, the deadlines, the running processes and every process started afterwards carry the new holiday', async () => {
    // The import tells every running process of its namespace: this test has a namespace of its own.
    const namespace = await isolatedNamespace();
    const temporal = { ...env, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_NAMESPACE: namespace };
    const deadlines = async () =>
      JSON.parse(
        (
          await govflow(
            'calendar',
            'deadlines',
            '--meeting',
            MEETING,
            '--standing-orders',
            'southampton-jcb',
            '--json',
          )
        ).stdout,
      ) as { agendaPublishBy: string };
    const before = await deadlines();
    const server = await devServer(namespace);
    try {
      const taskQueue = uniqueTaskQueue('calendar-import');
      const boardId = uniqueBoardId('feed');
      const propose = async (ref: string) => {
        const item = writeFile(dir, `${ref}.json`, {
          board: boardId,
          ref,
          title: 'Community equipment service',
          summary: 'Renew the community equipment contract.',
          topic: 'integrated rehabilitation and reablement',
          amountGbp: 800_000,
          meetingDate: MEETING,
          proposedBy: 'commissioning.lead@southampton.example.org',
        });
        const r = await run(['decision', 'propose', '--file', item, '--json'], {
          ...temporal,
          GOVFLOW_TASK_QUEUE: taskQueue,
        });
        expect(r.code, r.stderr).toBe(0);
        return server.client.workflow.getHandle(JSON.parse(r.stdout).workflowId as string);
      };
      const activities = recordingActivities().activities;
      await withWorker(
        server.workerConnection,
        taskQueue,
        activities,
        async () => {
          const board = await registerBoard(
            server.client,
            taskQueue,
            standingOrders('southampton-jcb', boardId, { meetings: [MEETING] }),
          );
          // A decision already running, waiting to publish its agenda on the Wednesday of the week before.
          const running = await propose('feed-0');
          await expect
            .poll(async () => (await running.query(decisionStatusQuery)).stage, { timeout: 20_000 })
            .toBe('awaiting-agenda-publication');

          const imported = await run(['calendar', 'import', `${base}/bank-holidays.json`], temporal);
          expect(imported.code, imported.stderr).toBe(0);
          // Dates as people read them (the one formatter); the holiday is the Monday before the meeting.
          expect(displayDate(PROCLAIMED)).toMatch(/^Monday /);
          expect(imported.stdout).toContain(
            `+ ${displayDate(PROCLAIMED)}  Bank holiday for a national celebration (in the feed, not in the rules`,
          );
          expect(imported.stdout).toContain('proclaimed after this feed was published: kept');
          // The running decision heard it: its agenda goes out a working day earlier. The board heard it too.
          expect(imported.stdout).toContain('Running processes: 2 told, 0 already up to date.');
          expect(imported.stdout).toContain(
            `  ${running.workflowId}: agenda publication moves from ${displayDate(addDays(MEETING, -8))} to ${displayDate(addDays(MEETING, -9))}`,
          );
          expect(imported.stdout).toContain(
            `  ${board.workflowId}: holidays noted; no pending deadline moved`,
          );
          expect((await running.query(decisionStatusQuery)).nextDeadline).toBe(
            at(addDays(MEETING, -9), '09:00'),
          );

          const listed = await govflow('calendar', 'holidays', '--year', String(YEAR));
          expect(listed.stdout).toMatch(
            new RegExp(
              `^ {2}${displayDate(PROCLAIMED)} +Bank holiday for a national celebration {2}\\[GOV\\.UK feed\\]$`,
              'm',
            ),
          );
          const after = await deadlines();
          // Five clear working days before the Thursday: the Wednesday of the week before, one day earlier now.
          expect([before.agendaPublishBy, after.agendaPublishBy]).toEqual([
            addDays(MEETING, -8),
            addDays(MEETING, -9),
          ]);

          // A decision proposed afterwards carries the holiday in its input.
          const later = await propose('feed-1');
          const history = await later.fetchHistory();
          const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
          const input = defaultPayloadConverter.fromPayload<DecisionInput>(payload);
          expect(input.standingOrders.holidays?.adjustments?.add).toEqual([
            { date: PROCLAIMED, name: 'Bank holiday for a national celebration' },
          ]);

          // Imported again, every running process already keeps the news, and nothing is written.
          const again = await run(['calendar', 'import', `${base}/bank-holidays.json`], temporal);
          expect(again.code, again.stderr).toBe(0);
          expect(again.stdout).toContain('Running processes: 3 told, 3 already up to date.');
          for (const handle of [running, later, board]) await handle.terminate('test over');
        },
        namespace,
      );
    } finally {
      await server.close();
    }
  });

  it('imports the feed when Temporal cannot be reached, and says the running processes were not told', async () => {
    const r = await run(['calendar', 'import', `${base}/bank-holidays.json`], {
      ...env,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Imported the bank-holidays feed');
    expect(r.stdout).toMatch(/Running processes were NOT told: cannot reach Temporal at 127\.0\.0\.1:1/);
  });

  it('the imported feed survives as a file in the data directory', () => {
    const kept = JSON.parse(readFileSync(path.join(env.GOVFLOW_DATA_DIR, 'bank-holidays.json'), 'utf8'));
    expect(kept['england-and-wales'].events.at(-1).date).toBe(PROCLAIMED);
  });
});
