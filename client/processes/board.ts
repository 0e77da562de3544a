import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TypedSearchAttributes, type SearchAttributePair } from '@temporalio/common';
import { ZodError } from 'zod';
import { SA, boardInputSchema, boardWorkflowId, type BoardInput } from '../../definitions';
import { addDays, londonCivilDate, londonInstantMs } from '../../governance/civil-date';
import { establishmentApprovalDeadline } from '../../governance/schedule';
import { resolveStandingOrders, type StandingOrders } from '../../governance/standing-orders';
import { contentHash } from '../../workflows/content-hash';
import { UserError, describeZodError, parseInput } from '../errors';

/** What an officer gives to propose a board (P1). */
export interface ProposeBoardRequest {
  /** A preset name (e.g. "southampton-jcb") or standing orders already read from a file. */
  standingOrders: string | StandingOrders | Record<string, unknown>;
  /** The draft Terms of Reference. */
  termsOfReference: string;
  /** The first meeting, which considers the draft (YYYY-MM-DD). */
  firstMeeting: string;
  /** Default: the day the workflow starts (London). */
  proposedOn?: string;
  selfAssessmentWorkingDays?: number;
}

function standingOrdersOf(ref: ProposeBoardRequest['standingOrders']): StandingOrders {
  try {
    return resolveStandingOrders(ref, londonCivilDate(Date.now()));
  } catch (error) {
    if (error instanceof ZodError) throw new UserError(describeZodError(error, 'standingOrders'));
    throw new UserError(`standingOrders: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Validates the proposal (a UserError naming the field if it is wrong) and starts the board's workflow,
 * `board/<boardId>`, which runs from the first meeting to establishment and then one review cycle per run.
 */
export async function proposeBoard(
  client: Client,
  taskQueue: string,
  request: ProposeBoardRequest,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const standingOrders = standingOrdersOf(request.standingOrders);
  const raw: BoardInput = {
    standingOrders,
    termsOfReference: request.termsOfReference,
    firstMeeting: request.firstMeeting,
    ...(request.proposedOn !== undefined ? { proposedOn: request.proposedOn } : {}),
    ...(request.selfAssessmentWorkingDays !== undefined
      ? { selfAssessmentWorkingDays: request.selfAssessmentWorkingDays }
      : {}),
  };
  const input = parseInput(boardInputSchema, raw);
  const so = input.standingOrders;
  const months = so.establishment.approvalDeadlineMonths;
  const deadline = input.proposedOn ? establishmentApprovalDeadline(input.proposedOn, months) : undefined;
  const bodies = so.partners.map((p) => p.parentBody.name);
  const searchAttributes: SearchAttributePair[] = [
    { key: SA.board, value: so.board.id },
    { key: SA.process, value: 'board' },
    { key: SA.stage, value: 'proposed' },
    { key: SA.waitingFor, value: 'first-meeting' },
    { key: SA.meetingDate, value: new Date(londonInstantMs(input.firstMeeting!, '09:00')) },
  ];
  if (deadline)
    searchAttributes.push({
      key: SA.nextDeadline,
      value: new Date(londonInstantMs(addDays(deadline, 1), '00:00')),
    });
  return client.workflow.start('board', {
    taskQueue,
    workflowId: boardWorkflowId(so.board.id),
    args: [input],
    staticSummary: `Establish ${so.board.name}: first meeting ${input.firstMeeting}, then ${bodies.join(' and ')}`,
    staticDetails: [
      `**Board:** ${so.board.name} (\`${so.board.id}\`), ${so.members.length} members`,
      `**Partners:** ${so.partners.map((p) => `${p.name} (${p.kind}; parent body: ${p.parentBody.name})`).join('; ')}`,
      `**Draft Terms of Reference:** version 1, SHA-256 \`${contentHash(input.termsOfReference!)}\``,
      `**Approval by both parent bodies:** by ${deadline ?? `${months} months after the proposal`}, else escalated to both chief executives`,
      `**Reviews:** first ${so.review.firstAfterMonths} months after establishment, then every ${so.review.recurringEveryMonths} months (with the s75 pooled-budget review); each review cycle continues-as-new`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes(searchAttributes),
  });
}
