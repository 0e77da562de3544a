/**
 * The stages of a decision (P3, P4) and where each action on it is allowed. The lists name the stages an
 * action IS allowed in, so a stage added later allows nothing until someone decides it should.
 */
export const DECISION_STAGES = [
  'classified',
  'awaiting-urgency-consent',
  'awaiting-notice-period',
  'awaiting-agenda-publication',
  'awaiting-meeting',
  'voting',
  'deferred',
  'escalated',
  'in-call-in-window',
  'called-in',
  'awaiting-reconsideration',
  'awaiting-parent-bodies',
  'implemented',
  'referred',
  'rescinded',
  'withdrawn',
  'unresolved',
] as const;

export type DecisionStage = (typeof DECISION_STAGES)[number];

/** The process has ended: nothing more happens to the item. */
export const ENDED_STAGES = [
  'implemented',
  'referred',
  'rescinded',
  'withdrawn',
  'unresolved',
] as const satisfies readonly DecisionStage[];

/** The decision is published (call-in, scrutiny, reconsideration): it can be rescinded, not withdrawn. */
export const PUBLISHED_STAGES = [
  'in-call-in-window',
  'called-in',
  'awaiting-reconsideration',
] as const satisfies readonly DecisionStage[];

/**
 * The board has recommended and both parent bodies decide in a process of their own: the item cannot be
 * withdrawn from the board's side (nothing there waits for it any more).
 */
export const WITH_THE_PARENT_BODIES = ['awaiting-parent-bodies'] as const satisfies readonly DecisionStage[];

/** From classification to the end of the meeting day, deferrals included: before the votes are counted. */
const BEFORE_THE_COUNT = [
  'classified',
  'awaiting-urgency-consent',
  'awaiting-notice-period',
  'awaiting-agenda-publication',
  'awaiting-meeting',
  'voting',
  'deferred',
] as const satisfies readonly DecisionStage[];

/** The actions on a decision, by the name of their Update. */
export type DecisionAction =
  | 'vote'
  | 'declareInterest'
  | 'consentToUrgency'
  | 'lodgeCallIn'
  | 'recordScrutinyOutcome'
  | 'reconsider'
  | 'resolveEscalation'
  | 'withdraw'
  | 'takeMeetingOutcome'
  | 'followMeetingChange';

/** Where each action is allowed. */
export const ALLOWED_IN: Readonly<Record<DecisionAction, readonly DecisionStage[]>> = {
  vote: ['voting'],
  declareInterest: BEFORE_THE_COUNT,
  consentToUrgency: ['awaiting-urgency-consent'],
  lodgeCallIn: ['in-call-in-window'],
  recordScrutinyOutcome: ['called-in'],
  reconsider: ['awaiting-reconsideration'],
  resolveEscalation: ['escalated'],
  // Until the decision is published or goes to the parent bodies; the escalation ladder can still be stopped.
  withdraw: [...BEFORE_THE_COUNT, 'escalated'],
  takeMeetingOutcome: ['voting'],
  // Before the meeting day: a meeting can be moved or cancelled only until then.
  followMeetingChange: [
    'awaiting-urgency-consent',
    'awaiting-notice-period',
    'awaiting-agenda-publication',
    'awaiting-meeting',
  ],
};

export function isEnded(stage: DecisionStage): boolean {
  return (ENDED_STAGES as readonly DecisionStage[]).includes(stage);
}
