import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { simulate } from '../../client/simulate/run';
import { loadScenario, type LoadScenarioOptions } from '../../client/simulate/scenario';
import {
  type CivilDate,
  compareCivilDates,
  daysBetween,
  dayOfWeek,
  londonCivilDate,
} from '../../governance/civil-date';
import { addDays, anchorDay, anchorMs, firstDay } from '../support/dates';
import { projectRoot } from '../support/processes';
import { workflowBundle } from '../support/temporal';
import { SHIPPED, inOrder, refusals } from './expectations';

const scenariosDir = path.join(projectRoot, 'scenarios');

/** A scenario file's own `start`, as written. */
const fileStart = (file: string): string =>
  (parseYaml(readFileSync(path.join(scenariosDir, file), 'utf8')) as { start: string }).start;
const fileStartDay = (file: string): CivilDate => londonCivilDate(fileStart(file));

/**
 * The first day from `from` with the same month and day as the file's start: a --start-on that keeps
 * the scenario's time of year (its Christmas stays a Christmas, its call-in window stays by Easter).
 */
const sameTimeOfYear = (file: string, from: CivilDate): CivilDate =>
  firstDay(from, (d) => d.slice(5) === fileStartDay(file).slice(5));

/**
 * Every shipped scenario rehearsed three times, each from the day the tests run (GOVFLOW_TEST_ANCHOR for
 * a later day): as `govflow simulate` runs it that day (a start that is not in the future moves forward by
 * whole years of weeks), with --start-on about two years ahead, and with --start-on more than five years
 * and three months ahead.
 */
const ANCHORS: { name: string; daysAhead: number; options: (file: string) => LoadScenarioOptions }[] = [
  { name: 'as run on the day the tests run', daysAhead: 0, options: () => ({ now: anchorMs() }) },
  {
    name: 'with --start-on about two years ahead',
    daysAhead: 2 * 365,
    options: (file) => ({ now: anchorMs(), startOn: sameTimeOfYear(file, addDays(anchorDay(), 2 * 365)) }),
  },
  {
    name: 'with --start-on five years and three months ahead or more',
    daysAhead: 5 * 365 + 92,
    options: (file) => ({
      now: anchorMs(),
      startOn: sameTimeOfYear(file, addDays(anchorDay(), 5 * 365 + 92)),
    }),
  },
];

describe('the shipped scenarios, each rehearsed on its own time-skipping server with the real workflows', () => {
  it('are all listed with what they must show', () => {
    const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual(Object.keys(SHIPPED).sort());
  });

  for (const anchor of ANCHORS) {
    describe(anchor.name, () => {
      for (const [file, expected] of Object.entries(SHIPPED)) {
        it(`${file} ends ${expected.status}`, async () => {
          const options = anchor.options(file);
          const scenario = loadScenario(path.join(scenariosDir, file), options);
          const report = await simulate(scenario, { workflowBundle: workflowBundle() });
          const kinds = report.timeline.map((e) => e.kind);

          // Where it runs: after the day the tests run, moved by whole weeks (every weekday kept) when moved.
          const from = fileStartDay(file);
          const start = londonCivilDate(scenario.startMs);
          expect(scenario.startMs).toBeGreaterThan(anchorMs());
          expect(daysBetween(anchorDay(), start)).toBeGreaterThanOrEqual(anchor.daysAhead);
          expect(dayOfWeek(start)).toBe(dayOfWeek(from));
          expect(report.moved).toEqual(scenario.moved ?? null);
          if (options.startOn) {
            // The first such weekday on or after the day asked for, or a later week if that one would put
            // a day of the scenario on a bank holiday (and then the report says which).
            expect(compareCivilDates(start, options.startOn)).toBeGreaterThanOrEqual(0);
            if (!report.moved?.passedOver) expect(daysBetween(options.startOn, start)).toBeLessThan(7);
            expect(report.moved).toMatchObject({ because: 'start-on', startOn: options.startOn });
          } else if (Date.parse(fileStart(file)) <= anchorMs()) {
            expect(report.moved).toMatchObject({ because: 'past', fileStart: fileStart(file) });
          } else {
            expect(report.moved).toBeNull();
          }
          if (report.moved) {
            expect(report.moved.days).toBe(daysBetween(from, start));
            expect(report.moved.days % 7).toBe(0);
            expect(report.moved.summary).toContain(`every date moved by ${Math.abs(report.moved.days)} days`);
          }

          expect(report.final.status).toBe(expected.status);
          expect(inOrder(kinds, expected.kinds)).toEqual(expected.kinds);
          // Only the scenario's own deliberate refusals: none caused by the move.
          expect(refusals(report.timeline)).toEqual(expected.refused);
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
  }
});
