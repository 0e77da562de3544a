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

/** `govflow simulate <scenario.yaml>`: rehearse a process on the time-skipping server (issue 4, item 6). */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate <scenario>')
    .description(
      'Rehearse a process from a scenario file on a time-skipping Temporal server (no mail, no register)',
    )
    .option('--json', 'print one JSON document: { workflowId, final, timeline }')
    .addHelpText(
      'after',
      '\nExample:\n  npx govflow simulate scenarios/southampton-happy-path.yaml --json\n\nScenario format: docs/simulate.md',
    )
    .action(async (path: string, options: { json?: boolean }) => {
      // Checked before any server starts: a bad scenario is one line naming the field, exit 2.
      const scenario = loadScenario(path);
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
