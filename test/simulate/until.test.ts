import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../client/simulate/run';
import { loadScenario } from '../../client/simulate/scenario';
import { projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';

describe('a rehearsal that reaches until before the process ends', () => {
  it('stops there: in-progress, with the stage and what the process waits for, and nothing after until', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'govflow-until-'));
    try {
      // The happy path without its votes, stopped the day before the meeting.
      const text = (
        await readFile(path.join(projectRoot, 'scenarios', 'southampton-happy-path.yaml'), 'utf8')
      )
        .replace(/^events:\n(  - .*\n)+/m, '')
        .replace('until: 2027-06-30T00:00:00Z', 'until: 2027-03-24T12:00:00Z');
      const file = path.join(dir, 'cut-short.yaml');
      await writeFile(file, text);
      const scenario = loadScenario(file);
      expect(scenario.prepared.events).toEqual([]);

      const report = await simulate(scenario, { workflowBundle: workflowBundle() });
      expect(report.final).toMatchObject({
        status: 'in-progress',
        stage: 'awaiting-meeting',
        waitingFor: 'the meeting on 2027-03-25',
        nextDeadline: '2027-03-25T00:00:00.000Z',
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
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
