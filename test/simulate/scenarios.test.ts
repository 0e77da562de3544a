import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../client/simulate/run';
import { loadScenario } from '../../client/simulate/scenario';
import { projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';
import { SHIPPED, inOrder } from './expectations';

const scenariosDir = path.join(projectRoot, 'scenarios');

describe('the shipped scenarios, each rehearsed on its own time-skipping server with the real workflows', () => {
  it('are all listed with what they must show', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual(Object.keys(SHIPPED).sort());
  });

  for (const [file, expected] of Object.entries(SHIPPED)) {
    it(`${file} ends ${expected.status}`, async () => {
      const scenario = loadScenario(path.join(scenariosDir, file));
      const report = await simulate(scenario, { workflowBundle: workflowBundle() });
      const kinds = report.timeline.map((e) => e.kind);

      expect(report.final.status).toBe(expected.status);
      expect(inOrder(kinds, expected.kinds)).toEqual(expected.kinds);
      // A failing workflow task is a bug even when the process limps to the right status.
      expect(report.final.workflows.flatMap((wf) => wf.workflowTaskFailures)).toEqual([]);
      expect(report.final.workflows).toHaveLength(expected.workflows ?? 1);
      expect(report.final.workflows[0]!.workflowId).toBe(report.workflowId);
      expect(report.final.historyEvents).toBe(report.final.workflows[0]!.historyEvents);
      expect(report.final.historyEvents).toBeGreaterThan(0);
      expect(report.final.workflows[0]!.runs?.length ?? 1).toBe(expected.runs ?? 1);
      // Sorted by time, and nothing before the scenario's start or after its end.
      const times = report.timeline.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(scenario.startMs);
      expect(times.at(-1)).toBeLessThanOrEqual(scenario.untilMs);
    });
  }
});
