/**
 * govflow's benchmarks: `npm run bench` (full) or `npm run bench -- --quick` (small counts, < 60 s).
 * Prints a table and writes one JSON document (bench/results/latest.json unless --out says otherwise).
 * See BENCHMARKS.md for what each figure means and the recorded results.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { startTimeSkippingServer } from '../client/simulate/server';
import { startDevServer, type RunningDevServer } from '../runtime/dev-server';
import { ensureSearchAttributes } from '../runtime/search-attributes';
import { INSTALL_ADVICE, resolveTemporalBinaries, type ResolvedBinaries } from '../runtime/temporal-binaries';
import { cliTimings } from './cli';
import { startTimings } from './start';
import {
  boardDecade,
  decisionPaths,
  simulatedDecisionCost,
  type BoardDecade,
  type DecisionPaths,
} from './history';
import { memoryCurve, type MemoryCurve } from './memory';
import type { BenchConfig, BenchResult } from './result';
import { devServerSession, overheadRatios, shapeCheck, updateLatency, type Variant } from './overhead';
import { payloadSizes } from './payload';
import { replayCosts, replayRatio } from './replay';
import { freePort } from './ports';
import { renderTable } from './report';
import { benchBundle, loadAverage, now, probeBundle, round, TUNINGS, type WorkerTuning } from './support';

const run = promisify(execFile);

export const SECTIONS = [
  'overhead',
  'latency',
  'replay',
  'history',
  'simulation',
  'memory',
  'payload',
  'modules',
  'cli',
  'start',
] as const;
export type Section = (typeof SECTIONS)[number];
/** Sections a plain `npm run bench` runs; `modules` runs only when asked for (`--only modules`). */
const DEFAULT_SECTIONS: Section[] = [
  'overhead',
  'latency',
  'replay',
  'history',
  'simulation',
  'memory',
  'payload',
  'cli',
  'start',
];
/** The module-cost probes (bench/probes/), each the idle baseline plus some of govflow's modules. */
const PROBES = ['zod', 'zod-mini', 'rules', 'governance', 'definitions', 'workflows'];

export const QUICK: BenchConfig = {
  mode: 'quick',
  // No warm-up round: the shape check has just run a decision and a baseline on each worker.
  overhead: { count: 6, concurrency: 3, rounds: 1, warmUp: 0 },
  latency: { workflows: 3 },
  replay: { count: 5, rounds: 1 },
  // The board's own history does not depend on the decisions (workflows of their own, see the full run),
  // so in the time a quick run has its ten years run without them.
  decade: [{ years: 10, meetingsPerYear: 0 }],
  memory: [{ kind: 'decision', counts: [25] }],
  tunings: [],
  cliRuns: 2,
  // No time for an untimed start: the data directory is kept between quick runs instead (cold the first time).
  start: { runs: 1, ways: ['bin'], untimedFirst: false, keep: true },
};

export const FULL: BenchConfig = {
  mode: 'full',
  overhead: { count: 40, concurrency: 10, rounds: 3 },
  latency: { workflows: 40 },
  replay: { count: 100, rounds: 5 },
  // The board with its decisions, without them, and with the bare baseline in their place: what a
  // decision adds to the simulation against what a bare workflow of its shape adds.
  decade: [
    { years: 10, meetingsPerYear: 12 },
    { years: 10, meetingsPerYear: 0 },
    { years: 10, meetingsPerYear: 12, bare: true },
  ],
  memory: [
    // The govflow worker's cache (about 1,970 with a 4 GiB heap) holds 1,000 open decisions; of 10,000, it
    // keeps the latest and the rest wait on the server until their next task (see BENCHMARKS.md).
    { kind: 'decision', counts: [1000, 10000] },
    // The bare SDK floor: idle workflows, every one of them cached.
    { kind: 'idle', counts: [1000], cache: 2000 },
  ],
  tunings: ['autoscaling'],
  cliRuns: 10,
  // As npm start runs now, and through tsx as it ran before, in turn.
  start: { runs: 5, ways: ['bin', 'tsx'], untimedFirst: true, keep: false },
};

