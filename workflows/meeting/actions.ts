import type { z } from 'zod';
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
  moveMeetingSchema,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  withdrawItemSchema,
  withdrawItemUpdate,
  type MeetingStage,
} from '../../definitions';
import { democraticServicesRefusal } from '../../governance/authority';
import { compareCivilDates } from '../../governance/civil-date';
import { MEETING_ALLOWED_IN, type MeetingAction } from '../../governance/meeting-stages';
import {
  arrangementProblems,
  arrangementsOf,
  isLateItem,
  lateItemConsentProblem,
  noticeAfterMove,
} from '../../governance/meetings';
import { action } from '../kit/actions';
import type { MeetingContext } from './context';
import { addToAgenda, cancel, move, withdrawItem } from './changes';
import { checkAttendance, checkOutcome, recordAttendance, recordOutcome } from './record';
import { signOffActions } from './sign-offs';
import type { MeetingItem } from './state';

const refuse = (message: string): never => {
  throw new Error(message);
};

/** Democratic services acts on the meeting; each action is allowed in the stages the rule lists. */
function officerAction<P extends { by: string }>(
  context: MeetingContext,
  name: MeetingAction,
  what: string,
  /** What a refusal out of turn says, where the stage calls for more than the stage's name. */
  otherwise?: (stage: MeetingStage) => string | undefined,
) {
  const { so, tracker } = context;
  return {
    who: (p: P) => democraticServicesRefusal(so, p.by, what),
    actor: (p: P) => p.by,
    allowed: {
      in: MEETING_ALLOWED_IN[name],
      otherwise: (stage: MeetingStage) =>
        otherwise?.(stage) ?? `${name}: not while the meeting is ${stage} (${tracker.status.waitingFor})`,
    },
  };
}

/** An item's notices must comply with the meeting it joins: the same rule as for a move. */
function checkItem(context: MeetingContext, item: MeetingItem): void {
  const { state, so, calendar, today } = context;
  if (state.item(item.ref)) refuse(`ref: ${item.ref} is already on the agenda`);
  if (state.deferred.some((d) => d.ref === item.ref))
    refuse(`ref: ${item.ref} was deferred from this meeting`);
  // A decision process has judged its own notices (Forward Plan, general exception, special urgency).
  if (item.decision) return;
  const notice = noticeAfterMove(state.noticesOf(item), state.date, today(), so.notice, calendar.current);
  if (!notice.complies) refuse(`notices: ${notice.reason}`);
}

const itemOf = (p: {
  ref: string;
  title: string;
  exemptParagraph: number | null;
  keyDecision: boolean;
  notices: MeetingItem['notices'];
  decision?: string;
}): MeetingItem => ({
  ref: p.ref,
  title: p.title,
  exemptParagraph: p.exemptParagraph,
  keyDecision: p.keyDecision,
  notices: p.notices,
  ...(p.decision ? { decision: p.decision } : {}),
});

