/**
 * The stages of a meeting (issue 14) and where each action on it is allowed. The lists name the stages an
 * action IS allowed in, so a stage added later allows nothing until someone decides it should.
 */
export const MEETING_STAGES = [
  'scheduled',
  'agenda-published',
  'in-session',
  'minutes-due',
  'minutes-drafted',
  'minutes-approved',
  'cancelled',
] as const;

export type MeetingStage = (typeof MEETING_STAGES)[number];

/** The actions on a meeting, by the name of their Update. */
export type MeetingAction =
  | 'addItem'
  | 'addLateItem'
  | 'moveMeeting'
  | 'cancelMeeting'
  | 'withdrawItem'
  | 'recordAttendance'
  | 'recordItemOutcome'
  | 'publishDraftMinutes'
  | 'approveMinutes'
  | 'signOff'
  | 'takeUnsignedAsLate';

/** Before the meeting day: the meeting can still be moved or cancelled. */
const BEFORE_THE_DAY = ['scheduled', 'agenda-published'] as const satisfies readonly MeetingStage[];

export const MEETING_ALLOWED_IN: Readonly<Record<MeetingAction, readonly MeetingStage[]>> = {
  addItem: ['scheduled'],
  addLateItem: ['agenda-published', 'in-session'],
  moveMeeting: BEFORE_THE_DAY,
  cancelMeeting: BEFORE_THE_DAY,
  // Until its outcome is recorded (the meeting's record of the item refuses one withdrawn).
  withdrawItem: [...BEFORE_THE_DAY, 'in-session'],
  recordAttendance: ['in-session'],
  recordItemOutcome: ['in-session'],
  publishDraftMinutes: ['minutes-due'],
  approveMinutes: ['minutes-drafted'],
  // Sign-offs are due before the agenda is published: once it is out, they are too late.
  signOff: ['scheduled'],
  takeUnsignedAsLate: ['scheduled'],
};

export function isMeetingOver(stage: MeetingStage): boolean {
  return stage === 'minutes-approved' || stage === 'cancelled';
}
