/**
 * How decisions and meetings reach each other (issue 14): a decision asks its meeting to list it, starting
 * the meeting's process when none runs yet (Update-with-Start, so two items cannot start the meeting twice),
 * and the meeting gives each decision the clerk's record of it. Both through the processes' own Updates, so
 * each side's rules judge what the other asks.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { meetingChangeUpdate, meetingOutcomeUpdate } from '../definitions/decision';
import { addItemUpdate, meetingWorkflowId, withdrawItemUpdate } from '../definitions/meeting';
import type {
  ItemWithdrawal,
  MeetingChangeDelivery,
  MeetingListing,
  MeetingOutcomeDelivery,
  ProcessAnswer,
} from './contract';

export interface MeetingDesk {
  list(listing: MeetingListing): Promise<ProcessAnswer>;
  deliver(delivery: MeetingOutcomeDelivery): Promise<ProcessAnswer>;
  tell(delivery: MeetingChangeDelivery): Promise<ProcessAnswer>;
  withdraw(withdrawal: ItemWithdrawal): Promise<ProcessAnswer>;
}

/** A refusal is the other process's answer, not a failure to retry. */
async function answered(call: () => Promise<string>): Promise<ProcessAnswer> {
  try {
    return { ok: true, receipt: await call() };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      return { ok: false, reason: error.cause?.message ?? error.message };
    throw error;
  }
}

/** The desk on a client, starting meeting processes on the worker's own task queue. */
export function meetingDesk(client: Client, taskQueue: string): MeetingDesk {
  return {
    list: ({ meeting, item, updateId }) =>
      answered(() =>
        client.workflow.executeUpdateWithStart(addItemUpdate, {
          args: [item],
          updateId,
          startWorkflowOperation: new WithStartWorkflowOperation('meeting', {
            workflowId: meetingWorkflowId(meeting.standingOrders.board.id, meeting.date),
            taskQueue,
            args: [meeting],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        }),
      ),
    deliver: ({ decisionId, outcome, updateId }) =>
      answered(() =>
        client.workflow
          .getHandle(decisionId)
          .executeUpdate(meetingOutcomeUpdate, { args: [outcome], updateId }),
      ),
    tell: ({ decisionId, change, updateId }) =>
      answered(() =>
        client.workflow
          .getHandle(decisionId)
          .executeUpdate(meetingChangeUpdate, { args: [change], updateId }),
      ),
    withdraw: ({ meetingId, withdrawal, updateId }) =>
      answered(() =>
        client.workflow
          .getHandle(meetingId)
          .executeUpdate(withdrawItemUpdate, { args: [withdrawal], updateId }),
      ),
  };
}

/**
 * Where no meeting processes run (rehearsals of one process, workflow tests of a decision alone): each
 * request is kept, in order, and refused, so the item gives its own agenda notice as it does when its
 * meeting cannot list it.
 */
export function meetingDeskStandIn(): MeetingDesk & { listings: MeetingListing[] } {
  const listings: MeetingListing[] = [];
  return {
    listings,
    list: async (listing) => {
      if (!listings.some((l) => l.updateId === listing.updateId)) listings.push(listing);
      return { ok: false, reason: `no meeting process runs here for ${listing.meeting.date}` };
    },
    deliver: async (delivery) => ({
      ok: false,
      reason: `no decision process runs here for ${delivery.decisionId}`,
    }),
    tell: async (delivery) => ({
      ok: false,
      reason: `no decision process runs here for ${delivery.decisionId}`,
    }),
    withdraw: async (withdrawal) => ({
      ok: false,
      reason: `no meeting process runs here for ${withdrawal.meetingId}`,
    }),
  };
}
