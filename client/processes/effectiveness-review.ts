import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { displayDate } from '../../governance/display-dates';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  SA,
  boardWorkflowId,
  effectivenessReviewInputSchema,
  type EffectivenessReviewInput,
} from '../../definitions';
import { londonInstant } from '../../governance/civil-date';
import { holidayCalendar } from '../../governance/bank-holidays';
import { planReview } from '../../governance/review-schedule';
import { parseInput } from '../../definitions/errors';
import { describeIfExists } from '../actions/execution';
import { reviewClockWorkflowId } from '../actions/workflow-ids';
import { markdownText } from '../../definitions/markdown';

/**
 * Why a review clock may not be started on its own for this board, if it may not: a board run by govflow
 * runs its own effectiveness reviews (`review/<board>/<cycle>`), and a second clock for the same reviews
 * would send every reminder twice and write over the board's review record.
 */
export async function reviewClockConflict(client: Client, boardId: string): Promise<string | undefined> {
  const board = await describeIfExists(client, boardWorkflowId(boardId));
  if (board?.status.name !== 'RUNNING') return undefined;
  return `board: ${boardWorkflowId(boardId)} runs this board's effectiveness reviews itself (review/${boardId}/<cycle>); see \`govflow status ${boardId}\``;
}

/**
 * Validates the input (a UserError naming the field if it is wrong) and starts the review clock on its own,
 * as `review-clock/<board>/<cycle>`. A workflow ID is never used twice, even after the clock has ended: the
 * register keeps its records under it.
 */
export async function startEffectivenessReview(
  client: Client,
  taskQueue: string,
  raw: EffectivenessReviewInput,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(effectivenessReviewInputSchema, raw);
  const schedule = planReview(
    { from: input.from, intervalMonths: input.intervalMonths, reminderDaysBefore: input.reminderDaysBefore },
    holidayCalendar(input.region),
  );
  return client.workflow.start('effectivenessReview', {
    taskQueue,
    workflowId: reviewClockWorkflowId(input.boardId, input.cycle),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Effectiveness review ${input.cycle} of ${markdownText(input.boardName)}, due ${displayDate(schedule.reviewDue)}`,
    staticDetails: [
      `**Board:** ${markdownText(input.boardName)} (\`${input.boardId}\`)`,
      `**Counted from:** ${displayDate(input.from)}, every ${input.intervalMonths} months`,
      `**Reminders:** ${schedule.reminders.map((r) => `${r.daysBefore} days before (${displayDate(r.on)})`).join(', ') || 'none'}`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: input.boardId },
      { key: SA.process, value: 'board-review' },
      { key: SA.stage, value: 'awaiting-reminder' },
      { key: SA.nextDeadline, value: new Date(londonInstant(schedule.startsOn, '09:00')) },
    ]),
  });
}
