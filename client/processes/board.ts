import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { displayDate } from '../../governance/display-dates';
import { TypedSearchAttributes, WorkflowIdReusePolicy, type SearchAttributePair } from '@temporalio/common';
import { ZodError } from 'zod';
import { SA, boardInputSchema, boardWorkflowId, type BoardInput } from '../../definitions';
import { addDays, isCivilDate, londonCivilDate, londonInstantMs } from '../../governance/civil-date';
import { establishmentApprovalDeadline } from '../../governance/schedule';
import { resolveStandingOrders, type StandingOrders } from '../../governance/standing-orders';
import { contentHash } from '../../governance/content-hash';
import { withHolidayFeed } from '../standing-orders-file';
import { UserError, parseInput } from '../../definitions/errors';
import { describeZodError } from '../../definitions/validation';
import { describeIfExists, executionOf, stateInBrief } from '../actions/execution';
import { markdownText } from '../../definitions/markdown';

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

/** A preset's meeting calendar starts from the day the board is proposed (a valid one; else today). */
function standingOrdersOf(ref: ProposeBoardRequest['standingOrders'], proposedOn?: string): StandingOrders {
  const from = proposedOn !== undefined && isCivilDate(proposedOn) ? proposedOn : londonCivilDate(Date.now());
  try {
    return withHolidayFeed(resolveStandingOrders(ref, from));
  } catch (error) {
    if (error instanceof ZodError) throw new UserError(describeZodError(error, 'standingOrders'));
    throw new UserError(`standingOrders: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Why this board may not be proposed now, if it may not: another process already runs its effectiveness
 * reviews. A review clock started on its own (`review-clock/<board>/<cycle>`) that is still running would
 * send a second set of reminders and write over the board's review record; a review started on its own
 * before review clocks had IDs of their own (`review/<board>/<cycle>`, with no board above it) holds, in
 * whatever state, the ID the board's own review of that cycle needs.
 */
export async function boardProposalConflict(
  client: Client,
  boardId: string,
): Promise<{ workflowId: string; message: string } | undefined> {
  const reviews = new Map<string, { workflowId: string; running: boolean }>();
  for await (const info of client.workflow.list({
    query: `WorkflowType = 'effectivenessReview' AND ${SA.board.name} = '${boardId}'`,
  })) {
    reviews.set(info.workflowId, { workflowId: info.workflowId, running: info.status.name === 'RUNNING' });
  }
  // Visibility can lag a moment behind a start; the first cycle's IDs are read directly as well.
  for (const workflowId of [`review-clock/${boardId}/1`, `review/${boardId}/1`]) {
    const description = await describeIfExists(client, workflowId);
    if (description) reviews.set(workflowId, { workflowId, running: description.status.name === 'RUNNING' });
  }
  const clock = [...reviews.values()].find(
    (r) => r.running && r.workflowId.startsWith(`review-clock/${boardId}/`),
  );
  if (clock) {
    const message = `standingOrders: ${clock.workflowId}, a review clock started on its own, is running for ${boardId}; a board proposed here runs its own reviews: end the clock first (temporal workflow terminate --workflow-id ${clock.workflowId} --reason "board proposed"), then propose the board`;
    return { workflowId: clock.workflowId, message };
  }
  for (const review of [...reviews.values()].filter((r) => r.workflowId.startsWith(`review/${boardId}/`))) {
    const description = await describeIfExists(client, review.workflowId);
    if (description && !description.raw.workflowExecutionInfo?.parentExecution) {
      const message = `standingOrders: ${review.workflowId} was started on its own (${description.status.name.toLowerCase()}) and holds the ID of ${boardId}'s own review ${review.workflowId.split('/').pop()}, which the register keeps its records under: a board with this id would fail at that review; give standing orders (a file) with another board id`;
      return { workflowId: review.workflowId, message };
    }
  }
  return undefined;
}

/**
 * Validates the proposal (a UserError naming the field if it is wrong) and starts the board's workflow,
 * `board/<boardId>`, which runs from the first meeting to establishment and then one review cycle per run.
 * A board's workflow ID is never used twice, even after it has ended: the register keeps its records under it.
 */
export async function proposeBoard(
  client: Client,
  taskQueue: string,
  request: ProposeBoardRequest,
  options: { memo?: Record<string, unknown> } = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const standingOrders = standingOrdersOf(request.standingOrders, request.proposedOn);
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
  const bodies = so.partners.map((p) => markdownText(p.parentBody.name));
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
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    ...(options.memo ? { memo: options.memo } : {}),
    staticSummary: `Establish ${markdownText(so.board.name)}: first meeting ${displayDate(input.firstMeeting!)}, then ${bodies.join(' and ')}`,
    staticDetails: [
      `**Board:** ${markdownText(so.board.name)} (\`${so.board.id}\`), ${so.members.length} members`,
      `**Partners:** ${so.partners.map((p) => `${markdownText(p.name)} (${p.kind}; parent body: ${markdownText(p.parentBody.name)})`).join('; ')}`,
      `**Draft Terms of Reference:** version 1, SHA-256 \`${contentHash(input.termsOfReference!)}\``,
      `**Approval by both parent bodies:** by ${deadline ? displayDate(deadline) : `${months} months after the proposal`}, else escalated to both chief executives`,
      `**Reviews:** first ${so.review.firstAfterMonths} months after establishment, then every ${so.review.recurringEveryMonths} months (with the s75 pooled-budget review); each review cycle continues-as-new`,
    ].join('\n\n'),
    typedSearchAttributes: new TypedSearchAttributes(searchAttributes),
  });
}

/**
 * Proposes a board once: a UserError, with nothing started, when its workflow ID was ever used (even by a
 * board that has ended: the register holds its records under it) or another process runs its reviews.
 * What `govflow board propose` and the console's "Propose a board" both do.
 */
export async function proposeBoardOnce(
  client: Client,
  taskQueue: string,
  request: ProposeBoardRequest,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const boardId = standingOrdersOf(request.standingOrders, request.proposedOn).board.id;
  const workflowId = boardWorkflowId(boardId);
  const proposedOnce = (state: string) =>
    new UserError(
      `${workflowId} already exists${state}: a board is proposed once; see \`govflow status ${workflowId}\``,
    );
  const existing = await describeIfExists(client, workflowId);
  if (existing) {
    const execution = await executionOf(client, existing);
    throw proposedOnce(execution.state === 'running' ? '' : ` (${stateInBrief(execution)})`);
  }
  const conflict = await boardProposalConflict(client, boardId);
  if (conflict) throw new UserError(conflict.message);
  try {
    return await proposeBoard(client, taskQueue, request);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw proposedOnce('');
    throw error;
  }
}
