import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import {
  arrangementProblems,
  arrangementsOf,
  type AgendaEntry,
  type Arrangements,
} from '../governance/meetings';
import type { MeetingStage } from '../governance/meeting-stages';
import { governanceDate, optionalPersonText, personLine, personText } from '../governance/person-text';
import {
  meetingArrangementsSchema,
  standingOrdersSchema,
  type StandingOrders,
} from '../governance/standing-orders/schema';
import { exemptParagraphSchema, slugSchema } from './common';
import type { ItemSignOff } from './sign-offs';
import type { ProcessStatus } from './status';

const civilDate = governanceDate('must be a real date written YYYY-MM-DD');
const ref = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-014)');
/** The officer acting (democratic services), by email. */
const by = z.email('must be the acting officer’s email address');

/** A meeting's arrangements must let members attend: each missing piece names its field. */
function attendable(
  so: StandingOrders,
  own: z.output<typeof meetingArrangementsSchema>,
  ctx: z.RefinementCtx,
) {
  for (const p of arrangementProblems(arrangementsOf(so, own)))
    ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
}

/** A meeting's fields, before the check that members can attend it (the CLI checks them before connecting). */
export const meetingFieldsSchema = meetingArrangementsSchema.extend({
  standingOrders: standingOrdersSchema,
  /** The meeting's date as first arranged: the workflow keeps this ID when the meeting moves. */
  date: civilDate,
  /** The officer who arranges it (democratic services), by email. */
  by,
});

/** Whether members can attend, from the meeting's own fields and its board's standing orders. */
function membersCanAttend(input: z.output<typeof meetingFieldsSchema>, ctx: z.RefinementCtx) {
  const { standingOrders, date: _date, by: _by, ...own } = input;
  attendable(standingOrders, own, ctx);
}

/** One meeting of a board (issue 14): when, where, how members attend; the workflow is meeting/<board>/<date>. */
export const meetingInputSchema = meetingFieldsSchema.superRefine(membersCanAttend);

/**
 * The same checks for a meeting whose standing orders are already parsed (a decision's own, asking its
 * meeting to list it): parsing them again was half of a decision's validation (issue 17). The meeting's
 * process still parses its whole input.
 */
export const meetingOfParsedStandingOrdersSchema = meetingFieldsSchema
  .extend({ standingOrders: z.custom<StandingOrders>((v) => typeof v === 'object' && v !== null) })
  .superRefine(membersCanAttend);
export type MeetingInput = z.input<typeof meetingInputSchema>;
export type MeetingInputParsed = z.output<typeof meetingInputSchema>;

/** An item for the agenda, with the notices it already has (given by its decision process). */
export const agendaItemSchema = z.object({
  by,
  ref,
  title: personLine(300),
  /** Schedule 12A paragraph for an exempt item; its title never leaves the meeting's private record. */
  exemptParagraph: exemptParagraphSchema,
  keyDecision: z.boolean().default(false),
  /** Days the item's Forward Plan notice and notice of a private meeting were given. */
  notices: z.object({ forwardPlan: civilDate.optional(), privateMeeting: civilDate.optional() }).default({}),
  /** The decision process (its workflow ID) that takes the item's outcome from this meeting. */
  decision: z
    .string()
    .regex(/^decision\/[a-z0-9-]+\/[A-Za-z0-9-]+$/, 'must be a decision process ID (decision/<board>/<ref>)')
    .optional(),
});
export const lateItemSchema = agendaItemSchema.extend({
  /** The chair's consent (a member id) with the reasons the item cannot wait (s100B(4)). */
  chairConsent: z.object({ chair: slugSchema, reasons: personText(2000) }),
});
export const moveMeetingSchema = meetingArrangementsSchema
  .omit({ minutesDraftWorkingDays: true, publicPagesUrl: true, votes: true })
  .extend({ by, date: civilDate, reason: personText(2000) });
