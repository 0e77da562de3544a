import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PRESETS } from '../../governance/standing-orders';

const repo = join(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'govflow-calendar-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
/** The bundled GOV.UK feed (data/bank-holidays.json), and what was proclaimed after it was published. */
const bundledFeed = JSON.parse(readFileSync(join(repo, 'data/bank-holidays.json'), 'utf8')) as Record<
  string,
  { events: { title: string; date: string; notes: string }[] }
>;
const PROCLAIMED_SINCE: Record<string, { date: string; name: string }[]> = {
  scotland: [{ date: '2026-06-15', name: 'Bank holiday for Scotland’s first match at the FIFA World Cup' }],
};
const bin = join(repo, 'bin/govflow.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function govflow(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      // A data directory of its own: a feed imported into the developer's .data must not change the answers.
      { cwd: repo, env: { ...process.env, NO_COLOR: '1', GOVFLOW_DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The contract for a user error: exit 2, nothing on stdout, one line on stderr. */
function expectUserError(r: Run, pattern: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const tmp = mkdtempSync(join(tmpdir(), 'govflow-calendar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

describe('govflow calendar holidays', () => {
  it('matches the official gov.uk lists for every nation, 2019-2027', { timeout: 300_000 }, async () => {
    const cases = REGIONS.flatMap((region) =>
      [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027].map((year) => ({ region, year })),
    );
    const check = async ({ region, year }: (typeof cases)[number]) => {
      const official = [
        ...bundledFeed[region]!.events.map((e) => ({
          date: e.date,
          name: e.title + (e.notes === 'Substitute day' ? ' (substitute day)' : ''),
        })),
        ...(PROCLAIMED_SINCE[region] ?? []),
      ]
        .filter((e) => e.date.startsWith(`${year}-`))
        .sort((a, b) => a.date.localeCompare(b.date));
      const r = await govflow('calendar', 'holidays', '--region', region, '--year', String(year), '--json');
      expect(r.code, `${region} ${year}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout), `${region} ${year}`).toEqual(official);
    };
    // a few processes at a time: each one starts tsx
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await check(c);
      }),
    );
    expect(queue).toHaveLength(0);
  });

  it('2028 (not yet published officially) for England and Wales, by the rules', async () => {
    const r = await govflow('calendar', 'holidays', '--year', '2028', '--json');
    expect(JSON.parse(r.stdout).map((h: { date: string }) => h.date)).toEqual([
      '2028-01-03',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-29',
      '2028-08-28',
      '2028-12-25',
      '2028-12-26',
    ]);
  });

  it('prints one JSON array of { date, name } sorted by date, and a readable list by default', async () => {
    const json = await govflow('calendar', 'holidays', '--region', 'scotland', '--year', '2027', '--json');
    const list = JSON.parse(json.stdout) as { date: string; name: string }[];
    expect(list.every((h) => Object.keys(h).join() === 'date,name')).toBe(true);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    const human = await govflow('calendar', 'holidays', '--region', 'scotland', '--year', '2027');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ {2}Tuesday 30 November 2027 +St Andrew’s Day$/m);
    expect(() => JSON.parse(human.stdout)).toThrow();
  });

  it('applies the standing orders region and adjustments from a YAML file', async () => {
    const so = structuredClone(PRESETS['southampton-jcb']) as Record<string, unknown>;
    so.holidays = {
      region: 'northern-ireland',
      adjustments: {
        add: [{ date: '2027-06-07', name: 'Proclaimed bank holiday' }],
        remove: [{ date: '2027-07-12' }],
      },
    };
    const file = join(tmp, 'board.yaml');
    writeFileSync(file, stringify(so));
    const r = await govflow('calendar', 'holidays', '--year', '2027', '--standing-orders', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { date: string; name: string }[];
    expect(list).toContainEqual({ date: '2027-06-07', name: 'Proclaimed bank holiday' });
    expect(list).toContainEqual({ date: '2027-03-17', name: 'St Patrick’s Day' });
    expect(list.some((h) => h.date === '2027-07-12')).toBe(false);
  });

  it('exit 2 and one line naming the field for a bad year or unknown region', async () => {
    expectUserError(
      await govflow('calendar', 'holidays', '--year', '27', '--json'),
      /^govflow: --year: "27" must be a year from 2012 to 2199$/,
    );
    expectUserError(
      await govflow('calendar', 'holidays', '--year', '2027', '--region', 'wales', '--json'),
      /^govflow: --region: unknown region "wales"; must be one of england-and-wales, scotland, northern-ireland$/,
    );
  });
});

describe('govflow calendar deadlines', () => {
  it('meeting 2027-01-05: the latest working days that comply, as one JSON object', async () => {
    const r = await govflow('calendar', 'deadlines', '--meeting', '2027-01-05', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      forwardPlanNoticeBy: '2026-12-07',
      generalExceptionNoticeBy: '2026-12-23',
      privateMeetingNoticeBy: '2026-12-07',
      privateMeetingConfirmBy: '2026-12-23',
      agendaPublishBy: '2026-12-23',
    });
  });

  it('uses the region (Scotland keeps 4 January 2027 as a holiday)', async () => {
    const r = await govflow(
      'calendar',
      'deadlines',
      '--meeting',
      '2027-01-05',
      '--region',
      'scotland',
      '--json',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ agendaPublishBy: '2026-12-22', region: 'scotland' });
  });

  it("uses the standing orders' notice rules (a JSON file counting the agenda in calendar days)", async () => {
    const so = structuredClone(PRESETS['wiltshire-adult-jcb']) as Record<string, unknown>;
    so.notice = { agenda: { days: 7, counting: 'calendar' } };
    const file = join(tmp, 'board.json');
    writeFileSync(file, JSON.stringify(so));
    const r = await govflow(
      'calendar',
      'deadlines',
      '--meeting',
      '2027-01-05',
      '--standing-orders',
      file,
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    // 7 clear calendar days: publish by 28 December (a bank holiday) -> Thursday 24 December
    expect(JSON.parse(r.stdout).agendaPublishBy).toBe('2026-12-24');
  });

  it('prints a readable table by default', async () => {
    const r = await govflow(
      'calendar',
      'deadlines',
      '--meeting',
      '2027-01-05',
      '--standing-orders',
      'southampton-jcb',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Agenda and reports\s+Wednesday 23 December 2026\s+5 clear working days/);
  });

  it('exit 2 for an impossible or malformed date', async () => {
    expectUserError(
      await govflow('calendar', 'deadlines', '--meeting', '2027-02-30', '--json'),
      /^govflow: --meeting: "2027-02-30" is not a possible calendar date$/,
    );
    expectUserError(
      await govflow('calendar', 'deadlines', '--meeting', '05/01/2027', '--json'),
      /^govflow: --meeting: "05\/01\/2027" is not a date in the form YYYY-MM-DD$/,
    );
  });

  it('exit 2 for invalid standing orders, naming the field and the rule', async () => {
    const so = structuredClone(PRESETS['southampton-jcb']) as { members: { email: string }[]; chair: string };
    so.members[0]!.email = 'not-an-email';
    const file = join(tmp, 'invalid.yaml');
    writeFileSync(file, stringify(so));
    expectUserError(
      await govflow('calendar', 'deadlines', '--meeting', '2027-01-05', '--standing-orders', file, '--json'),
      /^govflow: --standing-orders .*invalid\.yaml: members\.0\.email: must be an email address$/,
    );
    so.members[0]!.email = 'ok@southampton.example.org';
    so.chair = 'nobody';
    writeFileSync(file, stringify(so));
    expectUserError(
      await govflow('calendar', 'deadlines', '--meeting', '2027-01-05', '--standing-orders', file, '--json'),
      /^govflow: --standing-orders .*invalid\.yaml: chair: "nobody" is not a member id$/,
    );
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'board: [unclosed\n');
    expectUserError(
      await govflow('calendar', 'deadlines', '--meeting', '2027-01-05', '--standing-orders', broken),
      /^govflow: --standing-orders .*broken\.yaml: not valid YAML: /,
    );
    expectUserError(
      await govflow(
        'calendar',
        'deadlines',
        '--meeting',
        '2027-01-05',
        '--standing-orders',
        'no-such-preset',
      ),
      /^govflow: --standing-orders: "no-such-preset" is neither a preset \(wiltshire-adult-jcb, southampton-jcb, bath-nes-joint-committee\) nor a file that exists$/,
    );
  });
});

describe('govflow calendar call-in', () => {
  it('published 2027-03-24 (Easter): exactly { windowEnds, implementableFrom }', async () => {
    const r = await govflow('calendar', 'call-in', '--published', '2027-03-24', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ windowEnds: '2027-04-02', implementableFrom: '2027-04-05' });
  });

  it('Northern Ireland and the 12 July holiday', async () => {
    const r = await govflow(
      'calendar',
      'call-in',
      '--published',
      '2027-07-09',
      '--region',
      'northern-ireland',
      '--json',
    );
    expect(JSON.parse(r.stdout)).toEqual({ windowEnds: '2027-07-19', implementableFrom: '2027-07-20' });
  });

  it('readable by default', async () => {
    const r = await govflow('calendar', 'call-in', '--published', '2026-12-22');
    expect(r.stdout).toContain('window ends:        Thursday 31 December 2026');
    expect(r.stdout).toContain('implementable from: Monday 4 January 2027');
  });

  it('exit 2 for a bad date', async () => {
    expectUserError(
      await govflow('calendar', 'call-in', '--published', '2027-13-01', '--json'),
      /^govflow: --published: "2027-13-01" is not a possible calendar date$/,
    );
  });
});
