/** The shape of a benchmark run: what it was asked to measure and the JSON document it writes. */
import type { CliTimings } from './cli';
import type { StartPlan, StartTimings } from './start';
import type { BoardDecade, DecisionPaths, simulatedDecisionCost } from './history';
import type { MemoryCurve } from './memory';
import type { CacheSetting } from './memory-worker';
import type { LatencyResult, OverheadResult } from './overhead';
import type { PayloadSizes } from './payload';
import type { ReplayCost } from './replay';

export interface MemorySpec {
  kind: 'decision' | 'idle';
  counts: number[];
  /** Default: the govflow worker's own cache size (worker/create-worker.ts). */
  cache?: CacheSetting;
  /** --max-old-space-size for the worker process (default: Node's, about 4 GiB on this machine). */
  heapMb?: number;
}

export interface BenchConfig {
  mode: 'quick' | 'full';
  /** warmUp: workflows of each kind run and discarded first (the full run: one per lane). */
  overhead: { count: number; concurrency: number; rounds: number; warmUp?: number };
  latency: { workflows: number };
  /** Histories replayed per case, in rounds that take the cases in turn. */
  replay: { count: number; rounds: number };
  /**
   * Board simulations; the first gives the history figures. `bare`: the bare baseline stands for each
   * decision (the floor the simulation is compared with).
   */
  decade: { years: number; meetingsPerYear: number; bare?: boolean }[];
  /** Worker processes measured one after the other, each against a fresh dev server. */
  memory: MemorySpec[];
  /** Worker settings compared with the defaults in the overhead section (full mode), by name. */
  tunings: string[];
  /** Timed runs of each CLI command (bench/cli.ts). */
  cliRuns: number;
  /** Timed starts of `npm start` by each way (bench/start.ts). */
  start: StartPlan;
}

export interface BenchResult {
  generatedAt: string;
  mode: BenchConfig['mode'];
  command: string;
  config: BenchConfig;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string };
  versions: Record<string, string>;
  load: {
    atStart: number[];
    atEnd: number[];
    bySection: Record<string, { before: number[]; after: number[]; seconds: number }>;
  };
  durationSeconds: number;
  /** The default worker settings, then each tuning compared with them in the same interleaved rounds. */
  overhead?: OverheadResult & { tuned: OverheadResult[] };
  latency?: LatencyResult;
  replay?: {
    what: string;
    decision: ReplayCost;
    bundledBaseline: ReplayCost;
    bareBaseline: ReplayCost;
    ratio: number;
    bundleRatio: number;
  };
  history?: Omit<DecisionPaths, 'histories'> & { board?: BoardDecade };
  simulation?: {
    what: string;
    years: number;
    meetingsPerYear: number;
    decisionsAs: BoardDecade['decisionsAs'];
    wallSeconds: number;
    boardYearsPerSecond: number;
    breakdownSeconds: BoardDecade['breakdownSeconds'];
  }[];
  /** What a decision adds to the simulation's wall-clock, against the bare baseline of its shape. */
  simulationPerDecision?: ReturnType<typeof simulatedDecisionCost>;
  memory?: MemoryCurve[];
  payload?: PayloadSizes;
  /** Resident memory per open idle workflow when its bundle also holds some of govflow's modules. */
  modules?: {
    what: string;
    open: number;
    probes: { probe: string; bundleKiB: number; perWorkflowKiB: number; emptyRssMiB: number }[];
  };
  cli?: CliTimings;
  start?: StartTimings;
  notes: string[];
}
