import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeringDecision, timeCli } from '../../bench/cli';
import { startTimings } from '../../bench/start';
import { boardDecade, decisionPaths, simulatedDecisionCost, type DecisionPaths } from '../../bench/history';
import { memoryCurve } from '../../bench/memory';
import {
  devServerSession,
  overheadRatios,
  shapeCheck,
  updateLatency,
  type Session,
} from '../../bench/overhead';
import { payloadSizes } from '../../bench/payload';
import { replayCosts } from '../../bench/replay';
import { renderTable } from '../../bench/report';
import { DEV_PATH_SHAPE, HAPPY_PATH_SHAPE, shapeCounts, simulatedDecisionShape } from '../../bench/shapes';
import { benchBundle } from '../../bench/support';
import { defaultMaxCachedWorkflows } from '../../worker/create-worker';
import { inject } from 'vitest';
import { timeSkipping } from '../support/temporal';

/**
 * The pieces `npm run bench -- --quick` runs, with tiny counts, so CI notices when the benchmark code
 * stops working (a workflow change that breaks a driver or a shape). The figures themselves are not
 * checked: they depend on the machine.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('benchmarks (tiny counts)', () => {
  let govflow: WorkflowBundle;
  let bare: WorkflowBundle;
  let paths: DecisionPaths;
  beforeAll(async () => {
    [govflow, bare] = await Promise.all([benchBundle('govflow'), benchBundle('bare')]);
  });

  it('sizes the sticky cache at one workflow per 2 MiB of heap above 200 MiB, never below 10', () => {
    expect(defaultMaxCachedWorkflows(4144)).toBe(1972);
    expect(defaultMaxCachedWorkflows(1072)).toBe(436);
    expect(defaultMaxCachedWorkflows(100)).toBe(10);
  });

  it('the baseline shapes have the happy path’s and the dev-server path’s counts', () => {
    expect(shapeCounts(HAPPY_PATH_SHAPE)).toEqual({ activities: 5, updates: 6, timers: 4 });
    expect(shapeCounts(simulatedDecisionShape(0, 40 * DAY))).toEqual(shapeCounts(HAPPY_PATH_SHAPE));
    expect(shapeCounts(DEV_PATH_SHAPE)).toEqual({ activities: 5, updates: 8, timers: 3 });
  });

  it('a simulated decision’s bare timers fire when the decision’s do, even when it starts late', () => {
    const sleeps = (startedAt: number) =>
      simulatedDecisionShape(startedAt, 40 * DAY).phases.flatMap((p) => (p.kind === 'sleep' ? [p.ms] : []));
    // Agenda day 00:00 (six days before the 10:00 meeting), the meeting day, the call-in window at 01:00.
    expect(sleeps(0)).toEqual([34 * DAY - 10 * HOUR, 6 * DAY, 8 * DAY - 9 * HOUR]);
    expect(sleeps(2 * DAY)).toEqual([32 * DAY - 10 * HOUR, 6 * DAY, 8 * DAY - 9 * HOUR]);
    // Started after its agenda day (never in the simulation): that timer fires at once.
    expect(sleeps(35 * DAY)[0]).toBe(1);
  });

  it('what a decision adds to the simulation is each run less the board alone, per decision', () => {
    const run = (
      meetingsPerYear: number,
      decisionsAs: 'decision' | 'bare',
      wallSeconds: number,
      count = meetingsPerYear * 10,
    ) => ({ years: 10, meetingsPerYear, decisionsAs, wallSeconds, decisions: { count } });
    const runs = [run(12, 'decision', 14), run(0, 'decision', 2), run(12, 'bare', 11)];
    expect(simulatedDecisionCost(runs)).toEqual({ decisionMs: 100, bareMs: 75, ratio: 1.33, decisions: 120 });
    // The decisions the run took (the last meeting may fall after the horizon), not 12 a year.
    expect(simulatedDecisionCost([run(12, 'decision', 14, 100), runs[1]!, run(12, 'bare', 11, 100)])).toEqual(
      {
        decisionMs: 120,
        bareMs: 90,
        ratio: 1.33,
        decisions: 100,
      },
    );
    expect(simulatedDecisionCost(runs.slice(0, 2))).toBeUndefined();
    expect(simulatedDecisionCost([runs[0]!, runs[2]!])).toBeUndefined();
    expect(simulatedDecisionCost([runs[0]!, runs[1]!, run(12, 'bare', 11, 119)])).toBeUndefined();
  });

  it('decision paths and the board over two years on the time-skipping server; replay of the histories', async () => {
    const env = await timeSkipping();
    try {
      paths = await decisionPaths(env, govflow, bare);
    } finally {
      await env.teardown();
    }
    expect(paths.happy.result.status).toBe('implemented');
    expect(paths.happy).toMatchObject({ activities: 5, timers: 4, updates: 6 });
    expect(paths.worst.result).toMatchObject({ status: 'implemented', deferrals: 2 });
    expect(paths.baseline.shapeMatches).toBe(true);

    const env2 = await timeSkipping();
    try {
      const board = await boardDecade(env2, govflow, { years: 2, meetingsPerYear: 1 });
      // Established in the weeks after the proposal (found from the server's day), first review a year on,
      // then continue-as-new into cycle 2, still running at the two-year horizon.
      expect(board.boardRuns.map((r) => r.endedBy)).toEqual(['continue-as-new', 'still running']);
      expect(board.decisions).toMatchObject({ count: 2, implemented: 2 });
      expect(board.boardYearsPerSecond).toBeGreaterThan(0);
    } finally {
      await env2.teardown();
    }

    // The simulation's floor: the bare baseline plays each decision, with its timers at the decision's times.
    const env3 = await timeSkipping();
    try {
      const floor = await boardDecade(env3, govflow, { years: 2, meetingsPerYear: 1, bare });
      expect(floor.decisionsAs).toBe('bare');
      expect(floor.decisions).toMatchObject({ count: 2, implemented: 2 });
      expect(floor.boardRuns.map((r) => r.endedBy)).toEqual(['continue-as-new', 'still running']);
    } finally {
      await env3.teardown();
    }

    const [decision, baseline] = await replayCosts(
      [
        { label: 'decision', bundle: govflow, history: paths.histories.happy, workflowId: 'decision/replay' },
        { label: 'baseline', bundle: bare, history: paths.histories.baseline, workflowId: 'baseline/replay' },
      ],
      2,
      2,
    );
    expect(decision!).toMatchObject({ histories: 2 });
    expect(decision!.msPerWorkflow.mean).toBeGreaterThan(0);
    expect(baseline!.events).toBe(paths.baseline.events);
    expect(payloadSizes(paths.histories.happy).happyPathBytes).toBe(paths.happy.bytes);
  });

  describe('on the dev server', () => {
    let g: Session;
    let b: Session;
    beforeAll(async () => {
      g = await devServerSession(inject('temporalAddress'), govflow);
      b = await devServerSession(inject('temporalAddress'), bare);
    });
    afterAll(async () => {
      await g?.close();
      await b?.close();
    });

    it('drives decisions and baselines of the same shape; rates, ratio and Update latency', async () => {
      const shape = await shapeCheck(g, b);
      expect(shape.differences).toEqual([]);
      const [overhead] = await overheadRatios([{ name: 'default', tuning: {}, govflow: g, bare: b }], shape, {
        count: 1,
        concurrency: 1,
        rounds: 1,
      });
      expect(overhead!.rounds.map((r) => r.kind)).toEqual(['bare-baseline', 'decision', 'bundled-baseline']);
      expect(overhead!.ratio).toBeGreaterThan(0);
      const latency = await updateLatency(g, b, { workflows: 1 });
      expect(latency.samples).toEqual({
        decisionVote: 6,
        baselineNoop: 6,
        baselineWithActivity: 6,
        baselineWithLocalActivity: 6,
      });
    });

    it('times the CLI: --help and the status of a decision whose worker answers', async () => {
      const handle = await answeringDecision(g);
      try {
        const timings = await timeCli(inject('temporalAddress'), handle.workflowId, 1, ['bin']);
        expect(timings.helpMs.bin).toMatchObject({ n: 1 });
        expect(timings.statusMs.bin).toMatchObject({ n: 1 });
        expect(timings.statusMs.bin!.p50).toBeGreaterThan(0);
      } finally {
        await handle.terminate('test over');
      }
    });

    it('measures a worker child process with open decisions', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'govflow-bench-test-'));
      try {
        const bundlePath = path.join(dir, 'bundle.js');
        await writeFile(bundlePath, govflow.code);
        const curve = await memoryCurve(inject('temporalAddress'), bundlePath, 'decision', [5], {
          terminate: true,
        });
        expect(curve.points).toHaveLength(1);
        expect(curve.points[0]).toMatchObject({ open: 5, cached: 5 });
        // The child worker has this process's heap limit, so the govflow cache size comes out the same.
        expect(curve).toMatchObject({ cache: 'govflow', maxCachedWorkflows: defaultMaxCachedWorkflows() });
        expect(curve.points[0]!.rssMiB).toBeGreaterThan(curve.emptyRssMiB * 0.5);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it('times npm start from spawn to its banner, compiled and through tsx; a warm start of either finds the workflow bundle kept', async () => {
    const timings = await startTimings({ runs: 1, ways: ['bin', 'tsx'], untimedFirst: true, keep: false });
    expect(timings).toMatchObject({ runs: 1, warm: true, bundled: 0 });
    expect(timings.bannerMs.bin).toMatchObject({ n: 1 });
    expect(timings.bannerMs.tsx).toMatchObject({ n: 1 });
    expect(timings.bannerMs.bin!.p50).toBeGreaterThan(0);
  }, 240_000);

  it('renders the table from a result', () => {
    const table = renderTable({
      generatedAt: '2026-11-22T00:00:00.000Z',
      mode: 'quick',
      command: 'npm run bench -- --quick',
      config: {} as never,
      machine: { cpus: 2, cpuModel: 'test', memoryGiB: 1, os: 'test' },
      versions: { node: 'v20', temporalSdk: '1.24.0', temporalCli: 'x', temporalTestServer: 'y', zod: 'z' },
      load: { atStart: [0, 0, 0], atEnd: [0, 0, 0], bySection: {} },
      durationSeconds: 1,
      history: paths ? (({ histories: _h, ...rest }) => rest)(paths) : undefined,
      cli: {
        what: 'test',
        runs: 1,
        helpMs: { bin: { n: 1, p50: 300, p95: 300, mean: 300, max: 300 } },
        statusMs: { bin: { n: 1, p50: 700, p95: 700, mean: 700, max: 700 } },
      },
      start: {
        what: 'test',
        runs: 1,
        warm: true,
        bundled: 0,
        bannerMs: { bin: { n: 1, p50: 4200, p95: 4200, mean: 4200, max: 4200 } },
      },
      notes: [],
    });
    expect(table).toContain('govflow benchmarks (quick)');
    expect(table).toMatch(/govflow status <id>, bin\/govflow\.js \(govflow on the PATH\) +700 ms/);
    expect(table).toMatch(/bin\/start\.js \(npm start\) +4\.20 s/);
    if (paths) expect(table).toContain('decision happy path, events');
  });
});
