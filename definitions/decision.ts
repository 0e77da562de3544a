import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { governanceDate, optionalPersonText, personLine, personText } from '../governance/person-text';
import type { DecisionStage } from '../governance/decision-stages';
import { standingOrdersSchema } from '../governance/standing-orders/schema';
import { exemptParagraphSchema, slugSchema } from './common';
import type { ProcessStatus } from './status';

const civilDate = governanceDate('must be a real date written YYYY-MM-DD');
const text = personText;

/** P3: an item for a board meeting, from proposal to implementation. */
export const decisionInputSchema = z.object({
  /** The board's reference for the item, e.g. "2027-014"; the workflow ID is decision/<board>/<ref>. */
  ref: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-014)'),
  /** The board's standing orders, resolved and validated by the client. */
  standingOrders: standingOrdersSchema,
  title: personLine(300),
  /** Public summary; for an exempt item only "exempt under paragraph N" is ever published. */
  summary: text(5000),
  /** The area of the board's delegated scope the item belongs to. */
  topic: personLine(200),
  amountGbp: z.number().nonnegative('must be an amount in GBP >= 0').finite().max(10_000_000_000).optional(),
  wardsAffected: z.union([z.number().int().min(0), z.literal('all')]).default(0),
  exemptParagraph: exemptParagraphSchema,
  /** The pooled budget scheme the money is committed against, if any. */
  schemeId: slugSchema.optional(),
  /** The meeting the item is planned for (one of the board's meeting dates, or another date). */
  meetingDate: civilDate,
  /** Who proposes it (an officer's email): told of every step. */
  proposedBy: z.email(),
});

export type DecisionInput = z.input<typeof decisionInputSchema>;
export type DecisionInputParsed = z.output<typeof decisionInputSchema>;

/** Where a decision stands; the list, and where each action is allowed, are in governance/decision-stages.ts. */
export type { DecisionStage };

export type DecisionOutcome = 'implemented' | 'referred' | 'escalated' | 'rescinded' | 'withdrawn';

export interface DecisionResult {
  status: DecisionOutcome;
  /** The meeting at which it was decided (or last considered). */
  meetingDate: string;
  deferrals: number;
  reasons: string[];
}

export const voteSchema = z.object({
  member: slugSchema,
  vote: z.enum(['for', 'against', 'abstain']),
});
export const declareInterestSchema = z.object({ member: slugSchema, interest: text(500) });
export const urgencyConsentSchema = z.object({ by: slugSchema, reason: text(2000) });
export const callInSchema = z.object({
  members: z.array(slugSchema).min(1, 'needs the O&S members who sign it'),
  grounds: text(5000),
});
/** The officer recording an outcome, by email: democratic services (or, for escalation, as the rules allow). */
const actingOfficer = z.email('must be the acting officer’s email address');
const scrutinyOutcomeFields = z.object({
  by: actingOfficer,
  outcome: z.enum(['no-further-action', 'refer-back', 'refer-to-council']),
  reasons: optionalPersonText(5000),
});
/**
 * O&S referring a decision back to the board, or to full Council, sets out its concerns in writing: they are
 * what the board (or Council) reconsiders. No further action needs no reasons.
 */
