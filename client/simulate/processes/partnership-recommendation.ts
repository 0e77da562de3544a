import { z } from 'zod';
import {
  partnershipRecommendationInputSchema,
  partnershipRecommendationWorkflowId,
  type PartnershipRecommendationResult,
  type PartnershipRecommendationStatus,
} from '../../../definitions';
import { UserError, parseInput } from '../../../definitions/errors';
import { londonCivilDate } from '../../../governance/civil-date';
import { nextJcbMeeting } from '../../../governance/partnership-recommendations';
import { calendarFor, type StandingOrders } from '../../../governance/standing-orders';
import { checkOfficerProposal } from '../../processes/decision';
import { startPartnershipRecommendation } from '../../processes/partnership-recommendation';
import type { SimulatedProcess } from '../process';
import { decisionProcess } from './decision';

/** What `govflow partnership-recommendation send` takes; the JCB's standing orders come from the scenario. */
const scenarioInputSchema = z.strictObject(
  partnershipRecommendationInputSchema.omit({ standingOrders: true }).shape,
);
type RecommendationInput = z.output<typeof scenarioInputSchema>;

/**
 * The JCB meeting the workflow will choose when it starts at `startMs` (the same rule, the same day),
 * checked as the CLI checks it before sending: a UserError names the field.
 */
function meetingFor(input: RecommendationInput, so: StandingOrders, startMs: number): string {
  const choice = nextJcbMeeting(input, so, startMs, calendarFor(so));
  if (!choice.meeting)
    throw new UserError(
      `meetings: no meeting of ${so.board.id} can still meet the notice rules (${choice.notices.join(', ')}) publishing from ${choice.publishable}; list later meetings`,
    );
  try {
    checkOfficerProposal({ topic: input.topic, meetingDate: choice.meeting }, so, {
      today: londonCivilDate(startMs),
    });
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`input.${error.message}`);
    throw error;
  }
  return choice.meeting;
}

/** The JCB item the recommendation becomes (workflows/partnership-recommendation/stages.ts), as a decision's input. */
function itemOf(input: RecommendationInput, meetingDate: string): Record<string, unknown> {
  return {
    ref: input.ref,
    title: input.title,
    summary: input.recommendation,
    topic: input.topic,
    ...(input.amountGbp === undefined ? {} : { amountGbp: input.amountGbp }),
    wardsAffected: input.wardsAffected,
    exemptParagraph: input.exemptParagraph,
    meetingDate,
    proposedBy: input.presentedBy,
  };
}

/**
 * A care-group partnership board's recommendation to the JCB (wiltshire-2009-adult ¶19). The recommendation
 * itself takes no action: it waits for its JCB item, the child decision decision/<jcb>/<ref>. So the
 * scenario's events are that decision's (votes on the meeting day, interests, call-in, the parent bodies'
 * decisions when the JCB has no delegated power), checked and sent by the decision process to the child.
 */
export const partnershipRecommendationProcess: SimulatedProcess = {
  prepare(rawInput, rawEvents, so, startMs) {
    const input = parseInput(scenarioInputSchema, rawInput, 'input');
    const item = decisionProcess.prepare(
      itemOf(input, meetingFor(input, so, startMs)),
      rawEvents,
      so,
      startMs,
    );
    return {
      workflowId: partnershipRecommendationWorkflowId(so.board.id, input.ref),
      start: (client, taskQueue) =>
        startPartnershipRecommendation(client, taskQueue, { ...input, standingOrders: so }),
      events: item.events,
      outcome: (result) => (result as PartnershipRecommendationResult).outcome,
      // received, at-jcb (the item runs) or reported at `until`.
      running: (status) => (status as PartnershipRecommendationStatus | undefined)?.stage ?? 'in-progress',
    };
  },
};
