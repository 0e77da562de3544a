import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  SA,
  partnershipRecommendationInputSchema,
  partnershipRecommendationWorkflowId,
  type PartnershipRecommendationInput,
} from '../../definitions';
import { parseInput } from '../../definitions/errors';
import { markdownText } from '../../definitions/markdown';

/**
 * Validates a partnership board's recommendation (a UserError naming the field if it is wrong) and starts
 * it as `partnership-recommendation/<jcb>/<ref>`; the workflow chooses the JCB meeting. A workflow ID is
 * never used twice.
 */
export async function startPartnershipRecommendation(
  client: Client,
  taskQueue: string,
  raw: PartnershipRecommendationInput,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(partnershipRecommendationInputSchema, raw);
  const jcb = input.standingOrders.board;
  const exempt = input.exemptParagraph !== null;
  return client.workflow.start('partnershipRecommendation', {
    taskQueue,
    workflowId: partnershipRecommendationWorkflowId(jcb.id, input.ref),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `${markdownText(input.partnershipBoard.name)} to ${markdownText(jcb.name)}: ${markdownText(input.title)}`,
    staticDetails: [
      `**JCB:** \`${jcb.id}\`, item ${input.ref}`,
      `**From:** ${markdownText(input.partnershipBoard.name)}`,
      `**Recommendation:** ${exempt ? `exempt under paragraph ${input.exemptParagraph} of Schedule 12A` : markdownText(input.recommendation)}`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: jcb.id },
      { key: SA.process, value: 'partnership-recommendation' },
      { key: SA.stage, value: 'received' },
    ]),
  });
}