function parseArgs(argv: string[]) {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = value('--only')?.split(',').filter(Boolean) as Section[] | undefined;
  for (const s of only ?? [])
    if (!SECTIONS.includes(s))
      throw new Error(`--only: unknown section "${s}" (sections: ${SECTIONS.join(', ')})`);
  const config = structuredClone(has('--quick') ? QUICK : FULL);
  // --memory decision:1000,2000[:cache[:heapMb]];idle:10000 replaces the memory plan; cache is a number,
  // `govflow` (the default) or `sdk`.
  const memory = value('--memory');
  if (memory) {
    config.memory = memory.split(';').map((spec) => {
      const [kind, counts, cache, heap] = spec.split(':');
      if (kind !== 'decision' && kind !== 'idle')
        throw new Error(`--memory: "${spec}" must start with decision: or idle:`);
      return {
        kind,
        counts: (counts ?? '').split(',').map(Number),
        ...(cache ? { cache: cache === 'govflow' || cache === 'sdk' ? cache : Number(cache) } : {}),
        ...(heap ? { heapMb: Number(heap) } : {}),
      };
    });
  }
  const overhead = value('--overhead');
  if (overhead) {
    const [count, concurrency, rounds] = overhead.split(',').map(Number);
    config.overhead = {
      count: count!,
      concurrency: concurrency ?? config.overhead.concurrency,
      rounds: rounds ?? config.overhead.rounds,
    };
  }
  const tunings = value('--tunings');
  if (tunings !== undefined) config.tunings = tunings.split(',').filter(Boolean);
  for (const t of config.tunings)
    if (!TUNINGS[t]) throw new Error(`--tunings: unknown tuning "${t}" (${Object.keys(TUNINGS).join(', ')})`);
  return {
    config,
    only: new Set<Section>(only ?? DEFAULT_SECTIONS),
    out: path.resolve(value('--out') ?? path.join(__dirname, 'results', 'latest.json')),
  };
}

