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

interface Draft {
  version: number;
  contentHash: string;
  text: string | undefined;
  phase: DraftPhase;
  decisions: Map<PartnerKind, Answer<TorOutcome>>;
  revisedBy: string;
}

interface Review {
  cycle: number;
  due: CivilDate | undefined;
  startsOn: CivilDate | undefined;
  selfAssessmentDeadline: CivilDate | undefined;
  phase: ReviewPhase;
  assessments: Map<string, { rating: number; comments: string; at: string }>;
  outcomes: Map<PartnerKind, Answer<ReviewOutcome> & { extension: string }>;
}

/** What the process sees of a part of the state: nothing it could change, maps included. */
type ReadOnly<T> = {
  readonly [K in keyof T]: T[K] extends Map<infer Key, infer Value>
    ? ReadonlyMap<Key, Readonly<Value>>
    : T[K];
};

/**
 * What a board knows in one run: its registered standing orders, its Terms of Reference (in force and in
 * draft), the running escalation and the review cycle. Changed only through the methods below.
 */
export class BoardState {
  private standingOrders: StandingOrders;
  private readonly registeredAs: { version: number; since: CivilDate };
  private hashOfRegistered: string;
  private cycleNumber: number;
  private establishedDay: CivilDate | undefined;
  private inForce: { version: number; contentHash: string } | undefined;
  private readonly drafted: Draft;
  private running: Escalation | undefined;
  private readonly reviewing: Review = {
    cycle: 0,
    due: undefined,
    startsOn: undefined,
    selfAssessmentDeadline: undefined,
    phase: 'closed',
    assessments: new Map(),
    outcomes: new Map(),
  };
  private changeCount = 0;

  constructor(so: StandingOrders, carried: Carried | undefined, since: CivilDate) {
    this.standingOrders = so;
    this.registeredAs = carried?.standingOrders ?? { version: 1, since };
    this.hashOfRegistered = contentHash(JSON.stringify(so));
    this.cycleNumber = carried?.cycle ?? 0;
    this.establishedDay = carried?.establishedOn;
    this.inForce = carried?.termsOfReference;
    this.drafted = {
      version: this.inForce?.version ?? 1,
      contentHash: this.inForce?.contentHash ?? '',
      text: undefined,
      phase: 'closed',
      decisions: new Map(),
      revisedBy: '',
    };
  }

  // ---- What the process reads (read-only views) -------------------------------------------------------
  /** The standing orders in force (the registered ones; an amendment replaces them). */
  get so(): StandingOrders {
    return this.standingOrders;
  }
  get registration(): Readonly<{ version: number; since: CivilDate }> {
    return this.registeredAs;
  }
  get registeredHash(): string {
    return this.hashOfRegistered;
  }
  get cycle(): number {
    return this.cycleNumber;
  }
  get establishedOn(): CivilDate | undefined {
    return this.establishedDay;
  }
  /** The Terms of Reference in force (approved by both), once there are any. */
  get approved(): Readonly<{ version: number; contentHash: string }> | undefined {
    return this.inForce;
  }
  get draft(): ReadOnly<Draft> {
    return this.drafted;
  }
  get escalation(): Readonly<Escalation> | undefined {
    return this.running;
  }
  get review(): ReadOnly<Review> {
    return this.reviewing;
  }
  /** Bumped by every accepted Update, so the process can wait for "something happened". */
  get changes(): number {
    return this.changeCount;
  }

  /** Step keys must be unique across the runs of `board/<id>`: each run's steps carry its cycle. */
  get stepPrefix(): string {
    return this.cycleNumber === 0 ? 'establish' : `cycle-${this.cycleNumber}`;
  }

  partnerOf(kind: PartnerKind) {
    return this.standingOrders.partners.find((p) => p.kind === kind)!;
  }
  bodyName(kind: PartnerKind): string {
    return this.partnerOf(kind).parentBody.name;
  }

  registered(boardId: string): RegisteredStandingOrders {
    const { version, since } = this.registeredAs;
    return {
      boardId,
      version,
      contentHash: this.hashOfRegistered,
      since,
      standingOrders: this.standingOrders,
    };
  }

