import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { displayDate } from '../../governance/display-dates';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  SA,
  decisionInputSchema,
  decisionWorkflowId,
  recommendationWorkflowId,
  type DecisionInput,
  type DecisionInputParsed,
} from '../../definitions';
import {
  type CivilDate,
  compareCivilDates,
  dayOfWeek,
  londonCivilDate,
  londonInstant,
} from '../../governance/civil-date';
import { classifyDecision } from '../../governance/classification';
import { effectivePublicationDate, meetingDeadlines } from '../../governance/notice';
import { calendarFor, type StandingOrders } from '../../governance/standing-orders';
import { formatGbp } from '../../governance/money';
import { withHolidayFeed } from '../standing-orders-file';
import { UserError, parseInput } from '../../definitions/errors';
import { describeIfExists, executionOf, stateInBrief } from '../actions/execution';
import { markdownText } from '../../definitions/markdown';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const withWeekday = (d: CivilDate) => `${d} (${WEEKDAYS[dayOfWeek(d)]})`;

/** A scope topic the officer may have meant: the only one that contains every word typed. */
function meant(topic: string, scope: string[]): string | undefined {
  const words = topic.toLowerCase().split(/\s+/).filter(Boolean);
  const near = scope.filter((s) => words.every((w) => s.toLowerCase().includes(w)));
  return near.length === 1 ? near[0] : undefined;
}

/**
 * What an officer may get wrong that the schema cannot see, refused before anything starts (a UserError,
 * one line naming the field and listing the valid choices):
 * - a meeting that is not after today;
 * - a topic outside the board's delegated scope, unless the officer says so (`outOfScope`): such an item is
 *   only noted and referred to the decision maker, so it must never be one by a typo;
 * - a meeting date that is not one of the board's meetings (its standing orders list them).
 */
export function checkOfficerProposal(
  input: Pick<DecisionInputParsed, 'topic' | 'meetingDate'>,
  so: StandingOrders,
  options: { outOfScope?: boolean; today?: CivilDate } = {},
): void {
  const today = options.today ?? londonCivilDate(Date.now());
  if (compareCivilDates(input.meetingDate, today) <= 0) {
    throw new UserError(`meetingDate: ${input.meetingDate} is not after today (${today})`);
  }
  const topic = input.topic.trim().toLowerCase();
  const scope = so.delegation.scope;
  const inScope = scope.some((s) => s.trim().toLowerCase() === topic);
  if (!inScope && !options.outOfScope) {
    const guess = meant(input.topic, scope);
    throw new UserError(
      `topic: "${input.topic}" is not in ${so.board.id}'s delegated scope (${scope.join(', ') || 'none'}); ` +
        `give one of these${guess ? ` (did you mean "${guess}"?)` : ''}, or --out-of-scope (outOfScope: true in the item file) to propose it only to be noted and referred to the decision maker`,
    );
  }
  if (!so.meetings.includes(input.meetingDate)) {
    const future = so.meetings.filter((m) => compareCivilDates(m, today) > 0);
    // The meetings nearest the date asked for: from the last one before it (still after today).
    const before = future.filter((m) => compareCivilDates(m, input.meetingDate) < 0);
    const from = before.length > 0 ? future.indexOf(before[before.length - 1]!) : 0;
    const choices = future.slice(from, from + 3);
    throw new UserError(
      `meetingDate: ${withWeekday(input.meetingDate)} is not a meeting of ${so.board.id}; ` +
        (choices.length > 0
          ? `its next meetings: ${choices.map(withWeekday).join(', ')}`
          : 'its standing orders list no meeting after today; give standing orders (a file) that list the meeting'),
    );
  }
}

/**
 * Refuses a reference already used on this board (a UserError naming `ref`): by a decision in any state,
 * even one that has ended (the register keeps its records under its ID), or by a recommendation, which
 * holds the ID the decision would give its own recommendation to the parent bodies.
 */
export async function checkRefUnused(
  client: Client,
  boardId: string,
  ref: string,
  what = 'item',
): Promise<void> {
  for (const workflowId of [decisionWorkflowId(boardId, ref), recommendationWorkflowId(boardId, ref)]) {
    const existing = await describeIfExists(client, workflowId);
    if (!existing) continue;
    const execution = await executionOf(client, existing);
    const state = execution.state === 'running' ? '' : ` (${stateInBrief(execution)})`;
    throw new UserError(`ref: ${workflowId} already exists${state}; give the ${what} a new reference`);
  }
}

/**
 * Validates an item (a UserError naming the field if anything is wrong) and starts its decision process.
 * Nothing is started when the input is refused. A decision's workflow ID is never used twice, even after it
 * has ended: the register keeps its records under it.
 */
export async function startDecision(
  client: Client,
  taskQueue: string,
  raw: DecisionInput,
  now: number = Date.now(),
  options: { memo?: Record<string, unknown> } = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const parsed = parseInput(decisionInputSchema, raw);
  const input = { ...parsed, standingOrders: withHolidayFeed(parsed.standingOrders) };
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
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    ...(options.memo ? { memo: options.memo } : {}),
    // Summaries are not encrypted: an exempt item shows only its reference and paragraph.
    staticSummary: exempt
      ? `${input.ref}: exempt item (paragraph ${input.exemptParagraph})`
      : `${input.ref}: ${markdownText(input.title)}`.slice(0, 200),
    staticDetails: [
      `**Board:** ${markdownText(so.board.name)}`,
      `**Meeting:** ${displayDate(input.meetingDate)}`,
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

/**
 * `govflow decision propose` once the item is read, for a caller that holds the board's standing orders
 * (the officers' console): the officer's checks, the reference unused, then the start. Every refusal is a
 * UserError naming the field, and nothing is started.
 */
export async function proposeDecision(
  client: Client,
  taskQueue: string,
  raw: DecisionInput,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input = parseInput(decisionInputSchema, raw);
  checkOfficerProposal(input, input.standingOrders);
  await checkRefUnused(client, input.standingOrders.board.id, input.ref);
  try {
    return await startDecision(client, taskQueue, raw);
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      throw new UserError(
        `ref: ${decisionWorkflowId(input.standingOrders.board.id, input.ref)} already exists; give the item a new reference`,
      );
    throw error;
  }
}
