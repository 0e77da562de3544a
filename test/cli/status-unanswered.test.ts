/**
 * `govflow status` on a process no worker answers for (the worker is stopped, or on another task queue):
 * how the run stands and why there is no status, in plain lines, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEffectivenessReview } from '../../client/processes/effectiveness-review';
import { devServer, uniqueTaskQueue } from '../support/temporal';
import { cli, today, uniqueBoardId } from './harness';

describe('govflow status when no worker answers', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says the process runs, that no worker answered, and exits 1 without a stack trace', async () => {
    const taskQueue = uniqueTaskQueue('cli-no-worker');
    const boardId = uniqueBoardId('cli-no-worker');
    const handle = await startEffectivenessReview(server.client, taskQueue, {
      boardId,
      boardName: 'Board with no worker',
      from: today(),
      cycle: 1,
      recipients: [{ role: 'officer', name: 'Democratic Services', email: 'ds@example.org' }],
    });
    const result = await cli(taskQueue).run('status', handle.workflowId);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      handle.workflowId,
      '  state:       running: it moves on by itself and takes actions',
      `  (the process gave no status: no worker polls its task queue "${taskQueue}": start govflow (npm start, or npm run worker with GOVFLOW_TASK_QUEUE=${taskQueue}))`,
      '',
    ]);
    const json = await cli(taskQueue).run('status', handle.workflowId, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      execution: { state: 'running' },
      unanswered: expect.stringContaining('no worker polls its task queue'),
    });
  });
});
