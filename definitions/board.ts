import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { compareCivilDates, isCivilDate } from '../governance/civil-date';
import { governanceDate, optionalPersonText, personDocument, personLine } from '../governance/person-text';
import { establishmentApprovalDeadline } from '../governance/schedule';
import { standingOrdersSchema, type StandingOrders } from '../governance/standing-orders';
import { slugSchema } from './common';
import type { ProcessStatus } from './status';

const civilDate = governanceDate('must be a real date written YYYY-MM-DD');
const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');

/** The parent bodies are named by their partner's kind: the council's Cabinet and the NHS body's Board. */
export const partnerKindSchema = z.enum(['council', 'nhs'], { message: 'must be "council" or "nhs"' });
export type PartnerKind = z.output<typeof partnerKindSchema>;

/** A Terms of Reference text, hashed exactly as given (no trimming). */
export const termsOfReferenceTextSchema = personDocument(200_000, '200,000');

/** What a board carries from one review cycle into the next (continue-as-new), and nothing more. */
export const boardCarriedStateSchema = z.object({
  /** The review cycle this run is for: 1 for the first review after establishment. */
  cycle: z.number().int().min(1),
  establishedOn: civilDate,
  /** The Terms of Reference in force: the last version both parent bodies approved. */
  termsOfReference: z.object({ version: z.number().int().min(1), contentHash: contentHashSchema }),
  /** The due date of the previous review; the next is counted from it. Absent before the first review. */
  lastReviewOn: civilDate.optional(),
  /** The registered standing orders' version and since when it is in force (version 1 when absent). */
  standingOrders: z.object({ version: z.number().int().min(1), since: civilDate }).optional(),
  /** The holidays in force when news was heard since the standing orders (absent: theirs alone). */
  holidays: z
    .object({
      add: z.array(z.object({ date: civilDate, name: z.string().min(1).max(200) })),
      remove: z.array(z.object({ date: civilDate, reason: z.string().max(300).optional() })),
    })
    .optional(),
});
export type BoardCarriedState = z.output<typeof boardCarriedStateSchema>;

/** P1 + P2: a board from its proposal to its dissolution, one review cycle per run. */
export const boardInputSchema = z
  .object({
    /** The standing orders the board runs under (resolved: a preset or a validated file). */
    standingOrders: standingOrdersSchema,
    /** The draft Terms of Reference the first meeting considers. Needed to establish a board. */
    termsOfReference: termsOfReferenceTextSchema.optional(),
    /** The day the board was proposed; the approval deadline runs from it. Default: today (London). */
    proposedOn: civilDate.optional(),
    /** The first meeting, which considers the draft Terms of Reference. Needed to establish a board. */
    firstMeeting: civilDate.optional(),
    /** Members have this many working days from the review's start to send their self-assessment. */
    selfAssessmentWorkingDays: z.number().int().min(1).max(120).default(20),
    /** Set by continue-as-new: the board is established and this run is review cycle `carried.cycle`. */
    carried: boardCarriedStateSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const so = input.standingOrders;
    for (const kind of ['council', 'nhs'] as const) {
      const count = so.partners.filter((p) => p.kind === kind).length;
      if (count !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['standingOrders', 'partners'],
          message: `a board's Terms of Reference go to one council and one NHS parent body; found ${count} of kind "${kind}"`,
        });
      }
    }
    if (input.carried) return;
    if (input.termsOfReference === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['termsOfReference'],
        message: 'the draft Terms of Reference are needed to establish a board',
      });
    }
    if (input.firstMeeting === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstMeeting'],
        message: 'the first meeting date is needed to establish a board',
      });
    } else if (
      input.proposedOn !== undefined &&
      isCivilDate(input.proposedOn) &&
      isCivilDate(input.firstMeeting)
    ) {
      if (compareCivilDates(input.firstMeeting, input.proposedOn) < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstMeeting'],
          message: `must not be before the proposal (${input.proposedOn})`,
        });
      }
      const deadline = establishmentApprovalDeadline(
        input.proposedOn,
        so.establishment.approvalDeadlineMonths,
      );
      if (compareCivilDates(input.firstMeeting, deadline) > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['firstMeeting'],
          message: `must be by the approval deadline ${deadline} (${so.establishment.approvalDeadlineMonths} months after the proposal)`,
        });
      }
    }
  });

export type BoardInput = z.input<typeof boardInputSchema>;

/** A parent body's decision on the Terms of Reference now before it, recorded by its clerk. */
export const termsOfReferenceDecisionSchema = z
  .object({
    body: partnerKindSchema,
    outcome: z.enum(['approve', 'reject', 'amend'], { message: 'must be "approve", "reject" or "amend"' }),
    /** The clerk to that parent body (their email). */
    by: z.email({ message: 'must be an email address' }),
    comments: optionalPersonText(5000),
    /** The version decided on; when given it must be the version now before the parent bodies. */
    version: z.number().int().min(1).optional(),
  })
  .refine((d) => d.outcome !== 'amend' || d.comments.length > 0, {
    path: ['comments'],
    message: 'an amendment request must say what to amend',
  });
export type TermsOfReferenceDecision = z.input<typeof termsOfReferenceDecisionSchema>;

