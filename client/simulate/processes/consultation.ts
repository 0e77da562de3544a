import { z } from 'zod';
import {
  consultationBodyAnswerSchema,
  consultationInputSchema,
  consultationReportSchema,
  consultationResponsesSchema,
  consultationWorkflowId,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
  type ConsultationInput,
  type ConsultationResult,
  type ConsultationStatus,
} from '../../../definitions';
import { UserError, parseInput } from '../../../definitions/errors';
import { runBy } from '../../commands/consultation';
import { startConsultation } from '../../processes/consultation';
import { eventSchema } from '../format';
import { defineProcess, heldTo } from '../process';

/** Stands in for the officer's or clerk's address while the event is checked; the real one is filled in when sent. */
const SOMEONE = { by: 'someone@example.org' };

/**
 * Scenario events for a public consultation (P7), one per Update of definitions/consultation.ts, named as
 * the CLI's commands are. The officers' records default to democratic services, a body's answer to that
 * body's clerk (both from the standing orders), so a scenario names only what happened.
 */
const consultationEvent = z.discriminatedUnion('action', [
  heldTo(
    eventSchema('responses', { ...consultationResponsesSchema.shape, by: z.email().optional() }),
    consultationResponsesSchema,
    SOMEONE,
  ),
  heldTo(
    eventSchema('report', { ...consultationReportSchema.shape, by: z.email().optional() }),
    consultationReportSchema,
    SOMEONE,
  ),
  heldTo(
    eventSchema('decide', {
      body: consultationBodyAnswerSchema.shape.body,
      answer: consultationBodyAnswerSchema.shape.answer,
      resolution: consultationBodyAnswerSchema.shape.resolution,
      by: z.email().optional(),
    }),
    consultationBodyAnswerSchema,
    SOMEONE,
  ),
]);

/**
 * What `govflow consultation start` takes from the officer; the board, its officers and the three bodies
 * come from the scenario's standing orders, as the CLI takes them from the registered ones.
 */
const scenarioInputSchema = z.strictObject(
  consultationInputSchema.pick({
    ref: true,
    subject: true,
    affected: true,
    methods: true,
    howToRespond: true,
    periodWeeks: true,
    reminderDaysBefore: true,
  }).shape,
);

export const consultationProcess = defineProcess({
  input(raw, so) {
    const given = parseInput(scenarioInputSchema, raw, 'input');
    const input: ConsultationInput = { ...given, boardId: so.board.id, ...runBy(so) };
    return parseInput(consultationInputSchema, input, 'input');
  },
  eventSchema: consultationEvent,
  workflowId: (input) => consultationWorkflowId(input.boardId, input.ref),
  async start(client, taskQueue, input) {
    try {
      // The CLI's own start: summaries and search attributes; it opens on the day it starts.
      return await startConsultation(client, taskQueue, input);
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`input.${error.message}`);
      throw error;
    }
  },
  async apply(client, event, { so, input, workflowId }) {
    const handle = client.workflow.getHandle(workflowId);
    const officer = so.officers.democraticServices.email;
    switch (event.action) {
      case 'responses': {
        const tally = await handle.executeUpdate(recordConsultationResponsesUpdate, {
          args: [{ by: event.by ?? officer, count: event.count, themes: event.themes }],
        });
        return `${tally.count} responses in all`;
      }
      case 'report': {
        await handle.executeUpdate(recordConsultationReportUpdate, {
          args: [{ by: event.by ?? officer, summary: event.summary }],
        });
        return 'outcome reported to the three bodies';
      }
      case 'decide': {
        const bodies = await handle.executeUpdate(recordConsultationBodyAnswerUpdate, {
          args: [
            {
              by: event.by ?? input.bodies[event.body].clerk.email,
              body: event.body,
              answer: event.answer,
              resolution: event.resolution,
            },
          ],
        });
        return Object.entries(bodies)
          .map(([body, answer]) => `${body}: ${answer}`)
          .join(', ');
      }
    }
  },
  outcome: (result) => (result as ConsultationResult).outcome,
  // open, closed (awaiting the outcome report) or reported (awaiting the bodies) at `until`.
  running: (status) => (status as ConsultationStatus).stage,
});