  draftView(): NonNullable<BoardStatus['draft']> {
    const { version, contentHash: hash, decisions } = this.drafted;
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
      council: this.reviewing.outcomes.get('council')?.outcome ?? ('pending' as const),
      nhs: this.reviewing.outcomes.get('nhs')?.outcome ?? ('pending' as const),
    };
  }
  outstandingMembers(): string[] {
    return this.standingOrders.members.filter((m) => !this.reviewing.assessments.has(m.id)).map((m) => m.id);
  }

  // ---- The Terms of Reference ------------------------------------------------------------------------
  propose(text: string): void {
    this.drafted.text = text;
    this.drafted.contentHash = contentHash(text);
  }
  requestRevision(): void {
    this.drafted.phase = 'revision-requested';
  }
  putToParentBodies(): void {
    this.drafted.phase = 'awaiting-approval';
    this.drafted.decisions.clear();
  }
  decideTermsOfReference(body: PartnerKind, answer: Omit<Answer<TorOutcome>, 'at' | 'recorded'>): void {
    this.drafted.decisions.set(body, { ...answer, at: new Date().toISOString(), recorded: false });
    this.changeCount++;
  }
  revise(text: string, by: string): void {
    this.drafted.version += 1;
    this.drafted.text = text;
    this.drafted.contentHash = contentHash(text);
    this.drafted.decisions.clear();
    this.drafted.revisedBy = by;
    this.drafted.phase = 'closed';
    this.changeCount++;
  }
  /** A decision written to the register is not written again. */
  decisionRecorded(body: PartnerKind): void {
    this.drafted.decisions.get(body)!.recorded = true;
  }
  closeDraft(): void {
    this.drafted.phase = 'closed';
  }
  /** Both approved: this text is frozen by its hash. */
  approveDraft(): void {
    this.inForce = { version: this.drafted.version, contentHash: this.drafted.contentHash };
  }

  // ---- Standing orders, establishment, escalation ----------------------------------------------------
  amendStandingOrders(so: StandingOrders, on: CivilDate): void {
    this.standingOrders = so;
    this.hashOfRegistered = contentHash(JSON.stringify(this.standingOrders));
    this.registeredAs.version += 1;
    this.registeredAs.since = on;
    this.changeCount++;
  }
  establish(on: CivilDate): void {
    this.establishedDay = on;
    this.running = undefined;
  }
  /** After the establishment's own steps (their keys carry `establish`): this run goes on to review 1. */
  beginFirstCycle(): void {
    this.cycleNumber = 1;
  }
  escalateAfter(escalation: Omit<Escalation, 'done'> | undefined): void {
    this.running = escalation && { ...escalation, done: false };
  }
  markEscalated(): void {
    this.running!.done = true;
  }

  // ---- The review cycle ------------------------------------------------------------------------------
  scheduleReview(due: CivilDate, startsOn: CivilDate): void {
    Object.assign(this.reviewing, { cycle: this.cycleNumber, due, startsOn });
  }
  collectSelfAssessments(until: CivilDate): void {
    this.reviewing.selfAssessmentDeadline = until;
    this.reviewing.phase = 'self-assessment';
  }
  moveSelfAssessmentDeadline(to: CivilDate): void {
    this.reviewing.selfAssessmentDeadline = to;
  }
  assess(member: string, rating: number, comments: string): void {
    this.reviewing.assessments.set(member, { rating, comments, at: new Date().toISOString() });
    this.changeCount++;
  }
  awaitReviewOutcome(): void {
    this.reviewing.phase = 'outcome';
  }
  decideReviewOutcome(
    body: PartnerKind,
    answer: Omit<Answer<ReviewOutcome>, 'at' | 'recorded'> & { extension: string },
  ) {
    this.reviewing.outcomes.set(body, { ...answer, at: new Date().toISOString(), recorded: false });
    this.changeCount++;
  }
  closeReview(): void {
    this.reviewing.phase = 'closed';
  }
}
