import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { moveDates, yearsInDays } from '../../client/simulate/move';
import { displayDate } from '../../governance/display-dates';
import { easterSunday } from '../../governance/bank-holidays';
import { daysBetween, londonCivilDate } from '../../governance/civil-date';
import {
  addDays,
  anchorDay,
  at as londonAt,
  firstYear,
  noBankHolidayBetween,
  yearOf,
} from '../support/dates';
import { govflow, projectRoot } from '../support/processes';
import { inOrder } from './expectations';

const HAPPY_PATH = path.join('scenarios', 'southampton-happy-path.yaml');

/**
 * The happy path's meeting is the Thursday before Good Friday, so its call-in window skips Good Friday and
 * Easter Monday. The case: the happy path moved with --start-on so that its meeting is the Thursday before
 * Good Friday again, in the first year after the day the tests run whose moved start (as many days before
 * the meeting as in the file, a Monday) is after that day, not the file's own start, and not a bank holiday.
 */
const file = parseYaml(readFileSync(path.join(projectRoot, HAPPY_PATH), 'utf8')) as {
  start: string;
  input: { meetingDate: string };
};
const fileStart = londonCivilDate(file.start);
const leadDays = daysBetween(fileStart, file.input.meetingDate);
const maundyThursday = (year: number) => addDays(easterSunday(year), -3);
const caseYear = firstYear(yearOf(anchorDay()) + 1, (y) => {
  const start = addDays(maundyThursday(y), -leadDays);
  return start > anchorDay() && start !== fileStart && noBankHolidayBetween(start, start);
});
const meeting = maundyThursday(caseYear);
const startOn = addDays(meeting, -leadDays);
const moveDays = daysBetween(fileStart, startOn);
/** 5 clear working days before a Thursday with no bank holiday in the week before: the Wednesday of the week before. */
const agendaDay = addDays(meeting, -8);
/**
 * Published on the meeting day; the five working days of the call-in window skip Good Friday and Easter
 * Monday (Tuesday, Wednesday, Thursday, Friday and Monday after Easter), so the decision is implementable
 * from 00:00 London on the Tuesday twelve days after the meeting.
 */
const implementableDay = addDays(meeting, 12);
const movedLine =
  `Scenario moved forward ${moveDays / 7} weeks: starts ${displayDate(startOn)} instead of ${displayDate(fileStart)} ` +
  `(--start-on ${startOn}); every date moved by ${moveDays} days, weekdays kept`;

interface Report {
  workflowId: string;
  note: string;
  moved: {
    summary: string;
    days: number;
    because: string;
    startOn?: string;
    fileStart: string;
    start: string;
  } | null;
  final: {
    status: string;
    stage: string;
    historyEvents: number;
    workflows: { workflowId: string; historyEvents: number }[];
  };
  timeline: { at: string; kind: string; workflowId: string; [k: string]: unknown }[];
}

