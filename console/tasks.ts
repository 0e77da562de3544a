/**
 * "My tasks": the running processes of the person's boards, from Temporal visibility (the search attributes
 * every process keeps), and what governance/tasks.ts says waits for them there.
 */
import type { Client } from '@temporalio/client';
import { boardStatusQuery } from '../definitions/board';
import { SA } from '../definitions/search-attributes';
import { displayDeadline } from '../governance/display-dates';
import type { Role } from '../governance/people';
import { tasksFor, type RunningProcess } from '../governance/tasks';

/** Enough for a person's boards: a board has a few dozen items running at most. */
const MOST = 500;

/** How long a board has to say which members are yet to self-assess. */
const ANSWER_WITHIN_MS = 5_000;

const quoted = (s: string) => `'${s.replace(/['\\]/g, '')}'`;

export async function myTasks(client: Client, roles: readonly Role[]) {
  const boards = [...new Set(roles.map((r) => r.board))];
  if (boards.length === 0) return [];
  const running: RunningProcess[] = [];
  const query = `ExecutionStatus = 'Running' AND ${SA.board.name} IN (${boards.map(quoted).join(', ')})`;
  for await (const info of client.workflow.list({ query, pageSize: MOST })) {
    const process = info.typedSearchAttributes.get(SA.process);
    const stage = info.typedSearchAttributes.get(SA.stage);
    const boardId = info.typedSearchAttributes.get(SA.board);
    const deadline = info.typedSearchAttributes.get(SA.nextDeadline);
    const waitingFor = info.typedSearchAttributes.get(SA.waitingFor);
    if (process && stage && boardId)
      running.push({
        workflowId: info.workflowId,
        process,
        stage,
        boardId,
        nextDeadline: deadline?.toISOString(),
        ...(waitingFor ? { waitingFor } : {}),
      });
    if (running.length >= MOST) break;
  }
  await Promise.all(
    running
      .filter((p) => p.process === 'board' && p.stage === 'self-assessment')
      .map(async (p) => {
        // Visibility says how many members are yet to self-assess, the board says which; a board no worker
        // answers for in time is left as it is (every member is asked) rather than holding the page.
        const status = await client.connection
          .withDeadline(Date.now() + ANSWER_WITHIN_MS, () =>
            client.workflow.getHandle(p.workflowId).query(boardStatusQuery),
          )
          .catch(() => undefined);
        if (status?.review) p.waitingOn = status.review.outstanding;
      }),
  );
  return tasksFor(roles, running).map((task) => ({
    ...task,
    deadline: task.deadline ? displayDeadline(task.deadline) : '',
    // decision/<board>/<ref> acts at /decisions/<board>/<ref>/<action>, a recommendation likewise.
    // A meeting's task is a form on its page: meeting/<board>/<date> at /meetings/<board>/<date>#<form>.
    href: task.action
      ? `/${task.workflowId.replace(/^(\w+)\//, '$1s/')}${task.action.startsWith('#') ? '' : '/'}${task.action}`
      : undefined,
  }));
}
