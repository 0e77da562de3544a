/**
 * The `data` each register entry kind carries, as zod schemas: the documentation workflows write against
 * and the validation `record()` applies before anything is written. A kind not listed here is kept in the
 * audit log only.
 *
 * The shapes follow the workflows' own vocabulary: a decision process knows its `ref`, `title`, the
 * `meeting` date and a public `summary`, and says `exempt: null` when an item is public. Identifiers a
 * workflow does not name are derived in writers.ts: a decision is its workflow (`processId`), a meeting is
 * "<boardId>/<date>", a Forward Plan entry is its decision. Dates are civil dates (YYYY-MM-DD,
 * Europe/London); instants are ISO 8601 with an offset; money is pounds with at most two decimal places.
 */
import { z } from 'zod';
import { ATTENDANCE_MODES } from '../../governance/standing-orders';

const id = z.string().min(1).max(300);
const text = z.string().min(1);
const civilDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
/** Pounds as the standing orders write them (e.g. 105200000 or 1999.99); stored exactly as pence. */
const gbp = z
  .number()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER / 100)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimal places (pence)');

export const toPence = (pounds: number): number => Math.round(pounds * 100);

/** Schedule 12A (Local Government Act 1972), Part 1: paragraphs 1–7 describe exempt information. */
export const exemptSchema = z.object({ paragraph: z.number().int().min(1).max(7) });
/** Absent or null: the item is public. */
const exempt = exemptSchema.nullable().optional();
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

// Partners, members and pooled budgets take the shapes of the standing orders (governance/standing-orders),
// so a workflow can pass them straight through; fields the register does not keep are ignored.
const partnerSchema = z.object({ id, name: text, kind: z.enum(['council', 'nhs']) });
const memberSchema = z.object({
  id,
  name: text,
  email: z.email().optional(),
  partner: id,
  role: text,
  voting: z.boolean().default(true),
});
export const budgetSchemeSchema = z.object({
  id,
  name: text,
  kind: z.enum(['s75', 's256', 'aligned']),
  amountGbp: gbp,
});

/** The fields every decision-process entry may carry (the decision workflow adds ref and title to all). */
const decisionRef = { decisionId: id.optional(), ref: id.optional() };

const forwardPlanSchema = z
  .object({
    ...decisionRef,
    entryId: id.optional(),
    title: text,
    summary: optional(text),
    decisionMaker: optional(text),
    /** When the decision is due; defaults to `meeting`. */
    decisionDue: civilDate.optional(),
    meeting: civilDate.optional(),
    /** Defaults to the London date of the entry's `at`. */
    publishedOn: civilDate.optional(),
    keyDecision: z.boolean().default(true),
    noticeRoute: z.enum(['forward-plan', 'general-exception', 'special-urgency']).default('forward-plan'),
    wards: z.array(text).default([]),
    contact: optional(text),
    /** Reg 9(1)(f): the documents to be submitted to the decision maker, with where to read them. */
    documents: z.array(z.object({ title: text, url: z.url().optional() })).default([]),
    exempt,
  })
  .refine((d) => d.decisionDue ?? d.meeting, {
    message: 'needs decisionDue or meeting',
    path: ['decisionDue'],
  });

const tallySchema = z.object({
  for: z.number().int().nonnegative(),
  against: z.number().int().nonnegative(),
  abstain: z.number().int().nonnegative().default(0),
});

