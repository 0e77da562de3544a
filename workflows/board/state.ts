import type {
  BoardInput,
  BoardStatus,
  PartnerKind,
  RegisteredStandingOrders,
  ReviewOutcome,
} from '../../definitions';
import type { CivilDate } from '../../governance/civil-date';
import { contentHash } from '../../governance/content-hash';
import type { StandingOrders } from '../../governance/standing-orders/schema';

export const KINDS = ['council', 'nhs'] as const satisfies readonly PartnerKind[];

export type TorOutcome = 'approve' | 'reject' | 'amend';
export interface Answer<O extends string> {
  outcome: O;
  by: string;
  comments: string;
  at: string;
  recorded: boolean;
}

/** A deadline that, once passed, is escalated to both chief executives while the board keeps waiting. */
export interface Escalation {
  topic: 'establishment' | 'review-outcome' | 'tor-amendment';
  /** What must happen by the deadline, in plain words. */
  what: string;
  on: CivilDate;
  atMs: number;
  done: boolean;
}

type Carried = NonNullable<BoardInput['carried']>;
type DraftPhase = 'closed' | 'awaiting-approval' | 'revision-requested';
type ReviewPhase = 'closed' | 'self-assessment' | 'outcome';

/**
 * What a board knows in one run: its registered standing orders, its Terms of Reference (in force and in
 * draft), the running escalation and the review cycle. Changed only through the methods below.
 */
export class BoardState {
  so: StandingOrders;
  readonly registration: { version: number; since: CivilDate };
  registeredHash: string;
  cycle: number;
  establishedOn: CivilDate | undefined;
  /** The Terms of Reference in force (approved by both), once there are any. */
  approved: { version: number; contentHash: string } | undefined;
  readonly draft: {
    version: number;
    contentHash: string;
    text: string | undefined;
    phase: DraftPhase;
    decisions: Map<PartnerKind, Answer<TorOutcome>>;
    revisedBy: string;
  };
  escalation: Escalation | undefined;
  readonly review = {
    cycle: 0,
    due: undefined as CivilDate | undefined,
    startsOn: undefined as CivilDate | undefined,
    selfAssessmentDeadline: undefined as CivilDate | undefined,
    phase: 'closed' as ReviewPhase,
    assessments: new Map<string, { rating: number; comments: string; at: string }>(),
    outcomes: new Map<PartnerKind, Answer<ReviewOutcome> & { extension: string }>(),
  };
  /** Bumped by every accepted Update, so the process can wait for "something happened". */
  changes = 0;

  constructor(so: StandingOrders, carried: Carried | undefined, since: CivilDate) {
    this.so = so;
    this.registration = carried?.standingOrders ?? { version: 1, since };
    this.registeredHash = contentHash(JSON.stringify(so));
    this.cycle = carried?.cycle ?? 0;
    this.establishedOn = carried?.establishedOn;
    this.approved = carried?.termsOfReference;
    this.draft = {
      version: this.approved?.version ?? 1,
      contentHash: this.approved?.contentHash ?? '',
      text: undefined,
      phase: 'closed',
      decisions: new Map(),
      revisedBy: '',
    };
  }

  /** Step keys must be unique across the runs of `board/<id>`: each run's steps carry its cycle. */
  get stepPrefix(): string {
    return this.cycle === 0 ? 'establish' : `cycle-${this.cycle}`;
  }

  partnerOf(kind: PartnerKind) {
    return this.so.partners.find((p) => p.kind === kind)!;
  }
  bodyName(kind: PartnerKind): string {
    return this.partnerOf(kind).parentBody.name;
  }

  registered(boardId: string): RegisteredStandingOrders {
    const { version, since } = this.registration;
    return { boardId, version, contentHash: this.registeredHash, since, standingOrders: this.so };
  }

