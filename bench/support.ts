import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker, type NativeConnection, type WorkerOptions, type WorkflowBundle } from '@temporalio/worker';
import { cachedWorkflowBundle } from '../scripts/workflow-bundle';
import { defaultMaxCachedWorkflows } from '../worker/create-worker';
import { withEffects } from '../activities/effects';
import { noopActivities } from './activities';

/**
 * Webpack-bundles the workflows for a benchmark (kept in dist/workflow-bundles/ until a source changes):
 * - `govflow`: every govflow workflow plus the bare baseline (bench/workflows.ts), bundled as
 *   worker/create-worker.ts bundles workflows/index.ts;
 * - `bare`: the baseline alone (bench/baseline-only.ts), without any govflow module.
 */
export async function benchBundle(which: 'govflow' | 'bare' = 'govflow'): Promise<WorkflowBundle> {
  return cachedWorkflowBundle(
    path.join(__dirname, which === 'govflow' ? 'workflows.ts' : 'baseline-only.ts'),
  );
}

/** A bundle of one of bench/probes/*.ts: the idle baseline plus some of govflow's modules. */
export async function probeBundle(probe: string): Promise<WorkflowBundle> {
  return cachedWorkflowBundle(path.join(__dirname, 'probes', `${probe}.ts`));
}

/** Worker settings the benchmarks vary; everything else is the SDK default, as in worker/create-worker.ts. */
export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'workflowTaskPollerBehavior'
  | 'activityTaskPollerBehavior'
  | 'nonStickyToStickyPollRatio'
>;

/** A worker exactly as createGovflowWorker makes one (same options), but with the bench bundle and no-op activities. */
export function benchWorker(
  connection: NativeConnection,
  taskQueue: string,
  bundle: WorkflowBundle,
  tuning: WorkerTuning = {},
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    activities: withEffects(noopActivities()),
    maxCachedWorkflows: defaultMaxCachedWorkflows(),
    ...tuning,
  });
}

export const now = () => performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarise(samples: number[]): {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 2),
    max: round(sorted.at(-1) ?? NaN, 2),
  };
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const EventType = temporal.api.enums.v1.EventType;

/** Events of a history by type, with the counts the overhead comparison matches on. */
export interface HistoryCounts {
  events: number;
  bytes: number;
  activities: number;
  timers: number;
  timersFired: number;
  updates: number;
  workflowTasks: number;
  searchAttributeUpserts: number;
  byType: Record<string, number>;
}

export function countHistory(history: temporal.api.history.v1.IHistory): HistoryCounts {
  const events = history.events ?? [];
  const byType: Record<string, number> = {};
  for (const e of events) {
    const name = (EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');
    byType[name] = (byType[name] ?? 0) + 1;
  }
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    activities: byType.ACTIVITY_TASK_SCHEDULED ?? 0,
    timers: byType.TIMER_STARTED ?? 0,
    timersFired: byType.TIMER_FIRED ?? 0,
    updates: byType.WORKFLOW_EXECUTION_UPDATE_ACCEPTED ?? 0,
    workflowTasks: byType.WORKFLOW_TASK_COMPLETED ?? 0,
    searchAttributeUpserts: byType.UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ?? 0,
    byType,
  };
}

export async function historyOf(handle: WorkflowHandle): Promise<HistoryCounts> {
  return countHistory(await handle.fetchHistory());
}

/** Polls a query until `done` holds; counts the polls so a report can say what driving cost. */
export async function pollUntil<T>(
  ask: () => Promise<T>,
  done: (value: T) => boolean,
  { intervalMs = 10, timeoutMs = 60_000, what = 'condition' } = {},
): Promise<{ value: T; polls: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls++) {
    const value = await ask();
    if (done(value)) return { value, polls };
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last answer: ${JSON.stringify(value).slice(0, 600)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs `count` jobs with at most `concurrency` in flight; resolves with their results in order. */
export async function pool<T>(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await job(i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Current 1-, 5- and 15-minute load averages of the machine. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [round(a!, 2), round(b!, 2), round(c!, 2)];
}

/** Worker settings the overhead section can compare with the SDK defaults (`--tunings a,b`). */
export const TUNINGS: Record<string, WorkerTuning> = {
  /** Two pollers of each kind instead of ten: fewer long polls on a small machine. */
  'pollers-2': {
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
  },
  /** Pollers that scale with the backlog (SDK autoscaling), from one up. */
  autoscaling: {
    workflowTaskPollerBehavior: { type: 'autoscaling', minimum: 1, initial: 2, maximum: 10 },
    activityTaskPollerBehavior: { type: 'autoscaling', minimum: 1, initial: 2, maximum: 10 },
  },
  /** Fewer concurrent slots: 10 workflow tasks, 20 activities. */
  'slots-small': { maxConcurrentWorkflowTaskExecutions: 10, maxConcurrentActivityTaskExecutions: 20 },
};
