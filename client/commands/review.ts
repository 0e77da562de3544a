import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { loadConfig } from '../../runtime/config';
import { effectivenessReviewInputSchema } from '../../definitions';
import { withClient } from '../actions/connect';
import { numberFlag } from '../actions/flags';
import { describeIfExists, executionOf, stateInBrief } from '../actions/execution';
import { reviewClockWorkflowId } from '../actions/workflow-ids';
import { UserError, parseInput } from '../../definitions/errors';
import { reviewClockConflict, startEffectivenessReview } from '../processes/effectiveness-review';

interface ReviewStartOptions {
  board: string;
  name: string;
  from: string;
  interval: string;
  reminders: string;
  cycle: string;
  notify: string[];
  json?: boolean;
}

const numbers = (value: string) =>
  value
    .split(',')
    .filter(Boolean)
    .map((n, i) => numberFlag(n, `reminderDaysBefore.${i}`)!);

/** `govflow review start`: the effectiveness-review clock for a board (P2). */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('Effectiveness reviews of a board (P2)');
  review
    .command('start')
    .description(
      'Start a review clock on its own, for a board govflow does not run (a board proposed with `board propose` runs its own reviews): reminders ahead of the due date, then the review on the day; its ID is review-clock/<board>/<cycle>',
    )
    .requiredOption('--board <id>', 'board id, e.g. southampton-jcb')
    .requiredOption('--name <name>', 'board name as people know it')
    .requiredOption('--from <YYYY-MM-DD>', 'establishment date (or the last review)')
    .option('--interval <months>', 'months until the review is due', '12')
    .option('--reminders <days>', 'comma-separated days before the due date', '28,7')
    .option('--cycle <n>', 'review number, 1 for the first after establishment', '1')
    .option('--notify <email...>', 'who gets the reminders (officers)', [])
    .option('--json', 'print one JSON document')
    .addHelpText(
      'after',
      '\nExample:\n  npx govflow review start --board southampton-jcb --name "Southampton JCB" --from 2026-12-01 --notify ds@southampton.example.org',
    )
    .action(async (options: ReviewStartOptions) => {
      const input = {
        boardId: options.board,
        boardName: options.name,
        from: options.from,
        intervalMonths: numberFlag(options.interval, 'intervalMonths'),
        reminderDaysBefore: numbers(options.reminders),
        cycle: numberFlag(options.cycle, 'cycle')!,
        recipients: options.notify.map((email) => ({ role: 'officer' as const, name: email, email })),
      };
      // Refuse a mistake before reaching for the cluster: the person hears about their typo even when Temporal is down.
      parseInput(effectivenessReviewInputSchema, input);
      const workflowId = reviewClockWorkflowId(input.boardId, input.cycle);
      const exists = (state: string) =>
        new UserError(
          `cycle: ${workflowId} already exists${state}: a review clock is started once per cycle; see \`govflow status ${workflowId}\``,
        );
      const handle = await withClient(async (client) => {
        const conflict = await reviewClockConflict(client, input.boardId);
        if (conflict) throw new UserError(conflict);
        // Even a clock that has ended keeps its ID: the register holds its records under it.
        const existing = await describeIfExists(client, workflowId);
        if (existing) {
          const execution = await executionOf(client, existing);
          throw exists(execution.state === 'running' ? '' : ` (${stateInBrief(execution)})`);
        }
        try {
          return await startEffectivenessReview(client, loadConfig().GOVFLOW_TASK_QUEUE, input);
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) throw exists('');
          throw error;
        }
      });
      if (options.json)
        console.log(JSON.stringify({ workflowId: handle.workflowId, runId: handle.firstExecutionRunId }));
      else
        console.log(`started ${handle.workflowId}\n  see it with: npx govflow status ${handle.workflowId}`);
    });
}