export function referralSetsOutConcerns(
  s: { outcome: string; reasons?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (s.outcome !== 'no-further-action' && !s.reasons?.trim())
    ctx.addIssue({
      code: 'custom',
      path: ['reasons'],
      message: 'must set out the committee’s concerns when it refers the decision back or to full Council',
    });
}
export const scrutinyOutcomeSchema = scrutinyOutcomeFields.superRefine(referralSetsOutConcerns);
/**
 * What a decision's history may carry: Updates from before the acting officer was required (no `by`) and
 * before a referral needed reasons. Only new Updates are held to scrutinyOutcomeSchema.
 */
export const recordedScrutinyOutcomeSchema = scrutinyOutcomeFields.partial({ by: true });
export const reconsiderationSchema = z.object({
  by: actingOfficer,
  outcome: z.enum(['confirm', 'amend', 'rescind']),
  reasons: text(5000),
});
export const escalationResolutionSchema = z.object({
  by: actingOfficer,
  step: z.enum(['joint-committee', 'chief-executives', 'parent-bodies']),
  outcome: z.enum(['agreed', 'not-agreed']),
  resolution: optionalPersonText(5000),
});
export const withdrawalSchema = z.object({ by: z.email(), reason: text(2000) });
/**
 * The meeting's record of the item (issue 14): the clerk's attendance, interests and votes by show of hands
 * (named, or counted per partner and named by the meeting), the resolution, reasons and alternatives. Sent by
 * the meeting process on the clerk's behalf; the decision counts it as it would the members' own votes.
 */
export const meetingOutcomeSchema = z.object({
  by: actingOfficer,
  meeting: civilDate,
  present: z.array(slugSchema).min(1, 'needs the members present'),
  votes: z.record(slugSchema, z.enum(['for', 'against', 'abstain'])),
  interests: z.array(z.object({ member: slugSchema, interest: text(500) })).default([]),
  resolution: text(5000),
  reasons: text(5000),
  alternatives: z.array(personLine(1000)).default([]),
});

/**
 * The item's meeting moved (its notices still comply with the new date) or sent the item to the next
 * meeting (the meeting was cancelled, or moved to a date its notices no longer reach).
 */
export const meetingChangeSchema = z.object({
  by: actingOfficer,
  /** The meeting the item is on, as the item knows it: a change for another meeting is refused. */
  meeting: civilDate,
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('moved'), to: civilDate, reason: text(2000) }),
    z.object({ kind: z.literal('deferred'), reason: text(2000) }),
  ]),
});

export type VoteUpdate = z.input<typeof voteSchema>;
export type DeclareInterestUpdate = z.input<typeof declareInterestSchema>;
export type UrgencyConsentUpdate = z.input<typeof urgencyConsentSchema>;
export type CallInUpdate = z.input<typeof callInSchema>;
export type ScrutinyOutcomeUpdate = z.input<typeof scrutinyOutcomeSchema>;
export type ReconsiderationUpdate = z.input<typeof reconsiderationSchema>;
export type EscalationResolutionUpdate = z.input<typeof escalationResolutionSchema>;
export type WithdrawalUpdate = z.input<typeof withdrawalSchema>;
export type MeetingOutcomeUpdate = z.input<typeof meetingOutcomeSchema>;
export type MeetingChangeUpdate = z.input<typeof meetingChangeSchema>;

/**
 * Each carries the acting person and returns a one-line receipt. Malformed input and actions out of turn are
 * refused by the validator without trace; the wrong person is refused after the refusal is audited.
 */
export const voteUpdate = defineUpdate<string, [VoteUpdate]>('vote');
export const declareInterestUpdate = defineUpdate<string, [DeclareInterestUpdate]>('declareInterest');
export const urgencyConsentUpdate = defineUpdate<string, [UrgencyConsentUpdate]>('consentToUrgency');
export const callInUpdate = defineUpdate<string, [CallInUpdate]>('lodgeCallIn');
export const scrutinyOutcomeUpdate = defineUpdate<string, [ScrutinyOutcomeUpdate]>('recordScrutinyOutcome');
export const reconsiderationUpdate = defineUpdate<string, [ReconsiderationUpdate]>('reconsider');
export const escalationResolutionUpdate = defineUpdate<string, [EscalationResolutionUpdate]>(
  'resolveEscalation',
);
export const withdrawUpdate = defineUpdate<string, [WithdrawalUpdate]>('withdraw');
export const meetingOutcomeUpdate = defineUpdate<string, [MeetingOutcomeUpdate]>('takeMeetingOutcome');
export const meetingChangeUpdate = defineUpdate<string, [MeetingChangeUpdate]>('followMeetingChange');

export const decisionStatusQuery = defineQuery<ProcessStatus<DecisionStage>>('status');

export function decisionWorkflowId(boardId: string, ref: string): string {
  return `decision/${boardId}/${ref}`;
}
