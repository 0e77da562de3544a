/**
 * Holiday news for running processes: after an officer imports a newer feed, every running process that
 * counts working days hears what the feed says beyond the rules, through an Update in its history.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  HOLIDAY_NEWS_WORKFLOW_TYPES,
  NO_NEWS,
  announceHolidaysUpdate,
  type HolidayNewsInput,
  type HolidayNewsResult,
} from '../definitions';
import type { FeedDifference } from '../governance/holiday-feed';

/** Each nation's news: what its feed adds to the rules and what it withdraws (from `feedDifferences`). */
export function holidayNewsFrom(differences: FeedDifference[], source: string): HolidayNewsInput {
  return {
    source,
    regions: Object.fromEntries(
      differences.map(({ region, added, removed }) => [region, { added, removed }]),
    ),
  };
}

export interface ProcessTold {
  workflowId: string;
  /** heard: it took the news (`result` says what moved); up to date: it already kept it; refused: why. */
  outcome: 'heard' | 'up-to-date' | 'refused';
  result?: HolidayNewsResult;
  reason?: string;
}

/**
 * Tells every running decision, board, meeting, review clock and consultation in the namespace; ended ones
 * are left alone.
 */
export async function tellRunningProcesses(client: Client, news: HolidayNewsInput): Promise<ProcessTold[]> {
  const told: ProcessTold[] = [];
  const types = HOLIDAY_NEWS_WORKFLOW_TYPES.map((t) => `'${t}'`).join(', ');
  for await (const info of client.workflow.list({
    query: `ExecutionStatus = 'Running' AND WorkflowType IN (${types})`,
  })) {
    try {
      const result = await client.workflow
        .getHandle(info.workflowId)
        .executeUpdate(announceHolidaysUpdate, { args: [news] });
      told.push({ workflowId: info.workflowId, outcome: 'heard', result });
    } catch (error) {
      // Ended between the list and the Update: nothing left to move.
      if (error instanceof WorkflowNotFoundError) continue;
      if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      const reason = error.cause?.message ?? error.message;
      told.push({
        workflowId: info.workflowId,
        outcome: reason.startsWith(NO_NEWS) ? 'up-to-date' : 'refused',
        reason,
      });
    }
  }
  return told.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}
