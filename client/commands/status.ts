import type { Command } from 'commander';
import { QueryNotRegisteredError, WorkflowNotFoundError } from '@temporalio/client';
import type { BoardStatus, ProcessStatus } from '../../definitions';
import { londonWallClock } from '../../governance/civil-date';
import { withClient } from '../actions/connect';
import { emit, example } from '../actions/output';
import { UserError } from '../errors';

/** Every process answers with a ProcessStatus; a board and a recommendation say more. */
type AnyStatus = ProcessStatus &
  Partial<
    Pick<BoardStatus, 'cycle' | 'establishedOn' | 'termsOfReference' | 'draft' | 'escalated' | 'review'>
  > & {
    perPartner?: Record<string, string>;
  };

const london = (iso: string) => {
  const { date, time } = londonWallClock(iso);
  return `${date} ${time.slice(0, 5)} London time`;
};
const answers = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([who, answer]) => `${who} ${answer}`)
    .join(', ');

function boardLines(s: AnyStatus): string[] {
  if (s.process !== 'board') return [];
  const lines = [`  cycle:       ${s.cycle ? `review cycle ${s.cycle}` : 'being established'}`];
  if (s.establishedOn) lines.push(`  established: ${s.establishedOn}`);
  if (s.termsOfReference)
    lines.push(
      `  Terms of Reference in force: version ${s.termsOfReference.version} (SHA-256 ${s.termsOfReference.contentHash})`,
    );
  if (s.draft)
    lines.push(
      `  Terms of Reference version ${s.draft.version} before the parent bodies: ${answers(s.draft.decisions)}`,
    );
  if (s.escalated) lines.push('  escalated to both chief executives');
  if (s.review) {
    const r = s.review;
    lines.push(`  review ${r.cycle}: due ${r.due ?? '-'}, starts ${r.startsOn ?? '-'}`);
    if (r.selfAssessmentDeadline) {
      lines.push(
        `    self-assessments by ${r.selfAssessmentDeadline}: ${r.received.length} received; outstanding: ${r.outstanding.join(', ') || 'none'}`,
      );
    }
    lines.push(`    parent bodies' response: ${answers(r.outcomes)}`);
  }
  return lines;
}

function render(id: string, status: AnyStatus): string {
  return [
    `${id}`,
    `  process:     ${status.process} (board ${status.boardId})`,
    `  stage:       ${status.stage}`,
    `  waiting for: ${status.waitingFor}`,
    status.nextDeadline ? `  next deadline: ${london(status.nextDeadline)}` : '',
    ...boardLines(status),
    status.perPartner ? `  parent bodies: ${answers(status.perPartner)}` : '',
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
    .option('--json', 'print one JSON document: the status query’s answer')
    .addHelpText(
      'after',
      '\n<workflowId> is e.g. board/<board>, decision/<board>/<ref>, recommendation/<board>/<ref> or review/<board>/<cycle>.' +
        example(
          'npx govflow status decision/southampton-jcb/2027-014',
          'npx govflow status review/southampton-jcb/1 --json',
        ),
    )
    .action(async (workflowId: string, options: { json?: boolean }) => {
      const status = await withClient(async (client, namespace) => {
        try {
          return await client.workflow.getHandle(workflowId).query<AnyStatus>('status');
        } catch (error) {
          if (error instanceof WorkflowNotFoundError)
            throw new UserError(`workflowId: no process "${workflowId}" in namespace ${namespace}`);
          if (error instanceof QueryNotRegisteredError)
            throw new UserError(`workflowId: "${workflowId}" is not a govflow process`);
          throw error;
        }
      });
      emit(options.json, status, () => render(workflowId, status));
    });
}
