import { Client, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { proposeBoard } from '../client/processes/board';
import {
  boardStatusQuery,
  boardWorkflowId,
  callInUpdate,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  decisionStatusQuery,
  decisionWorkflowId,
  escalationResolutionUpdate,
  reconsiderationUpdate,
  scrutinyOutcomeUpdate,
  submitSelfAssessmentUpdate,
  voteUpdate,
  type BoardStatus,
  type DecisionResult,
  type DecisionStage,
  type PartnerKind,
  type VoteUpdate,
} from '../definitions';
import {
  addDays,
  civilDateParts,
  dayOfWeek,
  londonCivilDate,
  londonInstantMs,
  makeCivilDate,
  type CivilDate,
} from '../governance/civil-date';
import { baselinePhaseQuery, pokeUpdate, type BaselinePhase, type BaselineShape } from './baseline-workflow';
import {
  against,
  everyoneFor,
  keyItem,
  noBankHolidayBetween,
  osMembers,
  southampton,
  southamptonFrom,
  southamptonMeeting,
} from './items';
import { HAPPY_PATH_SHAPE, shapeDifferences, simulatedDecisionShape } from './shapes';
import { benchWorker, countHistory, historyOf, now, pollUntil, round, type HistoryCounts } from './support';

const DAY = 86_400_000;

/** Moves the time-skipping server's clock to an instant, firing every timer on the way. */
async function clockTo(env: TestWorkflowEnvironment, instant: string | number): Promise<void> {
  const target = typeof instant === 'number' ? instant : Date.parse(instant);
  const ms = target - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

/** The London day of the time-skipping server's clock: every date of a run is found from it. */
async function serverDay(env: TestWorkflowEnvironment): Promise<CivilDate> {
  return londonCivilDate(await env.currentTimeMs());
}

/** A London wall-clock time on a day, as epoch milliseconds. */
const londonAt = (day: CivilDate, time: string): number => londonInstantMs(day, time);

/**
 * A query that gives up after 3 s: on the time-skipping server a query is a workflow task, and one that
 * lands as the run continues as new is lost, so the call would otherwise wait for ever. Undefined then.
 */
function ask<T>(
  client: Client,
  handle: WorkflowHandle,
  query: QueryDefinition<T>,
): () => Promise<T | undefined> {
  return () =>
    client.connection.withDeadline(Date.now() + 3000, () => handle.query(query)).catch(() => undefined);
}

const decisionStage = (client: Client, handle: WorkflowHandle, ...stages: DecisionStage[]) =>
  pollUntil(ask(client, handle, decisionStatusQuery), (s) => s !== undefined && stages.includes(s.stage), {
    what: `decision stage ${stages.join('|')}`,
    timeoutMs: 30_000,
  }).then(({ value }) => value!);

/**
 * The members' votes one after another: the paths compared with the bare baseline, whose Updates arrive so.
 * At a meeting `together` casts them all at once, as members vote in the room.
 */
async function vote(handle: WorkflowHandle, votes: VoteUpdate[], together = false): Promise<void> {
  if (together) await Promise.all(votes.map((v) => handle.executeUpdate(voteUpdate, { args: [v] })));
  else for (const v of votes) await handle.executeUpdate(voteUpdate, { args: [v] });
}

/**
 * The bare baseline's votes, as `vote` casts a decision's: once it waits for them (the `updates` phase of
 * its shape), one poke per vote, one after another or `together`.
 */
async function pokeVotes(
  client: Client,
  handle: WorkflowHandle,
  shape: BaselineShape,
  together = false,
): Promise<void> {
  const phase = shape.phases.findIndex((p) => p.kind === 'updates');
  const { count } = shape.phases[phase] as Extract<BaselinePhase, { kind: 'updates' }>;
  await pollUntil(ask(client, handle, baselinePhaseQuery), (p) => p === `waiting-${phase}`, {
    what: 'baseline votes',
  });
  const poke = () => handle.executeUpdate(pokeUpdate);
  if (together) await Promise.all(Array.from({ length: count }, poke));
  else for (let i = 0; i < count; i++) await poke();
}

export interface DecisionPaths {
  happy: HistoryCounts & { result: DecisionResult; path: string };
  worst: HistoryCounts & { result: DecisionResult; path: string };
  /** The bare baseline with the happy path's shape (bench/shapes.ts), on the same server. */
  baseline: HistoryCounts & { shapeMatches: boolean; differences: string[] };
  histories: { happy: temporal.api.history.v1.IHistory; baseline: temporal.api.history.v1.IHistory };
}

/**
 * Events per decision on the time-skipping server: the happy path of the workflow tests, and the worst
 * path: no consensus twice (two deferrals), the escalation ladder's first step lets its deadline pass
 * and the second agrees, then a call-in that O&S refers back and the board confirms on reconsideration.
 */
export async function decisionPaths(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundle,
  bareBundle: WorkflowBundle,
): Promise<DecisionPaths> {
  const taskQueue = `bench-history-${process.pid}-${Date.now()}`;
  const worker = await benchWorker(env.nativeConnection, taskQueue, bundle);
  const bareWorker = await benchWorker(env.nativeConnection, `${taskQueue}-bare`, bareBundle);
  const bareRunning = bareWorker.run();
  // A plain client: the time-skipping client's result() lets the clock run on (years) once nothing is pending.
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const start = (ref: string, meetingDate: string) =>
    client.workflow.start('decision', {
      taskQueue,
      workflowId: decisionWorkflowId(southampton.board.id, ref),
      args: [keyItem(ref, meetingDate)],
    });
  // The happy path's meeting: the first Southampton meeting at least 8 weeks after the server's day (room
  // for the Forward Plan's 28 clear days) with no bank holiday 5 weeks either side, so its deadlines follow
  // from plain counting and its history has the same shape on every run.
  const today = await serverDay(env);
  const happyMeeting = southamptonMeeting(addDays(today, 56), (m) =>
    noBankHolidayBetween(addDays(m, -35), addDays(m, 35)),
  );
  // Published on the meeting day, the call-in window runs 5 working days: to the end of the Thursday a
  // week later, so it has closed by 01:00 (London) on the Friday.
  const happyCloses = londonAt(addDays(happyMeeting, 8), '01:00');
  // The worst path's first meeting: at least 8 weeks after the happy item ends (a Forward Plan entry again),
  // with the next meeting 4 weeks later (as between May and June 2027, the run BENCHMARKS.md records): the
  // deferred item returns there with fewer than 28 clear days, under the general exception.
  const worstMeeting = southamptonMeeting(
    addDays(happyMeeting, 8 + 56),
    (m, later) => later[0] === addDays(m, 28),
  );
  const worstReturns = addDays(worstMeeting, 28);
  const paths = await worker.runUntil(async () => {
    // Happy path: Forward Plan, agenda, six votes for, consensus, publication, call-in window, implemented.
    const happy = await start('bench-happy', happyMeeting);
    await clockTo(env, londonAt(happyMeeting, '10:00'));
    await decisionStage(client, happy, 'voting');
    await vote(happy, everyoneFor);
    await clockTo(env, happyCloses);
    const happyResult = (await happy.result()) as DecisionResult;

    // Worst path, at two later meetings four weeks apart (the clock has passed the happy path's).
    const worst = await start('bench-worst', worstMeeting);
    await clockTo(env, londonAt(worstMeeting, '10:00'));
    await decisionStage(client, worst, 'voting');
    await vote(worst, against('nhs'));
    await clockTo(env, londonAt(worstReturns, '10:00'));
    await decisionStage(client, worst, 'voting');
    await vote(worst, against('council'));
    const first = await decisionStage(client, worst, 'escalated');
    // The chief executives do not resolve it: their deadline passes and the item goes to the parent bodies.
    await clockTo(env, Date.parse(first.nextDeadline!) + 3_600_000);
    await pollUntil(
      ask(client, worst, decisionStatusQuery),
      (s) => s?.stage === 'escalated' && s.nextDeadline !== first.nextDeadline,
      { what: 'the second escalation step' },
    );
    await worst.executeUpdate(escalationResolutionUpdate, {
      args: [
        {
          by: 'democratic.services@southampton.example.org',
          step: 'parent-bodies',
          outcome: 'agreed',
          resolution: 'Phased contract agreed by both parent bodies',
        },
      ],
    });
    await decisionStage(client, worst, 'in-call-in-window');
    await clockTo(env, (await env.currentTimeMs()) + DAY);
    await worst.executeUpdate(callInUpdate, {
      args: [{ members: osMembers.slice(0, 5), grounds: 'The consultation did not include carers.' }],
    });
    await decisionStage(client, worst, 'called-in');
    await clockTo(env, (await env.currentTimeMs()) + 4 * DAY);
    await worst.executeUpdate(scrutinyOutcomeUpdate, {
      args: [
        {
          by: 'democratic.services@southampton.example.org',
          outcome: 'refer-back',
          reasons: 'Consult carers first',
        },
      ],
    });
    await decisionStage(client, worst, 'awaiting-reconsideration');
    await clockTo(env, (await env.currentTimeMs()) + 2 * DAY);
    await worst.executeUpdate(reconsiderationUpdate, {
      args: [
        {
          by: 'democratic.services@southampton.example.org',
          outcome: 'confirm',
          reasons: 'Carers were consulted; the board confirms the decision.',
        },
      ],
    });
    await decisionStage(client, worst, 'implemented');
    const worstResult = (await worst.result()) as DecisionResult;
    const happyHistory = await happy.fetchHistory();
    return {
      happyHistory,
      happy: {
        ...countHistory(happyHistory),
        result: happyResult,
        path: 'key decision, Forward Plan, agenda, 6 votes for, consensus, published, call-in window closes, implemented',
      },
      worst: {
        ...(await historyOf(worst)),
        result: worstResult,
        path: 'no consensus twice (2 deferrals), escalation: chief executives time out, parent bodies agree, published, call-in lodged, O&S refers back, board confirms, implemented',
      },
    };
  });
  try {
    // The bare baseline with the happy path's shape: the sleeps fire as the clock moves on, as the decision's do.
    const baseline = await client.workflow.start('baseline', {
      taskQueue: `${taskQueue}-bare`,
      workflowId: `bench-baseline-happy-${Date.now()}`,
      args: [HAPPY_PATH_SHAPE],
    });
    await clockTo(env, (await env.currentTimeMs()) + 3 * 3_600_000);
    await pokeVotes(client, baseline, HAPPY_PATH_SHAPE);
    await clockTo(env, (await env.currentTimeMs()) + 2 * 3_600_000);
    await baseline.result();
    const history = await baseline.fetchHistory();
    const counts = countHistory(history);
    const { happyHistory, ...decisions } = paths;
    const differences = shapeDifferences(decisions.happy, counts, HAPPY_PATH_SHAPE);
    return {
      ...decisions,
      baseline: { ...counts, shapeMatches: differences.length === 0, differences },
      histories: { happy: happyHistory, baseline: history },
    };
  } finally {
    bareWorker.shutdown();
    await bareRunning;
  }
}

export interface BoardDecade {
  years: number;
  meetingsPerYear: number;
  /** What stood for each decision: govflow's decision, or the bare baseline of its shape (the floor). */
  decisionsAs: 'decision' | 'bare';
  wallSeconds: number;
  boardYearsPerSecond: number;
  /** Wall-clock seconds: env.sleep to each event's time (timers fire, workflows run), starts, votes (waiting for the voting stage, then six Updates), board Updates. */
  breakdownSeconds: {
    movingTheClock: number;
    startingDecisions: number;
    votingUntilAccepted: number;
    boardUpdates: number;
  };
  /** Events in each run of board/<id> (one run per review cycle, linked by continue-as-new). */
  boardRuns: { run: number; events: number; bytes: number; endedBy: string }[];
  boardEventsTotal: number;
  boardEventsPerRunMax: number;
  /** The effectiveness-review clock, a child workflow per cycle. */
  reviewChildren: { count: number; eventsTotal: number; eventsPerChild: number };
  decisions: {
    count: number;
    implemented: number;
    eventsTotal: number;
    eventsPerDecisionMax: number;
    eventsPerDecisionMin: number;
  };
  eventsTotal: number;
}

const TOR =
  'Terms of Reference: Southampton Joint Commissioning Board\n1. Joint commissioning of health and care.';

/** The second Thursday of a month: Southampton's meeting day. */
function secondThursday(year: number, month: number): CivilDate {
  let d = makeCivilDate(year, month, 1);
  while (dayOfWeek(d) !== 4) d = addDays(d, 1);
  return addDays(d, 7);
}

/**
 * The board's proposal day: the first Monday after `day` whose Thursday of the next week is a Southampton
 * meeting (the first meeting, ten days on), with no bank holiday from the proposal to the second parent
 * body's approval seventeen days on.
 */
function firstProposalDay(day: CivilDate): CivilDate {
  const firstMeeting = southamptonMeeting(
    addDays(day, 11),
    (m) => dayOfWeek(m) === 4 && noBankHolidayBetween(addDays(m, -10), addDays(m, 7)),
  );
  return addDays(firstMeeting, -10);
}

interface Scheduled {
  at: number;
  label: string;
  seq: number;
  run: () => Promise<void>;
}

/**
 * Southampton's board for `years` years on the time-skipping server: proposed on a Monday after the
 * server's day, ten days before its first meeting (firstProposalDay; 4 January 2027 in the run
 * BENCHMARKS.md records), established by both parent bodies, then one effectiveness review a year
 * (self-assessments from all six members, both parent bodies answer "continue", continue-as-new), with a
 * key decision at each of `meetingsPerYear` meetings a year (the second Thursday) after the first meeting,
 * each taken through its happy path. Members act as they would in a room: the six votes at a meeting, and
 * the six self-assessments of a review, arrive together.
 * Events are applied in time order; the wall-clock time of the whole run gives the simulation speed.
 * Given `bare`, each decision is the bare baseline with a decision's shape and timers instead
 * (simulatedDecisionShape): what the same years cost with bare Temporal workflows in the decisions' place.
 */
export async function boardDecade(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundle,
  {
    years = 10,
    meetingsPerYear = 12,
    bare,
  }: { years?: number; meetingsPerYear?: number; bare?: WorkflowBundle } = {},
): Promise<BoardDecade> {
  const taskQueue = `bench-board-${process.pid}-${Date.now()}`;
  const worker = await benchWorker(env.nativeConnection, taskQueue, bundle);
  const bareWorker = bare && (await benchWorker(env.nativeConnection, `${taskQueue}-bare`, bare));
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const queue: Scheduled[] = [];
  let seq = 0;
  const at = (when: number, label: string, run: () => Promise<void>) =>
    queue.push({ at: when, label, seq: seq++, run });
  const proposedOn = firstProposalDay(await serverDay(env));
  const firstMeeting = addDays(proposedOn, 10);
  const proposedAt = londonAt(proposedOn, '09:00');
  const horizon = proposedAt + Math.round(years * 365.25 * DAY);
  const decisions: WorkflowHandle[] = [];
  const boardId = southampton.board.id;
  const board = client.workflow.getHandle(boardWorkflowId(boardId));
  const boardStatus = (check: (s: BoardStatus) => boolean, what: string) =>
    pollUntil(ask(client, board, boardStatusQuery), (s) => s !== undefined && check(s), {
      what,
      timeoutMs: 30_000,
    }).then(({ value }) => value!);
  const clerk = (kind: PartnerKind) => southampton.partners.find((p) => p.kind === kind)!.clerk.email;
  /** Where the wall-clock time of the simulation goes. */
  const breakdown = { clockMs: 0, decisionStartsMs: 0, votesMs: 0, boardMs: 0 };
  let cycles = 0;
  let firstRun: string | undefined;

  // A decision at each meeting: started 40 days ahead (Forward Plan, 28 clear days), voted at 10:00.
  const interval = meetingsPerYear > 0 ? 12 / meetingsPerYear : Infinity;
  const { year: firstYear, month: firstMonth } = civilDateParts(firstMeeting);
  for (let m = 1; m <= years * 12 && meetingsPerYear > 0; m += interval) {
    // The meeting m months after the board's first.
    const year = firstYear + Math.floor((firstMonth - 1 + m) / 12);
    const month = ((firstMonth - 1 + m) % 12) + 1;
    const meeting = secondThursday(year, month);
    const meetingAt = londonAt(meeting, '10:00');
    if (meetingAt > horizon) break;
    const ref = `d${meeting}`;
    let handle: WorkflowHandle | undefined;
    // The bare baseline's shape when one stands for the decision.
    let bareShape: BaselineShape | undefined;
    at(meetingAt - 40 * DAY, `start ${ref}`, async () => {
      bareShape = bareWorker && simulatedDecisionShape(await env.currentTimeMs(), meetingAt);
      handle = bareShape
        ? await client.workflow.start('baseline', {
            taskQueue: `${taskQueue}-bare`,
            workflowId: `baseline/${boardId}/${ref}`,
            args: [bareShape],
          })
        : await client.workflow.start('decision', {
            taskQueue,
            workflowId: decisionWorkflowId(boardId, ref),
            args: [keyItem(ref, meeting)],
          });
      decisions.push(handle);
    });
    at(meetingAt, `votes ${ref}`, async () => {
      if (bareShape) await pokeVotes(client, handle!, bareShape, true);
      else {
        await decisionStage(client, handle!, 'voting');
        await vote(handle!, everyoneFor, true);
      }
    });
  }

  /**
   * Waits, without querying, until the run that continued as new has been replaced and the new run has
   * finished its first workflow task. On the time-skipping server a query is a workflow task; one that
   * lands on the old run as it continues as new is lost, and the lost task holds the server's
   * time-skipping lock for good, so every later timer would wait in real time.
   */
  let lastRunId: string | undefined;
  const newRunSettled = async () => {
    await pollUntil(
      async () => {
        const d = await board.describe();
        return d.runId !== lastRunId && d.historyLength >= 4 ? d.runId : undefined;
      },
      (runId) => runId !== undefined,
      { what: 'the board run after continue-as-new', timeoutMs: 30_000 },
    ).then(({ value }) => (lastRunId = value));
  };

  // The board: proposal, first meeting, both approvals, then a review a year.
  const scheduleReview = async (cycle: number) => {
    if (cycle > 1) await newRunSettled();
    const s = await boardStatus(
      (s) => s.stage === 'awaiting-review' && s.cycle === cycle,
      `board cycle ${cycle}`,
    );
    const startsAt = Date.parse(s.nextDeadline!);
    if (startsAt + 10 * DAY > horizon) return;
    at(startsAt + 3_600_000, `self-assessments ${cycle}`, async () => {
      await boardStatus(
        (s) => s.stage === 'self-assessment' && s.cycle === cycle,
        `self-assessment ${cycle}`,
      );
      // Each member submits their own, at the same time.
      await Promise.all(
        southampton.members.map((m, i) =>
          board.executeUpdate(submitSelfAssessmentUpdate, {
            args: [
              {
                member: m.id,
                rating: 3 + (i % 3),
                comments: i === 0 ? 'Decisions come faster since the s75 pool' : '',
              },
            ],
          }),
        ),
      );
      await boardStatus((s) => s.stage === 'awaiting-review-outcome', `review outcome ${cycle}`);
      at(startsAt + 7 * DAY, `council outcome ${cycle}`, async () => {
        await board.executeUpdate(decideReviewOutcomeUpdate, {
          args: [{ body: 'council', outcome: 'continue', by: clerk('council') }],
        });
      });
      at(startsAt + 8 * DAY, `nhs outcome ${cycle}`, async () => {
        await board.executeUpdate(decideReviewOutcomeUpdate, {
          args: [{ body: 'nhs', outcome: 'continue', by: clerk('nhs') }],
        });
        cycles = cycle;
        await scheduleReview(cycle + 1);
      });
    });
  };
  at(proposedAt, 'propose board', async () => {
    const handle = await proposeBoard(client, taskQueue, {
      standingOrders: southamptonFrom(proposedOn),
      termsOfReference: TOR,
      firstMeeting,
    });
    firstRun = handle.firstExecutionRunId;
    lastRunId = firstRun;
  });
  // Both parent bodies approve the Terms of Reference in the week after the first meeting.
  at(londonAt(addDays(proposedOn, 16), '14:00'), 'council approves ToR', async () => {
    await boardStatus((s) => s.stage === 'awaiting-tor-approval', 'ToR approval');
    await board.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body: 'council', outcome: 'approve', by: clerk('council') }],
    });
  });
  at(londonAt(addDays(proposedOn, 17), '11:00'), 'NHS approves ToR', async () => {
    await board.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body: 'nhs', outcome: 'approve', by: clerk('nhs') }],
    });
    await scheduleReview(1);
  });

  const bareRunning = bareWorker?.run();
  try {
    return await worker.runUntil(simulate);
  } finally {
    bareWorker?.shutdown();
    await bareRunning;
  }

  async function simulate(): Promise<BoardDecade> {
    const started = now();
    await clockTo(env, proposedAt - 3_600_000);
    while (queue.length) {
      queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = queue.shift()!;
      if (process.env.BENCH_DEBUG) console.error(`[bench] ${new Date(next.at).toISOString()} ${next.label}`);
      const t0 = now();
      await clockTo(env, next.at);
      const t1 = now();
      await next.run();
      breakdown.clockMs += t1 - t0;
      breakdown[
        next.label.startsWith('votes')
          ? 'votesMs'
          : next.label.startsWith('start')
            ? 'decisionStartsMs'
            : 'boardMs'
      ] += now() - t1;
    }
    await clockTo(env, horizon);
    const wallSeconds = (now() - started) / 1000;

    // Follow the chain of runs from the first, each ended by continue-as-new.
    const runs: BoardDecade['boardRuns'] = [];
    let runId: string | undefined = firstRun;
    while (runId) {
      const history = await client.workflow.getHandle(boardWorkflowId(boardId), runId).fetchHistory();
      const last = history.events?.at(-1);
      const counts = countHistory(history);
      const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      runs.push({
        run: runs.length + 1,
        events: counts.events,
        bytes: counts.bytes,
        endedBy: next ? 'continue-as-new' : 'still running',
      });
      runId = next;
    }
    const children: HistoryCounts[] = [];
    for (let c = 1; c <= cycles + 1; c++) {
      try {
        children.push(await historyOf(client.workflow.getHandle(`review/${boardId}/${c}`)));
      } catch {
        break;
      }
    }
    const decisionCounts: HistoryCounts[] = [];
    let implemented = 0;
    for (const handle of decisions) {
      decisionCounts.push(await historyOf(handle));
      const d = await handle.describe();
      if (
        d.status.name === 'COMPLETED' &&
        (bareWorker || ((await handle.result()) as DecisionResult).status === 'implemented')
      )
        implemented++;
    }
    const boardEventsTotal = runs.reduce((a, r) => a + r.events, 0);
    const childEvents = children.reduce((a, c) => a + c.events, 0);
    const decisionEvents = decisionCounts.reduce((a, c) => a + c.events, 0);
    return {
      years,
      meetingsPerYear,
      decisionsAs: bareWorker ? 'bare' : 'decision',
      wallSeconds: round(wallSeconds, 2),
      boardYearsPerSecond: round(years / wallSeconds, 2),
      breakdownSeconds: {
        movingTheClock: round(breakdown.clockMs / 1000, 2),
        startingDecisions: round(breakdown.decisionStartsMs / 1000, 2),
        votingUntilAccepted: round(breakdown.votesMs / 1000, 2),
        boardUpdates: round(breakdown.boardMs / 1000, 2),
      },
      boardRuns: runs,
      boardEventsTotal,
      boardEventsPerRunMax: Math.max(...runs.map((r) => r.events)),
      reviewChildren: {
        count: children.length,
        eventsTotal: childEvents,
        eventsPerChild: round(childEvents / Math.max(1, children.length)),
      },
      decisions: {
        count: decisions.length,
        implemented,
        eventsTotal: decisionEvents,
        eventsPerDecisionMax: Math.max(...decisionCounts.map((c) => c.events)),
        eventsPerDecisionMin: Math.min(...decisionCounts.map((c) => c.events)),
      },
      eventsTotal: boardEventsTotal + childEvents + decisionEvents,
    };
  }
}