async function versions(binaries: ResolvedBinaries): Promise<Record<string, string>> {
  const pkg = async (name: string) =>
    (JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
      .version;
  let cli = 'unknown';
  if (binaries.cli.kind === 'path') {
    try {
      cli = (await run(binaries.cli.path, ['--version'], { timeout: 10_000 })).stdout
        .trim()
        .replace(/^temporal version /, '');
    } catch {
      cli = binaries.cli.version;
    }
  }
  return {
    node: process.version,
    temporalSdk: await pkg('@temporalio/worker'),
    temporalCli: cli,
    temporalTestServer: binaries.testServer.kind === 'path' ? binaries.testServer.version : 'SDK download',
    zod: await pkg('zod'),
  };
}

/** JSON as the repository's prettier would write it (so `npm run lint` accepts a committed result), else plain. */
async function formatJson(value: unknown): Promise<string> {
  const json = JSON.stringify(value, null, 2) + '\n';
  try {
    const prettier = await import('prettier');
    return await prettier.format(json, { parser: 'json', printWidth: 110 });
  } catch {
    return json;
  }
}

async function main(): Promise<void> {
  const started = now();
  const { config, only, out } = parseArgs(process.argv.slice(2));
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => {
      // The test server does not advertise this capability; the warning is about real servers.
      if (!/activity_failure_include_heartbeat|excess pings/.test(entry.message))
        process.stderr.write(`[bench] [${entry.level}] ${entry.message}\n`);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} },
    },
  });
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const binaries = await resolveTemporalBinaries({ log });
  if (binaries.cli.kind !== 'path' || binaries.testServer.kind !== 'path') throw new Error(INSTALL_ADVICE);

  const result: BenchResult = {
    generatedAt: new Date().toISOString(),
    mode: config.mode,
    command: `npm run bench${config.mode === 'quick' ? ' -- --quick' : ''}${process.argv.length > 3 || (process.argv.length === 3 && config.mode === 'full') ? ` (args: ${process.argv.slice(2).join(' ')})` : ''}`,
    config,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    versions: await versions(binaries),
    load: { atStart: loadAverage(), atEnd: [], bySection: {} },
    durationSeconds: 0,
    notes: [],
  };
  log(`${config.mode} run; load average ${result.load.atStart.join(', ')} on ${result.machine.cpus} CPUs`);

  const section = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const before = loadAverage();
    const t0 = now();
    log(`${name}...`);
    const value = await fn();
    const seconds = round((now() - t0) / 1000, 1);
    result.load.bySection[name] = { before, after: loadAverage(), seconds };
    log(`${name}: ${seconds} s`);
    return value;
  };

  const work = await mkdtemp(path.join(os.tmpdir(), 'govflow-bench-'));
  let devServer: RunningDevServer | undefined;
  try {
    const [govflowBundle, bareBundle] = await section('bundle', () =>
      Promise.all([benchBundle('govflow'), benchBundle('bare')]),
    );

    let paths: DecisionPaths | undefined;
    if (only.has('history') || only.has('replay') || only.has('simulation')) {
      paths = await section('history: decision paths (time-skipping server)', async () => {
        const env = await startTimeSkippingServer(log);
        try {
          return await decisionPaths(env, govflowBundle, bareBundle);
        } finally {
          await env.teardown();
        }
      });
      const { histories: _h, ...counts } = paths;
      result.history = counts;
    }
    if (only.has('history') || only.has('simulation')) {
      const runs: BoardDecade[] = [];
      for (const decade of config.decade) {
        runs.push(
          await section(
            `history + simulation: board for ${decade.years} years, ${decade.meetingsPerYear} ${decade.bare ? 'bare baselines' : 'decisions'} a year (time-skipping server)`,
            async () => {
              const env = await startTimeSkippingServer(log);
              try {
                return await boardDecade(env, govflowBundle, {
                  ...decade,
                  bare: decade.bare ? bareBundle : undefined,
                });
              } finally {
                await env.teardown();
              }
            },
          ),
        );
      }
      const [board] = runs;
      result.history = { ...result.history!, board };
      result.simulation = runs.map((b) => ({
        what: `simulated board-years per wall-clock second on the time-skipping server: Southampton's board from proposal through ${b.years} years of yearly reviews (continue-as-new each), with ${b.meetingsPerYear} key decisions a year taken through their happy path${b.decisionsAs === 'bare' ? ', each played by the bare baseline of its shape' : ''} (the six votes at a meeting, and the six self-assessments of a review, sent together)`,
        years: b.years,
        meetingsPerYear: b.meetingsPerYear,
        decisionsAs: b.decisionsAs,
        wallSeconds: b.wallSeconds,
        boardYearsPerSecond: b.boardYearsPerSecond,
        breakdownSeconds: b.breakdownSeconds,
      }));
      result.simulationPerDecision = simulatedDecisionCost(runs);
    }
    if (only.has('replay') && paths) {
      const { happy, baseline } = paths.histories;
      const [decision, bundledBaseline, bareBaseline] = await section('replay', () =>
        replayCosts(
          [
            {
              label: 'decision happy path',
              bundle: govflowBundle,
              history: happy,
              workflowId: 'decision/southampton-jcb/replay',
            },
            {
              label: 'baseline (happy-path shape) in the govflow bundle',
              bundle: govflowBundle,
              history: baseline,
              workflowId: 'baseline-replay',
            },
            {
              label: 'baseline (happy-path shape), bare bundle',
              bundle: bareBundle,
              history: baseline,
              workflowId: 'baseline-replay',
            },
          ],
          config.replay.count,
          config.replay.rounds,
        ),
      );
      result.replay = {
        what: 'worker CPU per workflow, no server: a history replayed as a new workflow each time (workflow set-up in the reusable V8 context + every activation), decision happy path vs the bare baseline with the same 5 activities, 6 Updates and 4 timers, the three interleaved in rounds',
        decision: decision!,
        bundledBaseline: bundledBaseline!,
        bareBaseline: bareBaseline!,
        ratio: replayRatio(decision!, bareBaseline!),
        bundleRatio: replayRatio(bundledBaseline!, bareBaseline!),
      };
    }
    if (only.has('payload')) {
      result.payload = await section('payload', async () => payloadSizes(paths?.histories.happy));
    }

    if (only.has('overhead') || only.has('latency') || only.has('cli')) {
      devServer = await section('dev server', async () => {
        const server = await startDevServer({ binary: binaries.cli, port: await freePort(), log });
        const connection = await Connection.connect({ address: server.address });
        await ensureSearchAttributes(connection, server.namespace);
        await connection.close();
        return server;
      });
      const server = devServer;
      const variants: Variant[] = [];
      try {
        for (const name of ['default', ...(only.has('overhead') ? config.tunings : [])]) {
          const tuning: WorkerTuning = name === 'default' ? {} : TUNINGS[name]!;
          variants.push({
            name,
            tuning,
            govflow: await devServerSession(server.address, govflowBundle, tuning),
            bare: await devServerSession(server.address, bareBundle, tuning),
          });
        }
        const [defaults] = variants;
        const shape = await section('overhead: shape check', () =>
          shapeCheck(defaults!.govflow, defaults!.bare),
        );
        if (!shape.matches) result.notes.push(`dev-server shape mismatch: ${shape.differences.join('; ')}`);
        if (only.has('overhead')) {
          const [first, ...tuned] = await section('overhead: rates', () =>
            overheadRatios(variants, shape, config.overhead),
          );
          result.overhead = { ...first!, tuned };
        }
        if (only.has('latency')) {
          result.latency = await section('latency', () =>
            updateLatency(defaults!.govflow, defaults!.bare, config.latency),
          );
        }
        if (only.has('cli')) {
          // The full run also times the sources through tsx, as every call ran them before the compiled CLI.
          const ways = config.mode === 'full' ? (['bin', 'tsx'] as const) : (['bin'] as const);
          result.cli = await section('cli', () =>
            cliTimings(server.address, defaults!.govflow, config.cliRuns, [...ways]),
          );
        }
      } finally {
        for (const v of variants) {
          await v.govflow.close();
          await v.bare.close();
        }
      }
      // The memory section's first curve runs on this server, saving a start (see `fresh` below).
      if (!only.has('memory')) {
        await devServer.stop();
        devServer = undefined;
      }
    }

    if (only.has('start')) {
      result.start = await section('start', () => startTimings(config.start));
    }

    if (only.has('memory')) {
      const bundles = {
        govflow: path.join(work, 'govflow-bundle.js'),
        bare: path.join(work, 'bare-bundle.js'),
      };
      await writeFile(bundles.govflow, govflowBundle.code);
      await writeFile(bundles.bare, bareBundle.code);
      const curves: MemoryCurve[] = [];
      // A dev server per curve, so that one curve's open workflows do not burden the next; the first may be
      // the one the overhead section used (its workflows have ended, and the figure is the worker's RSS).
      const fresh = async <T>(fn: (address: string) => Promise<T>): Promise<T> => {
        const server =
          devServer ?? (await startDevServer({ binary: binaries.cli, port: await freePort(), log }));
        devServer = server;
        try {
          const connection = await Connection.connect({ address: server.address });
          await ensureSearchAttributes(connection, server.namespace);
          await connection.close();
          return await fn(server.address);
        } finally {
          await server.stop();
          devServer = undefined;
        }
      };
      for (const spec of config.memory) {
        const label = `memory: ${spec.kind} ${spec.counts.join(', ')} (cache ${spec.cache ?? 'govflow'})`;
        const bundlePath = spec.kind === 'decision' ? bundles.govflow : bundles.bare;
        const curve = await section(label, () =>
          fresh((a) => memoryCurve(a, bundlePath, spec.kind, spec.counts, spec)),
        );
        if (curve.failure)
          result.notes.push(
            `${label}: the worker failed after ${curve.failure.startedBeforeFailure} workflows were started: ${curve.failure.error}`,
          );
        curves.push(curve);
      }
      result.memory = curves;
    }

    if (only.has('modules')) {
      const open = config.mode === 'quick' ? 50 : 300;
      const probes: NonNullable<BenchResult['modules']>['probes'] = [];
      for (const probe of ['bare', ...PROBES]) {
        const bundle = probe === 'bare' ? bareBundle : await probeBundle(probe);
        const file = path.join(work, `probe-${probe}.js`);
        await writeFile(file, bundle.code);
        const server = await startDevServer({ binary: binaries.cli, port: await freePort(), log });
        devServer = server;
        try {
          const curve = await section(`modules: ${probe}`, () =>
            memoryCurve(server.address, file, 'idle', [open]),
          );
          probes.push({
            probe,
            bundleKiB: round(bundle.code.length / 1024, 0),
            perWorkflowKiB: curve.points[0]?.perWorkflowKiB ?? NaN,
            emptyRssMiB: curve.emptyRssMiB,
          });
        } finally {
          await server.stop();
          devServer = undefined;
        }
      }
      result.modules = {
        what: `worker RSS per open workflow with ${open} idle workflows open, for bundles holding the idle baseline plus some of govflow's modules (bench/probes/): the SDK evaluates a bundle's modules once per workflow`,
        open,
        probes,
      };
    }
  } finally {
    await devServer?.stop();
    await rm(work, { recursive: true, force: true });
  }

  result.load.atEnd = loadAverage();
  result.durationSeconds = round((now() - started) / 1000, 1);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, await formatJson(result));
  await new Promise<void>((resolve) =>
    process.stdout.write(`${renderTable(result)}\nJSON: ${out}\n`, () => resolve()),
  );
}

if (require.main === module) {
  main()
    // The Temporal runtime installed above (native, with its log forwarding) outlives the last worker when a
    // section made none (e.g. `--only modules`), and would keep the process alive: exit once the output is out.
    .then(() => new Promise<void>((resolve) => process.stdout.write('', () => resolve())))
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