const decisionSchema = z
  .object({
    ...decisionRef,
    meetingId: id.optional(),
    meeting: civilDate.optional(),
    title: text,
    /** What was decided; defaults to the public `summary`. */
    decisionText: text.optional(),
    summary: optional(text),
    outcome: z
      .enum(['approved', 'rejected', 'noted', 'referred', 'amended', 'rescinded'])
      .default('approved'),
    /** Defaults to `meeting`. */
    decidedOn: civilDate.optional(),
    decidedBy: optional(text),
    publishedOn: civilDate.optional(),
    /** The workflow's name for publishedOn. */
    published: civilDate.optional(),
    /** Defaults to whether the decision is a key decision on the Forward Plan. */
    keyDecision: z.boolean().optional(),
    votes: z.array(tallySchema.extend({ partner: id })).optional(),
    /** The workflow's tally: partner id → counts. */
    votesPerPartner: optional(z.record(z.string(), tallySchema)),
    /** Why the decision was taken. */
    reasons: z.union([text, z.array(text)]).default([]),
    /**
     * How the votes were counted: not a reason. The decision workflow sends its tally's account as `reasons`
     * beside `votesPerPartner`; without `voteNotes` those `reasons` are taken as the count's account.
     */
    voteNotes: z.array(text).optional(),
    alternativesRejected: z.array(text).default([]),
    /** `member` is a name or `memberId` a member id, resolved to the member's name. */
    interestsDeclared: z
      .array(z.object({ member: text.optional(), memberId: id.optional(), interest: optional(text) }))
      .default([]),
    /** Dispensations granted to members with an interest (reg 13(2)); `member` or `memberId` as above. */
    dispensations: z
      .array(z.object({ member: text.optional(), memberId: id.optional(), detail: text }))
      .default([]),
    /** Either the call-in window or why call-in does not apply (special urgency). */
    callIn: optional(
      z.union([
        z.object({ exempt: z.literal(true), why: text }),
        z.object({ windowEnds: civilDate, implementableFrom: civilDate.optional() }),
      ]),
    ),
    callInClosesOn: civilDate.optional(),
    callInExemptReason: text.optional(),
    amountGbp: optional(gbp),
    schemeId: optional(id),
    exempt,
  })
  .refine((d) => d.decidedOn ?? d.meeting, { message: 'needs decidedOn or meeting', path: ['decidedOn'] })
  .refine((d) => d.publishedOn ?? d.published, { message: 'needs publishedOn', path: ['publishedOn'] })
  .refine((d) => d.decisionText ?? d.summary, {
    message: 'needs decisionText or summary',
    path: ['decisionText'],
  });

const reviewSchema = {
  /** Defaults to "<boardId>/review/<cycle>". */
  reviewId: id.optional(),
  cycle: z.number().int().positive(),
  reviewDue: civilDate,
};

