import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MeetingResult } from '../../definitions';
import { simulate } from '../../client/simulate/run';
import { loadScenario } from '../../client/simulate/scenario';
import { addDays } from '../../governance/civil-date';
import { anchorMs } from '../support/dates';
import { govflow, projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';

const MEETING = path.join(projectRoot, 'scenarios', 'southampton-meeting.yaml');

/** Each case is its own `govflow simulate`, stopped by the checks before any server starts (or at the start). */
describe.concurrent('govflow simulate on an invalid meeting scenario', () => {
  let dir: string;
  let shipped: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'govflow-meeting-scenarios-'));
    shipped = await readFile(MEETING, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: { name: string; edit: (yaml: string) => string; line: RegExp }[] = [
    {
      name: 'an exempt paragraph that is not in Schedule 12A',
      edit: (y) => y.replace('exemptParagraph: 3', 'exemptParagraph: 9'),
      line: /^govflow: events\.1\.exemptParagraph: must be a Schedule 12A paragraph 1-7\n$/,
    },
    {
      name: 'an item that names a decision process (a scenario’s items are plain agenda items)',
      edit: (y) =>
        y.replace(
          '    keyDecision: true\n',
          '    keyDecision: true\n    decision: decision/southampton-jcb/2027-051\n',
        ),
      line: /^govflow: events\.0: .*"decision"/,
    },
    {
      name: 'a move to a date that does not exist',
      edit: (y) => y.replace('date: 2027-10-21', 'date: 2027-10-32'),
      line: /^govflow: events\.2\.date: /,
    },
    {
      name: 'a late item whose consenting chair is not known',
      edit: (y) => y.replace('chair: cllr-ada-shaw', 'chair: cllr-ada-shae'),
      line: /^govflow: events\.4\.chairConsent\.chair: "cllr-ada-shae" is not a member of southampton-jcb/,
    },
    {
      name: 'attendance naming someone unknown',
      edit: (y) =>
        y.replace('present: [cllr-ada-shaw, cllr-ben-okafor,', 'present: [cllr-ada-shaw, cllr-ben-okafr,'),
      line: /^govflow: events\.5\.present\.1: "cllr-ben-okafr" is not a member of southampton-jcb/,
    },
    {
      name: 'a vote that is not for, against or abstain',
      edit: (y) => y.replace('dr-eve-morgan: against', 'dr-eve-morgan: maybe'),
      line: /^govflow: events\.6\.votes\.dr-eve-morgan: /,
    },
    {
      name: 'an outcome with neither named votes nor counts (the Update’s own rule)',
      edit: (y) =>
        y.replace('    counts: { council: { for: 2, against: 0 }, nhs: { for: 3, against: 0 } }\n', ''),
      line: /^govflow: events\.7\.votes: give the votes by name or the counts per partner \(one of them\)\n$/,
    },
    {
      name: 'an approval of the minutes that does not say at which meeting',
      edit: (y) => y.replace('    approvedAt: 2027-11-11\n', ''),
      line: /^govflow: events\.10\.approvedAt: /,
    },
    {
      name: 'a remote meeting without its link',
      edit: (y) => y.replace('  date: 2027-10-14\n', '  date: 2027-10-14\n  attendance: remote\n'),
      line: /^govflow: input\.link: a remote meeting needs a remote meeting link\n$/,
    },
    {
      // Found by the CLI's own start command at the scenario's start: nothing is started.
      name: 'a meeting on the day the rehearsal starts',
      edit: (y) => y.replace('  date: 2027-10-14\n', '  date: 2027-09-06\n'),
      line: /^govflow: input\.date: \d{4}-09-0\d is not after today \(\d{4}-09-0\d\)\n$/,
    },
  ];

  for (const { name, edit, line } of cases) {
    it(`exits 2 with one line naming the field, and prints nothing on stdout: ${name}`, async () => {
      const edited = edit(shipped);
      expect(edited).not.toBe(shipped);
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

describe('the shipped meeting scenario, rehearsed with the real meeting workflow', () => {
  it('sends every Update as the CLI would: one invitation replaced when it moves, a late item, a deferral, minutes approved', async () => {
    const scenario = loadScenario(MEETING, { now: anchorMs() });
    // The file's own dates, moved with the scenario when the day the tests run needs it.
    const day = (date: string) => addDays(date, scenario.moved?.days ?? 0);
    const report = await simulate(scenario, { workflowBundle: workflowBundle() });
    const entries = (kind: string) => report.timeline.filter((e) => e.kind === kind);
    const data = (kind: string) => entries(kind).map((e) => e.data as Record<string, unknown>);

    expect(report.workflowId).toBe(`meeting/southampton-jcb/${day('2027-10-14')}`);
    // One invitation for the meeting's life: SEQUENCE 0 when arranged, 1 when it moved.
    expect(data('meeting-scheduled').map((d) => [d.meeting, d.sequence])).toEqual([
      [day('2027-10-14'), 0],
      [day('2027-10-21'), 1],
    ]);
    expect(
      entries('notification-sent')
        .map((e) => e.notification)
        .filter((n) => n !== 'agenda-published'),
    ).toEqual(['meeting-scheduled', 'meeting-moved']);
    // The agenda, then again for the move and for the late item (a supplement).
    expect(data('meeting-agenda-published').map((d) => d.edition)).toEqual([1, 2, 3]);
    expect(data('late-item-added')).toEqual([
      expect.objectContaining({
        ref: '2027-053',
        chairConsent: expect.objectContaining({ chair: 'cllr-ada-shaw' }) as unknown,
      }),
    ]);
    // The interest declared takes Finn Hughes out of the exempt item; counts and named votes both counted.
    expect(data('item-outcome-recorded').map((d) => [d.ref, d.outcome, d.perPartner])).toEqual([
      [
        '2027-051',
        'no-consensus',
        {
          council: { for: 2, against: 0, abstain: 0, quorate: true },
          nhs: { for: 0, against: 3, abstain: 0, quorate: true },
        },
      ],
      [
        '2027-053',
        'consensus',
        {
          council: { for: 2, against: 0, abstain: 0, quorate: true },
          nhs: { for: 3, against: 0, abstain: 0, quorate: true },
        },
      ],
      [
        '2027-052',
        'consensus',
        {
          council: { for: 2, against: 0, abstain: 0, quorate: true },
          nhs: { for: 2, against: 0, abstain: 0, quorate: true },
        },
      ],
    ]);
    expect(data('item-deferred')).toEqual([
      expect.objectContaining({ ref: '2027-051', to: day('2027-11-11') }),
    ]);
    const result = report.final.result as MeetingResult;
    expect(result).toMatchObject({ outcome: 'minutes-approved', date: day('2027-10-21') });
    expect(report.final).toMatchObject({
      status: 'minutes-approved',
      minutes: { draftPublishedOn: day('2027-10-27'), approvedAt: day('2027-11-11') },
    });
    expect(report.final.workflows.flatMap((wf) => wf.workflowTaskFailures)).toEqual([]);
  });
});

describe('a meeting scenario that cancels its meeting', () => {
  it('ends cancelled: the invitation cancelled (SEQUENCE one higher), its items but the withdrawn one deferred to the next meeting', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'govflow-meeting-cancel-'));
    try {
      // The shipped meeting up to its late item; the exempt item withdrawn, then the meeting cancelled.
      const shipped = await readFile(MEETING, 'utf8');
      const untilTheDay = shipped.slice(0, shipped.indexOf('  # 21 October'));
      const cancelled = `${untilTheDay}  - at: 2027-10-19T14:00:00Z
    action: withdraw-item
    ref: 2027-052
    reason: The providers asked for a week more to answer the price review.
  - at: 2027-10-19T15:00:00Z
    action: cancel
    reason: Not quorate - three members of the CCG have sent apologies.
until: 2027-10-25T00:00:00Z
`;
      const file = path.join(dir, 'cancelled.yaml');
      await writeFile(file, cancelled);
      const scenario = loadScenario(file, { now: anchorMs() });
      const day = (date: string) => addDays(date, scenario.moved?.days ?? 0);
      const report = await simulate(scenario, { workflowBundle: workflowBundle() });
      const data = (kind: string) =>
        report.timeline.filter((e) => e.kind === kind).map((e) => e.data as Record<string, unknown>);

      expect(report.final.status).toBe('cancelled');
      expect(data('meeting-cancelled')).toEqual([
        expect.objectContaining({ meeting: day('2027-10-21'), sequence: 2 }),
      ]);
      expect(data('agenda-item-withdrawn')).toEqual([expect.objectContaining({ ref: '2027-052' })]);
      expect(data('item-deferred').map((d) => [d.ref, d.to])).toEqual([
        ['2027-051', day('2027-11-11')],
        ['2027-053', day('2027-11-11')],
      ]);
      expect(report.timeline.filter((e) => e.kind === 'meeting-held')).toEqual([]);
      expect(report.final.workflows.flatMap((wf) => wf.workflowTaskFailures)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
