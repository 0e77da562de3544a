import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { govflow, projectRoot } from '../support/processes';
import { inOrder } from './expectations';

const HAPPY_PATH = path.join('scenarios', 'southampton-happy-path.yaml');

interface Report {
  workflowId: string;
  note: string;
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
    const { code, stdout, stderr } = await govflow(['simulate', HAPPY_PATH, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.workflowId).toBe('decision/southampton-jcb/2027-014');
    expect(report.note).toMatch(/no mail was sent and no register was written/);
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
    // 28 clear days' notice for the 25 March 2027 meeting, published at the start; agenda 5 clear working days ahead.
    expect(at('forward-plan-published').slice(0, 10)).toBe('2027-01-04');
    expect(at('agenda-published').slice(0, 16)).toBe('2027-03-17T09:00');
    // Published on the meeting day; the five working days of the window skip Good Friday and Easter Monday,
    // so it is implementable from midnight on Tuesday 6 April, London time (BST began on 28 March).
    expect(at('decision-published').slice(0, 10)).toBe('2027-03-25');
    expect(at('implemented').slice(0, 16)).toBe('2027-04-05T23:00');
    const times = report.timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline.find((e) => e.kind === 'notification-sent')).toMatchObject({
      notification: 'agenda-published',
      recipients: 6,
      workflowId: 'decision/southampton-jcb/2027-014',
    });
  });

  it('prints a readable table in London time without --json', async () => {
    const { code, stdout } = await govflow(['simulate', HAPPY_PATH], {
      GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Rehearsal on a time-skipping Temporal server: no mail was sent and no register was written.',
    );
    expect(stdout).toMatch(
      /^2027-03-25 10:05 +vote-recorded +meeting=2027-03-25 member=cllr-ada-shaw partner=council vote=for$/m,
    );
    // Times are London wall-clock: midnight on 6 April is 23:00 UTC the day before (BST began on 28 March).
    expect(stdout).toMatch(/^2027-04-06 00:00 +implemented /m);
    expect(stdout).toMatch(/^final status: implemented \(stage implemented\)$/m);
    expect(stdout).toMatch(/^history: +decision\/southampton-jcb\/2027-014: \d+ events, completed$/m);
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

  const cases: { name: string; edit: (yaml: string) => string; line: RegExp }[] = [
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
      name: 'a start in the past',
      edit: (y) => y.replace('start: 2027-01-04T09:00:00Z', 'start: 2020-01-06T09:00:00Z'),
      line: /^govflow: start: .* is not in the future/,
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
      edit: (y) => y.replace('process: decision', 'process: consultation'),
      line: /^govflow: process: must be "decision" or "board"/,
    },
    {
      // Found by the CLI's own start command at the scenario's start, before the process starts.
      name: 'a scheme the board has no pooled budget for',
      edit: (y) => y.replace('schemeId: rehab-reablement', 'schemeId: no-such-pool'),
      line: /^govflow: input\.schemeId: "no-such-pool" is not a pooled budget scheme of southampton-jcb/,
    },
  ];

  for (const { name, edit, line } of cases) {
    it(`exits 2 with one line naming the field, and prints nothing on stdout: ${name}`, async () => {
      const edited = edit(happyPath);
      expect(edited).not.toBe(happyPath);
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      await writeFile(file, edited);
      const { code, stdout, stderr } = await govflow(['simulate', file, '--json'], {
        GOVFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(line);
    });
  }
});
