import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  SA,
  consultationInputSchema,
  consultationWorkflowId,
  type ConsultationInput,
} from '../../definitions';
import { parseInput } from '../../definitions/errors';
import { markdownText } from '../../definitions/markdown';
import { REPORTED_TO } from '../../governance/consultation';

/**
 * Validates a public consultation (a UserError naming the field if it is wrong) and starts P7 as
 * `consultation/<boardId>/<ref>`; it opens on the day it starts. A workflow ID is never used twice.
 */
export async function startConsultation(
  client: Client,
  taskQueue: string,
  raw: ConsultationInput,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(consultationInputSchema, raw);
  return client.workflow.start('consultation', {
    taskQueue,
    workflowId: consultationWorkflowId(input.boardId, input.ref),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Public consultation ${input.ref}: ${markdownText(input.subject)}`,
    staticDetails: [
      `**Board:** \`${input.boardId}\`, public consultation ${input.ref}`,
      `**Who is affected:** ${markdownText(input.affected)}`,
      `**Period:** ${input.periodWeeks} weeks from the day it opens`,
      `**Outcome reported to:** ${REPORTED_TO.map((b) => markdownText(input.bodies[b].name)).join(', ')}`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: input.boardId },
      { key: SA.process, value: 'consultation' },
      { key: SA.stage, value: 'open' },
    ]),
  });
}