export const cancelMeetingSchema = z.object({ by, reason: personText(2000) });
/** An item withdrawn by its officer leaves the agenda (an agenda already out is published again, with a note). */
export const withdrawItemSchema = z.object({ by, ref, reason: personText(2000) });
export const attendanceSchema = z.object({
  by,
  present: z.array(slugSchema).min(1, 'needs the members present'),
  apologies: z.array(slugSchema).default([]),
  /** Interests declared at the meeting: the member leaves for that item. */
  interests: z.array(z.object({ member: slugSchema, ref, interest: personText(500) })).default([]),
});
const hands = z.number().int('must be a whole number of hands').min(0, 'must be >= 0').max(100);
export const itemOutcomeSchema = z
  .object({
    by,
    ref,
    /** Named votes by show of hands, by member id. */
    votes: z.record(slugSchema, z.enum(['for', 'against', 'abstain'])).optional(),
    /** Or the hands counted per partner, where votes are not recorded by name. */
    counts: z
      .record(slugSchema, z.object({ for: hands, against: hands, abstain: hands.default(0) }))
      .optional(),
    /** What the board resolved: it may differ from the report's recommendation. */
    resolution: personText(5000),
    reasons: personText(5000),
    alternatives: z.array(personLine(1000)).default([]),
  })
  .refine((o) => (o.votes === undefined) !== (o.counts === undefined), {
    path: ['votes'],
    message: 'give the votes by name or the counts per partner (one of them)',
  });
export const draftMinutesSchema = z.object({ by });
export const approveMinutesSchema = z.object({
  by,
  /** The later meeting that approved them, as its first business. */
  approvedAt: civilDate,
  amendments: optionalPersonText(5000),
});

export type AgendaItemUpdate = z.input<typeof agendaItemSchema>;
export type LateItemUpdate = z.input<typeof lateItemSchema>;
export type MoveMeetingUpdate = z.input<typeof moveMeetingSchema>;
export type CancelMeetingUpdate = z.input<typeof cancelMeetingSchema>;
export type WithdrawItemUpdate = z.input<typeof withdrawItemSchema>;
export type AttendanceUpdate = z.input<typeof attendanceSchema>;
export type ItemOutcomeUpdate = z.input<typeof itemOutcomeSchema>;
export type DraftMinutesUpdate = z.input<typeof draftMinutesSchema>;
export type ApproveMinutesUpdate = z.input<typeof approveMinutesSchema>;

/** Each returns a one-line receipt; a refusal names the field and the rule. */
export const addItemUpdate = defineUpdate<string, [AgendaItemUpdate]>('addItem');
export const addLateItemUpdate = defineUpdate<string, [LateItemUpdate]>('addLateItem');
export const moveMeetingUpdate = defineUpdate<string, [MoveMeetingUpdate]>('moveMeeting');
export const cancelMeetingUpdate = defineUpdate<string, [CancelMeetingUpdate]>('cancelMeeting');
export const withdrawItemUpdate = defineUpdate<string, [WithdrawItemUpdate]>('withdrawItem');
export const recordAttendanceUpdate = defineUpdate<string, [AttendanceUpdate]>('recordAttendance');
export const recordItemOutcomeUpdate = defineUpdate<string, [ItemOutcomeUpdate]>('recordItemOutcome');
export const publishDraftMinutesUpdate = defineUpdate<string, [DraftMinutesUpdate]>('publishDraftMinutes');
export const approveMinutesUpdate = defineUpdate<string, [ApproveMinutesUpdate]>('approveMinutes');

export type { MeetingStage };

/** An item's outcome at the meeting: decided, not agreed, or not taken for want of quorum. */
export interface ItemOutcome {
  ref: string;
  outcome: 'consensus' | 'no-consensus' | 'inquorate';
  perPartner: Record<string, { for: number; against: number; abstain: number; quorate: boolean }>;
  resolution: string;
  reasons: string[];
  alternatives: string[];
  interests: { member: string; interest: string }[];
}

export interface MeetingStatus extends ProcessStatus<MeetingStage> {
  meeting: { date: string; originalDate: string; sequence: number } & Arrangements;
  agenda: AgendaEntry[];
  agendaPublishedOn?: string;
  deferred: { ref: string; reason: string; to?: string }[];
  attendance?: { present: string[]; apologies: string[] };
  outcomes: ItemOutcome[];
  minutes: { draftDue?: string; draftPublishedOn?: string; approvedAt?: string };
  /** Each item's sign-offs, where the board asks for them (issue 14 item 4). */
  signOffs?: ItemSignOff[];
}

export interface MeetingResult {
  outcome: 'minutes-approved' | 'cancelled';
  date: string;
  outcomes: ItemOutcome[];
  deferred: { ref: string; reason: string; to?: string }[];
}

export const meetingStatusQuery = defineQuery<MeetingStatus>('status');

export function meetingWorkflowId(boardId: string, date: string): string {
  return `meeting/${boardId}/${date}`;
}
