import { asyncLocalStorage } from '@temporalio/activity';
import type { BatchedEffects, Effect, EffectResult, GovernanceActivities } from './contract';

/** Heartbeats only when running as an activity, so the functions stay callable directly in tests. */
export function heartbeat(details: unknown): void {
  asyncLocalStorage.getStore()?.heartbeat(details);
}

/**
 * The activities with `effects`, the batch a stage's entries and mail travel in (issue 17: fewer events
 * per process), made of their own `record` and `notify`: a worker's batch writes and sends exactly as
 * those do, one after the other in the stage's order, stand-ins and the simulator's included. It
 * heartbeats after each, so the server learns of a dead worker as soon as it did of a lone record.
 */
export function withEffects<A extends Pick<GovernanceActivities, 'record' | 'notify'>>(
  activities: A,
): A & BatchedEffects {
  return {
    ...activities,
    async effects(batch: Effect[]): Promise<EffectResult[]> {
      const results: EffectResult[] = [];
      for (const effect of batch) {
        results.push(
          'record' in effect
            ? { record: await activities.record(effect.record) }
            : { notify: await activities.notify(effect.notify) },
        );
        heartbeat({ done: results.length, of: batch.length });
      }
      return results;
    },
  };
}
