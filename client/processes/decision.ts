import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { SA, decisionInputSchema, decisionWorkflowId, type DecisionInput } from '../../definitions';
import { compareCivilDates, londonCivilDate, londonInstant } from '../../governance/civil-date';
import { classifyDecision } from '../../governance/classification';
import { effectivePublicationDate, meetingDeadlines } from '../../governance/notice';
import { calendarFor } from '../../governance/standing-orders';
import { formatGbp } from '../../governance/money';
import { UserError, parseInput } from '../errors';

/**
 * Validates an item (a UserError naming the field if anything is wrong) and starts its decision process.
 * Nothing is started when the input is refused.
 */
export async function startDecision(
  client: Client,
  taskQueue: string,
  raw: DecisionInput,
  now: number = Date.now(),
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(decisionInputSchema, raw);
  const so = input.standingOrders;
  if (compareCivilDates(input.meetingDate, londonCivilDate(now)) <= 0) {
    throw new UserError(`meetingDate: ${input.meetingDate} is not after today (${londonCivilDate(now)})`);
  }
  if (input.schemeId && !so.pooledBudgets.some((b) => b.id === input.schemeId)) {
    throw new UserError(
      `schemeId: "${input.schemeId}" is not a pooled budget scheme of ${so.board.id} (${so.pooledBudgets.map((b) => b.id).join(', ') || 'none'})`,
    );
  }
  const classification = classifyDecision({ ...input }, so);
  // A key decision that is late has an urgency route (general exception, special urgency); any other item
  // must meet the agenda rule, so a meeting too close to publish the papers in time is refused here.
  const agendaBy = meetingDeadlines(input.meetingDate, so.notice, calendarFor(so)).agendaPublishBy;
  const publishable = effectivePublicationDate(now, so.publication.cutOffTime, calendarFor(so));
  if (!classification.keyDecision && compareCivilDates(publishable, agendaBy) > 0) {
    throw new UserError(
      `meetingDate: ${input.meetingDate} is too soon: the agenda must be published by ${agendaBy} (${so.notice.agenda.days} clear ${so.notice.agenda.counting} days), and the earliest publication is ${publishable}; choose a later meeting`,
    );
  }
  const exempt = input.exemptParagraph !== null;
  return client.workflow.start('decision', {
    taskQueue,
    workflowId: decisionWorkflowId(so.board.id, input.ref),
    args: [input],
    // Summaries are not encrypted: an exempt item shows only its reference and paragraph.
    staticSummary: exempt
      ? `${input.ref}: exempt item (paragraph ${input.exemptParagraph})`
      : `${input.ref}: ${input.title}`.slice(0, 200),
    staticDetails: [
      `**Board:** ${so.board.name}`,
      `**Meeting:** ${input.meetingDate}`,
      `**Route:** ${classification.route}${classification.keyDecision ? ', key decision' : ''}${exempt ? `, exempt (paragraph ${input.exemptParagraph})` : ''}`,
      input.amountGbp !== undefined ? `**Amount:** ${formatGbp(input.amountGbp)}` : '',
      `**Why:** ${classification.reasons.join('; ')}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: so.board.id },
      { key: SA.process, value: 'decision' },
      { key: SA.stage, value: 'classified' },
      { key: SA.meetingDate, value: new Date(londonInstant(input.meetingDate, '10:00')) },
    ]),
  });
}
