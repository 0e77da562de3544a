import type { Command } from 'commander';
import { connectClient } from '../../runtime/connection';
import { loadConfig } from '../../runtime/config';
import { effectivenessReviewInputSchema } from '../../definitions';
import { parseInput } from '../errors';
import { startEffectivenessReview } from '../processes/effectiveness-review';

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

const numbers = (value: string) => value.split(',').filter(Boolean).map(Number);

/** `govflow review start`: the effectiveness-review clock for a board (P2). */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('Effectiveness reviews of a board (P2)');
  review
    .command('start')
    .description('Start the review clock: reminders ahead of the due date, then the review on the day')
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
        intervalMonths: Number(options.interval),
        reminderDaysBefore: numbers(options.reminders),
        cycle: Number(options.cycle),
        recipients: options.notify.map((email) => ({ role: 'officer' as const, name: email, email })),
      };
      // Refuse a mistake before reaching for the cluster: the person hears about their typo even when Temporal is down.
      parseInput(effectivenessReviewInputSchema, input);
      const { client, connection } = await connectClient();
      try {
        const handle = await startEffectivenessReview(client, loadConfig().GOVFLOW_TASK_QUEUE, input);
        if (options.json)
          console.log(JSON.stringify({ workflowId: handle.workflowId, runId: handle.firstExecutionRunId }));
        else
          console.log(`started ${handle.workflowId}\n  see it with: npx govflow status ${handle.workflowId}`);
      } finally {
        await connection.close();
      }
    });
}
