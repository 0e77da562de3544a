/**
 * Whose standing orders the console serves under `npm start`: every board registered on this worker's task
 * queue (its running `board` process answers with the standing orders it holds), and each shipped preset
 * whose board is not registered, so a newcomer can sign in before proposing any board. Boards are asked all
 * at once with a short deadline: a board no worker answers for (another deployment sharing the namespace)
 * must not hold the console's start.
 */
import type { Client } from '@temporalio/client';
import { standingOrdersQuery } from '../definitions';
import type { CivilDate } from '../governance/civil-date';
import { PRESET_NAMES, resolveStandingOrders, type StandingOrders } from '../governance/standing-orders';

const ANSWER_WITHIN_MS = 5_000;

export async function consoleBoards(
  client: Client,
  taskQueue: string,
  today: CivilDate,
): Promise<StandingOrders[]> {
  const asked: Promise<StandingOrders | undefined>[] = [];
  for await (const info of client.workflow.list({
    query: `WorkflowType = 'board' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replace(/'/g, '')}'`,
  })) {
    asked.push(
      client.connection
        .withDeadline(Date.now() + ANSWER_WITHIN_MS, () =>
          client.workflow.getHandle(info.workflowId).query(standingOrdersQuery),
        )
        // Ended between the list and the query, or no worker answered in time: not a board to serve.
        .then(({ standingOrders }) => standingOrders)
        .catch(() => undefined),
    );
  }
  const registered = new Map<string, StandingOrders>();
  for (const standingOrders of await Promise.all(asked)) {
    if (standingOrders) registered.set(standingOrders.board.id, standingOrders);
  }
  const presets = PRESET_NAMES.map((name) => resolveStandingOrders(name, today)).filter(
    (so) => !registered.has(so.board.id),
  );
  return [...registered.values(), ...presets];
}
