import type { Command } from 'commander';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ProcessStatus } from '../../definitions';
import { connectClient } from '../../runtime/connection';
import { UserError } from '../errors';

function render(id: string, status: ProcessStatus): string {
  return [
    `${id}`,
    `  process:     ${status.process} (board ${status.boardId})`,
    `  stage:       ${status.stage}`,
    `  waiting for: ${status.waitingFor}`,
    status.nextDeadline ? `  next deadline: ${status.nextDeadline}` : '',
    '  steps:',
    ...status.steps.map((step) => `    ${step.at}  ${step.kind}: ${step.detail}`),
  ]
    .filter(Boolean)
    .join('\n');
}

/** `govflow status <id>`: where a process stands, from its `status` query. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status <workflowId>')
    .description('Where a process stands: stage, next deadline, what it waits for, steps so far')
    .option('--json', 'print one JSON document')
    .addHelpText('after', '\nExample:\n  npx govflow status review/southampton-jcb/1 --json')
    .action(async (workflowId: string, options: { json?: boolean }) => {
      const { client, connection } = await connectClient();
      try {
        const status = await client.workflow.getHandle(workflowId).query<ProcessStatus>('status');
        console.log(options.json ? JSON.stringify(status) : render(workflowId, status));
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw new UserError(`workflowId: no process "${workflowId}" in this namespace`);
        throw error;
      } finally {
        await connection.close();
      }
    });
}
