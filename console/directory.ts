/**
 * Whose standing orders the console serves under `npm start`: every board registered in the namespace (its
 * running `board` process answers with the standing orders it holds), and each shipped preset whose board
 * is not registered, so a newcomer can sign in before proposing any board.
 */
import type { Client } from '@temporalio/client';
import { standingOrdersQuery } from '../definitions';
import type { CivilDate } from '../governance/civil-date';
import { PRESET_NAMES, resolveStandingOrders, type StandingOrders } from '../governance/standing-orders';

export async function consoleBoards(client: Client, today: CivilDate): Promise<StandingOrders[]> {
  const registered = new Map<string, StandingOrders>();
  for await (const info of client.workflow.list({
    query: `WorkflowType = 'board' AND ExecutionStatus = 'Running'`,
  })) {
    try {
      const { standingOrders } = await client.workflow.getHandle(info.workflowId).query(standingOrdersQuery);
      registered.set(standingOrders.board.id, standingOrders);
    } catch {
      // Ended between the list and the query, or an old run that cannot answer: not a board to serve.
    }
  }
  const presets = PRESET_NAMES.map((name) => resolveStandingOrders(name, today)).filter(
    (so) => !registered.has(so.board.id),
  );
  return [...registered.values(), ...presets];
}