export const kindSchemas = {
  /** P1: both parents approved; the board exists from `establishedOn`. */
  'board-established': z.object({
    name: text,
    partners: z.array(partnerSchema).min(2),
    standingOrders: text.optional(),
    establishedOn: civilDate,
    members: z.array(memberSchema).min(1),
    pooledBudgets: z.array(budgetSchemeSchema).default([]),
  }),
  /** P2: the parents chose to dissolve the board. */
  'board-dissolved': z.object({ dissolvedOn: civilDate }),
  /** P1: a ToR text approved by both parent bodies, frozen by its SHA-256. */
  'tor-approved': z.object({
    version: z.number().int().positive(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256'),
    approvedOn: civilDate,
    approvals: z.array(z.object({ parentBody: text, approvedOn: civilDate })).min(1),
  }),
  /** A meeting given a time and place, or moved: a move repeats the meeting with a higher `sequence`. */
  'meeting-scheduled': z.object({
    meetingId: id.optional(),
    meeting: civilDate,
    title: text.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    location: text.optional(),
    /** In person, hybrid (in the room or by the link) or remote. */
    attendance: z.enum(ATTENDANCE_MODES).optional(),
    sequence: z.number().int().nonnegative().default(0),
  }),
  /**
   * A meeting process's agenda (issue 14), in order: business, then exempt items by their paragraph only.
   * Standing items and the exclusion resolution are in the data too; the register keeps the items.
   */
  'meeting-agenda-published': z.object({
    meeting: civilDate,
    publishedOn: civilDate,
    agenda: z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('standing'), number: z.number().int().positive(), title: text }),
        z.object({ kind: z.literal('exclusion'), number: z.number().int().positive(), title: text }),
        z.object({ kind: z.literal('business'), number: z.number().int().positive(), ref: id, title: text }),
        z.object({
          kind: z.literal('exempt'),
          number: z.number().int().positive(),
          ref: id,
          paragraph: z.number().int().min(1).max(7),
        }),
      ]),
    ),
  }),
  /** The meeting's minutes, published in draft. */
  'minutes-draft-published': z.object({ meeting: civilDate, publishedOn: civilDate }),
  /** The minutes approved at a later meeting (its date). */
  'minutes-approved': z.object({ meeting: civilDate, approvedAt: civilDate }),
  'meeting-cancelled': z.object({
    meetingId: id.optional(),
    meeting: civilDate,
    sequence: z.number().int().nonnegative().default(0),
  }),
  /** P3 step 2: the item goes on the meeting's agenda; an exempt item's title is not published. */
  'agenda-published': z.object({
    ...decisionRef,
    meetingId: id.optional(),
    meeting: civilDate,
    itemId: id.optional(),
    title: text,
    summary: optional(text),
    publishedOn: civilDate.optional(),
    exempt,
  }),
  /** P3 step 1: notice of a key decision (reg 9), or under the general exception (reg 10). */
  'forward-plan-published': forwardPlanSchema,
  /** P3 step 5: the decision record (regs 12–13). Republishing a decision replaces its record. */
  'decision-published': decisionSchema,
  /** P3 step 6: a call-in; a valid one freezes the decision. */
  'call-in-lodged': z
    .object({
      ...decisionRef,
      callInId: id.optional(),
      lodgedOn: civilDate.optional(),
      received: civilDate.optional(),
      signatories: z.array(text).min(1).optional(),
      members: z.array(text).min(1).optional(),
      grounds: text,
      valid: z.boolean().default(true),
      scrutinyMeetingBy: civilDate.optional(),
    })
    .refine((d) => d.lodgedOn ?? d.received, { message: 'needs lodgedOn', path: ['lodgedOn'] })
    .refine((d) => d.signatories ?? d.members, { message: 'needs signatories', path: ['signatories'] }),
  'scrutiny-outcome': z.object({
    ...decisionRef,
    /** Defaults to the decision's latest call-in. */
    callInId: id.optional(),
    /** Defaults to the London date of the entry's `at`. */
    metOn: civilDate.optional(),
    outcome: z.enum(['no-further-action', 'refer-back', 'refer-to-council']),
    reasons: text,
  }),
  /** After a referral back: the decision maker confirms, amends or rescinds, with reasons. */
  'decision-reconsidered': z.object({
    ...decisionRef,
    outcome: z.enum(['confirm', 'amend', 'rescind']),
    reasons: text,
  }),
  rescinded: z.object({ ...decisionRef, reasons: text }),
  /** P3 step 7; with an amount and a scheme it also commits the money (P6). */
  implemented: z.object({
    ...decisionRef,
    implementedOn: civilDate.optional(),
    why: optional(text),
    amountGbp: optional(gbp),
    schemeId: optional(id),
  }),
  /** The item leaves the Forward Plan. */
  withdrawn: z.object({ ...decisionRef, by: optional(text), reason: optional(text) }),
  referred: z.object({ ...decisionRef, to: text, reasons: z.union([text, z.array(text)]).default([]) }),
  /** P2. `startedOn` defaults to the London date of the entry's `at`. */
  'review-scheduled': z.object(reviewSchema),
  'review-started': z.object({ ...reviewSchema, startedOn: civilDate.optional() }),
  'review-completed': z.object({
    ...reviewSchema,
    completedOn: civilDate,
    outcome: z.enum(['continue', 'amend-tor', 'extend-delegation', 'dissolve']),
    summary: text.optional(),
  }),
  /** P6. */
  'budget-scheme-set': budgetSchemeSchema,
  'commitment-made': z.object({
    commitmentId: id,
    schemeId: id,
    decisionId: id.optional(),
    amountGbp: gbp.refine((n) => n > 0, 'a commitment is more than nothing'),
    committedOn: civilDate,
    description: text.optional(),
  }),
} as const;

export type RecordedKind = keyof typeof kindSchemas;
export type KindData<K extends RecordedKind> = z.output<(typeof kindSchemas)[K]>;

export function isRecordedKind(kind: string): kind is RecordedKind {
  return Object.hasOwn(kindSchemas, kind);
}

/** The wording the law and the public pages use for an exempt item. */
export function exemptNotice(paragraph: number): string {
  return `Exempt under paragraph ${paragraph} of Schedule 12A`;
}