describe('govflow simulate <scenario.yaml> --json', () => {
  it('prints exactly one JSON document: the workflow, where it ended, and the timeline in time order', async () => {
    // No prebuilt bundle: the command bundles workflows/ itself, as it does for an officer.
    const { code, stdout, stderr } = await govflow(['simulate', HAPPY_PATH, '--json', '--start-on', startOn]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.workflowId).toBe('decision/southampton-jcb/2027-014');
    expect(report.note).toMatch(/no mail was sent and no register was written/);
    expect(report.moved).toMatchObject({
      because: 'start-on',
      startOn,
      days: moveDays,
      fileStart: file.start,
    });
    expect(`Scenario ${report.moved!.summary}`).toMatch(new RegExp(`^${movedLine.replace(/[()]/g, '\\$&')}`));
    // The start keeps its London wall-clock time.
    expect(Date.parse(report.moved!.start)).toBe(Date.parse(londonAt(startOn, '09:00')));
    expect(report.final).toMatchObject({
      status: 'implemented',
      stage: 'implemented',
      process: 'decision',
      boardId: 'southampton-jcb',
    });
    expect(report.final.historyEvents).toBeGreaterThan(50);
    const kinds = report.timeline.map((e) => e.kind);
    const story = [
      'forward-plan-published',
      'agenda-published',
      'vote-recorded',
      'meeting-held',
      'consensus-reached',
      'decision-published',
      'call-in-window-closed',
      'implemented',
    ];
    expect(inOrder(kinds, story)).toEqual(story);
    expect(kinds.filter((k) => k === 'vote-recorded')).toHaveLength(6);
    const at = (kind: string) => report.timeline.find((e) => e.kind === kind)!.at;
    // 28 clear days' notice for the meeting, published at the start; agenda 5 clear working days ahead, at 09:00 London.
    expect(at('forward-plan-published').slice(0, 10)).toBe(startOn);
    expect(at('agenda-published').slice(0, 16)).toBe(londonAt(agendaDay, '09:00').slice(0, 16));
    // Published on the meeting day; implementable from 00:00 London on the Tuesday after Easter week's Monday.
    expect(at('decision-published').slice(0, 10)).toBe(meeting);
    expect(at('implemented').slice(0, 16)).toBe(londonAt(implementableDay, '00:00').slice(0, 16));
    const times = report.timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline.find((e) => e.kind === 'notification-sent')).toMatchObject({
      notification: 'agenda-published',
      recipients: 6,
      workflowId: 'decision/southampton-jcb/2027-014',
    });
  });

  it('prints a readable table in London time without --json, saying how the scenario was moved', async () => {
    const { code, stdout } = await govflow(['simulate', HAPPY_PATH, '--start-on', startOn], {
      GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[1]).toBe(
      'Rehearsal on a time-skipping Temporal server: no mail was sent and no register was written.',
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^${movedLine.replace(/[()]/g, '\\$&')}.*\\. The description gives the file’s own dates\\.$`,
      ),
    );
    // The votes at 10:05 London on the meeting day stay at 10:05 London.
    expect(stdout).toMatch(
      new RegExp(
        `^${displayDate(meeting)} 10:05 +vote-recorded +meeting=${displayDate(meeting)} member=cllr-ada-shaw partner=council vote=for$`,
        'm',
      ),
    );
    // Times are London wall-clock: midnight London on the Tuesday is 23:00 UTC the day before in summer time.
    expect(stdout).toMatch(new RegExp(`^${displayDate(implementableDay)} 00:00 +implemented `, 'm'));
    // Every date is written out by the one formatter: none is left as YYYY-MM-DD in the table.
    const table = lines.slice(lines.findIndex((l) => l.startsWith('London time')));
    expect(table.join('\n')).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(stdout).toMatch(/^final status: implemented \(stage implemented\)$/m);
    expect(stdout).toMatch(/^history: +decision\/southampton-jcb\/2027-014: \d+ events, completed$/m);
  });

  it('moves a scenario whose start has passed forward by whole years of weeks, and says so', async () => {
    // The referral to Cabinet, every date moved ten years (of weeks) back: its start is long past.
    const dir = await mkdtemp(path.join(tmpdir(), 'govflow-past-'));
    try {
      const past = moveDates(
        parseYaml(
          await readFile(path.join(projectRoot, 'scenarios', 'southampton-referred-to-cabinet.yaml'), 'utf8'),
        ) as Record<string, unknown>,
        -yearsInDays(10),
      );
      const pastFile = path.join(dir, 'past.yaml');
      await writeFile(pastFile, stringify(past));
      const { code, stdout, stderr } = await govflow(['simulate', pastFile, '--json'], {
        GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(stdout) as Report;
      expect(report.moved).toMatchObject({ because: 'past', fileStart: past.start });
      expect(report.moved!.summary).toMatch(
        /^moved forward \d+ weeks: starts Monday \d+ \w+ 20\d\d instead of Monday \d+ \w+ 20\d\d \(its start is not in the future\); every date moved by \d+ days, weekdays kept/,
      );
      // Real time: the fewest whole years of weeks that put the start after now.
      expect(Date.parse(report.moved!.start)).toBeGreaterThan(Date.now() - 60_000);
      expect(Date.parse(report.moved!.start) - 364 * 86_400_000).toBeLessThan(Date.now() + 21 * 86_400_000);
      expect(report.final.status).toBe('referred');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Each case is a separate process that stops before any server starts; they run side by side.
describe.concurrent('govflow simulate on an invalid scenario', () => {
  let dir: string;
  let happyPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-scenarios-'));
    happyPath = await readFile(path.join(projectRoot, HAPPY_PATH), 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: { name: string; edit?: (yaml: string) => string; args?: string[]; line: RegExp }[] = [
    {
      name: 'an unknown member id',
      edit: (y) => y.replace('member: dr-eve-morgan', 'member: dr-eve-morgn'),
      line: /^govflow: events\.4\.member: "dr-eve-morgn" is not a member of southampton-jcb/,
    },
    {
      name: 'a vote that is not for, against or abstain',
      edit: (y) => y.replace('vote: abstain', 'vote: maybe'),
      line: /^govflow: events\.5\.vote: /,
    },
    {
      name: 'an unknown action',
      edit: (y) => y.replace('action: vote, member: finn', 'action: ballot, member: finn'),
      line: /^govflow: events\.5\.action: /,
    },
    {
      name: 'a misspelt field',
      edit: (y) => y.replace('vote: abstain }', 'vote: abstain, memebr: x }'),
      line: /^govflow: events\.5: .*memebr/,
    },
    {
      name: 'events out of time order',
      edit: (y) => y.replace('2027-03-25T10:07:00Z', '2027-03-25T09:07:00Z'),
      line: /^govflow: events\.2\.at: .*before the event above it/,
    },
    {
      name: 'a start without a time zone',
      edit: (y) => y.replace('start: 2027-01-04T09:00:00Z', 'start: 2027-01-04 09:00'),
      line: /^govflow: start: must be an ISO-8601 instant/,
    },
    {
      name: 'a --start-on that is not after today',
      args: ['--start-on', '2020-01-06'],
      line: /^govflow: --start-on: 2020-01-06 is not after today \(20\d\d-\d\d-\d\d\)\n$/,
    },
    {
      name: 'a --start-on that is not a date',
      args: ['--start-on', 'next monday'],
      line: /^govflow: --start-on: "next monday" is not a date YYYY-MM-DD\n$/,
    },
    { name: 'no until', edit: (y) => y.replace(/^until:.*$/m, ''), line: /^govflow: until: is required/ },
    {
      name: 'an impossible meeting date in the input',
      edit: (y) => y.replace('meetingDate: 2027-03-25', 'meetingDate: 2027-02-30'),
      line: /^govflow: input\.meetingDate: /,
    },
    {
      name: 'an unknown preset',
      edit: (y) => y.replace('standingOrders: southampton-jcb', 'standingOrders: southampton'),
      line: /^govflow: standingOrders: "southampton" is neither a preset/,
    },
    {
      name: 'an unknown process',
      edit: (y) => y.replace('process: decision', 'process: tribunal'),
      line: /^govflow: process: must be "decision", "board", .* or "partnership-recommendation"/,
    },
    {
      // Found by the CLI's own start command at the scenario's start, before the process starts.
      name: 'a scheme the board has no pooled budget for',
      edit: (y) => y.replace('schemeId: rehab-reablement', 'schemeId: no-such-pool'),
      line: /^govflow: input\.schemeId: "no-such-pool" is not a pooled budget scheme of southampton-jcb/,
    },
  ];

  for (const { name, edit, args = [], line } of cases) {
    it(`exits 2 with one line naming the field, and prints nothing on stdout: ${name}`, async () => {
      const edited = edit ? edit(happyPath) : happyPath;
      if (edit) expect(edited).not.toBe(happyPath);
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      await writeFile(file, edited);
      const { code, stdout, stderr } = await govflow(['simulate', file, '--json', ...args], {
        GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(line);
    });
  }
});
