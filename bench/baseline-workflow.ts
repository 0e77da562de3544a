import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

/**
 * The bare baseline the benchmarks compare govflow with: the same Temporal primitives as a decision
 * (Updates, activities, timers, in the same order), and nothing else. No input validation, no
 * search attributes, no current details, no register payloads: every activity takes and returns nothing.
 *
 * A shape is a list of phases, read off a real decision's history (bench/shapes.ts):
 * - `activities`: run n no-op activities one after the other;
 * - `updates`: wait for n `poke` Updates (each handler runs one no-op activity when `activityPerUpdate`,
 *   a local one when it is 'local'; a vote runs none, it is held for the count; the phase ends once they
 *   have all finished), with the wait bounded by a timer (started, then cancelled when the last Update
 *   arrives) when `timer`;
 * - `sleep`: a timer that fires.
 * Bundled only into the bench bundle (bench/workflows.ts), never into the govflow worker.
 */
export type BaselinePhase =
  | { kind: 'activities'; count: number }
  | { kind: 'updates'; count: number; activityPerUpdate: boolean | 'local'; timer: boolean }
  | { kind: 'sleep'; ms: number };

export interface BaselineShape {
  phases: BaselinePhase[];
}

/** `waiting-<i>` while phase i waits for Updates, `running` otherwise, `done` at the end. */
export const baselinePhaseQuery = defineQuery<string>('phase');
/** The bare Update: counted, and if the phase asks for it, one no-op activity before it returns. */
export const pokeUpdate = defineUpdate<number, []>('poke');

const { noop } = proxyActivities<{ noop(): Promise<void> }>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const local = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

export async function baseline(shape: BaselineShape): Promise<number> {
  let phase = 'running';
  let pokes = 0;
  let activityPerUpdate: boolean | 'local' = false;
  setHandler(baselinePhaseQuery, () => phase);
  setHandler(pokeUpdate, async () => {
    const n = ++pokes;
    if (activityPerUpdate === 'local') await local.noop();
    else if (activityPerUpdate) await noop();
    return n;
  });
  let expected = 0;
  for (const [i, p] of shape.phases.entries()) {
    if (p.kind === 'activities') {
      for (let a = 0; a < p.count; a++) await noop();
    } else if (p.kind === 'sleep') {
      await sleep(p.ms);
    } else {
      expected += p.count;
      activityPerUpdate = p.activityPerUpdate;
      phase = `waiting-${i}`;
      const target = expected;
      if (p.timer) await condition(() => pokes >= target, '30 days');
      else await condition(() => pokes >= target);
      // As a decision does before it counts the votes: every handler's activity has finished.
      await condition(allHandlersFinished);
      phase = 'running';
    }
  }
  phase = 'done';
  return pokes;
}

/** A bare workflow that only waits: for the memory benchmark's comparison with an open decision. */
export async function idle(): Promise<void> {
  setHandler(baselinePhaseQuery, () => 'idle');
  await sleep('3650 days');
}
