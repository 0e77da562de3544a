import { SA, type ItemSignOff, type MeetingStage, type MeetingStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { londonInstant } from '../../governance/civil-date';
import { displayDate, displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { agendaOrder, meetingLocation } from '../../governance/meetings';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { StatusTracker } from '../kit/tracker';
import type { MeetingState } from './state';

/**
 * The meeting's readable state: the status query's answer (its time and place, the agenda in order, what
 * was deferred, attendance, outcomes, minutes), the search attributes a manager lists meetings by (upserted
 * only when they change) and the Web UI's current details.
 */
export class MeetingTracker extends StatusTracker<MeetingStatus> {
  constructor(
    private readonly so: StandingOrders,
    private readonly state: MeetingState,
    private readonly title: string,
    private readonly signOffs: () => ItemSignOff[],
  ) {
    super(
      {
        process: 'meeting',
        boardId: so.board.id,
        stage: 'scheduled',
        waitingFor: '',
        steps: [],
        meeting: { date: state.date, originalDate: state.input.date, sequence: 0, ...state.arrangements },
        agenda: [],
        deferred: [],
        outcomes: [],
        minutes: {},
      },
      'when-changed',
    );
  }

  /** Moves to a stage, waiting for `waitingFor` until `deadline` (an ISO instant), and renders the state. */
  show(stage: MeetingStage, waitingFor: string, deadline?: string): void {
    const { status, state } = this;
    status.stage = stage;
    status.waitingFor = waitingFor;
    status.nextDeadline = deadline;
    this.refresh();
    this.publish(
      [
        { key: SA.board, value: this.so.board.id },
        { key: SA.process, value: 'meeting' },
        { key: SA.stage, value: stage },
        { key: SA.meetingDate, value: new Date(londonInstant(state.date, state.arrangements.startTime)) },
        { key: SA.waitingFor, value: waitingFor.slice(0, 200) },
        { key: SA.nextDeadline, value: deadline ? new Date(deadline) : null },
      ],
      this.details(),
    );
  }

  /** Renders what an Update changed without changing the stage. */
  again(): void {
    this.show(this.status.stage, this.status.waitingFor, this.status.nextDeadline);
  }

  private refresh(): void {
    const { status, state } = this;
    status.meeting = {
      date: state.date,
      originalDate: state.input.date,
      sequence: state.sequence,
      ...state.arrangements,
    };
    status.agenda = agendaOrder(state.agenda);
    status.agendaPublishedOn = state.agendaPublishedOn;
    status.deferred = [...state.deferred];
    status.attendance = state.attendance;
    status.outcomes = state.allOutcomes;
    status.minutes = {
      draftDue: state.minutes.draftDue,
      draftPublishedOn: state.minutes.draftPublishedOn,
      approvedAt: state.minutes.approvedAt,
    };
    const signOffs = this.signOffs();
    if (signOffs.length) status.signOffs = signOffs;
  }

  private overdue(): string {
    const late = (this.status.signOffs ?? []).filter((s) => s.overdue);
    return late.length
      ? `- Sign-offs overdue: ${late.map((s) => `${s.ref} ${s.role} (${s.officer})`).join(', ')}`
      : '';
  }

  // Current details are no command (nothing in the history): dates are shown as people read them.
  private details(): string[] {
    const { status, state } = this;
    const { arrangements: a } = state;
    return [
      `**${markdownText(this.title)}**`,
      `- Stage: **${status.stage}**`,
      `- When: ${displayDate(state.date)}, ${a.startTime} to ${a.endTime}${state.sequence ? ` (invitation version ${state.sequence})` : ''}`,
      `- Where: ${markdownText(meetingLocation(a))} (${a.attendance})`,
      `- Agenda: ${state.agenda.length} item(s); ${state.agendaPublishedOn ? `published ${displayDate(state.agendaPublishedOn)}` : 'not yet published'}`,
      this.overdue(),
      state.deferred.length ? `- Deferred: ${state.deferred.map((d) => d.ref).join(', ')}` : '',
      state.attendance
        ? `- Present: ${state.attendance.present.length}; apologies: ${state.attendance.apologies.length}`
        : '',
      status.outcomes.length
        ? `- Outcomes: ${status.outcomes.map((o) => `${o.ref} ${o.outcome}`).join(', ')}`
        : '',
      state.minutes.draftDue
        ? `- Draft minutes due: ${displayDate(state.minutes.draftDue)}${state.minutes.draftPublishedOn ? ' (published)' : ''}`
        : '',
      `- Waiting for: ${markdownText(displayDatesIn(status.waitingFor))}`,
      status.nextDeadline ? `- Next deadline: ${displayDeadline(status.nextDeadline)}` : '',
    ];
  }
}
