/**
 * Driving the govflow CLI as an officer does, against the run's shared dev server, with a worker in the
 * test process on a task queue of the test's own. Board ids are made unique per test so nothing collides
 * with other tests on the same server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { expect, inject } from 'vitest';
import { decisionWorkflowId, type DecisionInput, type ProcessStatus } from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import {
  resolveStandingOrders,
  type PresetName,
  type StandingOrders,
  type StandingOrdersInput,
} from '../../governance/standing-orders';
import { govflow, type CommandResult } from '../support/processes';

export const today = () => londonCivilDate(Date.now());
export const daysFromToday = (n: number) => addDays(today(), n);

export function uniqueBoardId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * A preset under a board id of the test's own, with overrides (e.g. no meeting dates, so a deferral escalates).
 * Its meetings are those from today's year: the dev server runs on real time, and so do the items' dates.
 */
export function standingOrders(
  preset: PresetName,
  boardId: string,
  overrides: Partial<StandingOrdersInput> = {},
): StandingOrders {
  const base = resolveStandingOrders(preset, today());
  return resolveStandingOrders({
    ...base,
    ...overrides,
    board: { ...base.board, id: boardId, name: `${base.board.name} (${boardId})` },
  });
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'govflow-cli-'));
}

export function writeFile(dir: string, name: string, content: string | object): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

export interface Cli {
  run(...args: string[]): Promise<CommandResult>;
  /** Runs a command that must succeed with --json and returns its one JSON document. */
  json<T = Record<string, unknown>>(...args: string[]): Promise<T>;
  /** Runs a command that must fail as a user error (exit 2, one line on stderr) and returns that line. */
  refused(...args: string[]): Promise<string>;
}

export function cli(taskQueue: string): Cli {
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: 'default',
    GOVFLOW_TASK_QUEUE: taskQueue,
  };
  const run = (...args: string[]) => govflow(args, env);
  return {
    run,
    async json<T>(...args: string[]): Promise<T> {
      const result = await run(...args, '--json');
      expect(result.stderr, `govflow ${args.join(' ')}`).toBe('');
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as T;
    },
    async refused(...args: string[]): Promise<string> {
      const result = await run(...args);
      expect(result.stdout, `govflow ${args.join(' ')}`).toBe('');
      expect(result.code, `govflow ${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      return result.stderr.trim();
    },
  };
}

/** Waits for a process to reach a stage (the worker moves it on by itself). */
export async function reach(handle: WorkflowHandle, stage: string, timeout = 20_000): Promise<ProcessStatus> {
  await expect
    .poll(async () => (await handle.query<ProcessStatus>('status')).stage, { timeout, interval: 200 })
    .toBe(stage);
  return handle.query<ProcessStatus>('status');
}

/**
 * An item whose meeting is today, started by the test itself: officers cannot do that (the CLI refuses a
 * meeting that is not in the future), but it is the only way to reach voting, publication and call-in in
 * real time on a dev server.
 */
export async function itemMeetingToday(
  client: Client,
  taskQueue: string,
  so: StandingOrders,
  ref: string,
  overrides: Partial<DecisionInput> = {},
): Promise<WorkflowHandle> {
  const input: DecisionInput = {
    ref,
    standingOrders: so,
    title: `Carers’ breaks grant scheme ${ref}`,
    summary: 'Extend the carers’ breaks grant scheme for a further year.',
    topic: 'carers support',
    amountGbp: 300_000,
    meetingDate: today(),
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
  return client.workflow.start('decision', {
    taskQueue,
    workflowId: decisionWorkflowId(so.board.id, ref),
    args: [input],
  });
}

export const SOUTHAMPTON_VOTERS = {
  council: ['cllr-ada-shaw', 'cllr-ben-okafor', 'cllr-cara-lewis'],
  nhs: ['dr-dev-patel', 'dr-eve-morgan', 'finn-hughes'],
};
export const SOUTHAMPTON_OS = [
  'cllr-gil-turner',
  'cllr-hana-ali',
  'cllr-ian-brooks',
  'cllr-jo-carter',
  'cllr-kit-dawson',
  'cllr-lee-evans',
];
