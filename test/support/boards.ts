import type { BoardLookup } from '../../activities/boards';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { proposeBoard } from '../../client/processes/board';
import { addDays, compareCivilDates, londonCivilDate } from '../../governance/civil-date';
import type { StandingOrders } from '../../governance/standing-orders';

/**
 * Registers a board the way an officer does (`board propose`): its process holds the standing orders that
 * every item of the board then runs under. The caller's worker must poll `taskQueue` to answer for it.
 */
export async function registerBoard(
  client: Client,
  taskQueue: string,
  so: StandingOrders,
): Promise<WorkflowHandle> {
  const today = londonCivilDate(Date.now());
  // The first meeting must fall within the approval deadline (at least a month after the proposal).
  const soon = addDays(today, 28);
  return proposeBoard(client, taskQueue, {
    standingOrders: so,
    termsOfReference: `Terms of Reference: ${so.board.name}`,
    proposedOn: today,
    firstMeeting:
      so.meetings.find((m) => compareCivilDates(m, today) > 0 && compareCivilDates(m, soon) <= 0) ??
      addDays(today, 7),
  });
}

/**
 * The boards a test's real activities know, as registered (version 1): for tests that run items under a
 * preset's standing orders without proposing its board. The check of each item against them is the real one.
 */
export function knownBoards(...registered: StandingOrders[]): BoardLookup {
  return async (boardId) => {
    const so = registered.find((r) => r.board.id === boardId);
    return so ? { version: 1, standingOrders: so } : undefined;
  };
}
