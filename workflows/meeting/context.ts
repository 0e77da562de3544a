import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  meetingInputSchema,
  meetingStatusQuery,
  type MeetingInput,
  type MeetingInputParsed,
} from '../../definitions';
import { londonCivilDate, type CivilDate } from '../../governance/civil-date';
import { agendaPublicationDay, arrangementsOf } from '../../governance/meetings';
import { displayDate } from '../../governance/display-dates';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { Authority } from '../kit/refusals';
import { EFFECTS_TOGETHER, Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { WorkingCalendar } from '../kit/working-calendar';
import { meetingInvitation } from './invitation';
import { MeetingSignOffs } from './sign-off-state';
import { MeetingState } from './state';
import { MeetingTracker } from './status';

/** Meetings that wait for each sign-off's due day, chase it and defer items without it (issue 14 item 4). */
export const SIGN_OFFS = 'sign-offs';

/** What every stage of a meeting works with: the board's rules, what has been gathered, the process's means. */
export interface MeetingContext {
  input: MeetingInputParsed;
  so: StandingOrders;
  state: MeetingState;
  calendar: WorkingCalendar;
  tracker: MeetingTracker;
  effects: Effects;
  authority: Authority;
  signOffs: MeetingSignOffs;
  /** The register's meeting: "<board>/<date first arranged>", kept when it moves. */
  meetingId: string;
  today: () => CivilDate;
  agendaDay: (date: CivilDate) => CivilDate;
  invitation: (method: 'REQUEST' | 'CANCEL') => ReturnType<typeof meetingInvitation>;
}

/** Reads the meeting and sets up its process: status query, effects, the authority audit. */
export function openMeeting(raw: MeetingInput): MeetingContext {
  const input = parseWorkflowInput(meetingInputSchema, raw);
  const { standingOrders: so, date: _date, by: _by, ...own } = input;
  const { workflowId } = workflowInfo();
  const calendar = new WorkingCalendar(so.holidays.region, so.holidays.adjustments);
  const agendaDay = (date: CivilDate) => agendaPublicationDay(date, so.notice, calendar.current);
  const state = new MeetingState(input, arrangementsOf(so, own), agendaDay(input.date));
  const processTitle = `Meeting of ${so.board.name} (first arranged for ${displayDate(input.date)})`;
  const rules = so.signOffs ?? [];
  // Only a board that asks for sign-offs gives its new meetings the marker: other meetings' commands are unchanged.
  const signOffs = new MeetingSignOffs(rules, rules.length > 0 && patched(SIGN_OFFS));
  const tracker = new MeetingTracker(so, state, processTitle, () => signOffs.view(state.agenda));
  setHandler(meetingStatusQuery, () => tracker.status);
  const effects = new Effects({
    workflowId,
    boardId: so.board.id,
    processTitle,
    entry: { meetingId: `${so.board.id}/${input.date}` },
  });
  // A stage's entries and mail as one activity (issue 17): a meeting runs as many as its items' decisions.
  if (patched(EFFECTS_TOGETHER)) effects.writeTogether();
  return {
    input,
    so,
    state,
    calendar,
    tracker,
    effects,
    authority: new Authority({
      workflowId,
      boardId: so.board.id,
      step: (n) => effects.stepKey('refused', n),
    }),
    signOffs,
    meetingId: `${so.board.id}/${input.date}`,
    today: () => londonCivilDate(Date.now()),
    agendaDay,
    invitation: (method) =>
      meetingInvitation({
        boardId: so.board.id,
        boardName: so.board.name,
        originalDate: input.date,
        date: state.date,
        arrangements: state.arrangements,
        sequence: state.sequence,
        method,
      }),
  };
}
