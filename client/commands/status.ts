import type { Command } from 'commander';
import {
  QueryNotRegisteredError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { BoardStatus, ConsultationStatus, ProcessStatus } from '../../definitions';
import {
  displayDate,
  displayDateTime,
  displayDatesIn,
  displayDeadline,
} from '../../governance/display-dates';
import { withClient } from '../actions/connect';
import { describeIfExists, executionOf, type Execution } from '../actions/execution';
import { emit, example } from '../actions/output';
import { candidateWorkflowIds } from '../actions/workflow-ids';
import { UserError } from '../../definitions/errors';

/** Every process answers with a ProcessStatus; a board and a recommendation say more. */
type AnyStatus = ProcessStatus &
  Partial<
    Pick<BoardStatus, 'cycle' | 'establishedOn' | 'termsOfReference' | 'draft' | 'escalated' | 'review'>
  > &
  Partial<Pick<ConsultationStatus, 'opensOn' | 'closesOn' | 'responses' | 'bodies'>> & {
    perPartner?: Record<string, string>;
  };

/** A civil date the process gave, or a dash. */
const day = (date: string | undefined) => (date ? displayDate(date) : '-');
const answers = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([who, answer]) => `${who} ${answer}`)
    .join(', ');

function boardLines(s: AnyStatus): string[] {
  if (s.process !== 'board') return [];
  const lines = [`  cycle:       ${s.cycle ? `review cycle ${s.cycle}` : 'being established'}`];
  if (s.establishedOn) lines.push(`  established: ${day(s.establishedOn)}`);
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
    lines.push(`  review ${r.cycle}: due ${day(r.due)}, starts ${day(r.startsOn)}`);
    if (r.selfAssessmentDeadline) {
      lines.push(
        `    self-assessments by ${day(r.selfAssessmentDeadline)}: ${r.received.length} received; outstanding: ${r.outstanding.join(', ') || 'none'}`,
      );
    }
    lines.push(`    parent bodies' response: ${answers(r.outcomes)}`);
  }
  return lines;
}

/** A public consultation: its period, the responses so far, and each body's answer on the outcome. */
function consultationLines(s: AnyStatus): string[] {
  if (s.process !== 'consultation' || !s.responses || !s.bodies) return [];
  const { count, themes } = s.responses;
  return [
    s.closesOn ? `  open:        ${day(s.opensOn)} to ${day(s.closesOn)} (end of day)` : '',
    `  responses:   ${count}${themes.length ? ` (themes: ${themes.join('; ')})` : ''}`,
    `  bodies:      ${answers(s.bodies)}`,
  ];
}

/**
 * The status query's answer with how the run stands. A run that stopped may have no answer to give; a
 * running one has none while no worker answers for it, and `unanswered` says why.
 */
type Shown = Partial<AnyStatus> & { execution: Execution; unanswered?: string };

function executionLines(e: Execution): string[] {
  return [
    `  state:       ${e.meaning}`,
    e.reason ? `  why:         ${e.reason}` : '',
    e.closedAt ? `  ended:       ${displayDateTime(e.closedAt)}` : '',
  ];
}

