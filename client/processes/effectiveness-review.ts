import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import {
  SA,
  effectivenessReviewInputSchema,
  effectivenessReviewWorkflowId,
  type EffectivenessReviewInput,
} from '../../definitions';
import { londonInstant } from '../../governance/civil-date';
import { holidayCalendar } from '../../governance/bank-holidays';
import { planReview } from '../../governance/review-schedule';
import { parseInput } from '../errors';

/** Validates the input (a UserError naming the field if it is wrong) and starts the review clock. */
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
    workflowId: effectivenessReviewWorkflowId(input.boardId, input.cycle),
    args: [input],
    staticSummary: `Effectiveness review ${input.cycle} of ${input.boardName}, due ${schedule.reviewDue}`,
    staticDetails: [
      `**Board:** ${input.boardName} (\`${input.boardId}\`)`,
      `**Counted from:** ${input.from}, every ${input.intervalMonths} months`,
      `**Reminders:** ${schedule.reminders.map((r) => `${r.daysBefore} days before (${r.on})`).join(', ') || 'none'}`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: input.boardId },
      { key: SA.process, value: 'board-review' },
      { key: SA.stage, value: 'awaiting-reminder' },
      { key: SA.nextDeadline, value: new Date(londonInstant(schedule.startsOn, '09:00')) },
    ]),
  });
}
