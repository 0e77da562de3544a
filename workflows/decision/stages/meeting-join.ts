import { patched, workflowInfo } from '@temporalio/workflow';
import { meetingInputSchema, type MeetingInput } from '../../../definitions';
import { describeZodError } from '../../../definitions/validation';
import { agendaPublicationDay, isLateItem } from '../../../governance/meetings';
import { listOnMeeting } from '../../kit/proxies';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';

/**
 * Items of decisions started before meetings were processes of their own published their own agenda and
 * sent their own invitation; those keep doing so.
 */
export const JOIN_MEETING = 'join-meeting';

/**
 * The item asks its meeting (meeting/<board>/<date>) to list it, starting the meeting's process if none
 * runs yet: the meeting publishes one agenda and sends one invitation per member, and gives the item the
 * clerk's record. True when listed; otherwise (a meeting that cannot be arranged, or that refuses the item)
 * the item gives its own agenda notice, as before, and says why.
 */
export async function joinMeeting(context: DecisionContext, state: DecisionState): Promise<boolean> {
  if (!patched(JOIN_MEETING)) return false;
  const { so, input, tracker, exempt } = context;
  const by = so.officers.democraticServices.email;
  const meeting: MeetingInput = { standingOrders: so, date: state.meeting, by };
  // Too late for the agenda, the item could only be a late item (the chair's consent): it gives its own notice
  // rather than arrange a meeting that would refuse it.
  const agendaDay = agendaPublicationDay(state.meeting, so.notice, context.calendar.current);
  if (isLateItem(context.today(), agendaDay, false)) {
    tracker.step('meeting-not-joined', `the agenda for ${state.meeting} was due on ${agendaDay}`);
    return false;
  }
  const arrangeable = meetingInputSchema.safeParse(meeting);
  if (!arrangeable.success) {
    tracker.step(
      'meeting-not-joined',
      `the meeting cannot be arranged: ${describeZodError(arrangeable.error)}`,
    );
    return false;
  }
  const { workflowId } = workflowInfo();
  const answer = await listOnMeeting(
    {
      meeting,
      item: {
        by,
        ref: input.ref,
        title: input.title,
        exemptParagraph: exempt ? input.exemptParagraph : null,
        keyDecision: context.classification.keyDecision,
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
  if (answer.ok) state.listedOnMeeting();
  return answer.ok;
}
