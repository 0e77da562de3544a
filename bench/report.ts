import type { BenchResult } from './result';

type Row = [string, string, string?];

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

/** The human-readable table `npm run bench` prints; the JSON document has every figure and more. */
export function renderTable(r: BenchResult): string {
  const sections: [string, Row[]][] = [];
  if (r.overhead) {
    const o = r.overhead;
    const rows: Row[] = [
      ['bare baseline, workflows/s', fmt(o.perSecond['bare-baseline'], 2), 'own bundle'],
      [
        'same baseline in govflow bundle, workflows/s',
        fmt(o.perSecond['bundled-baseline'], 2),
        'beside every govflow module',
      ],
      ['decision, workflows/s', fmt(o.perSecond.decision, 2), 'dev-server path'],
      [
        'ratio bare baseline / decision',
        `${fmt(o.ratio, 2)}x`,
        `shape ${o.shape.matches ? 'matches' : 'DIFFERS'}: ${o.shape.decision.activities} activities, ${o.shape.decision.updates} Updates, ${o.shape.decision.timers} timers`,
      ],
      ['ratio bare / bundled baseline', `${fmt(o.bundleRatio, 2)}x`, "what govflow's bundle alone costs"],
    ];
    rows.push([
      'CPU of client + worker per workflow, ms',
      `${fmt(o.benchProcessCpuMsPerWorkflow.decision, 0)} vs ${fmt(o.benchProcessCpuMsPerWorkflow['bare-baseline'], 0)}`,
      'decision vs bare baseline',
    ]);
    for (const t of o.tuned) {
      rows.push([
        `tuning ${t.tuningName}: decision, workflows/s`,
        fmt(t.perSecond.decision, 2),
        `bare ${fmt(t.perSecond['bare-baseline'], 2)}/s, ratio ${fmt(t.ratio, 2)}x`,
      ]);
    }
    sections.push([
      `1. Overhead on the dev server (${o.rounds[0]?.workflows ?? 0} workflows x ${o.rounds.length / 3} rounds, ${o.rounds[0]?.concurrency ?? 0} in flight)`,
      rows,
    ]);
  }
  if (r.latency) {
    const l = r.latency;
    sections.push([
      `2. Update round trip on the dev server, ms (${l.samples.decisionVote} votes)`,
      [
        [
          'decision vote p50 / p95',
          `${fmt(l.decisionVoteMs.p50)} / ${fmt(l.decisionVoteMs.p95)}`,
          'validator + handler; its register write runs after the answer',
        ],
        [
          'bare no-op Update p50 / p95',
          `${fmt(l.baselineNoopUpdateMs.p50)} / ${fmt(l.baselineNoopUpdateMs.p95)}`,
        ],
        [
          'bare Update + 1 activity p50 / p95',
          `${fmt(l.baselineActivityUpdateMs.p50)} / ${fmt(l.baselineActivityUpdateMs.p95)}`,
          'a vote before it answered first',
        ],
        [
          'bare Update + 1 local activity p50 / p95',
          `${fmt(l.baselineLocalActivityUpdateMs.p50)} / ${fmt(l.baselineLocalActivityUpdateMs.p95)}`,
          'a register write as a local activity',
        ],
        ['ratio vote / no-op p50, p95', `${fmt(l.ratioP50, 2)}x, ${fmt(l.ratioP95, 2)}x`],
      ],
    ]);
  }
  if (r.replay) {
    const p = r.replay;
    sections.push([
      `Worker CPU per workflow, replayed without a server (${p.decision.histories} each), ms`,
      [
        [
          'decision happy path mean / p95',
          `${fmt(p.decision.msPerWorkflow.mean)} / ${fmt(p.decision.msPerWorkflow.p95)}`,
          `${p.decision.events} events`,
        ],
        [
          'baseline in govflow bundle mean / p95',
          `${fmt(p.bundledBaseline.msPerWorkflow.mean)} / ${fmt(p.bundledBaseline.msPerWorkflow.p95)}`,
        ],
        [
          'bare baseline mean / p95',
          `${fmt(p.bareBaseline.msPerWorkflow.mean)} / ${fmt(p.bareBaseline.msPerWorkflow.p95)}`,
          `${p.bareBaseline.events} events`,
        ],
        [
          'ratio decision / bare baseline',
          `${fmt(p.ratio, 2)}x`,
          `govflow's bundle alone: ${fmt(p.bundleRatio, 2)}x`,
        ],
      ],
    ]);
  }
  if (r.history) {
    const h = r.history;
    const rows: Row[] = [
      [
        'decision happy path, events',
        String(h.happy.events),
        `${fmt(h.happy.bytes / 1024)} KiB, ${h.happy.activities} activities, ${h.happy.timers} timers, ${h.happy.updates} Updates`,
      ],
      [
        'decision worst path, events',
        String(h.worst.events),
        `${fmt(h.worst.bytes / 1024)} KiB, ${h.worst.activities} activities, ${h.worst.timers} timers, ${h.worst.updates} Updates`,
      ],
      [
        'bare baseline, happy-path shape, events',
        String(h.baseline.events),
        `${fmt(h.baseline.bytes / 1024)} KiB; shape ${h.baseline.shapeMatches ? 'matches' : 'DIFFERS'}`,
      ],
    ];
    if (h.board) {
      const b = h.board;
      rows.push(
        [
          `board over ${b.years} years: runs (continue-as-new)`,
          String(b.boardRuns.length),
          `events per run: ${b.boardRuns.map((x) => x.events).join(', ')}`,
        ],
        [
          'board: events total / largest run',
          `${b.boardEventsTotal} / ${b.boardEventsPerRunMax}`,
          `review clocks: ${b.reviewChildren.count} children, ${b.reviewChildren.eventsPerChild} events each`,
        ],
      );
      if (b.decisions.count) {
        rows.push([
          'decisions in those years, events each',
          `${b.decisions.eventsPerDecisionMin}-${b.decisions.eventsPerDecisionMax}`,
          `${b.decisions.count} decisions (${b.decisions.implemented} implemented), ${b.eventsTotal} events in all`,
        ]);
      }
    }
    sections.push(['3. History size (time-skipping server)', rows]);
  }
  if (r.simulation) {
    const rows: Row[] = [];
    for (const s of r.simulation) {
      rows.push(
        [
          `board-years per second, ${s.meetingsPerYear} ${s.decisionsAs === 'bare' ? 'bare baselines' : 'decisions'} a year`,
          fmt(s.boardYearsPerSecond, 2),
          `${s.years} years in ${fmt(s.wallSeconds)} s`,
        ],
        [
          '  where the time goes, s',
          '',
          `clock moves ${fmt(s.breakdownSeconds.movingTheClock)}, votes ${fmt(s.breakdownSeconds.votingUntilAccepted)}, decision starts ${fmt(s.breakdownSeconds.startingDecisions)}, board Updates ${fmt(s.breakdownSeconds.boardUpdates)}`,
        ],
      );
    }
    const perDecision = r.simulationPerDecision;
    if (perDecision)
      rows.push([
        'wall-clock per decision, decision ÷ bare baseline',
        fmt(perDecision.ratio, 2),
        `${fmt(perDecision.decisionMs, 0)} vs ${fmt(perDecision.bareMs, 0)} ms (each run less the board alone)`,
      ]);
    sections.push(['4. Simulation speed (time-skipping server)', rows]);
  }
  if (r.memory) {
    const rows: Row[] = [];
    for (const c of r.memory) {
      rows.push([
        `${c.kind}, cache ${c.maxCachedWorkflows} (${c.cache}): RSS, none open`,
        `${fmt(c.emptyRssMiB)} MiB`,
      ]);
      for (const p of c.points) {
        rows.push([
          `${c.kind}: ${p.open} open, ${p.cached} cached`,
          `${fmt(p.rssMiB)} MiB`,
          `${fmt(p.perWorkflowKiB)} KiB per open workflow, ${fmt(p.perCachedWorkflowKiB)} per cached; started in ${fmt(p.startSeconds)} s; workflow tasks > 5 s / failed so far: ${p.slowWorkflowTasks} / ${p.failedWorkflowTasks}`,
        ]);
      }
      if (c.failure)
        rows.push([
          `${c.kind}: worker failed`,
          `after ${c.failure.startedBeforeFailure}`,
          `workflow tasks > 5 s / failed: ${c.failure.slowWorkflowTasks} / ${c.failure.failedWorkflowTasks}; ${c.failure.error.slice(0, 100)}`,
        ]);
    }
    sections.push(['5. Worker memory (child process, sticky cache on)', rows]);
  }
  if (r.modules) {
    sections.push([
      `Memory per open workflow by the modules in its bundle (${r.modules.open} idle workflows)`,
      r.modules.probes.map((p): Row => [
        p.probe,
        `${fmt(p.perWorkflowKiB, 0)} KiB`,
        `bundle ${p.bundleKiB} KiB`,
      ]),
    ]);
  }
  if (r.payload) {
    const p = r.payload;
    sections.push([
      'Payloads',
      [
        [
          'decision input',
          `${fmt(p.decisionInputBytes / 1024)} KiB`,
          `standing orders ${fmt(p.standingOrdersBytes / 1024)} KiB`,
        ],
        ['zod validation of the input', `${fmt(p.inputParseMs, 3)} ms`],
      ],
    ]);
  }
  if (r.cli) {
    const c = r.cli;
    const rows: Row[] = [];
    const WAYS = { bin: 'bin/govflow.js (govflow on the PATH)', tsx: 'the sources through tsx' } as const;
    for (const how of ['bin', 'tsx'] as const) {
      const help = c.helpMs[how];
      const status = c.statusMs[how];
      if (help)
        rows.push([`govflow --help, ${WAYS[how]}`, `${fmt(help.p50, 0)} ms`, `max ${fmt(help.max, 0)}`]);
      if (status)
        rows.push([
          `govflow status <id>, ${WAYS[how]}`,
          `${fmt(status.p50, 0)} ms`,
          `max ${fmt(status.max, 0)}`,
        ]);
    }
    sections.push([`6. CLI wall clock, median of ${c.runs} runs (dev server)`, rows]);
  }
  if (r.start) {
    const s = r.start;
    const WAYS = { bin: 'bin/start.js (npm start)', tsx: 'the sources through tsx' } as const;
    const rows: Row[] = (['bin', 'tsx'] as const).flatMap((how) => {
      const ms = s.bannerMs[how];
      return ms
        ? [[`${WAYS[how]}`, `${fmt(ms.p50 / 1000, 2)} s`, `max ${fmt(ms.max / 1000, 2)}`] as Row]
        : [];
    });
    const title = s.warm ? 'warm: data directory there' : 'cold: a new data directory';
    if (s.bundled > 0) rows.push([`starts that bundled the workflow code`, String(s.bundled), 'not warm']);
    sections.push([`7. npm start to "govflow is running.", median of ${s.runs} (${title})`, rows]);
  }
  const width = Math.max(...sections.flatMap(([, rows]) => rows.map((row) => row[0].length)));
  const valueWidth = Math.max(...sections.flatMap(([, rows]) => rows.map((row) => row[1].length)));
  const lines = [
    `govflow benchmarks (${r.mode}) ${r.generatedAt}`,
    `${r.machine.cpus} x ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB; node ${r.versions.node}, SDK ${r.versions.temporalSdk}, CLI ${r.versions.temporalCli}, test server ${r.versions.temporalTestServer}`,
    `load average ${r.load.atStart.join(' ')} at start, ${r.load.atEnd.join(' ')} at end; ${fmt(r.durationSeconds)} s`,
  ];
  for (const [title, rows] of sections) {
    lines.push('', title);
    for (const [label, value, detail] of rows)
      lines.push(`  ${label.padEnd(width)}  ${value.padStart(valueWidth)}  ${detail ?? ''}`.trimEnd());
  }
  for (const note of r.notes) lines.push('', `NOTE: ${note}`);
  return lines.join('\n') + '\n';
}
