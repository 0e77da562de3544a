import type { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { now, round, summarise } from './support';

export interface ReplayCost {
  label: string;
  histories: number;
  events: number;
  /** Wall-clock milliseconds per workflow replayed from its first event to its last, after a warm-up. */
  msPerWorkflow: { p50: number; p95: number; mean: number };
}

/**
 * The worker's own CPU per workflow, without a server: the same history replayed `count` times, each
 * as a new workflow in the worker's reusable V8 context (so each pays the bundle's per-workflow module
 * evaluation and every activation of the history, as a cache miss or a worker restart does).
 */
export async function replayCost(
  label: string,
  bundle: WorkflowBundle,
  history: temporal.api.history.v1.IHistory,
  workflowId: string,
  count: number,
): Promise<ReplayCost> {
  const warmUp = 3;
  const histories = Array.from({ length: count + warmUp }, (_, i) => ({
    workflowId: `${workflowId}-${i}`,
    history,
  }));
  const times: number[] = [];
  let last = now();
  let i = 0;
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: `bench-${label}` },
    histories,
  )) {
    if (result.error) throw new Error(`replay of ${label} failed: ${String(result.error)}`);
    const t = now();
    if (i++ >= warmUp) times.push(t - last);
    last = t;
  }
  const s = summarise(times);
  return {
    label,
    histories: count,
    events: history.events?.length ?? 0,
    msPerWorkflow: { p50: s.p50, p95: s.p95, mean: s.mean },
  };
}

export function replayRatio(decision: ReplayCost, baseline: ReplayCost): number {
  return round(decision.msPerWorkflow.mean / baseline.msPerWorkflow.mean, 2);
}
