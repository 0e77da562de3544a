import type { Command } from 'commander';
import { installQuietRuntime } from '../simulate/quiet-runtime';
import { renderReport } from '../simulate/render';
import { simulate, type SimulationReport } from '../simulate/run';
import { loadScenario } from '../simulate/scenario';

/** A rehearsal that ended in a failed workflow or a failing workflow task found a bug, not a governance outcome. */
function foundABug(report: SimulationReport): boolean {
  return (
    report.final.status === 'failed' ||
    report.final.workflows.some((wf) => wf.workflowTaskFailures.length > 0)
  );
}

const HELP = `
Scenario files keep the real dates they are written with, and never expire. A
scenario whose start is not in the future is moved forward by whole years'
worth of weeks (the fewest that put the start after now and none of its days
on a bank holiday); --start-on moves it to start on the first day of its
start's weekday on or after that date (a week later if that would put one of
its days on a bank holiday). A move shifts every date and time in the scenario
by the same whole number of weeks, so every day keeps its weekday; the output
says whether and how the scenario was moved.

Examples:
  npx govflow simulate scenarios/southampton-happy-path.yaml
  npx govflow simulate scenarios/southampton-happy-path.yaml --json
  npx govflow simulate scenarios/southampton-deferral-escalation.yaml --start-on 2031-09-01

Scenario format: docs/simulate.md`;

/** `govflow simulate <scenario.yaml>`: rehearse a process on the time-skipping server (issue 4, item 6). */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate <scenario>')
    .description(
      'Rehearse a process from a scenario file on a time-skipping Temporal server (no mail, no register)',
    )
    .option('--json', 'print one JSON document: { workflowId, note, moved, final, timeline }')
    .option(
      '--start-on <date>',
      "move the scenario to start on the first day of its start's weekday on or after this date (YYYY-MM-DD, after today)",
    )
    .addHelpText('after', HELP)
    .action(async (path: string, options: { json?: boolean; startOn?: string }) => {
      // Checked before any server starts: a bad scenario is one line naming the field, exit 2.
      const scenario = loadScenario(path, { startOn: options.startOn });
      installQuietRuntime();
      const report = await simulate(scenario, {
        log: (line) => process.stderr.write(`govflow simulate: ${line}\n`),
      });
      console.log(
        options.json ? JSON.stringify(report, null, 2) : renderReport(report, scenario.description),
      );
      if (foundABug(report)) process.exitCode = 1;
    });
}