function render(id: string, shown: Shown, alsoNamed: string[]): string {
  const { execution } = shown;
  if (shown.process === undefined) {
    return [
      `${id}`,
      ...executionLines(execution),
      `  (the process gave no status: ${shown.unanswered ?? 'no worker answered for it'})`,
    ]
      .filter(Boolean)
      .join('\n');
  }
  const status = shown as AnyStatus;
  const running = execution.state === 'running';
  return [
    `${id}`,
    `  process:     ${status.process} (board ${status.boardId})`,
    ...executionLines(execution),
    `  stage:       ${status.stage}${running || execution.state === 'completed' ? '' : ' (where it stopped)'}`,
    `  waiting for: ${running ? displayDatesIn(status.waitingFor) : 'nothing: it takes no more actions'}`,
    status.nextDeadline && running ? `  next deadline: ${displayDeadline(status.nextDeadline)}` : '',
    ...boardLines(status),
    ...consultationLines(status),
    status.perPartner ? `  parent bodies: ${answers(status.perPartner)}` : '',
    '  steps:',
    ...status.steps.map(
      (step) => `    ${displayDateTime(step.at)}  ${step.kind}: ${displayDatesIn(step.detail)}`,
    ),
    alsoNamed.length > 0 ? `  also named ${id.split('/').slice(1).join('/')}: ${alsoNamed.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The process a name means (see candidateWorkflowIds), with the others it could also mean. */
async function find(
  client: Client,
  given: string,
  namespace: string,
): Promise<{ description: WorkflowExecutionDescription; alsoNamed: string[] }> {
  const candidates = candidateWorkflowIds(given);
  const found: WorkflowExecutionDescription[] = [];
  for (const id of candidates) {
    const description = await describeIfExists(client, id);
    if (description) found.push(description);
  }
  const [first, ...others] = found;
  if (!first) {
    const tried = candidates.length > 1 || candidates[0] !== given ? ` (tried ${candidates.join(', ')})` : '';
    // A review clock started on its own was review/<board>/<cycle> before it had an ID of its own.
    const clock = given.startsWith('review/') ? `review-clock/${given.slice('review/'.length)}` : undefined;
    const hint =
      clock && (await describeIfExists(client, clock))
        ? `; the review clock started on its own is ${clock}`
        : '';
    throw new UserError(`workflowId: no process "${given}" in namespace ${namespace}${tried}${hint}`);
  }
  return { description: first, alsoNamed: others.map((d) => d.workflowId) };
}

/**
 * The status query's answer; for a run that has stopped, none if no worker can replay it. A running
 * process's task queue is asked first whether any worker polls it: a query nobody answers waits half a
 * minute before it fails.
 */
async function statusOf(
  client: Client,
  description: WorkflowExecutionDescription,
): Promise<AnyStatus | { unanswered?: string }> {
  const running = description.status.name === 'RUNNING';
  if (running && !(await hasWorker(client, description.taskQueue)))
    return {
      unanswered: `no worker polls its task queue "${description.taskQueue}": start govflow (npm start, or npm run worker with GOVFLOW_TASK_QUEUE=${description.taskQueue})`,
    };
  const handle = client.workflow.getHandle(description.workflowId);
  try {
    return await handle.query<AnyStatus>('status');
  } catch (error) {
    if (error instanceof QueryNotRegisteredError)
      throw new UserError(`workflowId: "${description.workflowId}" is not a govflow process`);
    if (error instanceof WorkflowNotFoundError)
      throw new UserError(`workflowId: no process "${description.workflowId}"`);
    if (!running) return {};
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { unanswered: `the worker could not answer (${why})` };
  }
}

/** Whether a worker has polled the task queue for workflow tasks lately. */
async function hasWorker(client: Client, taskQueue: string): Promise<boolean> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (pollers ?? []).length > 0;
}

/** `govflow status <id>`: where a process stands, from its `status` query. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status <workflowId>')
    .description(
      'Where a process stands: whether it runs, ended, FAILED or was terminated (and why), stage, next deadline, what it waits for, steps so far',
    )
    .option(
      '--json',
      'print one JSON document: the status query’s answer, with `execution`: how the run stands',
    )
    .addHelpText(
      'after',
      '\n<workflowId> is e.g. board/<board>, decision/<board>/<ref>, recommendation/<board>/<ref>, consultation/<board>/<ref>,\n' +
        'review/<board>/<cycle> ' +
        '(a board’s own review) or review-clock/<board>/<cycle> (a review clock started on its own), or the same without\n' +
        'its prefix: <board> is the board; <board>/<ref> a decision, else a recommendation, else a review, a meeting or a public consultation.' +
        example(
          'npx govflow status southampton-jcb',
          'npx govflow status southampton-jcb/2027-014',
          'npx govflow status review-clock/southampton-jcb/1 --json',
        ),
    )
    .action(async (given: string, options: { json?: boolean }) => {
      const { id, shown, alsoNamed } = await withClient(async (client, namespace) => {
        const { description, alsoNamed } = await find(client, given, namespace);
        const [status, execution] = await Promise.all([
          statusOf(client, description),
          executionOf(client, description),
        ]);
        return { id: description.workflowId, shown: { ...status, execution } as Shown, alsoNamed };
      });
      emit(options.json, shown, () => render(id, shown, alsoNamed));
      // A running process that gives no status is a problem to fix (the worker), not a mistake in the command.
      if (shown.unanswered) process.exitCode = 1;
    });
}
