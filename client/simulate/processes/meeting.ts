import { z } from 'zod';
import {
  addItemUpdate,
  addLateItemUpdate,
  agendaItemSchema,
  approveMinutesSchema,
  approveMinutesUpdate,
  attendanceSchema,
  cancelMeetingSchema,
  cancelMeetingUpdate,
  draftMinutesSchema,
  itemOutcomeSchema,
  lateItemSchema,
  meetingFieldsSchema,
  meetingInputSchema,
  meetingWorkflowId,
  moveMeetingSchema,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  withdrawItemSchema,
  withdrawItemUpdate,
  type MeetingResult,
  type MeetingStatus,
} from '../../../definitions';
import { UserError, parseInput } from '../../../definitions/errors';
import { londonCivilDate } from '../../../governance/civil-date';
import type { StandingOrders } from '../../../governance/standing-orders/schema';
import { startMeeting } from '../../processes/meeting';
import { eventSchema } from '../format';
import { defineProcess, heldTo } from '../process';

/** Stands in for democratic services' address while an event is checked; the real one is filled in when sent. */
const SOMEONE = { by: 'someone@example.org' };
/** Democratic services acts on a meeting: the standing orders' address unless the scenario names someone. */
const officer = { by: agendaItemSchema.shape.by.optional() };

/**
 * Scenario events for a meeting (issue 14), one per Update of definitions/meeting.ts with the same fields,
 * named as `govflow meeting` names them. Items are plain agenda items: a scenario's meeting has no decision
 * processes, so `decision` is refused, and the meeting judges each item's own notices.
 */
const meetingEvent = z.discriminatedUnion('action', [
  heldTo(
    eventSchema('add-item', { ...agendaItemSchema.omit({ decision: true }).shape, ...officer }),
    agendaItemSchema,
    SOMEONE,
  ),
  heldTo(
    eventSchema('add-late-item', { ...lateItemSchema.omit({ decision: true }).shape, ...officer }),
    lateItemSchema,
    SOMEONE,
  ),
  heldTo(eventSchema('move', { ...moveMeetingSchema.shape, ...officer }), moveMeetingSchema, SOMEONE),
  heldTo(eventSchema('cancel', { ...cancelMeetingSchema.shape, ...officer }), cancelMeetingSchema, SOMEONE),
  heldTo(
    eventSchema('withdraw-item', { ...withdrawItemSchema.shape, ...officer }),
    withdrawItemSchema,
    SOMEONE,
  ),
  heldTo(eventSchema('attend', { ...attendanceSchema.shape, ...officer }), attendanceSchema, SOMEONE),
  heldTo(eventSchema('outcome', { ...itemOutcomeSchema.shape, ...officer }), itemOutcomeSchema, SOMEONE),
  heldTo(
    eventSchema('publish-minutes', { ...draftMinutesSchema.shape, ...officer }),
    draftMinutesSchema,
    SOMEONE,
  ),
  heldTo(
    eventSchema('approve-minutes', { ...approveMinutesSchema.shape, ...officer }),
    approveMinutesSchema,
    SOMEONE,
  ),
]);

type MeetingEvent = z.output<typeof meetingEvent>;

/** What `govflow meeting start` takes; the standing orders come from the scenario, `by` from them by default. */
const scenarioInputSchema = z.strictObject({
  ...meetingFieldsSchema.omit({ standingOrders: true }).shape,
  ...officer,
});

/** The event's fields as its Update's payload, sent by democratic services unless it names someone. */
function payloadOf<E extends MeetingEvent>(event: E, so: StandingOrders) {
  const { at: _at, action: _action, ...fields } = event;
  return { ...fields, by: event.by ?? so.officers.democraticServices.email };
}

export const meetingProcess = defineProcess({
  input(raw, so) {
    const given = parseInput(scenarioInputSchema, raw, 'input');
    const input = { ...given, by: given.by ?? so.officers.democraticServices.email };
    // The meeting's own cross-field rules (a venue or a link members can attend by) before anything runs.
    parseInput(meetingInputSchema, { ...input, standingOrders: so }, 'input');
    return input;
  },
  eventSchema: meetingEvent,
  workflowId: (input, so) => meetingWorkflowId(so.board.id, input.date),
  async start(client, taskQueue, input, so, nowMs) {
    try {
      // The CLI's own start: the date after today, the summary, the search attributes, never started twice.
      return await startMeeting(client, taskQueue, { ...input, standingOrders: so }, londonCivilDate(nowMs));
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`input.${error.message}`);
      throw error;
    }
  },
  people(event: MeetingEvent) {
    switch (event.action) {
      case 'add-late-item':
        return [{ field: 'chairConsent.chair', id: event.chairConsent.chair }];
      case 'attend':
        return [
          ...event.present.map((id, i) => ({ field: `present.${i}`, id })),
          ...event.apologies.map((id, i) => ({ field: `apologies.${i}`, id })),
          ...event.interests.map((d, i) => ({ field: `interests.${i}.member`, id: d.member })),
        ];
      case 'outcome':
        return Object.keys(event.votes ?? {}).map((id) => ({ field: `votes.${id}`, id }));
      default:
        return [];
    }
  },
  apply(client, event, { so, workflowId }) {
    const handle = client.workflow.getHandle(workflowId);
    switch (event.action) {
      case 'add-item':
        return handle.executeUpdate(addItemUpdate, { args: [payloadOf(event, so)] });
      case 'add-late-item':
        return handle.executeUpdate(addLateItemUpdate, { args: [payloadOf(event, so)] });
      case 'move':
        return handle.executeUpdate(moveMeetingUpdate, { args: [payloadOf(event, so)] });
      case 'cancel':
        return handle.executeUpdate(cancelMeetingUpdate, { args: [payloadOf(event, so)] });
      case 'withdraw-item':
        return handle.executeUpdate(withdrawItemUpdate, { args: [payloadOf(event, so)] });
      case 'attend':
        return handle.executeUpdate(recordAttendanceUpdate, { args: [payloadOf(event, so)] });
      case 'outcome':
        return handle.executeUpdate(recordItemOutcomeUpdate, { args: [payloadOf(event, so)] });
      case 'publish-minutes':
        return handle.executeUpdate(publishDraftMinutesUpdate, { args: [payloadOf(event, so)] });
      case 'approve-minutes':
        return handle.executeUpdate(approveMinutesUpdate, { args: [payloadOf(event, so)] });
    }
  },
  outcome: (result) => (result as MeetingResult).outcome,
  // Where the meeting has got to at `until`: agenda-published, in-session, minutes-drafted...
  running: (status) => (status as MeetingStatus).stage,
});
