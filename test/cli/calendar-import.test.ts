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
import type { DecisionInput } from '../../definitions';
import { statutoryBankHolidays } from '../../governance/bank-holidays';
import { addDays, civilDateParts } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { THURSDAY, quietDay } from '../support/dates';
import { govflow as run } from '../support/processes';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
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

  it('imports a newer feed from a URL: the holidays, the deadlines and every process started afterwards carry the new holiday', async () => {
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
    const imported = await govflow('calendar', 'import', `${base}/bank-holidays.json`);
    expect(imported.code, imported.stderr).toBe(0);
    // Dates as people read them (the one formatter); the holiday is the Monday before the meeting.
    expect(displayDate(PROCLAIMED)).toMatch(/^Monday /);
    expect(imported.stdout).toContain(
      `+ ${displayDate(PROCLAIMED)}  Bank holiday for a national celebration (in the feed, not in the rules`,
    );
    expect(imported.stdout).toContain('proclaimed after this feed was published: kept');

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

    const server = await devServer();
    try {
      const taskQueue = uniqueTaskQueue('calendar-import');
      const boardId = uniqueBoardId('feed');
      const item = writeFile(dir, 'item.json', {
        board: boardId,
        ref: 'feed-1',
        title: 'Community equipment service',
        summary: 'Renew the community equipment contract.',
        topic: 'integrated rehabilitation and reablement',
        amountGbp: 800_000,
        meetingDate: MEETING,
        proposedBy: 'commissioning.lead@southampton.example.org',
      });
      await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
        await registerBoard(
          server.client,
          taskQueue,
          standingOrders('southampton-jcb', boardId, { meetings: [MEETING] }),
        );
        const r = await run(['decision', 'propose', '--file', item, '--json'], {
          ...env,
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: 'default',
          GOVFLOW_TASK_QUEUE: taskQueue,
        });
        expect(r.code, r.stderr).toBe(0);
        const handle = server.client.workflow.getHandle(JSON.parse(r.stdout).workflowId);
        const history = await handle.fetchHistory();
        const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
        const input = defaultPayloadConverter.fromPayload<DecisionInput>(payload);
        expect(input.standingOrders.holidays?.adjustments?.add).toEqual([
          { date: PROCLAIMED, name: 'Bank holiday for a national celebration' },
        ]);
        await handle.terminate('test over');
      });
    } finally {
      await server.close();
    }
  });

  it('the imported feed survives as a file in the data directory', () => {
    const kept = JSON.parse(readFileSync(path.join(env.GOVFLOW_DATA_DIR, 'bank-holidays.json'), 'utf8'));
    expect(kept['england-and-wales'].events.at(-1).date).toBe(PROCLAIMED);
  });
});