/** What democratic services may do to a meeting: one Update each. */
export function meetingActions(context: MeetingContext) {
  const { state, today, agendaDay } = context;
  return {
    addItem: action(addItemUpdate, {
      schema: agendaItemSchema,
      ...officerAction<z.output<typeof agendaItemSchema>>(
        context,
        'addItem',
        'add items to the agenda',
        (stage) =>
          stage === 'agenda-published' || stage === 'in-session'
            ? `ref: the agenda for ${state.date} is out (published ${state.agendaPublishedOn}); an item added now can only be a late item, with the chair’s consent and reasons (addLateItem)`
            : undefined,
      ),
      check: (p) => {
        const day = agendaDay(state.date);
        if (isLateItem(today(), day, state.agendaPublishedOn !== undefined))
          refuse(
            `ref: the agenda for ${state.date} was due on ${day}; ${p.ref} can only be a late item, with the chair’s consent and reasons (addLateItem)`,
          );
        checkItem(context, itemOf(p));
      },
      apply: (p) => addToAgenda(context, itemOf(p)),
    }),
    addLateItem: action(addLateItemUpdate, {
      schema: lateItemSchema,
      ...officerAction<z.output<typeof lateItemSchema>>(context, 'addLateItem', 'add late items'),
      check: (p) => {
        const problem = lateItemConsentProblem(context.so, p.chairConsent);
        if (problem) refuse(problem);
        checkItem(context, { ...itemOf(p), late: p.chairConsent });
      },
      apply: (p) => addToAgenda(context, { ...itemOf(p), late: p.chairConsent }),
    }),
    moveMeeting: action(moveMeetingUpdate, {
      schema: moveMeetingSchema,
      ...officerAction<z.output<typeof moveMeetingSchema>>(context, 'moveMeeting', 'move the meeting'),
      check: (p) => {
        if (compareCivilDates(p.date, today()) <= 0)
          refuse(`date: ${p.date} is not after today (${today()})`);
        const { by: _by, date: _date, reason: _reason, ...own } = p;
        if (p.date === state.date && Object.keys(own).length === 0)
          refuse(`date: the meeting is already on ${p.date}; say what moves`);
        const moved = arrangementsOf({ meetingArrangements: state.arrangements }, own);
        for (const problem of arrangementProblems(moved)) refuse(`${problem.field}: ${problem.message}`);
      },
      apply: (p) => move(context, p),
    }),
    cancelMeeting: action(cancelMeetingUpdate, {
      schema: cancelMeetingSchema,
      ...officerAction<z.output<typeof cancelMeetingSchema>>(context, 'cancelMeeting', 'cancel the meeting'),
      apply: (p) => cancel(context, p.reason, p.by),
    }),
    withdrawItem: action(withdrawItemUpdate, {
      schema: withdrawItemSchema,
      ...officerAction<z.output<typeof withdrawItemSchema>>(
        context,
        'withdrawItem',
        'withdraw items from the agenda',
      ),
      check: (p) => {
        if (!state.item(p.ref)) refuse(`ref: ${p.ref} is not on the agenda for ${state.date}`);
        if (state.outcomeOf(p.ref)) refuse(`ref: the meeting has recorded its outcome for ${p.ref}`);
      },
      apply: (p) => withdrawItem(context, p),
    }),
    recordAttendance: action(recordAttendanceUpdate, {
      schema: attendanceSchema,
      ...officerAction<z.output<typeof attendanceSchema>>(context, 'recordAttendance', 'record attendance'),
      check: (p) => checkAttendance(context, p),
      apply: (p) => recordAttendance(context, p),
    }),
    recordItemOutcome: action(recordItemOutcomeUpdate, {
      schema: itemOutcomeSchema,
      ...officerAction<z.output<typeof itemOutcomeSchema>>(
        context,
        'recordItemOutcome',
        'record the meeting’s votes and resolutions',
      ),
      check: (p) => checkOutcome(context, p),
      apply: (p) => recordOutcome(context, p),
    }),
    publishDraftMinutes: action(publishDraftMinutesUpdate, {
      schema: draftMinutesSchema,
      ...officerAction<z.output<typeof draftMinutesSchema>>(
        context,
        'publishDraftMinutes',
        'publish the draft minutes',
      ),
      apply: (p) => {
        state.draftMinutes(today(), p.by);
        return `the draft minutes of ${state.date} are published`;
      },
    }),
    approveMinutes: action(approveMinutesUpdate, {
      schema: approveMinutesSchema,
      ...officerAction<z.output<typeof approveMinutesSchema>>(
        context,
        'approveMinutes',
        'record the approval of the minutes',
      ),
      check: (p) => {
        if (compareCivilDates(p.approvedAt, state.date) <= 0)
          refuse(`approvedAt: minutes are approved at a later meeting than the one on ${state.date}`);
        if (compareCivilDates(p.approvedAt, today()) > 0)
          refuse(`approvedAt: ${p.approvedAt} has not happened yet (today is ${today()})`);
      },
      apply: (p) => {
        state.approveMinutes(p.approvedAt, p.amendments);
        return `the minutes of ${state.date} are approved (at the meeting on ${p.approvedAt})`;
      },
    }),
    ...signOffActions(context),
  };
}
