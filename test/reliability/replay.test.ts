/**
 * Replay safety: every committed history (test/histories, captured by `npm run histories:capture` from each
 * workflow's main paths) replays against the current workflow bundle; a workflow changed without
 * `patched()` is caught as a DeterminismViolationError, and the same change behind `patched()` replays.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, inject, it } from 'vitest';
import { SCENARIOS } from '../histories/scenarios';
import * as workflowsTheWorkerRuns from '../../workflows';

const DIR = path.join(__dirname, '..', 'histories');
interface IndexEntry {
  file: string;
  workflowId: string;
  scenario: string;
  events: number;
}
const index = JSON.parse(readFileSync(path.join(DIR, 'index.json'), 'utf8')) as IndexEntry[];
const load = (entry: IndexEntry) => ({
  workflowId: entry.workflowId,
  history: historyFromJSON(JSON.parse(readFileSync(path.join(DIR, entry.file), 'utf8'))),
});
const workflowType = (entry: IndexEntry) =>
  load(entry).history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

async function bundle(entry: string): Promise<WorkflowBundle> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'fixtures', entry),
    logger: new DefaultLogger('WARN'),
  });
  return { code };
}

describe('replay safety', () => {
  it('has a committed history for every scenario and every workflow type, each listed in index.json', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json') && f !== 'index.json')
      .sort();
    expect(index.map((e) => e.file).sort()).toEqual(files);
    expect(new Set(index.map((e) => e.scenario))).toEqual(new Set(SCENARIOS.map((s) => s.name)));
    // Every workflow the worker runs (workflows/index.ts), a new one included, has a history replayed.
    expect(new Set(index.map(workflowType))).toEqual(new Set(Object.keys(workflowsTheWorkerRuns)));
    // The board's first run ends in continue-as-new: the cycle boundary is part of what is replayed.
    const boardRun = load(index.find((e) => e.file.startsWith('board-establishment-review-cycle-1'))!);
    expect(boardRun.history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  });

  it(`replays all ${index.length} committed histories against the current workflow bundle without a determinism error`, async () => {
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      index.map(load),
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    console.log(
      `[replay] ${results.length} histories replayed, ${index.reduce((n, e) => n + e.events, 0)} events`,
    );
    expect(results).toHaveLength(index.length);
    expect(results.filter((r) => r.error)).toEqual([]);
  });

  it('catches a change made without patched() (DeterminismViolationError), and replays the same change behind patched()', async () => {
    const review = index.find((e) => e.file === 'effectiveness-review.json')!;
    const [unguarded, guarded] = await Promise.all([
      bundle('unguarded-workflows.ts'),
      bundle('guarded-workflows.ts'),
    ]);
    const history = load(review);
    const error = await Worker.runReplayHistory(
      { workflowBundle: unguarded },
      history.history,
      history.workflowId,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeterminismViolationError);
    console.log(`[replay] unguarded change: ${(error as Error).message.split('\n')[0]}`);
    await expect(
      Worker.runReplayHistory({ workflowBundle: guarded }, history.history, history.workflowId),
    ).resolves.toBeUndefined();
    // The guarded bundle is the current code plus the patch: every other committed history replays on it too.
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: guarded }, index.map(load)))
      results.push(result.error?.message);
    expect(results.filter(Boolean)).toEqual([]);
  });
});
