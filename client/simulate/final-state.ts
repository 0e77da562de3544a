/** Where a rehearsal ended: the process's outcome or status at `until`, and the history of every workflow it ran. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { ProcessStatus } from '../../definitions/status';
import type { Scenario } from './scenario';
import type { TimelineEntry } from './timeline';

/** One workflow of the rehearsal (the process and any child it started). */
export interface WorkflowSummary {
  workflowId: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED... */
  execution: string;
  /** Events in the workflow's history (its current run, if it continued as new). */
  historyEvents: number;
  /** Events per run, oldest first, when the workflow continued as new. */
  runs?: number[];
  /** Workflow tasks that failed (a bug in the workflow code); empty when all is well. */
  workflowTaskFailures: string[];
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** Every run of a workflow, oldest first: each run's first event names the run it continued from. */
async function runsOf(client: Client, workflowId: string): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let runId: string | undefined;
  do {
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.unshift(events);
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return runs;
}

async function summarise(
  client: Client,
  workflowId: string,
): Promise<WorkflowSummary & { children: string[] }> {
  const [description, runs] = await Promise.all([
    client.workflow.getHandle(workflowId).describe(),
    runsOf(client, workflowId),
  ]);
  const events = runs.flat();
  return {
    workflowId,
    execution: description.status.name,
    historyEvents: runs.at(-1)!.length,
    ...(runs.length > 1 ? { runs: runs.map((run) => run.length) } : {}),
    workflowTaskFailures: events.flatMap((e) =>
      e.workflowTaskFailedEventAttributes
        ? [e.workflowTaskFailedEventAttributes.failure?.message ?? 'workflow task failed']
        : [],
    ),
    children: events.flatMap((e) =>
      e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId
        ? [e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId]
        : [],
    ),
  };
}

/** Where a rehearsal left the process and every workflow it started. */
export type FinalState = Partial<ProcessStatus> & {
  /** The process's outcome (implemented, referred, established...), in-progress at `until`, or failed. */
  status: string;
  historyEvents: number;
  workflows: WorkflowSummary[];
  result?: unknown;
  failure?: string;
};

async function outcomeOf(
  handle: WorkflowHandle,
  execution: string,
  prepared: Scenario['prepared'],
  status: ProcessStatus | undefined,
) {
  if (execution === 'RUNNING') return { status: prepared.running(status) };
  try {
    const result = await handle.result();
    return { status: prepared.outcome(result), result };
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return { status: 'failed', failure: cause?.message ?? (error as Error).message };
  }
}

export async function finalState(
  client: Client,
  scenario: Scenario,
  timeline: TimelineEntry[],
): Promise<FinalState> {
  const { workflowId } = scenario.prepared;
  const handle = client.workflow.getHandle(workflowId);
  const main = await summarise(client, workflowId);
  // Children show in the main history, and any workflow that recorded or notified shows in the timeline.
  const others = [...new Set([...main.children, ...timeline.map((e) => e.workflowId)])].filter(
    (id) => id !== workflowId,
  );
  const workflows: WorkflowSummary[] = [
    main,
    ...(await Promise.all(others.map((id) => summarise(client, id)))),
  ].map(({ children: _children, ...summary }) => summary);
  const status = await handle.query<ProcessStatus>('status').catch(() => undefined);
  return {
    ...(await outcomeOf(handle, main.execution, scenario.prepared, status)),
    ...status,
    historyEvents: main.historyEvents,
    workflows,
  };
}
