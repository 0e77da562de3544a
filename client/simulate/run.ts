import { Client, WorkflowUpdateFailedError, isGrpcServiceError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { createGovflowWorker } from '../../worker/create-worker';
import { UserError } from '../../definitions/errors';
import { finalState, type FinalState } from './final-state';
import type { Scenario, ScenarioMove } from './scenario';
import { startTimeSkippingServer, workflowBundle } from './server';
import { timelineRecorder, type TimelineEntry } from './timeline';

const TASK_QUEUE = 'govflow-simulate';
/** Updates complete at once; one that hangs means the workflow cannot run (a failing workflow task). */
const UPDATE_ANSWER_MS = 30_000;

export const REHEARSAL_NOTE =
  'Rehearsal on a time-skipping Temporal server: no mail was sent and no register was written.';

export interface SimulationReport {
  workflowId: string;
  note: string;
  /** How the scenario was moved to a later start (every date by the same whole weeks), or null if it ran on the file's dates. */
  moved: ScenarioMove | null;
  final: FinalState;
  timeline: TimelineEntry[];
}

class Unanswered extends Error {}

function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unanswered(`no answer within ${ms / 1000} s`)), ms);
  });
  promise.catch(() => {}); // still pending when the timeout wins; its later failure is not news
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface SimulateOptions {
  /** Where provisioning and download notes go (stderr for the CLI). */
  log?: (line: string) => void;
  /** The workflow code; default GOVFLOW_WORKFLOW_BUNDLE or a fresh bundle of workflows/. Tests pass the run's bundle. */
  workflowBundle?: WorkflowBundleOption;
}

/** The words of a refusal the process gave an action, or undefined if the error is not a refusal. */
function refusal(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
  if (error instanceof WorkflowNotFoundError)
    return 'the process is not running (it has ended, or has not started this workflow)';
  // The server refuses an Update to a workflow that has already completed.
  if (isGrpcServiceError(error) && /completed|not found/i.test(error.details ?? error.message))
    return 'the process has already ended';
  return undefined;
}

/**
 * Rehearses a scenario on a fresh time-skipping server with the real workflow code: the clock moves
 * to `start`, the process starts, each event is applied at its time (a refused one becomes a
 * `<action>-rejected` entry with the refusal), then the clock runs on to `until`.
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationReport> {
  const log = options.log ?? (() => {});
  const bundle = options.workflowBundle ?? (await workflowBundle());
  const env = await startTimeSkippingServer(log);
  try {
    const namespace = env.namespace ?? 'default';
    // A plain client: the time-skipping client's result() would let time run past `until`.
    const client = new Client({ connection: env.connection, namespace });
    const serverNow = await env.currentTimeMs();
    if (scenario.startMs <= serverNow) {
      throw new UserError(
        `start: ${new Date(scenario.startMs).toISOString()} is not after the server clock (${new Date(serverNow).toISOString()})`,
      );
    }
    const recorder = timelineRecorder();
    const worker = await createGovflowWorker({
      connection: env.nativeConnection,
      namespace,
      taskQueue: TASK_QUEUE,
      activities: recorder.activities,
      workflowBundle: bundle,
    });
    const advanceTo = async (ms: number) => {
      const now = await env.currentTimeMs();
      if (ms > now) await env.sleep(ms - now);
    };
    const { prepared } = scenario;
    return await worker.runUntil(async () => {
      await advanceTo(scenario.startMs);
      await prepared.start(client, TASK_QUEUE, await env.currentTimeMs());
      for (const event of prepared.events) {
        await advanceTo(Date.parse(event.at));
        try {
          await withinTime(event.apply(client), UPDATE_ANSWER_MS);
        } catch (error) {
          if (error instanceof Unanswered) {
            // The process is stuck; later events cannot mean anything. The history summary says why.
            recorder.add({
              at: new Date(await env.currentTimeMs()).toISOString(),
              kind: `${event.action}-unanswered`,
              workflowId: prepared.workflowId,
              ...event.fields,
            });
            break;
          }
          const why = refusal(error);
          if (why === undefined) throw error;
          recorder.add({
            at: new Date(await env.currentTimeMs()).toISOString(),
            kind: `${event.action}-rejected`,
            workflowId: prepared.workflowId,
            ...event.fields,
            refusal: why,
          });
        }
      }
      await advanceTo(scenario.untilMs);
      const timeline = recorder.timeline();
      return {
        workflowId: prepared.workflowId,
        note: REHEARSAL_NOTE,
        moved: scenario.moved ?? null,
        final: await finalState(client, scenario, timeline),
        timeline,
      };
    });
  } finally {
    await env.teardown();
  }
}
