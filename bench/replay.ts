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

export interface ReplayCase {
  label: string;
  bundle: WorkflowBundle;
  history: temporal.api.history.v1.IHistory;
  workflowId: string;
}

/**
 * The worker's own CPU per workflow, without a server: the same history replayed `count` times, each
 * as a new workflow in the worker's reusable V8 context (so each pays the bundle's per-workflow module
 * evaluation and every activation of the history, as a cache miss or a worker restart does).
 */
async function replayTimes(c: ReplayCase, count: number): Promise<number[]> {
  const warmUp = 3;
  const histories = Array.from({ length: count + warmUp }, (_, i) => ({
    workflowId: `${c.workflowId}-${i}`,
    history: c.history,
  }));
  const times: number[] = [];
  let last = now();
  let i = 0;
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: c.bundle, replayName: `bench-${c.label}` },
    histories,
  )) {
    if (result.error) throw new Error(`replay of ${c.label} failed: ${String(result.error)}`);
    const t = now();
    if (i++ >= warmUp) times.push(t - last);
    last = t;
  }
  return times;
}

function cost(c: ReplayCase, times: number[]): ReplayCost {
  const s = summarise(times);
  return {
    label: c.label,
    histories: times.length,
    events: c.history.events?.length ?? 0,
    msPerWorkflow: { p50: s.p50, p95: s.p95, mean: s.mean },
  };
}

/**
 * Each case replayed `count` times in all, in `rounds` rounds that take the cases in turn, starting one
 * further along each round: measured one after the other, whichever came last paid for the load and the
 * heap the earlier ones left behind.
 */
export async function replayCosts(cases: ReplayCase[], count: number, rounds: number): Promise<ReplayCost[]> {
  const times: number[][] = cases.map(() => []);
  const perRound = Math.ceil(count / rounds);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      times[i]!.push(...(await replayTimes(cases[i]!, perRound)));
    }
  }
  return cases.map((c, i) => cost(c, times[i]!));
}

export function replayRatio(decision: ReplayCost, baseline: ReplayCost): number {
  return round(decision.msPerWorkflow.mean / baseline.msPerWorkflow.mean, 2);
}