  draftView(): NonNullable<BoardStatus['draft']> {
    const { version, contentHash: hash, decisions } = this.draft;
    return {
      version,
      contentHash: hash,
      decisions: {
        council: decisions.get('council')?.outcome ?? 'pending',
        nhs: decisions.get('nhs')?.outcome ?? 'pending',
      },
    };
  }
  outcomesView() {
    return {
      council: this.review.outcomes.get('council')?.outcome ?? ('pending' as const),
      nhs: this.review.outcomes.get('nhs')?.outcome ?? ('pending' as const),
    };
  }
  outstandingMembers(): string[] {
    return this.so.members.filter((m) => !this.review.assessments.has(m.id)).map((m) => m.id);
  }

  // ---- The Terms of Reference ------------------------------------------------------------------------
  propose(text: string): void {
    this.draft.text = text;
    this.draft.contentHash = contentHash(text);
  }
  requestRevision(): void {
    this.draft.phase = 'revision-requested';
  }
  putToParentBodies(): void {
    this.draft.phase = 'awaiting-approval';
    this.draft.decisions.clear();
  }
  decideTermsOfReference(body: PartnerKind, answer: Omit<Answer<TorOutcome>, 'at' | 'recorded'>): void {
    this.draft.decisions.set(body, { ...answer, at: new Date().toISOString(), recorded: false });
    this.changes++;
  }
  revise(text: string, by: string): void {
    this.draft.version += 1;
    this.draft.text = text;
    this.draft.contentHash = contentHash(text);
    this.draft.decisions.clear();
    this.draft.revisedBy = by;
    this.draft.phase = 'closed';
    this.changes++;
  }
  /** A decision written to the register is not written again. */
  decisionRecorded(body: PartnerKind): void {
    this.draft.decisions.get(body)!.recorded = true;
  }
  closeDraft(): void {
    this.draft.phase = 'closed';
  }
  /** Both approved: this text is frozen by its hash. */
  approveDraft(): void {
    this.approved = { version: this.draft.version, contentHash: this.draft.contentHash };
  }

  // ---- Standing orders, establishment, escalation ----------------------------------------------------
  amendStandingOrders(so: StandingOrders, on: CivilDate): void {
    this.so = so;
    this.registeredHash = contentHash(JSON.stringify(this.so));
    this.registration.version += 1;
    this.registration.since = on;
    this.changes++;
  }
  establish(on: CivilDate): void {
    this.establishedOn = on;
    this.escalation = undefined;
  }
  /** After the establishment's own steps (their keys carry `establish`): this run goes on to review 1. */
  beginFirstCycle(): void {
    this.cycle = 1;
  }
  escalateAfter(escalation: Omit<Escalation, 'done'> | undefined): void {
    this.escalation = escalation && { ...escalation, done: false };
  }
  markEscalated(): void {
    this.escalation!.done = true;
  }

  // ---- The review cycle ------------------------------------------------------------------------------
  scheduleReview(due: CivilDate, startsOn: CivilDate): void {
    Object.assign(this.review, { cycle: this.cycle, due, startsOn });
  }
  collectSelfAssessments(until: CivilDate): void {
    this.review.selfAssessmentDeadline = until;
    this.review.phase = 'self-assessment';
  }
  moveSelfAssessmentDeadline(to: CivilDate): void {
    this.review.selfAssessmentDeadline = to;
  }
  assess(member: string, rating: number, comments: string): void {
    this.review.assessments.set(member, { rating, comments, at: new Date().toISOString() });
    this.changes++;
  }
  awaitReviewOutcome(): void {
    this.review.phase = 'outcome';
  }
  decideReviewOutcome(
    body: PartnerKind,
    answer: Omit<Answer<ReviewOutcome>, 'at' | 'recorded'> & { extension: string },
  ) {
    this.review.outcomes.set(body, { ...answer, at: new Date().toISOString(), recorded: false });
    this.changes++;
  }
  closeReview(): void {
    this.review.phase = 'closed';
  }
}
