import { z } from 'zod';
import {
  callInSchema,
  callInUpdate,
  declareInterestSchema,
  declareInterestUpdate,
  decisionInputSchema,
  decisionWorkflowId,
  escalationResolutionSchema,
  escalationResolutionUpdate,
  parentBodyDecisionSchema,
  reconsiderationSchema,
  reconsiderationUpdate,
  recommendationWorkflowId,
  recordParentDecisionUpdate,
  referralSetsOutConcerns,
  scrutinyOutcomeSchema,
  scrutinyOutcomeUpdate,
  urgencyConsentSchema,
  urgencyConsentUpdate,
  voteSchema,
  voteUpdate,
  withdrawalSchema,
  withdrawUpdate,
  type DecisionResult,
} from '../../../definitions';
import { UserError, parseInput } from '../../../definitions/errors';
import { startDecision } from '../../processes/decision';
import { eventSchema } from '../format';
import { defineProcess } from '../process';

/**
 * Scenario events for a decision (P3, P4 and the P5 recommendation it may turn into). Each maps to
 * one Update of definitions/decision.ts with the same fields; a few fields people rarely write in a
 * rehearsal (reasons, the interest declared) get a plain default.
 */
const decisionEvent = z.discriminatedUnion('action', [
  eventSchema('vote', voteSchema.shape),
  eventSchema('declare-interest', {
    member: declareInterestSchema.shape.member,
    interest: declareInterestSchema.shape.interest.default('an interest declared at the meeting'),
  }),
  eventSchema('urgency-consent', {
    by: urgencyConsentSchema.shape.by,
    reason: urgencyConsentSchema.shape.reason.default(
      'the decision is urgent and cannot reasonably be deferred',
    ),
  }),
  eventSchema('call-in', callInSchema.shape),
  // Outcomes are recorded by democratic services (from the standing orders) unless the scenario names someone.
  eventSchema('scrutiny-outcome', { ...scrutinyOutcomeSchema.shape, by: z.email().optional() }).superRefine(
    referralSetsOutConcerns,
  ),
  eventSchema('reconsider', {
    by: z.email().optional(),
    outcome: reconsiderationSchema.shape.outcome,
    reasons: reconsiderationSchema.shape.reasons.default('reconsidered after scrutiny referred it back'),
  }),
  eventSchema('resolve-escalation', { ...escalationResolutionSchema.shape, by: z.email().optional() }),
  eventSchema('withdraw', withdrawalSchema.shape),
  // A board without delegated power recommends (P5): each parent body's clerk records its decision.
  eventSchema('parent-decision', {
    partner: parentBodyDecisionSchema.shape.partner,
    outcome: parentBodyDecisionSchema.shape.outcome,
    by: z.email().optional(),
    reasons: parentBodyDecisionSchema.shape.reasons,
  }),
]);

type DecisionEvent = z.output<typeof decisionEvent>;

/**
 * The standing orders come from the scenario's `standingOrders` (and `meetings`), not from `input`.
 * Strict, so a misspelt field (`amountGBP`) is an error rather than an item with no amount.
 */
const scenarioInputSchema = z.strictObject(decisionInputSchema.omit({ standingOrders: true }).shape);

export const decisionProcess = defineProcess({
  input: (raw) => parseInput(scenarioInputSchema, raw, 'input'),
  eventSchema: decisionEvent,
  workflowId: (input, so) => decisionWorkflowId(so.board.id, input.ref),
  async start(client, taskQueue, input, so, nowMs) {
    try {
      // The CLI's own start: same checks (meeting after today, known scheme), summaries and search attributes.
      return await startDecision(client, taskQueue, { ...input, standingOrders: so }, nowMs);
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`input.${error.message}`);
      throw error;
    }
  },
  people(event: DecisionEvent) {
    switch (event.action) {
      case 'vote':
      case 'declare-interest':
        return [{ field: 'member', id: event.member }];
      case 'urgency-consent':
        return [{ field: 'by', id: event.by }];
      case 'call-in':
        return event.members.map((id, i) => ({ field: `members.${i}`, id }));
      default:
        return [];
    }
  },
  async apply(client, event, { so, input, workflowId }) {
    const handle = client.workflow.getHandle(workflowId);
    const officer = so.officers.democraticServices.email;
    switch (event.action) {
      case 'vote':
        return handle.executeUpdate(voteUpdate, { args: [{ member: event.member, vote: event.vote }] });
      case 'declare-interest':
        return handle.executeUpdate(declareInterestUpdate, {
          args: [{ member: event.member, interest: event.interest }],
        });
      case 'urgency-consent':
        return handle.executeUpdate(urgencyConsentUpdate, { args: [{ by: event.by, reason: event.reason }] });
      case 'call-in':
        return handle.executeUpdate(callInUpdate, {
          args: [{ members: event.members, grounds: event.grounds }],
        });
      case 'scrutiny-outcome':
        return handle.executeUpdate(scrutinyOutcomeUpdate, {
          args: [{ by: event.by ?? officer, outcome: event.outcome, reasons: event.reasons }],
        });
      case 'reconsider':
        return handle.executeUpdate(reconsiderationUpdate, {
          args: [{ by: event.by ?? officer, outcome: event.outcome, reasons: event.reasons }],
        });
      case 'resolve-escalation':
        return handle.executeUpdate(escalationResolutionUpdate, {
          args: [
            {
              by: event.by ?? officer,
              step: event.step,
              outcome: event.outcome,
              resolution: event.resolution,
            },
          ],
        });
      case 'withdraw':
        return handle.executeUpdate(withdrawUpdate, { args: [{ by: event.by, reason: event.reason }] });
      case 'parent-decision': {
        // Recorded by the partner's clerk (from the standing orders) unless the scenario names someone.
        const by =
          event.by ?? so.partners.find((p) => p.id === event.partner)?.clerk.email ?? 'clerk@example.org';
        const recommendation = client.workflow.getHandle(recommendationWorkflowId(so.board.id, input.ref));
        const perPartner = await recommendation.executeUpdate(recordParentDecisionUpdate, {
          args: [{ partner: event.partner, outcome: event.outcome, by, reasons: event.reasons }],
        });
        return Object.entries(perPartner)
          .map(([partner, outcome]) => `${partner}: ${outcome}`)
          .join(', ');
      }
    }
  },
  outcome: (result) => (result as DecisionResult).status,
});
