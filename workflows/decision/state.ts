import type { CivilDate } from '../../governance/civil-date';
import type { Vote } from '../../governance/voting';

/** Thrown inside the process when an officer withdraws the item; caught at the top. */
export class Withdrawn extends Error {}

/** Thrown inside the process when the item's meeting moved or deferred it; caught where the meeting is awaited. */
export class MeetingChanged extends Error {}

/** What the item's meeting told it: it moved (the item's notices still reach it) or it deferred the item. */
export type MeetingChange =
  { kind: 'moved'; to: CivilDate; reason: string } | { kind: 'deferred'; reason: string };

export interface DeclaredInterest {
  memberId: string;
  interest: string;
}
export interface CallIn {
  members: string[];
  grounds: string;
  received: CivilDate;
}
export interface ScrutinyOutcome {
  outcome: 'no-further-action' | 'refer-back' | 'refer-to-council';
  reasons: string;
  by?: string;
}
export interface Reconsideration {
  outcome: 'confirm' | 'amend' | 'rescind';
  reasons: string;
  by?: string;
}
/** The meeting's record of the item: the clerk's attendance, interests, votes and the minute. */
export interface MeetingRecord {
  by: string;
  meeting: CivilDate;
  present: string[];
  votes: Record<string, Vote>;
  interests: { member: string; interest: string }[];
  resolution: string;
  reasons: string;
  alternatives: string[];
}
export interface EscalationAnswer {
  step: string;
  outcome: 'agreed' | 'not-agreed';
  resolution: string;
  by?: string;
}

/**
 * What a decision has gathered so far: the meeting it is for and what members and officers have done.
 * The actions and the stages change it only through these methods, each named for what happened.
 */
export class DecisionState {
  private meetingDate: CivilDate;
  private votesCast: Record<string, Vote> = {};
  private declared: DeclaredInterest[] = [];
  private consent: { by: string; reason: string } | undefined;
  private lodged: CallIn | undefined;
  private scrutinyOutcome: ScrutinyOutcome | undefined;
  private reconsideration: Reconsideration | undefined;
  private answer: EscalationAnswer | undefined;
  private escalationStep: string | undefined;
  private withdrawnBy: { by: string; reason: string } | undefined;
  private deferralCount = 0;
  private budgetHeld = false;
  private sequence = 0;
  private listed = false;
  private meetingProcess: string | undefined;
  private notices: { forwardPlan?: CivilDate; privateMeeting?: CivilDate } = {};
  private change: MeetingChange | undefined;
  private record: MeetingRecord | undefined;

  constructor(meeting: CivilDate) {
    this.meetingDate = meeting;
  }

  get meeting(): CivilDate {
    return this.meetingDate;
  }
  get votes(): Readonly<Record<string, Vote>> {
    return this.votesCast;
  }
  get interests(): readonly DeclaredInterest[] {
    return this.declared;
  }
  get urgencyConsent(): { by: string; reason: string } | undefined {
    return this.consent;
  }
  get callIn(): CallIn | undefined {
    return this.lodged;
  }
  get scrutiny(): ScrutinyOutcome | undefined {
    return this.scrutinyOutcome;
  }
  get reconsidered(): Reconsideration | undefined {
    return this.reconsideration;
  }
  get escalationAnswer(): EscalationAnswer | undefined {
    return this.answer;
  }
  /** The step of the escalation ladder the item is with, if it has been escalated. */
  get currentEscalationStep(): string | undefined {
    return this.escalationStep;
  }
  get withdrawal(): { by: string; reason: string } | undefined {
    return this.withdrawnBy;
  }
  /** Whether the item holds money on its board's pooled budget (reserved when agreed). */
  get holdsBudget(): boolean {
    return this.budgetHeld;
  }
  get deferrals(): number {
    return this.deferralCount;
  }
  /** The sequence of the meeting invitation last sent: a cancellation carries the next. */
  get inviteSequence(): number {
    return this.sequence;
  }

  /** Whether the item is on its meeting's agenda (the meeting's process sends the invitations). */
  get onMeetingAgenda(): boolean {
    return this.listed;
  }
  /** The process of the meeting whose agenda lists the item (its ID keeps the date it was arranged for). */
  get listingMeeting(): string | undefined {
    return this.listed ? this.meetingProcess : undefined;
  }
  /** The days the item's Forward Plan and private-meeting notices were first given for its meeting. */
  get givenNotices(): { forwardPlan?: CivilDate; privateMeeting?: CivilDate } {
    return this.notices;
  }
  /** What the item's meeting told it and the process has not yet followed. */
  get meetingChange(): MeetingChange | undefined {
    return this.change;
  }
  /** The meeting's record of the item, once the clerk has recorded it. */
  get meetingRecord(): MeetingRecord | undefined {
    return this.record;
  }

  hasVoted(memberId: string): boolean {
    return this.votesCast[memberId] !== undefined;
  }
  hasDeclaredInterest(memberId: string): boolean {
    return this.declared.some((i) => i.memberId === memberId);
  }

  recordVote(memberId: string, vote: Vote): void {
    this.votesCast = { ...this.votesCast, [memberId]: vote };
  }
  declareInterest(memberId: string, interest: string): void {
    this.declared = [...this.declared, { memberId, interest }];
  }
  consentToUrgency(consent: { by: string; reason: string }): void {
    this.consent = consent;
  }
  lodgeCallIn(callIn: CallIn): void {
    this.lodged = callIn;
  }
  recordScrutinyOutcome(outcome: ScrutinyOutcome): void {
    this.scrutinyOutcome = outcome;
  }
  reconsider(reconsideration: Reconsideration): void {
    this.reconsideration = reconsideration;
  }
  answerEscalation(answer: EscalationAnswer): void {
    this.answer = answer;
  }
  budgetReserved(): void {
    this.budgetHeld = true;
  }
  budgetSettled(): void {
    this.budgetHeld = false;
  }
  withdraw(withdrawal: { by: string; reason: string }): void {
    this.withdrawnBy = withdrawal;
  }

  listedOnMeeting(meetingProcess: string): void {
    this.listed = true;
    this.meetingProcess = meetingProcess;
  }
  /** A notice was given: the first day stands when its meeting moves (a deferral gives notice afresh). */
  noticeGiven(kind: 'forwardPlan' | 'privateMeeting', on: CivilDate): void {
    this.notices = { [kind]: on, ...this.notices };
  }
  meetingChanged(change: MeetingChange): void {
    this.change = change;
  }
  /** The process follows the change: a move keeps the item on the same meeting's agenda, at its new date. */
  followMeetingChange(): MeetingChange | undefined {
    const change = this.change;
    this.change = undefined;
    if (change?.kind === 'moved') this.meetingDate = change.to;
    return change;
  }
  takeMeetingRecord(record: MeetingRecord): void {
    this.record = record;
  }

  /** The agenda (and its invitation) went out: numbered by the deferrals so far. */
  agendaSent(): void {
    this.sequence = this.deferralCount;
  }

  /** Counts a deferral; returns the count. */
  defer(): number {
    this.deferralCount += 1;
    return this.deferralCount;
  }

  /** The item returns at another meeting: its votes, interests and urgency consent start afresh. */
  moveToMeeting(next: CivilDate): void {
    this.meetingDate = next;
    this.votesCast = {};
    this.declared = [];
    this.consent = undefined;
    this.listed = false;
    this.record = undefined;
    this.notices = {};
  }

  /** The item goes to a step of the ladder, which has not answered yet. */
  escalateTo(step: string): void {
    this.escalationStep = step;
    this.answer = undefined;
  }
}
