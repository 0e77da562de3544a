import { z } from 'zod';
import {
  boardInputSchema,
  boardWorkflowId,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  reviewOutcomeDecisionSchema,
  reviseTermsOfReferenceUpdate,
  selfAssessmentSchema,
  submitSelfAssessmentUpdate,
  termsOfReferenceDecisionSchema,
  termsOfReferenceRevisionSchema,
  type BoardResult,
  type BoardStatus,
  type PartnerKind,
} from '../../../definitions';
import { londonCivilDate } from '../../../governance/civil-date';
import type { StandingOrders } from '../../../governance/standing-orders/schema';
import { parseInput } from '../../../definitions/errors';
import { proposeBoard } from '../../processes/board';
import { eventSchema } from '../format';
import { defineProcess, heldTo } from '../process';

/** Stands in for the clerk's or officer's address while the event is checked; the real one is filled in when sent. */
const SOMEONE = { by: 'someone@example.org' };

/**
 * Scenario events for a board (P1, P2), one per Update of definitions/board.ts. A clerk's or democratic
 * services' address (`by`) defaults to the one in the standing orders, so a scenario names only the body.
 */
const boardEvent = z.discriminatedUnion('action', [
  heldTo(
    eventSchema('approve-tor', { ...termsOfReferenceDecisionSchema.shape, by: z.email().optional() }),
    termsOfReferenceDecisionSchema,
    SOMEONE,
  ),
  heldTo(
    eventSchema('revise-tor', { ...termsOfReferenceRevisionSchema.shape, by: z.email().optional() }),
    termsOfReferenceRevisionSchema,
    SOMEONE,
  ),
  eventSchema('self-assessment', selfAssessmentSchema.shape),
  heldTo(
    eventSchema('review-outcome', { ...reviewOutcomeDecisionSchema.shape, by: z.email().optional() }),
    reviewOutcomeDecisionSchema,
    SOMEONE,
  ),
]);

type BoardEvent = z.output<typeof boardEvent>;

/** What a scenario gives to propose a board: the standing orders come from the scenario itself. */
const scenarioInputSchema = z.strictObject({
  termsOfReference: boardInputSchema.shape.termsOfReference,
  firstMeeting: boardInputSchema.shape.firstMeeting,
  proposedOn: boardInputSchema.shape.proposedOn,
  selfAssessmentWorkingDays: boardInputSchema.shape.selfAssessmentWorkingDays.optional(),
});

function clerkOf(so: StandingOrders, body: PartnerKind): string {
  return so.partners.find((p) => p.kind === body)?.clerk.email ?? SOMEONE.by;
}

export const boardProcess = defineProcess({
  input(raw, so, { startMs }) {
    const given = parseInput(scenarioInputSchema, raw, 'input');
    // Proposed on the day the rehearsal starts unless the scenario says otherwise, as the workflow would
    // assume; said here so the board's own cross-field rules (first meeting by the approval deadline) run now.
    const input = { ...given, proposedOn: given.proposedOn ?? londonCivilDate(startMs) };
    parseInput(boardInputSchema, { ...input, standingOrders: so }, 'input');
    return input;
  },
  eventSchema: boardEvent,
  workflowId: (_input, so) => boardWorkflowId(so.board.id),
  start: (client, taskQueue, input, so) =>
    proposeBoard(client, taskQueue, {
      standingOrders: so,
      termsOfReference: input.termsOfReference!,
      firstMeeting: input.firstMeeting!,
      proposedOn: input.proposedOn,
      ...(input.selfAssessmentWorkingDays
        ? { selfAssessmentWorkingDays: input.selfAssessmentWorkingDays }
        : {}),
    }),
  people: (event: BoardEvent) =>
    event.action === 'self-assessment' ? [{ field: 'member', id: event.member }] : [],
  async apply(client, event, { so, workflowId }) {
    const handle = client.workflow.getHandle(workflowId);
    switch (event.action) {
      case 'approve-tor': {
        const draft = await handle.executeUpdate(decideTermsOfReferenceUpdate, {
          args: [
            {
              body: event.body,
              outcome: event.outcome,
              by: event.by ?? clerkOf(so, event.body),
              comments: event.comments,
              version: event.version,
            },
          ],
        });
        return draft
          ? `version ${draft.version}: council ${draft.decisions.council}, nhs ${draft.decisions.nhs}`
          : 'recorded';
      }
      case 'revise-tor': {
        const revised = await handle.executeUpdate(reviseTermsOfReferenceUpdate, {
          args: [{ text: event.text, by: event.by ?? so.officers.democraticServices.email }],
        });
        return `version ${revised.version} submitted`;
      }
      case 'self-assessment': {
        const { received, outstanding } = await handle.executeUpdate(submitSelfAssessmentUpdate, {
          args: [{ member: event.member, rating: event.rating, comments: event.comments }],
        });
        return `${received} received, ${outstanding.length} outstanding`;
      }
      case 'review-outcome': {
        const outcomes = await handle.executeUpdate(decideReviewOutcomeUpdate, {
          args: [
            {
              body: event.body,
              outcome: event.outcome,
              by: event.by ?? clerkOf(so, event.body),
              comments: event.comments,
              extension: event.extension,
            },
          ],
        });
        return `council ${outcomes.council}, nhs ${outcomes.nhs}`;
      }
    }
  },
  outcome: (result) => (result as BoardResult).status,
  // A board runs for as long as it exists: once established it is "established" at `until`, whatever review is under way.
  running: (status) => ((status as BoardStatus).establishedOn ? 'established' : 'in-progress'),
});
