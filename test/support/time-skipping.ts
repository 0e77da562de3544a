import { anchorDay, at } from './dates';
import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, expect } from 'vitest';
import { resolveStandingOrders } from '../../governance/standing-orders';
import type { PartnerKind } from '../../definitions';
import type { CivilDate } from '../../governance/civil-date';
import { recordingActivities } from './recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from './temporal';

type Double = ReturnType<typeof recordingActivities>;

/**
 * A fresh time-skipping server for each test of the calling `describe` (time only moves forward), with the
 * clock and a worker on the activities double.
 */
export function timeSkippingPerTest() {
  let current: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    current = await timeSkipping();
  });
  afterEach(async () => {
    await current?.teardown();
  });
  const env = () => {
    if (!current) throw new Error('no time-skipping server outside a test');
    return current;
  };
  return {
    env,
    /** Moves the server clock forward to an instant, firing every timer on the way. */
    async clockTo(instant: string): Promise<void> {
      const ms = Date.parse(instant) - (await env().currentTimeMs());
      if (ms < 0) throw new Error(`the clock is already past ${instant}`);
      await env().sleep(ms);
    },
    /** Runs `fn` with a worker on a fresh task queue whose activities are a recording double. */
    withDouble<T>(queue: string, fn: (double: Double, taskQueue: string) => Promise<T>): Promise<T> {
      const taskQueue = uniqueTaskQueue(queue);
      const double = recordingActivities();
      return withWorker(env().nativeConnection, taskQueue, double.activities, () => fn(double, taskQueue));
    },
  };
}

/** The reason a refused Update came back with (fails the test if it was taken). */
export async function refusal(update: Promise<unknown>): Promise<string> {
  const error = await update.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((error as WorkflowUpdateFailedError).cause?.message);
}

/** The history's events, with their count printed for the record (`[history]` lines). */
export async function historyOf(handle: WorkflowHandle, label: string) {
  const events = (await handle.fetchHistory()).events ?? [];
  console.log(`[history] ${label}: ${events.length} events`);
  return events;
}

/**
 * The minute the recording double stamps on a notification sent at a London wall-clock time on a day: the
 * server's time in UTC, `YYYY-MM-DDTHH:MM` (`sentAt(day, '09:00')` is `…T08:00` in summer time).
 */
export const sentAt = (day: CivilDate, time: string): string => at(day, time).slice(0, 16);

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The Southampton preset and the people its board tests act as. */
export const southamptonPeople = (() => {
  const so = resolveStandingOrders('southampton-jcb', anchorDay());
  const partner = (kind: PartnerKind) => so.partners.find((p) => p.kind === kind)!;
  return {
    so,
    CLERK: { council: partner('council').clerk.email, nhs: partner('nhs').clerk.email },
    DEMOCRATIC_SERVICES: so.officers.democraticServices.email,
  };
})();
