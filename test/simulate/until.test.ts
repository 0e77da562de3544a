import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { simulate } from '../../client/simulate/run';
import { loadScenario } from '../../client/simulate/scenario';
import { addDays, anchorMs, at } from '../support/dates';
import { projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';

describe('a rehearsal that reaches until before the process ends', () => {
  it('stops there: in-progress, with the stage and what the process waits for, and nothing after until', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'govflow-until-'));
    try {
      // The happy path without its votes, stopped at noon London the day before its meeting.
      const happyPath = parseYaml(
        await readFile(path.join(projectRoot, 'scenarios', 'southampton-happy-path.yaml'), 'utf8'),
      ) as { input: { meetingDate: string }; events?: unknown[]; until: string };
      delete happyPath.events;
      happyPath.until = at(addDays(happyPath.input.meetingDate, -1), '12:00');
      const file = path.join(dir, 'cut-short.yaml');
      await writeFile(file, stringify(happyPath));
      // As run on the day the tests run: moved forward by whole years of weeks if its start is past.
      const scenario = loadScenario(file, { now: anchorMs() });
      expect(scenario.prepared.events).toEqual([]);
      const meeting = scenario.input.meetingDate as string;
      expect(meeting).toBe(addDays(happyPath.input.meetingDate, scenario.moved?.days ?? 0));

      const report = await simulate(scenario, { workflowBundle: workflowBundle() });
      expect(report.final).toMatchObject({
        status: 'in-progress',
        stage: 'awaiting-meeting',
        waitingFor: `the meeting on ${meeting}`,
        // The meeting's own day begins at 00:00 London.
        nextDeadline: at(meeting, '00:00'),
      });
      expect(report.final.workflows).toEqual([
        {
          workflowId: 'decision/southampton-jcb/2027-014',
          execution: 'RUNNING',
          historyEvents: report.final.historyEvents,
          workflowTaskFailures: [],
        },
      ]);
      expect(report.timeline.map((e) => e.kind)).toEqual([
        'classified',
        'forward-plan-published',
        'agenda-published',
        'notification-sent',
      ]);
      expect(Date.parse(report.timeline.at(-1)!.at)).toBeLessThanOrEqual(scenario.untilMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
