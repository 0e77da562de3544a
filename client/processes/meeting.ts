import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import { SA, meetingInputSchema, meetingWorkflowId, type MeetingInput } from '../../definitions';
import { UserError, parseInput } from '../../definitions/errors';
import { markdownText } from '../../definitions/markdown';
import { compareCivilDates, londonCivilDate, londonInstant } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { arrangementsOf, meetingLocation } from '../../governance/meetings';

/**
 * Validates a meeting (a UserError naming the field if it is wrong) and starts it as
 * `meeting/<board>/<date>`: one process per meeting of a board, never started twice.
 */
export async function startMeeting(
  client: Client,
  taskQueue: string,
  raw: MeetingInput,
  today = londonCivilDate(Date.now()),
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(meetingInputSchema, raw);
  if (compareCivilDates(input.date, today) <= 0)
    throw new UserError(`date: ${input.date} is not after today (${today})`);
  const { standingOrders: so, date, by: _by, ...own } = input;
  const arrangements = arrangementsOf(so, own);
  return client.workflow.start('meeting', {
    taskQueue,
    workflowId: meetingWorkflowId(so.board.id, date),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Meeting of ${markdownText(so.board.name)}, ${displayDate(date)} at ${arrangements.startTime}`,
    staticDetails: `**Where:** ${markdownText(meetingLocation(arrangements))} (${arrangements.attendance})`,
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: so.board.id },
      { key: SA.process, value: 'meeting' },
      { key: SA.stage, value: 'scheduled' },
      { key: SA.meetingDate, value: new Date(londonInstant(date, arrangements.startTime)) },
    ]),
  });
}
