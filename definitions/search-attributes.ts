import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Typed search attributes a manager filters on in the Temporal Web UI.
 * They are never encrypted: nothing confidential (exempt report text, names of people) goes in them.
 * The SQLite dev server allows a few custom attributes per type, so the list stays short.
 */
export const SA = {
  board: defineSearchAttributeKey('GovflowBoard', 'KEYWORD'),
  process: defineSearchAttributeKey('GovflowProcess', 'KEYWORD'),
  stage: defineSearchAttributeKey('GovflowStage', 'KEYWORD'),
  nextDeadline: defineSearchAttributeKey('GovflowNextDeadline', 'DATETIME'),
  waitingFor: defineSearchAttributeKey('GovflowWaitingFor', 'KEYWORD'),
  partnerOutcome: defineSearchAttributeKey('GovflowPartnerOutcome', 'KEYWORD'),
  route: defineSearchAttributeKey('GovflowRoute', 'KEYWORD'),
  amount: defineSearchAttributeKey('GovflowAmount', 'DOUBLE'),
  deferrals: defineSearchAttributeKey('GovflowDeferrals', 'INT'),
  keyDecision: defineSearchAttributeKey('GovflowKeyDecision', 'BOOL'),
  exempt: defineSearchAttributeKey('GovflowExempt', 'BOOL'),
  meetingDate: defineSearchAttributeKey('GovflowMeetingDate', 'DATETIME'),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);

/** The processes govflow runs, as they appear in `GovflowProcess`. */
export type ProcessName =
  | 'board'
  | 'board-review'
  | 'decision'
  | 'recommendation'
  | 'deferral'
  | 'consultation'
  | 'meeting'
  | 'pooled-budget'
  | 'partnership-recommendation';
