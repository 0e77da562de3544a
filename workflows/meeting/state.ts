import type { ItemOutcome, MeetingInputParsed } from '../../definitions';
import type { CivilDate } from '../../governance/civil-date';
import type { Arrangements, ItemNotices } from '../../governance/meetings';

/** An item on the agenda, with the notices it has and, for a late item, the chair's consent. */
export interface MeetingItem {
  ref: string;
  title: string;
  exemptParagraph: number | null;
  keyDecision: boolean;
  notices: { forwardPlan?: CivilDate; privateMeeting?: CivilDate };
  late?: { chair: string; reasons: string };
  /** The decision process that takes the item's outcome from this meeting. */
  decision?: string;
}

export interface Deferral {
  ref: string;
  reason: string;
  /** The board's next meeting, where it has one. */
  to?: CivilDate;
}

/**
 * When the agenda is (next) due, and the note it is published with when it is republished. The agenda's own
 * day follows the calendar (holiday news moves it); a republication is due on the day it was asked for.
 */
export interface AgendaDue {
  on: CivilDate;
  note?: string;
  followsCalendar?: boolean;
}

/** What the meeting has gathered so far; changed only through its methods. */
export class MeetingState {
  date: CivilDate;
  arrangements: Arrangements;
  /** The invitation's SEQUENCE: 0 as first sent, one more for each move and for the cancellation. */
  sequence = 0;
  private readonly items = new Map<string, MeetingItem>();
  readonly deferred: Deferral[] = [];
  agendaPublishedOn?: CivilDate;
  agendaEditions = 0;
  agendaDue?: AgendaDue;
  attendance?: { present: string[]; apologies: string[] };
  /** How many times the clerk has recorded attendance (each record is its own register entry). */
  attendanceRecords = 0;
  /** Interests declared at the meeting, by item. */
  private readonly interests = new Map<string, { member: string; interest: string }[]>();
  private readonly outcomes = new Map<string, ItemOutcome>();
  cancelled?: { reason: string; by: string };
  minutes: {
    draftDue?: CivilDate;
    draftPublishedOn?: CivilDate;
    draftBy?: string;
    approvedAt?: CivilDate;
    amendments?: string;
  } = {};
  /** Counts every change the process waits on: an item, a move, a cancellation, the draft, the approval. */
  changes = 0;

  constructor(
    readonly input: MeetingInputParsed,
    arrangements: Arrangements,
    agendaDay: CivilDate,
  ) {
    this.date = input.date;
    this.arrangements = arrangements;
    this.agendaDue = { on: agendaDay, followsCalendar: true };
  }

  get agenda(): MeetingItem[] {
    return [...this.items.values()];
  }

  item(ref: string): MeetingItem | undefined {
    return this.items.get(ref);
  }

  add(item: MeetingItem): void {
    this.items.set(item.ref, item);
    // A supplement: the agenda already out is published again with the late item.
    if (this.agendaPublishedOn && item.late)
      this.agendaDue = {
        on: this.agendaPublishedOn,
        note: `late item ${item.ref} added with the chair’s consent: ${item.late.reasons}`,
      };
    this.changes++;
  }

  /** The chair consented to take an item already on the agenda as a late item (it lacks a sign-off). */
  takeAsLate(ref: string, consent: { chair: string; reasons: string }): void {
    const item = this.items.get(ref);
    if (item) item.late = consent;
  }

  /**
   * Sends an item to the next meeting, with the reason: one not taken leaves this meeting's agenda; one
   * taken but not agreed (or inquorate) stays on it, as the minutes record it.
   */
  defer(deferral: Deferral): void {
    if (!this.outcomes.has(deferral.ref)) this.items.delete(deferral.ref);
    this.deferred.push(deferral);
  }

  /** Its officer withdrew the item: off the agenda, which is published again when `again` says so. */
  withdraw(ref: string, again: AgendaDue | undefined): void {
    this.items.delete(ref);
    if (this.agendaPublishedOn && again) this.agendaDue = again;
    this.changes++;
  }

  move(date: CivilDate, arrangements: Arrangements, agendaDue: AgendaDue | undefined): void {
    this.date = date;
    this.arrangements = arrangements;
    this.sequence += 1;
    this.agendaDue = agendaDue;
    this.changes++;
  }

  cancel(reason: string, by: string): void {
    this.cancelled = { reason, by };
    this.sequence += 1;
    this.changes++;
  }

  /** Holiday news moved the agenda's day. */
  agendaMoved(on: CivilDate): void {
    if (this.agendaDue) this.agendaDue = { ...this.agendaDue, on };
  }

  agendaPublished(on: CivilDate): void {
    this.agendaPublishedOn = on;
    this.agendaEditions += 1;
    this.agendaDue = undefined;
  }

  /** The notices an item has now, for the rule on moving a meeting. */
  noticesOf(item: MeetingItem): ItemNotices {
    return {
      ref: item.ref,
      exempt: item.exemptParagraph !== null,
      keyDecision: item.keyDecision,
      late: item.late !== undefined,
      ...item.notices,
      agenda: this.agendaPublishedOn,
    };
  }

  recordAttendance(
    present: string[],
    apologies: string[],
    interests: { member: string; ref: string; interest: string }[],
  ): void {
    this.attendance = { present, apologies };
    this.attendanceRecords += 1;
    for (const i of interests) {
      const declared = this.interests.get(i.ref) ?? [];
      if (!declared.some((d) => d.member === i.member))
        declared.push({ member: i.member, interest: i.interest });
      this.interests.set(i.ref, declared);
    }
  }

  interestsIn(ref: string): { member: string; interest: string }[] {
    return this.interests.get(ref) ?? [];
  }

  recordOutcome(outcome: ItemOutcome): void {
    this.outcomes.set(outcome.ref, outcome);
  }

  outcomeOf(ref: string): ItemOutcome | undefined {
    return this.outcomes.get(ref);
  }

  get allOutcomes(): ItemOutcome[] {
    return [...this.outcomes.values()];
  }

  minutesDue(on: CivilDate): void {
    this.minutes.draftDue = on;
  }

  draftMinutes(on: CivilDate, by: string): void {
    this.minutes.draftPublishedOn = on;
    this.minutes.draftBy = by;
    this.changes++;
  }

  approveMinutes(at: CivilDate, amendments: string): void {
    this.minutes.approvedAt = at;
    this.minutes.amendments = amendments;
    this.changes++;
  }
}