/** A revised Terms of Reference after an amendment request, from democratic services. */
export const termsOfReferenceRevisionSchema = z.object({
  text: termsOfReferenceTextSchema,
  /** The democratic services officer named in the standing orders (their email). */
  by: z.email({ message: 'must be an email address' }),
});
export type TermsOfReferenceRevision = z.input<typeof termsOfReferenceRevisionSchema>;

/** A board member's self-assessment for the effectiveness review. */
export const selfAssessmentSchema = z.object({
  /** The member's id in the standing orders (a slug, so a refusal quoting it is plain text). */
  member: slugSchema,
  rating: z
    .number()
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5'),
  comments: optionalPersonText(5000),
});
export type SelfAssessment = z.input<typeof selfAssessmentSchema>;

export const REVIEW_OUTCOMES = ['continue', 'amend-tor', 'extend-delegation', 'dissolve'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A parent body's response to the review report, recorded by its clerk. */
export const reviewOutcomeDecisionSchema = z
  .object({
    body: partnerKindSchema,
    outcome: z.enum(REVIEW_OUTCOMES, { message: `must be one of ${REVIEW_OUTCOMES.join(', ')}` }),
    by: z.email({ message: 'must be an email address' }),
    comments: optionalPersonText(5000),
    /** For extend-delegation: what is extended (e.g. "joint posts, financial alignment"). */
    extension: optionalPersonText(5000),
  })
  .refine((d) => d.outcome !== 'extend-delegation' || d.extension.length > 0, {
    path: ['extension'],
    message: 'extend-delegation must say what is extended',
  })
  .refine((d) => d.outcome !== 'amend-tor' || d.comments.length > 0, {
    path: ['comments'],
    message: 'amend-tor must say what to amend',
  });
export type ReviewOutcomeDecision = z.input<typeof reviewOutcomeDecisionSchema>;

export type BoardStage =
  | 'proposed'
  | 'awaiting-tor-approval'
  | 'revision-requested'
  | 'escalated'
  | 'awaiting-review'
  | 'self-assessment'
  | 'awaiting-review-outcome'
  | 'rejected'
  | 'dissolved';

export type PartnerAnswer<T extends string> = T | 'pending';

export interface BoardStatus extends ProcessStatus<BoardStage> {
  /** 0 while the board is being established; then the review cycle this run is in. */
  cycle: number;
  establishedOn?: string;
  /** The Terms of Reference in force (approved), if any. */
  termsOfReference?: { version: number; contentHash: string };
  /** The version before the parent bodies or being revised, with each body's answer. */
  draft?: {
    version: number;
    contentHash: string;
    decisions: Record<PartnerKind, PartnerAnswer<'approve' | 'reject' | 'amend'>>;
  };
  /** True once the approval deadline has passed and the chief executives have been told. */
  escalated: boolean;
  review?: {
    cycle: number;
    /** The nominal due date (N months on); the review starts on the first working day from it. */
    due?: string;
    startsOn?: string;
    selfAssessmentDeadline?: string;
    received: string[];
    outstanding: string[];
    outcomes: Record<PartnerKind, PartnerAnswer<ReviewOutcome>>;
  };
}

export interface BoardResult {
  boardId: string;
  status: 'rejected' | 'dissolved';
  on: string;
  cycle: number;
  termsOfReference?: { version: number; contentHash: string };
}

/**
 * A board's standing orders as registered by its process: every process of the board runs under them, by
 * board id and version, never under standing orders the proposer brings.
 */
export interface RegisteredStandingOrders {
  boardId: string;
  version: number;
  /** SHA-256 of the standing orders as JSON, so a process can name exactly what it runs under. */
  contentHash: string;
  /** The day this version came into force. */
  since: string;
  standingOrders: StandingOrders;
}

/**
 * A governed change of the standing orders: democratic services register the version their parent bodies
 * approved, citing that approval. Audited in the process history and the register.
 */
export const standingOrdersAmendmentSchema = z.object({
  standingOrders: standingOrdersSchema,
  /** The approval the change rests on, e.g. "Cabinet 12 March and ICB Board 14 March, minute 7". */
  approvedBy: personLine(500),
  /** The democratic services officer named in the standing orders in force (their email). */
  by: z.email({ message: 'must be an email address' }),
});
export type StandingOrdersAmendment = z.input<typeof standingOrdersAmendmentSchema>;

export const boardStatusQuery = defineQuery<BoardStatus>('status');
export const standingOrdersQuery = defineQuery<RegisteredStandingOrders>('standingOrders');
export const amendStandingOrdersUpdate = defineUpdate<
  { version: number; contentHash: string },
  [StandingOrdersAmendment]
>('amendStandingOrders');
export const decideTermsOfReferenceUpdate = defineUpdate<BoardStatus['draft'], [TermsOfReferenceDecision]>(
  'decideTermsOfReference',
);
export const reviseTermsOfReferenceUpdate = defineUpdate<
  { version: number; contentHash: string },
  [TermsOfReferenceRevision]
>('reviseTermsOfReference');
export const submitSelfAssessmentUpdate = defineUpdate<
  { received: number; outstanding: string[] },
  [SelfAssessment]
>('submitSelfAssessment');
export const decideReviewOutcomeUpdate = defineUpdate<
  Record<PartnerKind, PartnerAnswer<ReviewOutcome>>,
  [ReviewOutcomeDecision]
>('decideReviewOutcome');

export function boardWorkflowId(boardId: string): string {
  return `board/${boardId}`;
}
