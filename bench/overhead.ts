import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import {
  callInUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  scrutinyOutcomeUpdate,
  voteUpdate,
  type DecisionResult,
  type DecisionStage,
} from '../definitions';
import { londonCivilDate } from '../governance/civil-date';
import { baselinePhaseQuery, pokeUpdate, type BaselineShape } from './baseline-workflow';
import { everyoneFor, osMembers, southampton, todayItem } from './items';
import { DEV_PATH_SHAPE, shapeDifferences } from './shapes';
import {
  benchWorker,
  countHistory,
  median,
  now,
  pollUntil,
  pool,
  round,
  summarise,
  type HistoryCounts,
  type WorkerTuning,
} from './support';

/** A call to the server that gives up after 5 s instead of waiting for ever; undefined then, and the poll goes on. */
function withinFiveSeconds<T>(client: Client, call: () => Promise<T>): Promise<T | undefined> {
  return client.connection.withDeadline(Date.now() + 5000, call).catch(() => undefined);
}

function ask<T>(
  client: Client,
  handle: WorkflowHandle,
  query: QueryDefinition<T>,
): () => Promise<T | undefined> {
  return () => withinFiveSeconds(client, () => handle.query(query));
}

/**
 * Polls until the workflow has nothing in flight: no workflow task and no activity pending, so it is
 * blocked in its wait, with that wait's timer started. A decision shows its new stage before the
 * notifications that open it have gone out; an Update sent in that gap finds the wait already over when
 * the workflow reaches it, and the timer is never started (the SDK drops a timer started and cancelled in
 * one workflow task). Both kinds of workflow are driven through this, so they pay the same polls.
 */
async function quiescent(client: Client, handle: WorkflowHandle): Promise<number> {
  const idle = async () => {
    const d = await withinFiveSeconds(client, () => handle.describe());
    return d !== undefined && !d.raw.pendingWorkflowTask && (d.raw.pendingActivities ?? []).length === 0;
  };
  return (await pollUntil(idle, (yes) => yes, { what: `${handle.workflowId} waiting` })).polls;
}

export interface Driven {
  ms: number;
  polls: number;
  /** Round trip of each Update, in order. */
  updateMs: number[];
}

let serial = 0;
const unique = (prefix: string) =>
  `${prefix}-${process.pid}-${Date.now().toString(36)}-${(serial++).toString(36)}`;

/** One decision on the dev-server path, from start to result. */
export async function driveDecision(
  client: Client,
  taskQueue: string,
): Promise<Driven & { handle: WorkflowHandle }> {
  const ref = unique('b');
  const t0 = now();
  const handle = await client.workflow.start('decision', {
    taskQueue,
    workflowId: decisionWorkflowId(southampton.board.id, ref),
    args: [todayItem(ref, londonCivilDate(Date.now()))],
  });
  let polls = 0;
  const stage = async (s: DecisionStage) => {
    const r = await pollUntil(ask(client, handle, decisionStatusQuery), (v) => v?.stage === s, {
      what: `stage ${s}`,
    });
    polls += r.polls + (await quiescent(client, handle));
  };
  const updateMs: number[] = [];
  const timed = async (send: () => Promise<unknown>) => {
    const t = now();
    await send();
    updateMs.push(now() - t);
  };
  await stage('voting');
  for (const v of everyoneFor) await timed(() => handle.executeUpdate(voteUpdate, { args: [v] }));
  await stage('in-call-in-window');
  await timed(() =>
    handle.executeUpdate(callInUpdate, {
      args: [{ members: osMembers.slice(0, 5), grounds: 'Benchmark call-in' }],
    }),
  );
  await stage('called-in');
  await timed(() =>
    handle.executeUpdate(scrutinyOutcomeUpdate, {
      args: [
        {
          by: 'democratic.services@southampton.example.org',
          outcome: 'no-further-action',
          reasons: 'Benchmark',
        },
      ],
    }),
  );
  const result = (await handle.result()) as DecisionResult;
  if (result.status !== 'implemented')
    throw new Error(`decision ${ref} ended ${result.status}: ${result.reasons.join('; ')}`);
  return { ms: now() - t0, polls, updateMs, handle };
}

/** One baseline workflow driven the same way: wait (polling a query) for each Update phase, send its Updates. */
export async function driveBaseline(
  client: Client,
  taskQueue: string,
  shape: BaselineShape = DEV_PATH_SHAPE,
): Promise<Driven & { handle: WorkflowHandle }> {
  const t0 = now();
  const handle = await client.workflow.start('baseline', {
    taskQueue,
    workflowId: unique('baseline'),
    args: [shape],
  });
  let polls = 0;
  const updateMs: number[] = [];
  for (const [i, p] of shape.phases.entries()) {
    if (p.kind !== 'updates') continue;
    const r = await pollUntil(ask(client, handle, baselinePhaseQuery), (v) => v === `waiting-${i}`, {
      what: `baseline phase ${i}`,
    });
    polls += r.polls + (await quiescent(client, handle));
    for (let u = 0; u < p.count; u++) {
      const t = now();
      await handle.executeUpdate(pokeUpdate);
      updateMs.push(now() - t);
    }
  }
  await handle.result();
  return { ms: now() - t0, polls, updateMs, handle };
}