/**
 * The wall-clock a decision adds to the simulation, against what the bare baseline of its shape adds:
 * each run's time less that of the board alone (no decisions), per decision. Undefined unless the same
 * years ran all three ways.
 */
export function simulatedDecisionCost(
  runs: (Pick<BoardDecade, 'years' | 'meetingsPerYear' | 'decisionsAs' | 'wallSeconds'> & {
    decisions: { count: number };
  })[],
): { decisionMs: number; bareMs: number; ratio: number; decisions: number } | undefined {
  const alone = runs.find((r) => r.meetingsPerYear === 0);
  const withThem = (as: BoardDecade['decisionsAs']) =>
    runs.find((r) => r.decisionsAs === as && r.meetingsPerYear > 0 && r.years === alone?.years);
  const decision = withThem('decision');
  const bare = withThem('bare');
  if (!alone || !decision || !bare || decision.decisions.count !== bare.decisions.count) return undefined;
  const decisions = decision.decisions.count;
  const decisionMs = ((decision.wallSeconds - alone.wallSeconds) * 1000) / decisions;
  const bareMs = ((bare.wallSeconds - alone.wallSeconds) * 1000) / decisions;
  return {
    decisionMs: round(decisionMs, 1),
    bareMs: round(bareMs, 1),
    ratio: round(decisionMs / bareMs, 2),
    decisions,
  };
}
