import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { displayDate } from '../../governance/display-dates';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  SA,
  recommendationInputSchema,
  recommendationWorkflowId,
  type RecommendationInput,
} from '../../definitions';
import { addDays, compareCivilDates, londonInstantMs } from '../../governance/civil-date';
import { UserError, parseInput } from '../../definitions/errors';
import { markdownText } from '../../definitions/markdown';

/**
 * Validates a recommendation (a UserError naming the field if it is wrong) and starts P5 on its own, as
 * `recommendation/<boardId>/<ref>`. The decision workflow starts the same workflow type as a child, under
 * the same ID for its own ref. A workflow ID is never used twice, even after it has ended.
 */
export async function startRecommendation(
  client: Client,
  taskQueue: string,
  raw: RecommendationInput,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(recommendationInputSchema, raw);
  const problems: string[] = [];
  input.parentBodies.forEach((b, i) => {
    if (input.parentBodies.findIndex((o) => o.partner === b.partner) !== i)
      problems.push(`parentBodies.${i}.partner: "${b.partner}" is listed twice`);
    if (compareCivilDates(b.deadline, b.meetingDate) < 0) {
      problems.push(`parentBodies.${i}.deadline: must not be before the meeting on ${b.meetingDate}`);
    }
  });
  if (problems.length > 0) throw new UserError(problems.join('; '));
  const deadlines = input.parentBodies.map((b) => londonInstantMs(addDays(b.deadline, 1), '00:00'));
  const meetings = input.parentBodies.map((b) => londonInstantMs(b.meetingDate, '09:00'));
  // An exempt item's title stays out of the summary too.
  const what =
    input.exemptParagraph === null
      ? markdownText(input.title)
      : `exempt item (Schedule 12A paragraph ${input.exemptParagraph})`;
  return client.workflow.start('recommendation', {
    taskQueue,
    workflowId: recommendationWorkflowId(input.boardId, input.ref),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Recommendation ${input.ref} to ${input.parentBodies.map((b) => markdownText(b.body)).join(' and ')}: ${what}`,
    staticDetails: [
      `**Board:** \`${input.boardId}\`, recommendation ${input.ref}`,
      ...input.parentBodies.map(
        (b) =>
          `**${markdownText(b.body)}:** meets ${displayDate(b.meetingDate)}, decides by ${displayDate(b.deadline)} (clerk: ${markdownText(b.clerk.name)})`,
      ),
      '**Outcome:** approved if both approve; rejected if either rejects; amended if either asks for amendment; expired if a deadline passes first',
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: input.boardId },
      { key: SA.process, value: 'recommendation' },
      { key: SA.stage, value: 'sending' },
      { key: SA.nextDeadline, value: new Date(Math.min(...deadlines)) },
      { key: SA.meetingDate, value: new Date(Math.min(...meetings)) },
    ]),
  });
}