export type RateKind = 'bare-baseline' | 'bundled-baseline' | 'decision';

export interface RateRound {
  kind: RateKind;
  workflows: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  /** Start to result of each workflow, with the others in flight. */
  latencyMs: { p50: number; p95: number };
  pollsPerWorkflow: number;
  /** CPU time of this process (the client and the worker, not the server) per workflow completed. */
  benchProcessCpuMsPerWorkflow: number;
}

async function rateRound(
  kind: RateKind,
  count: number,
  concurrency: number,
  drive: () => Promise<Driven>,
): Promise<RateRound> {
  const t0 = now();
  const cpu0 = process.cpuUsage();
  const runs = await pool(count, concurrency, () => drive());
  const cpu = process.cpuUsage(cpu0);
  const seconds = (now() - t0) / 1000;
  const s = summarise(runs.map((r) => r.ms));
  return {
    kind,
    workflows: count,
    concurrency,
    seconds: round(seconds, 2),
    perSecond: round(count / seconds, 2),
    latencyMs: { p50: s.p50, p95: s.p95 },
    pollsPerWorkflow: round(runs.reduce((a, r) => a + r.polls, 0) / count, 1),
    benchProcessCpuMsPerWorkflow: round((cpu.user + cpu.system) / 1000 / count, 1),
  };
}

export interface ShapeCheck {
  decision: HistoryCounts;
  baseline: HistoryCounts;
  matches: boolean;
  differences: string[];
  histories: {
    decision: temporal.api.history.v1.IHistory;
    baseline: temporal.api.history.v1.IHistory;
    decisionId: string;
    baselineId: string;
  };
}

export interface OverheadResult {
  what: string;
  /** The worker settings of this variant: `default` is worker/create-worker.ts's (the SDK defaults). */
  tuningName: string;
  tuning: WorkerTuning;
  shape: Omit<ShapeCheck, 'histories'>;
  rounds: RateRound[];
  /** Median over rounds, workflows completed per second. */
  perSecond: Record<RateKind, number>;
  /** Median over rounds of this process's CPU (client + worker) per workflow, ms. */
  benchProcessCpuMsPerWorkflow: Record<RateKind, number>;
  /** bare baseline rate / decision rate. */
  ratio: number;
  /** bare baseline rate / rate of the same baseline in govflow's bundle: the cost of govflow's modules alone. */
  bundleRatio: number;
}

export interface LatencyResult {
  what: string;
  samples: {
    decisionVote: number;
    baselineNoop: number;
    baselineWithActivity: number;
    baselineWithLocalActivity: number;
  };
  decisionVoteMs: ReturnType<typeof summarise>;
  baselineNoopUpdateMs: ReturnType<typeof summarise>;
  baselineActivityUpdateMs: ReturnType<typeof summarise>;
  /** What a vote could cost if its register write were a local activity (a workflow change; see BENCHMARKS.md). */
  baselineLocalActivityUpdateMs: ReturnType<typeof summarise>;
  /** decision vote / bare no-op Update. */
  ratioP50: number;
  ratioP95: number;
}

export interface Session {
  client: Client;
  taskQueue: string;
  close(): Promise<void>;
}

/** A client and a worker (on a fresh task queue, with the given bundle and tuning) on a running dev server. */
export async function devServerSession(
  address: string,
  bundle: WorkflowBundle,
  tuning: WorkerTuning = {},
): Promise<Session> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address });
  const taskQueue = unique('bench-dev');
  const worker = await benchWorker(workerConnection, taskQueue, bundle, tuning);
  const running = worker.run();
  return {
    client,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await workerConnection.close();
      await connection.close();
    },
  };
}

/** Decision vs baseline shape, from one run of each: the counts the comparison rests on. */
export async function shapeCheck(govflow: Session, bare: Session): Promise<ShapeCheck> {
  const d = await driveDecision(govflow.client, govflow.taskQueue);
  const b = await driveBaseline(bare.client, bare.taskQueue);
  const decisionHistory = await d.handle.fetchHistory();
  const baselineHistory = await b.handle.fetchHistory();
  const decision = countHistory(decisionHistory);
  const baseline = countHistory(baselineHistory);
  const differences = shapeDifferences(decision, baseline, DEV_PATH_SHAPE);
  return {
    decision,
    baseline,
    matches: differences.length === 0,
    differences,
    histories: {
      decision: decisionHistory,
      baseline: baselineHistory,
      decisionId: d.handle.workflowId,
      baselineId: b.handle.workflowId,
    },
  };
}

export interface Variant {
  name: string;
  tuning: WorkerTuning;
  govflow: Session;
  bare: Session;
}

/**
 * Rates of bare baselines (their own bundle), the same baselines in govflow's bundle, and decisions,
 * all driven the same way, for each variant (worker settings). After one warm-up round (discarded; `warmUp`
 * workflows of each kind, one per lane unless told),
 * `rounds` rounds in which every kind of every variant runs once, interleaved, so that a change in the
 * machine's load falls on all of them; the median round counts.
 */
