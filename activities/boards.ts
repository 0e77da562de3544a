/**
 * Where the worker finds a board's registered standing orders: the board's own process answers its
 * `standingOrders` query. The activity that checks an item's claim against them is in index.ts.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { boardWorkflowId, standingOrdersQuery } from '../definitions/board';
import type { StandingOrders } from '../governance/standing-orders';

export type BoardLookup = (
  boardId: string,
) => Promise<{ version: number; standingOrders: StandingOrders } | undefined>;

/** Asks the board's process (board/<id>), whether it runs or has ended; undefined when there is none. */
export function boardLookup(client: Client): BoardLookup {
  return async (boardId) => {
    try {
      const registered = await client.workflow.getHandle(boardWorkflowId(boardId)).query(standingOrdersQuery);
      return { version: registered.version, standingOrders: registered.standingOrders };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  };
}
