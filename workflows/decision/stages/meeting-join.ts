import { patched, workflowInfo } from '@temporalio/workflow';
import {
  meetingOfParsedStandingOrdersSchema,
  meetingWorkflowId,
  type MeetingInput,
} from '../../../definitions';
import { describeZodError } from '../../../definitions/validation';
import { agendaPublicationDay, isLateItem } from '../../../governance/meetings';
import { listOnMeeting, withdrawFromMeeting } from '../../kit/proxies';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';

/**
 * Items of decisions started before meetings were processes of their own published their own agenda and
 * sent their own invitation; those keep doing so.
 */
export const JOIN_MEETING = 'join-meeting';

/** Items withdrawn before they left their meeting's agenda stayed on it; those keep their history. */
export const LEAVE_MEETING = 'leave-meeting';

/**
 * The item asks its meeting (meeting/<board>/<date>) to list it, starting the meeting's process if none
 * runs yet: the meeting publishes one agenda and sends one invitation per member, and gives the item the
 * clerk's record. True when listed; otherwise (a meeting that cannot be arranged, or that refuses the item)
 * the item gives its own agenda notice, as before, and says why.
 */
export async function joinMeeting(context: DecisionContext, state: DecisionState): Promise<boolean> {
  if (!patched(JOIN_MEETING)) return false;
  const { so, input, tracker, exempt } = context;
  // Its meeting moved: the item is on that meeting's agenda still, for the new date.
  if (state.onMeetingAgenda) return true;
  const by = so.officers.democraticServices.email;
  const meeting: MeetingInput = { standingOrders: so, date: state.meeting, by };
  // Too late for the agenda, the item could only be a late item (the chair's consent): it gives its own notice
  // rather than arrange a meeting that would refuse it.
  const agendaDay = agendaPublicationDay(state.meeting, so.notice, context.calendar.current);
  if (isLateItem(context.today(), agendaDay, false)) {
    tracker.step('meeting-not-joined', `the agenda for ${state.meeting} was due on ${agendaDay}`);
    return false;
  }
  const arrangeable = meetingOfParsedStandingOrdersSchema.safeParse(meeting);
  if (!arrangeable.success) {
    tracker.step(
      'meeting-not-joined',
      `the meeting cannot be arranged: ${describeZodError(arrangeable.error)}`,
    );
    return false;
  }
  const { workflowId } = workflowInfo();
  if (context.effects.writesTogether) await context.effects.written();
  const answer = await listOnMeeting(
    {
      meeting,
      item: {
        by,
        ref: input.ref,
        title: input.title,
        exemptParagraph: exempt ? input.exemptParagraph : null,
        keyDecision: context.classification.keyDecision,
        // So the meeting can judge, if it moves, whether they still reach its new date.
        notices: state.givenNotices,
        decision: workflowId,
      },
      updateId: `${workflowId}/agenda/${state.meeting}`,
    },
    `Ask the meeting on ${state.meeting} to list the item`,
  );
  tracker.step(
    answer.ok ? 'meeting-joined' : 'meeting-not-joined',
    answer.ok ? answer.receipt : answer.reason,
  );
  if (answer.ok) state.listedOnMeeting(meetingWorkflowId(so.board.id, state.meeting));
  return answer.ok;
}

/**
 * A withdrawn item leaves its meeting's agenda (an agenda already out is published again with a note). A
 * refusal (the meeting has recorded its outcome, or has ended) is kept as a step.
 */
export async function leaveMeeting(context: DecisionContext, state: DecisionState): Promise<void> {
  const meetingId = state.listingMeeting;
  if (!meetingId || !patched(LEAVE_MEETING)) return;
  const { so, input, tracker } = context;
  const withdrawal = state.withdrawal!;
  if (context.effects.writesTogether) await context.effects.written();
  const answer = await withdrawFromMeeting(
    {
      meetingId,
      withdrawal: {
        by: so.officers.democraticServices.email,
        ref: input.ref,
        reason: `withdrawn by ${withdrawal.by}: ${withdrawal.reason}`,
      },
      updateId: `${workflowInfo().workflowId}/withdraw/${state.meeting}`,
    },
    `Take the item off the agenda for ${state.meeting}`,
  );
  tracker.step(answer.ok ? 'meeting-left' : 'meeting-not-left', answer.ok ? answer.receipt : answer.reason);
}