export async function overheadRatios(
  variants: Variant[],
  shape: ShapeCheck,
  {
    count,
    concurrency,
    rounds,
    warmUp = concurrency,
  }: { count: number; concurrency: number; rounds: number; warmUp?: number },
): Promise<OverheadResult[]> {
  const kinds: [RateKind, (v: Variant) => () => Promise<Driven>][] = [
    ['bare-baseline', (v) => () => driveBaseline(v.bare.client, v.bare.taskQueue)],
    ['decision', (v) => () => driveDecision(v.govflow.client, v.govflow.taskQueue)],
    ['bundled-baseline', (v) => () => driveBaseline(v.govflow.client, v.govflow.taskQueue)],
  ];
  if (warmUp > 0)
    for (const v of variants)
      for (const [kind, drive] of kinds) await rateRound(kind, warmUp, concurrency, drive(v));
  const results = new Map<string, RateRound[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of variants)
      for (const [kind, drive] of kinds)
        results.get(v.name)!.push(await rateRound(kind, count, concurrency, drive(v)));
  }
  const { histories: _histories, ...counts } = shape;
  return variants.map((v) => {
    const rs = results.get(v.name)!;
    const med = (kind: RateKind, pick: (r: RateRound) => number) =>
      round(median(rs.filter((r) => r.kind === kind).map(pick)), 2);
    const perSecond = {
      'bare-baseline': med('bare-baseline', (r) => r.perSecond),
      'bundled-baseline': med('bundled-baseline', (r) => r.perSecond),
      decision: med('decision', (r) => r.perSecond),
    };
    const cpu = (r: RateRound) => r.benchProcessCpuMsPerWorkflow;
    return {
      what:
        `workflows completed per second on the dev server, start to result, ${concurrency} in flight, each driven by a client that polls a query for the stage and sends the Updates; ` +
        `decision: the dev-server path (bench/shapes.ts DEV_PATH_SHAPE); baseline: the same ${shape.decision.activities} no-op activities, ${shape.decision.updates} Updates and ${shape.decision.timers} timers`,
      tuningName: v.name,
      tuning: v.tuning,
      shape: counts,
      rounds: rs,
      perSecond,
      benchProcessCpuMsPerWorkflow: {
        'bare-baseline': med('bare-baseline', cpu),
        'bundled-baseline': med('bundled-baseline', cpu),
        decision: med('decision', cpu),
      },
      ratio: round(perSecond['bare-baseline'] / perSecond.decision, 2),
      bundleRatio: round(perSecond['bare-baseline'] / perSecond['bundled-baseline'], 2),
    };
  });
}

/**
 * Round trip of single Updates, one workflow at a time (nothing else in flight): each of a decision's
 * six votes (validator, handler, one register activity, the reply), a bare baseline no-op Update (the
 * handler returns at once) and a bare baseline Update whose handler runs one no-op activity, like a vote.
 */
export async function updateLatency(
  govflow: Session,
  bare: Session,
  { workflows }: { workflows: number },
): Promise<LatencyResult> {
  const votes: number[] = [];
  const noop: number[] = [];
  const withActivity: number[] = [];
  const withLocal: number[] = [];
  const localShape: BaselineShape = {
    phases: [{ kind: 'updates', count: 6, activityPerUpdate: 'local', timer: true }],
  };
  const noopShape: BaselineShape = {
    phases: [{ kind: 'updates', count: 6, activityPerUpdate: false, timer: true }],
  };
  const activityShape: BaselineShape = {
    phases: [{ kind: 'updates', count: 6, activityPerUpdate: true, timer: true }],
  };
  for (let i = 0; i < workflows; i++) {
    votes.push(...(await driveDecision(govflow.client, govflow.taskQueue)).updateMs.slice(0, 6));
    noop.push(...(await driveBaseline(bare.client, bare.taskQueue, noopShape)).updateMs);
    withActivity.push(...(await driveBaseline(bare.client, bare.taskQueue, activityShape)).updateMs);
    withLocal.push(...(await driveBaseline(bare.client, bare.taskQueue, localShape)).updateMs);
  }
  const decisionVoteMs = summarise(votes);
  const baselineNoopUpdateMs = summarise(noop);
  const baselineActivityUpdateMs = summarise(withActivity);
  return {
    what: 'executeUpdate round trip on the dev server, one workflow at a time: a vote on a decision in its voting stage vs an Update on the bare baseline',
    samples: {
      decisionVote: votes.length,
      baselineNoop: noop.length,
      baselineWithActivity: withActivity.length,
      baselineWithLocalActivity: withLocal.length,
    },
    decisionVoteMs,
    baselineNoopUpdateMs,
    baselineActivityUpdateMs,
    baselineLocalActivityUpdateMs: summarise(withLocal),
    ratioP50: round(decisionVoteMs.p50 / baselineNoopUpdateMs.p50, 2),
    ratioP95: round(decisionVoteMs.p95 / baselineNoopUpdateMs.p95, 2),
  };
}
