/**
 * A board's registered standing orders, as its process (`board/<id>`) holds them. Every item, recommendation
 * and review of a board runs under them, by board id and version: never under standing orders the proposer
 * brings, which would let anyone decide who may vote on an item.
 */
import { QueryNotRegisteredError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { boardWorkflowId, standingOrdersQuery, type RegisteredStandingOrders } from '../definitions';
import { describeIfExists } from './actions/execution';
import { UserError } from '../definitions/errors';

/** How long a board's process may take to answer before the officer is told the worker is not running. */
const ANSWER_MS = 10_000;

/** No process registers standing orders under that board id. */
export class BoardNotRegistered extends UserError {}

/**
 * The board's registered standing orders. By default only a running board's: an ended board takes no more
 * items. `allowEnded` reads them all the same (to show what a dissolved board ran under).
 */
export async function registeredStandingOrders(
  client: Client,
  boardId: string,
  field = 'board',
  { allowEnded = false } = {},
): Promise<RegisteredStandingOrders> {
  const workflowId = boardWorkflowId(boardId);
  const notRegistered = new BoardNotRegistered(
    `${field}: no board "${boardId}" is registered; propose it first with govflow board propose (govflow list --process board lists the boards)`,
  );
  const description = await describeIfExists(client, workflowId);
  if (!description) throw notRegistered;
  if (!allowEnded && description.status.name !== 'RUNNING') {
    throw new UserError(
      `${field}: board "${boardId}" has ended (${description.status.name.toLowerCase()}); it takes no more items`,
    );
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UserError(
            `${field}: board "${boardId}" did not answer within ${ANSWER_MS / 1000} s: is the govflow worker running (npm start)?`,
          ),
        ),
      ANSWER_MS,
    );
  });
  try {
    return await Promise.race([client.workflow.getHandle(workflowId).query(standingOrdersQuery), late]);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError || error instanceof QueryNotRegisteredError)
      throw notRegistered;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
