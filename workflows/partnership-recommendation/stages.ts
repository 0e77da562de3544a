import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ChildWorkflowFailure, ParentClosePolicy, executeChild } from '@temporalio/workflow';
import {
  SA,
  decisionWorkflowId,
  type DecisionInput,
  type DecisionResult,
  type PartnershipRecommendationResult,
} from '../../definitions';
import { calendarFor } from '../../governance/standing-orders';
import { nextJcbMeeting, type JcbMeetingChoice } from '../../governance/partnership-recommendations';
import { authorityDigest } from '../../governance/standing-orders/registration';
import type { CivilDate } from '../../governance/civil-date';
import { requireRegistered } from '../kit/proxies';
import type { PartnershipRecommendationContext } from './context';

/** The recommendation is received under the JCB's registered standing orders, and on record. */
export async function receive(context: PartnershipRecommendationContext): Promise<void> {
  const { so, input, publicText, tracker, effects } = context;
  await requireRegistered({ boardId: so.board.id, digest: authorityDigest(so) });
  tracker.label([
    { key: SA.board, value: so.board.id },
    { key: SA.process, value: 'partnership-recommendation' },
  ]);
  tracker.show('received', { words: 'a JCB meeting to be chosen', short: 'meeting' });
  await effects.record('partnership-recommendation-received', {
    partnershipBoardName: input.partnershipBoard.name,
    recommendation: publicText,
    topic: input.topic,
    exempt: input.exemptParagraph === null ? null : { paragraph: input.exemptParagraph },
  });
  tracker.step('received', `from ${input.partnershipBoard.name}`);
}

/** The JCB's next meeting that can still meet the notice rules the item needs, chosen today. */
export function chooseMeeting({ input, so, tracker }: PartnershipRecommendationContext): JcbMeetingChoice {
  const choice = nextJcbMeeting(
    {
      title: input.title,
      topic: input.topic,
      amountGbp: input.amountGbp,
      wardsAffected: input.wardsAffected,
      exemptParagraph: input.exemptParagraph,
    },
    so,
    Date.now(),
    calendarFor(so),
  );
  tracker.step(
    'meeting-chosen',
    choice.meeting
      ? `${choice.meeting}: the first JCB meeting that still allows ${choice.notices.join(', ')}, publishing from ${choice.publishable}`
      : `no JCB meeting listed still allows ${choice.notices.join(', ')}, publishing from ${choice.publishable}`,
  );
  return choice;
}

/**
 * The recommendation becomes the JCB's item for the meeting: its decision process, as a child, whose
 * outcome is awaited. ABANDON: once on the JCB's agenda the item is the JCB's, and resetting or ending
 * this process must not take it off.
 */
export async function putToJcb(
  context: PartnershipRecommendationContext,
  meeting: CivilDate,
): Promise<PartnershipRecommendationResult> {
  const { input, so, tracker, effects, partnershipBoard, jcbOfficers } = context;
  const decisionId = decisionWorkflowId(so.board.id, input.ref);
  const item: DecisionInput = {
    ref: input.ref,
    standingOrders: so,
    title: input.title,
    summary: input.recommendation,
    topic: input.topic,
    amountGbp: input.amountGbp,
    wardsAffected: input.wardsAffected,
    exemptParagraph: input.exemptParagraph,
    meetingDate: meeting,
    proposedBy: input.presentedBy,
  };
  tracker.show(
    'at-jcb',
    { words: `the JCB's decision at its meeting on ${meeting}`, short: 'jcb-decision' },
    { meetingDate: meeting, decisionId },
  );
  await effects.notify('partnership-recommendation-placed', {
    to: [...partnershipBoard, ...jcbOfficers],
    action: `The recommendation goes to the ${so.board.name} meeting on ${meeting} as item ${input.ref}; its outcome will be reported back to ${input.partnershipBoard.name}.`,
    deadline: meeting,
    facts: { meeting, item: decisionId },
    summary: `Tell the partnership board: JCB meeting ${meeting}`,
  });
  try {
    const decided = await executeChild<(i: DecisionInput) => Promise<DecisionResult>>('decision', {
      args: [item],
      workflowId: decisionId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `From ${input.partnershipBoard.name}: ${input.title}`,
    });
    return {
      outcome: decided.status,
      meetingDate: decided.meetingDate,
      decisionId,
      reasons: decided.reasons,
    };
  } catch (error) {
    // A reference already taken, or an item that failed: reported back, never a failed recommendation.
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      return {
        outcome: 'not-decided',
        meetingDate: meeting,
        decisionId,
        reasons: [`the JCB already has an item ${input.ref}: give the recommendation a new reference`],
      };
    if (error instanceof ChildWorkflowFailure)
      return {
        outcome: 'not-decided',
        meetingDate: meeting,
        decisionId,
        reasons: [`the JCB's item ended without a decision: ${error.cause?.message ?? error.message}`],
      };
    throw error;
  }
}

/** No JCB meeting listed can take it in time: the partnership board is told so. */
export function noMeeting(
  { input, so }: PartnershipRecommendationContext,
  choice: JcbMeetingChoice,
): PartnershipRecommendationResult {
  return {
    outcome: 'no-meeting',
    reasons: [
      `no meeting of ${so.board.name} in its standing orders can still meet the notice rules (${choice.notices.join(', ')}) publishing from ${choice.publishable}; send ${input.ref} again once later meetings are listed`,
    ],
  };
}

/** The outcome goes back to the partnership board: on record, and by mail to its clerk and the presenter. */
export async function reportBack(
  context: PartnershipRecommendationContext,
  result: PartnershipRecommendationResult,
): Promise<PartnershipRecommendationResult> {
  const { input, so, tracker, effects, partnershipBoard, jcbOfficers } = context;
  const stage = result.outcome === 'no-meeting' ? 'no-meeting' : 'reported';
  await effects.record('partnership-recommendation-outcome', {
    outcome: result.outcome,
    meeting: result.meetingDate ?? null,
    decisionId: result.decisionId ?? null,
    reasons: result.reasons,
  });
  await effects.notify('partnership-recommendation-outcome', {
    to: [...partnershipBoard, ...jcbOfficers],
    action: `Report to ${input.partnershipBoard.name} what ${so.board.name} made of its recommendation: ${result.outcome}${result.meetingDate ? ` (meeting of ${result.meetingDate})` : ''}.`,
    facts: {
      outcome: result.outcome,
      ...(result.meetingDate ? { meeting: result.meetingDate } : {}),
      reasons: result.reasons.join('; '),
    },
    summary: `Report the outcome to ${input.partnershipBoard.name}: ${result.outcome}`,
  });
  tracker.step('reported', `${result.outcome}: reported to ${input.partnershipBoard.name}`);
  tracker.show(
    stage,
    { words: 'nothing: the outcome has been reported', short: 'none' },
    undefined,
    result.outcome,
  );
  return result;
}
