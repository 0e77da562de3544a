import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  patched,
  setCurrentDetails,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { CalendarInvite, Recipient } from '../activities/contract';
import {
  SA,
  boardInputSchema,
  amendStandingOrdersUpdate,
  boardStatusQuery,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  effectivenessReviewWorkflowId,
  reviewOutcomeDecisionSchema,
  reviseTermsOfReferenceUpdate,
  selfAssessmentSchema,
  standingOrdersAmendmentSchema,
  standingOrdersQuery,
  submitSelfAssessmentUpdate,
  termsOfReferenceDecisionSchema,
  termsOfReferenceRevisionSchema,
  type BoardInput,
  type BoardResult,
  type BoardStage,
  type BoardStatus,
  type PartnerKind,
  type ReviewOutcome,
} from '../definitions';
import { describeZodError } from '../definitions/validation';
import { markdownText } from '../definitions/markdown';
import {
  addDays,
  addMonths,
  addWorkingDays,
  clerkRefusal,
  compareCivilDates,
  democraticServicesRefusal,
  establishmentApprovalDeadline,
  londonCivilDate,
  londonInstantMs,
  memberRefusal,
  planReview,
  type CivilDate,
} from '../governance';
import { displayDate, displayDatesIn, displayDeadline } from '../governance/display-dates';
import { notify, record } from './kit/proxies';
import { Authority } from './kit/authority';
import { contentHash } from '../governance/content-hash';
import { effectivenessReview } from './effectiveness-review';
import { parseWorkflowInput } from './kit/input';
import { describeNews, takeHolidayNews } from './kit/holiday-news';
import { waitUntilDeadline } from './kit/waits';
import { WorkingCalendar } from './kit/working-calendar';
import { searchAttributeWriter } from './kit/tracker';

/**
 * From this patch on, a Terms of Reference draft sent to the parent bodies after its approval deadline has
 * passed (and was escalated) names no deadline; it used to ask for approval by that past day.
 */
export const NO_PAST_DEADLINE_IN_TOR_MAIL = 'no-past-deadline-in-tor-mail';

/** Notices go out, and meetings are taken to start, at the start of the working day in London. */
const SEND_AT = '09:00';
const KINDS = ['council', 'nhs'] as const satisfies readonly PartnerKind[];

/** A date "by" which something must happen runs to the end of that day in London. */
const endOfDayMs = (date: CivilDate) => londonInstantMs(addDays(date, 1), '00:00');
const iso = (ms: number) => new Date(ms).toISOString();
/** £1,234,567 without Intl (kept out of workflow code so output never depends on the ICU data). */
const pounds = (amount: number) => `£${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

type TorOutcome = 'approve' | 'reject' | 'amend';
interface Answer<O extends string> {
  outcome: O;
  by: string;
  comments: string;
  at: string;
  recorded: boolean;
}

/** A deadline that, once passed, is escalated to both chief executives while the board keeps waiting. */
interface Escalation {
  topic: 'establishment' | 'review-outcome' | 'tor-amendment';
  /** What must happen by the deadline, in plain words. */
  what: string;
  on: CivilDate;
  atMs: number;
  done: boolean;
}

/**
 * P1 and P2: a board's life, from its proposal to its dissolution, in one workflow per board
 * (ID `board/<boardId>`).
 *
 * P1: the first meeting considers the draft Terms of Reference, which then go to both parent bodies; each
 * approves, rejects or asks for amendments (`decideTermsOfReference`). Amendments come back from democratic
 * services as a new version (`reviseTermsOfReference`) that both must approve again. The approved text is
 * frozen by its SHA-256, and the board is established on the day the second approval lands. Not approved
 * by the deadline (standing orders, default 3 months): escalated to both chief executives, still waiting.
 * A rejection by either parent body ends the proposal.
 *
 * P2: each run then holds one review cycle: the effectiveness review's clock as a child workflow, the
 * s75 pooled-budget review, members' self-assessments (`submitSelfAssessment`), a report to both parent
 * bodies and their response (`decideReviewOutcome`): continue, amend the Terms of Reference (back into the
 * P1 approval loop), extend delegation, or dissolve. The run ends with continue-as-new, carrying only
 * what the next cycle needs, so the history of a board that lives for decades stays small.
 */
export async function board(rawInput: BoardInput): Promise<BoardResult> {
  const input = parseWorkflowInput(boardInputSchema, rawInput);
  /** The registered standing orders: every process of the board runs under them (a governed step amends them). */
  let so = input.standingOrders;
  const boardId = so.board.id;
  const boardName = so.board.name;
  const { workflowId } = workflowInfo();
  const workingDays = new WorkingCalendar(
    so.holidays.region,
    input.carried?.holidays ?? so.holidays.adjustments,
  );
  const today = () => londonCivilDate(Date.now());
  const registration = input.carried?.standingOrders ?? {
    version: 1,
    since: input.proposedOn ?? input.carried?.establishedOn ?? today(),
  };
  let registeredHash = contentHash(JSON.stringify(so));
  const partnerOf = (kind: PartnerKind) => so.partners.find((p) => p.kind === kind)!;
  const bodyName = (kind: PartnerKind) => partnerOf(kind).parentBody.name;

  const recipients = {
    members: (): Recipient[] =>
      so.members.map((m) => ({
        role: m.id === so.chair ? 'chair' : 'member',
        name: m.name,
        email: m.email,
        partner: m.partner,
      })),
    clerks: (): Recipient[] => KINDS.map(clerkOf),
    clerk: (kind: PartnerKind): Recipient[] => [clerkOf(kind)],
    chiefExecutives: (): Recipient[] =>
      KINDS.map((kind) => {
        const p = partnerOf(kind);
        return {
          role: 'chief-executive',
          name: p.chiefExecutive.name,
          email: p.chiefExecutive.email,
          partner: p.id,
        };
      }),
    democraticServices: (): Recipient[] => [
      {
        role: 'officer',
        name: so.officers.democraticServices.name ?? 'Democratic Services',
        email: so.officers.democraticServices.email,
      },
    ],
  };
  function clerkOf(kind: PartnerKind): Recipient {
    const p = partnerOf(kind);
    return { role: 'parent-body-clerk', name: p.clerk.name, email: p.clerk.email, partner: p.id };
  }

  // ---- State ------------------------------------------------------------------------------------------
  let cycle = input.carried?.cycle ?? 0;
  let establishedOn = input.carried?.establishedOn;
  /** The Terms of Reference in force (approved by both), once there are any. */
  let approved = input.carried?.termsOfReference;
  const draft = {
    version: approved?.version ?? 1,
    contentHash: approved?.contentHash ?? '',
    text: undefined as string | undefined,
    phase: 'closed' as 'closed' | 'awaiting-approval' | 'revision-requested',
    decisions: new Map<PartnerKind, Answer<TorOutcome>>(),
    revisedBy: '',
  };
  let escalation: Escalation | undefined;
  const review = {
    cycle: 0,
    due: undefined as CivilDate | undefined,
    startsOn: undefined as CivilDate | undefined,
    selfAssessmentDeadline: undefined as CivilDate | undefined,
    phase: 'closed' as 'closed' | 'self-assessment' | 'outcome',
    assessments: new Map<string, { rating: number; comments: string; at: string }>(),
    outcomes: new Map<PartnerKind, Answer<ReviewOutcome> & { extension: string }>(),
  };
  /** Bumped by every accepted Update, so the main flow can wait for "something happened". */
  let changes = 0;
  /** Step keys must be unique across the runs of `board/<id>`: each run's steps carry its cycle. */
  const prefix = () => (cycle === 0 ? 'establish' : `cycle-${cycle}`);

  // ---- Readable state: status query, search attributes, current details ---------------------------------
  const status: BoardStatus = {
    process: 'board',
    boardId,
    stage: 'proposed',
    waitingFor: '',
    steps: [],
    cycle,
    escalated: false,
  };
  setHandler(boardStatusQuery, () => status);
  setHandler(standingOrdersQuery, () => ({
    boardId,
    version: registration.version,
    contentHash: registeredHash,
    since: registration.since,
    standingOrders: so,
  }));
  const writeSearchAttributes = searchAttributeWriter();
  let current: {
    stage: BoardStage;
    waitingFor: string;
    waitingKey: string;
    deadlineMs?: number;
    next: string;
  } = {
    stage: 'proposed',
    waitingFor: '',
    waitingKey: 'none',
    next: '',
  };
  const step = (kind: string, detail: string) =>
    status.steps.push({ at: new Date().toISOString(), kind, detail });

  function draftView(): BoardStatus['draft'] {
    return {
      version: draft.version,
      contentHash: draft.contentHash,
      decisions: {
        council: draft.decisions.get('council')?.outcome ?? 'pending',
        nhs: draft.decisions.get('nhs')?.outcome ?? 'pending',
      },
    };
  }
  function outcomesView() {
    return {
      council: review.outcomes.get('council')?.outcome ?? ('pending' as const),
      nhs: review.outcomes.get('nhs')?.outcome ?? ('pending' as const),
    };
  }
  function outstandingMembers(): string[] {
    return so.members.filter((m) => !review.assessments.has(m.id)).map((m) => m.id);
  }
  function partnerOutcome(): string | null {
    if (draft.phase === 'awaiting-approval')
      return KINDS.map((k) => `${k}:${draftView()!.decisions[k]}`).join(',');
    if (review.phase === 'outcome') return KINDS.map((k) => `${k}:${outcomesView()[k]}`).join(',');
    return null;
  }

  function enter(
    stage: BoardStage,
    waitingFor: string,
    waitingKey: string,
    deadlineMs: number | undefined,
    next: string,
  ) {
    current = { stage, waitingFor, waitingKey, deadlineMs, next };
    show();
  }
  /** Renders the state into the status, the search attributes and the Web UI's current details. */
  function show() {
    const { stage, waitingFor, waitingKey, deadlineMs, next } = current;
    status.stage = stage;
    status.cycle = cycle;
    status.waitingFor = waitingFor;
    status.nextDeadline = deadlineMs === undefined ? undefined : iso(deadlineMs);
    status.establishedOn = establishedOn;
    status.termsOfReference = approved ? { ...approved } : undefined;
    status.draft = draft.phase === 'closed' && approved?.version === draft.version ? undefined : draftView();
    status.escalated = escalation?.done ?? false;
    status.review =
      review.cycle === 0
        ? undefined
        : {
            cycle: review.cycle,
            due: review.due,
            startsOn: review.startsOn,
            selfAssessmentDeadline: review.selfAssessmentDeadline,
            received: [...review.assessments.keys()],
            outstanding: outstandingMembers(),
            outcomes: outcomesView(),
          };
    writeSearchAttributes([
      { key: SA.stage, value: stage },
      { key: SA.waitingFor, value: waitingKey },
      { key: SA.nextDeadline, value: deadlineMs === undefined ? null : new Date(deadlineMs) },
      { key: SA.partnerOutcome, value: partnerOutcome() },
    ]);
    // Current details are no command (nothing in the history): dates are shown here as people read them.
    const lines = [
      `**${markdownText(boardName)}** (\`${boardId}\`) — ${cycle === 0 ? 'establishment' : `review cycle ${cycle}`}`,
      `- Stage: **${stage}**`,
      `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
    ];
    if (deadlineMs !== undefined) lines.push(`- Deadline: ${displayDeadline(deadlineMs)}`);
    if (escalation?.done)
      lines.push(
        `- Escalated to both chief executives: ${escalation.what} was due by ${displayDate(escalation.on)}`,
      );
    if (establishedOn) lines.push(`- Established: ${displayDate(establishedOn)}`);
    if (approved)
      lines.push(
        `- Terms of Reference in force: version ${approved.version}, SHA-256 \`${approved.contentHash.slice(0, 12)}…\``,
      );
    if (draft.phase !== 'closed') {
      const v = draftView()!;
      lines.push(
        `- Terms of Reference version ${v.version} (\`${v.contentHash.slice(0, 12)}…\`): council ${v.decisions.council}, NHS ${v.decisions.nhs}`,
      );
    }
    if (review.phase === 'self-assessment') {
      lines.push(
        `- Self-assessments: ${review.assessments.size} of ${so.members.length} received, due by ${review.selfAssessmentDeadline ? displayDate(review.selfAssessmentDeadline) : '-'}`,
      );
    }
    if (review.phase === 'outcome')
      lines.push(`- Review response: council ${outcomesView().council}, NHS ${outcomesView().nhs}`);
    if (next) lines.push(`- Next: ${markdownText(displayDatesIn(next))}`);
    setCurrentDetails(lines.join('\n'));
  }

  // ---- Updates --------------------------------------------------------------------------------------------
  const invalid = (what: string, error: Parameters<typeof describeZodError>[0]) =>
    new Error(`invalid ${what}: ${describeZodError(error)}`);
  const authority = new Authority({ workflowId, boardId, step: (n) => `${prefix()}/refused/${n}` });
  const notTheClerk = (body: PartnerKind, by: string, what?: string) =>
    clerkRefusal(bodyName(body), partnerOf(body).clerk.email, by, what);
  const reviser = (by: string) => democraticServicesRefusal(so, by, 'submit a revised Terms of Reference');

  setHandler(
    decideTermsOfReferenceUpdate,
    (raw) => {
      const d = termsOfReferenceDecisionSchema.parse(raw);
      const refused = authority.refuse(notTheClerk(d.body, d.by), {
        action: 'decideTermsOfReference',
        actor: d.by,
      });
      if (refused) return refused;
      draft.decisions.set(d.body, {
        outcome: d.outcome,
        by: d.by,
        comments: d.comments,
        at: new Date().toISOString(),
        recorded: false,
      });
      changes++;
      step('tor-decision', `${bodyName(d.body)}: ${d.outcome} (version ${draft.version})`);
      show();
      return draftView();
    },
    {
      validator: (raw) => {
        const parsed = termsOfReferenceDecisionSchema.safeParse(raw);
        if (!parsed.success) throw invalid('decision', parsed.error);
        const d = parsed.data;
        if (authority.screen(notTheClerk(d.body, d.by))) return;
        if (draft.phase !== 'awaiting-approval') {
          throw new Error(`no Terms of Reference are before the parent bodies now (stage: ${status.stage})`);
        }
        if (d.version !== undefined && d.version !== draft.version) {
          throw new Error(
            `version ${d.version} is not before the parent bodies; version ${draft.version} is`,
          );
        }
        const partner = partnerOf(d.body);
        const earlier = draft.decisions.get(d.body);
        if (earlier) {
          throw new Error(
            `${partner.parentBody.name} has already decided on version ${draft.version} (${earlier.outcome})`,
          );
        }
      },
    },
  );

  setHandler(
    reviseTermsOfReferenceUpdate,
    (raw) => {
      const revision = termsOfReferenceRevisionSchema.parse(raw);
      const refused = authority.refuse(reviser(revision.by), {
        action: 'reviseTermsOfReference',
        actor: revision.by,
      });
      if (refused) return refused;
      draft.version += 1;
      draft.text = revision.text;
      draft.contentHash = contentHash(revision.text);
      draft.decisions.clear();
      draft.revisedBy = revision.by;
      draft.phase = 'closed';
      changes++;
      step('tor-revised', `version ${draft.version} submitted by democratic services`);
      show();
      return { version: draft.version, contentHash: draft.contentHash };
    },
    {
      validator: (raw) => {
        const parsed = termsOfReferenceRevisionSchema.safeParse(raw);
        if (!parsed.success) throw invalid('revision', parsed.error);
        if (authority.screen(reviser(parsed.data.by))) return;
        if (draft.phase !== 'revision-requested') {
          throw new Error(
            `no revision of the Terms of Reference has been requested (stage: ${status.stage})`,
          );
        }
        if (contentHash(parsed.data.text) === draft.contentHash) {
          throw new Error(
            `the revised text is identical to version ${draft.version}; it must make the amendments asked for`,
          );
        }
      },
    },
  );

  const registrar = (by: string) => democraticServicesRefusal(so, by, 'register amended standing orders');
  setHandler(
    amendStandingOrdersUpdate,
    async (raw) => {
      const amendment = standingOrdersAmendmentSchema.parse(raw);
      const refused = authority.refuse(registrar(amendment.by), {
        action: 'amendStandingOrders',
        actor: amendment.by,
      });
      if (refused) return refused;
      so = amendment.standingOrders;
      workingDays.adopt(so.holidays);
      registeredHash = contentHash(JSON.stringify(so));
      registration.version += 1;
      registration.since = today();
      changes++;
      step('standing-orders-amended', `version ${registration.version}: ${amendment.approvedBy}`);
      show();
      await record(
        {
          key: { workflowId, step: `${prefix()}/standing-orders/v${registration.version}` },
          boardId,
          processId: workflowId,
          kind: 'standing-orders-amended',
          at: new Date().toISOString(),
          data: {
            version: registration.version,
            contentHash: registeredHash,
            approvedBy: amendment.approvedBy,
            by: amendment.by,
          },
        },
        `Register version ${registration.version} of the standing orders`,
      );
      return { version: registration.version, contentHash: registeredHash };
    },
    {
      validator: (raw) => {
        const parsed = standingOrdersAmendmentSchema.safeParse(raw);
        if (!parsed.success) throw invalid('amendment', parsed.error);
        if (authority.screen(registrar(parsed.data.by))) return;
        const next = parsed.data.standingOrders;
        if (next.board.id !== boardId)
          throw new Error(`standingOrders.board.id: must stay "${boardId}" (a board keeps its id)`);
        for (const kind of KINDS) {
          if (next.partners.filter((p) => p.kind === kind).length !== 1)
            throw new Error(`standingOrders.partners: must keep one ${kind} partner`);
        }
        if (contentHash(JSON.stringify(next)) === registeredHash)
          throw new Error(`the standing orders are identical to version ${registration.version}`);
      },
    },
  );

  setHandler(
    submitSelfAssessmentUpdate,
    (raw) => {
      const a = selfAssessmentSchema.parse(raw);
      const refused = authority.refuse(memberRefusal(so, a.member), {
        action: 'submitSelfAssessment',
        actor: a.member,
      });
      if (refused) return refused;
      review.assessments.set(a.member, {
        rating: a.rating,
        comments: a.comments,
        at: new Date().toISOString(),
      });
      changes++;
      step('self-assessment', `${a.member} rated the board ${a.rating}/5`);
      const outstanding = outstandingMembers();
      current.waitingFor = `self-assessments from ${outstanding.length} of ${so.members.length} members`;
      show();
      return { received: review.assessments.size, outstanding };
    },
    {
      validator: (raw) => {
        const parsed = selfAssessmentSchema.safeParse(raw);
        if (!parsed.success) throw invalid('self-assessment', parsed.error);
        if (authority.screen(memberRefusal(so, parsed.data.member))) return;
        if (review.phase !== 'self-assessment')
          throw new Error(`self-assessments are not being collected now (stage: ${status.stage})`);
        const member = so.members.find((m) => m.id === parsed.data.member)!;
        if (review.assessments.has(member.id))
          throw new Error(`${member.name} has already sent a self-assessment for review ${review.cycle}`);
      },
    },
  );

  setHandler(
    decideReviewOutcomeUpdate,
    (raw) => {
      const d = reviewOutcomeDecisionSchema.parse(raw);
      const refused = authority.refuse(notTheClerk(d.body, d.by, 'response'), {
        action: 'decideReviewOutcome',
        actor: d.by,
      });
      if (refused) return refused;
      review.outcomes.set(d.body, {
        outcome: d.outcome,
        by: d.by,
        comments: d.comments,
        extension: d.extension,
        at: new Date().toISOString(),
        recorded: false,
      });
      changes++;
      step('review-outcome-decision', `${bodyName(d.body)}: ${d.outcome}`);
      show();
      return outcomesView();
    },
    {
      validator: (raw) => {
        const parsed = reviewOutcomeDecisionSchema.safeParse(raw);
        if (!parsed.success) throw invalid('review outcome', parsed.error);
        const d = parsed.data;
        if (authority.screen(notTheClerk(d.body, d.by, 'response'))) return;
        if (review.phase !== 'outcome')
          throw new Error(`no review report is before the parent bodies now (stage: ${status.stage})`);
        const partner = partnerOf(d.body);
        const earlier = review.outcomes.get(d.body);
        if (earlier)
          throw new Error(
            `${partner.parentBody.name} has already responded to review ${review.cycle} (${earlier.outcome})`,
          );
      },
    },
  );

  // ---- Effects ---------------------------------------------------------------------------------------------
  const entry = (stepKey: string, kind: string, data: Record<string, unknown>, summary?: string) =>
    record(
      {
        key: { workflowId, step: `${prefix()}/${stepKey}` },
        boardId,
        processId: workflowId,
        kind,
        at: new Date().toISOString(),
        data,
      },
      summary,
    );
  const send = (
    stepKey: string,
    kind: string,
    to: Recipient[],
    action: string,
    extra: {
      deadline?: CivilDate;
      facts?: Record<string, string | number | boolean>;
      invite?: CalendarInvite;
      summary?: string;
    } = {},
  ) =>
    notify(
      {
        key: { workflowId, step: `${prefix()}/${stepKey}` },
        kind,
        boardId,
        processTitle: cycle === 0 ? `Establishment of ${boardName}` : `${boardName}: review cycle ${cycle}`,
        recipients: to,
        action,
        ...(extra.deadline ? { deadline: extra.deadline } : {}),
        ...(extra.facts ? { facts: extra.facts } : {}),
        ...(extra.invite ? { invite: extra.invite } : {}),
      },
      extra.summary,
    );

  takeHolidayNews(workingDays, async (news) => {
    step('holidays-announced', describeNews(news));
    await entry(
      `holidays-announced/${workingDays.version}`,
      'holidays-announced',
      { ...news },
      'Record the holiday news',
    );
  });

  /** Waits until `done()`, escalating to both chief executives once if the running deadline passes first. */
  async function waitEscalating(done: () => boolean): Promise<void> {
    while (!done()) {
      const e = escalation;
      if (!e || e.done) {
        await condition(done);
        continue;
      }
      const remaining = e.atMs - Date.now();
      if (remaining > 0) {
        await condition(done, remaining, {
          summary: `Deadline ${e.on}: ${e.what}, or escalate to the chief executives`,
        });
        continue;
      }
      e.done = true;
      step('escalated', `${e.what} was not done by ${e.on}: escalated to both chief executives`);
      await send(
        `escalated/${e.topic}`,
        'escalated',
        recipients.chiefExecutives(),
        `${e.what} was due by ${e.on} and has not happened. Please resolve it between the partners; the board keeps waiting.`,
        {
          facts: { deadline: e.on, topic: e.topic, ...partnerFacts() },
          summary: `Escalate to both chief executives: ${e.topic}`,
        },
      );
      await entry(
        `escalated/${e.topic}`,
        'escalated',
        { topic: e.topic, deadline: e.on, what: e.what, ...partnerFacts() },
        `Record the escalation (${e.topic})`,
      );
      if (current.stage === 'awaiting-tor-approval' || current.stage === 'awaiting-review-outcome') {
        enter(
          'escalated',
          current.waitingFor,
          current.waitingKey,
          undefined,
          `escalated to both chief executives on ${today()}; ${current.next}`,
        );
      } else {
        current.deadlineMs = undefined;
        show();
      }
    }
  }
  /**
   * The day a draft going to the parent bodies must be approved by, for their mail: none once that day has
   * passed and the proposal was escalated (patched: such a mail used to ask for approval by the past day).
   */
  function approvalDeadline(): CivilDate | undefined {
    if (!escalation) return undefined;
    if (escalation.done && patched(NO_PAST_DEADLINE_IN_TOR_MAIL)) return undefined;
    return escalation.on;
  }
  function partnerFacts(): Record<string, string> {
    if (review.phase === 'outcome') return { ...outcomesView() };
    const v = draftView()!;
    return { version: String(v.version), council: v.decisions.council, nhs: v.decisions.nhs };
  }

  /**
   * The P1 approval loop: the current draft goes to both parent bodies; an amendment request sends it to
   * democratic services for a new version that both must approve again. Returns when both approve (the text
   * is then frozen by its hash) or as soon as either rejects.
   */
  async function approveTermsOfReference(amendmentsAsked?: string[]): Promise<'approved' | 'rejected'> {
    let amendments = amendmentsAsked;
    for (;;) {
      if (amendments) {
        draft.phase = 'revision-requested';
        const asked = amendments.join(' | ');
        await entry(
          `tor-amendment-requested/v${draft.version}`,
          'tor-amendment-requested',
          { version: draft.version, amendments },
          'Record the amendment request',
        );
        await send(
          `tor-revision-required/v${draft.version}`,
          'tor-revision-required',
          recipients.democraticServices(),
          `Revise the Terms of Reference (version ${draft.version}) as the parent bodies asked and submit version ${draft.version + 1}.`,
          {
            facts: { version: draft.version, amendments: asked },
            summary: 'Ask democratic services for a revised Terms of Reference',
          },
        );
        step('tor-amendment-requested', `version ${draft.version}: ${asked}`);
        enter(
          'revision-requested',
          `democratic services to submit version ${draft.version + 1} of the Terms of Reference`,
          'democratic-services',
          escalation && !escalation.done ? escalation.atMs : undefined,
          'the revised version goes to both parent bodies, who must both approve it',
        );
        await waitEscalating(() => draft.phase !== 'revision-requested');
        await entry(
          `tor-revised/v${draft.version}`,
          'tor-revised',
          { version: draft.version, contentHash: draft.contentHash, text: draft.text, by: draft.revisedBy },
          `Record Terms of Reference version ${draft.version}`,
        );
        amendments = undefined;
      }

      draft.phase = 'awaiting-approval';
      draft.decisions.clear();
      await entry(
        `tor-sent/v${draft.version}`,
        'tor-sent',
        { version: draft.version, contentHash: draft.contentHash, parentBodies: KINDS.map(bodyName) },
        `Record version ${draft.version} sent to both parent bodies`,
      );
      const approveBy = approvalDeadline();
      await Promise.all(
        KINDS.map((kind) =>
          send(
            `tor-approval-required/v${draft.version}/${kind}`,
            'tor-approval-required',
            recipients.clerk(kind),
            `Put version ${draft.version} of the Terms of Reference to ${bodyName(kind)} and record its decision: approve, reject, or ask for amendments.`,
            {
              ...(approveBy !== undefined ? { deadline: approveBy } : {}),
              facts: { version: draft.version, contentHash: draft.contentHash, parentBody: bodyName(kind) },
              summary: `Send ToR version ${draft.version} to the clerk to ${bodyName(kind)}`,
            },
          ),
        ),
      );
      step('tor-sent', `version ${draft.version} sent to ${KINDS.map(bodyName).join(' and ')}`);

      for (;;) {
        for (const kind of KINDS) {
          const d = draft.decisions.get(kind);
          if (!d || d.recorded) continue;
          d.recorded = true;
          await entry(
            `tor-decision/v${draft.version}/${kind}`,
            'tor-decision',
            {
              version: draft.version,
              contentHash: draft.contentHash,
              body: kind,
              parentBody: bodyName(kind),
              outcome: d.outcome,
              by: d.by,
              comments: d.comments,
              decidedOn: londonCivilDate(d.at),
            },
            `Record ${bodyName(kind)}: ${d.outcome}`,
          );
        }
        const given = KINDS.map((k) => draft.decisions.get(k));
        const rejection = KINDS.find((k) => draft.decisions.get(k)?.outcome === 'reject');
        if (rejection) {
          draft.phase = 'closed';
          await entry(`tor-rejected/v${draft.version}`, 'tor-rejected', {
            version: draft.version,
            body: rejection,
            parentBody: bodyName(rejection),
            comments: draft.decisions.get(rejection)!.comments,
          });
          step('tor-rejected', `${bodyName(rejection)} rejected version ${draft.version}`);
          return 'rejected';
        }
        if (given.every((d) => d !== undefined)) {
          draft.phase = 'closed';
          const asked = KINDS.filter((k) => draft.decisions.get(k)!.outcome === 'amend');
          if (asked.length > 0) {
            amendments = asked.map((k) => `${bodyName(k)}: ${draft.decisions.get(k)!.comments}`);
            break;
          }
          // Both approved: freeze this text by its hash.
          const approvedOn = today();
          approved = { version: draft.version, contentHash: draft.contentHash };
          await entry(
            `tor-approved/v${draft.version}`,
            'tor-approved',
            {
              version: draft.version,
              contentHash: draft.contentHash,
              approvedOn,
              approvals: KINDS.map((k) => ({
                parentBody: bodyName(k),
                approvedOn: londonCivilDate(draft.decisions.get(k)!.at),
              })),
            },
            `Record ToR version ${draft.version} approved and frozen`,
          );
          step(
            'tor-approved',
            `version ${draft.version} approved by both parent bodies; SHA-256 ${draft.contentHash}`,
          );
          return 'approved';
        }
        const waitingOn = KINDS.filter((k) => !draft.decisions.has(k));
        enter(
          escalation?.done ? 'escalated' : 'awaiting-tor-approval',
          `${waitingOn.map(bodyName).join(' and ')} to decide on version ${draft.version} of the Terms of Reference`,
          waitingOn.length === 2 ? 'parent-bodies' : waitingOn[0]!,
          escalation && !escalation.done ? escalation.atMs : undefined,
          escalation && !escalation.done
            ? `not approved by both by ${escalation.on}: escalated to both chief executives`
            : 'both approve: the text is frozen; either rejects: it ends; an amendment request: a revised version',
        );
        const seen = changes;
        await waitEscalating(() => changes !== seen);
      }
    }
  }

  async function finish(
    result: BoardResult['status'],
    stage: BoardStage,
    detail: string,
  ): Promise<BoardResult> {
    enter(stage, 'nothing: the board process has ended', 'none', undefined, detail);
    await condition(allHandlersFinished);
    return {
      boardId,
      status: result,
      on: today(),
      cycle,
      ...(approved ? { termsOfReference: approved } : {}),
    };
  }

  // ---- P1: establishment -------------------------------------------------------------------------------------
  writeSearchAttributes([
    { key: SA.board, value: boardId },
    { key: SA.process, value: 'board' },
  ]);

  if (!input.carried) {
    const proposedOn = input.proposedOn ?? today();
    const firstMeeting = input.firstMeeting!;
    const deadline = establishmentApprovalDeadline(proposedOn, so.establishment.approvalDeadlineMonths);
    if (compareCivilDates(firstMeeting, proposedOn) < 0 || compareCivilDates(firstMeeting, deadline) > 0) {
      throw ApplicationFailure.nonRetryable(
        `invalid input: firstMeeting: must be between the proposal (${proposedOn}) and the approval deadline ${deadline}`,
        'InvalidInput',
      );
    }
    draft.text = input.termsOfReference!;
    draft.contentHash = contentHash(draft.text);
    escalation = {
      topic: 'establishment',
      what: 'approval of the Terms of Reference by both parent bodies',
      on: deadline,
      atMs: endOfDayMs(deadline),
      done: false,
    };
    const meetingMs = londonInstantMs(firstMeeting, SEND_AT);
    enter(
      'proposed',
      `the first meeting on ${firstMeeting}, which considers the draft Terms of Reference`,
      'first-meeting',
      escalation.atMs,
      `the draft goes to both parent bodies after the first meeting; both must approve by ${deadline}`,
    );
    await entry(
      'board-proposed',
      'board-proposed',
      {
        name: boardName,
        proposedOn,
        firstMeeting,
        approvalDeadline: deadline,
        termsOfReference: { version: 1, contentHash: draft.contentHash, text: draft.text },
      },
      'Record the proposal',
    );
    await send(
      'board-proposed',
      'meeting-scheduled',
      [...recipients.members(), ...recipients.democraticServices()],
      `Attend the first meeting of ${boardName} on ${firstMeeting}: it considers the draft Terms of Reference.`,
      {
        deadline: firstMeeting,
        facts: { firstMeeting, approvalDeadline: deadline },
        invite: {
          uid: `${workflowId}/first-meeting`,
          sequence: 0,
          method: 'REQUEST',
          summary: `First meeting of ${boardName}`,
          start: iso(meetingMs),
          end: iso(meetingMs + 2 * 3_600_000),
          description: 'The first meeting considers the draft Terms of Reference.',
        },
        summary: 'Invite the members to the first meeting',
      },
    );
    step(
      'board-proposed',
      `proposed on ${proposedOn}; first meeting ${firstMeeting}; approval deadline ${deadline}`,
    );
    const untilMeeting = meetingMs - Date.now();
    if (untilMeeting > 0)
      await sleep(untilMeeting, {
        summary: `First meeting ${firstMeeting}: considers the draft Terms of Reference`,
      });
    await entry(
      'tor-considered',
      'tor-considered',
      { meetingOn: firstMeeting, version: 1, contentHash: draft.contentHash },
      'Record the draft considered',
    );
    step('tor-considered', `the first meeting on ${firstMeeting} considered the draft (version 1)`);

    const verdict = await approveTermsOfReference();
    if (verdict === 'rejected') {
      const by = KINDS.find((k) => draft.decisions.get(k)?.outcome === 'reject')!;
      await send(
        'board-rejected',
        'board-rejected',
        [...recipients.members(), ...recipients.clerks(), ...recipients.democraticServices()],
        `${bodyName(by)} rejected the Terms of Reference: the board is not established. No further action is needed.`,
        {
          facts: { version: draft.version, rejectedBy: bodyName(by) },
          summary: 'Tell everyone the proposal was rejected',
        },
      );
      return finish(
        'rejected',
        'rejected',
        `${bodyName(by)} rejected the Terms of Reference; the board was not established`,
      );
    }

    establishedOn = today();
    escalation = undefined;
    await entry(
      'board-established',
      'board-established',
      {
        name: boardName,
        partners: so.partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
        establishedOn,
        members: so.members.map((m) => ({
          id: m.id,
          name: m.name,
          email: m.email,
          partner: m.partner,
          role: m.role,
          voting: m.voting,
        })),
        pooledBudgets: so.pooledBudgets.map((b) => ({
          id: b.id,
          name: b.name,
          kind: b.kind,
          amountGbp: b.amountGbp,
        })),
        termsOfReference: { ...approved! },
      },
      'Record the board established',
    );
    await send(
      'board-established',
      'board-established',
      [...recipients.members(), ...recipients.democraticServices()],
      `${boardName} is established from ${establishedOn}. Its first effectiveness review falls due ${so.review.firstAfterMonths} months from now.`,
      {
        facts: { establishedOn, torVersion: approved!.version, torContentHash: approved!.contentHash },
        summary: 'Tell the members the board is established',
      },
    );
    step('board-established', `established on ${establishedOn}`);
    cycle = 1;
  }

  // ---- P2: one review cycle per run -------------------------------------------------------------------------
  const from = input.carried?.lastReviewOn ?? establishedOn!;
  const intervalMonths = cycle === 1 ? so.review.firstAfterMonths : so.review.recurringEveryMonths;
  const plan = planReview(
    { from, intervalMonths, reminderDaysBefore: so.review.reminderDaysBefore },
    workingDays.current,
  );
  review.cycle = cycle;
  review.due = plan.reviewDue;
  review.startsOn = plan.startsOn;
  enter(
    'awaiting-review',
    `effectiveness review ${cycle}, due ${plan.reviewDue}, starting ${plan.startsOn}${plan.reminders.length ? ` (reminders ${plan.reminders.map((r) => r.on).join(', ')})` : ''}`,
    'timer',
    londonInstantMs(plan.startsOn, SEND_AT),
    'the review starts by itself; members then send their self-assessments',
  );
  step('review-scheduled', `review ${cycle} due ${plan.reviewDue}, counted from ${from}`);
  // TERMINATE (the default, stated here on purpose): the review is this board's clock and nothing else.
  // A board that is terminated, reset or dissolved must not leave an orphan clock that keeps mailing
  // reminders and recording "review started" for a board no longer run (ABANDON would). REQUEST_CANCEL
  // would only help a child with clean-up to do on cancellation, and the review clock has none.
  const started = await executeChild(effectivenessReview, {
    workflowId: effectivenessReviewWorkflowId(boardId, cycle),
    args: [
      {
        boardId,
        boardName,
        from,
        intervalMonths,
        reminderDaysBefore: so.review.reminderDaysBefore,
        region: so.holidays.region,
        cycle,
        recipients: [...recipients.members(), ...recipients.democraticServices()],
      },
    ],
    parentClosePolicy: ParentClosePolicy.TERMINATE,
    staticSummary: `Effectiveness review ${cycle} of ${boardName}, due ${plan.reviewDue}`,
    staticDetails: `Started by \`${workflowId}\`: reminders ${so.review.reminderDaysBefore.join(' and ')} days ahead, then the review starts on ${plan.startsOn}.`,
  });
  const startedOn = londonCivilDate(started.startedAt);
  step('review-started', `review ${cycle} started on ${startedOn}`);

  // The annual review of the pooled budgets (s75 agreement) rides along with each effectiveness review.
  const totalGbp = so.pooledBudgets.reduce((sum, b) => sum + b.amountGbp, 0);
  await entry(
    's75-review',
    's75-review',
    {
      cycle,
      reviewDue: plan.reviewDue,
      schemes: so.pooledBudgets.map((b) => ({
        id: b.id,
        name: b.name,
        kind: b.kind,
        amountGbp: b.amountGbp,
        contributions: b.contributions ?? {},
      })),
      totalGbp,
    },
    'Record the annual pooled-budget (s75) review',
  );
  await send(
    's75-review',
    's75-review',
    recipients.clerks(),
    `The annual review of the pooled-budget (s75) agreement is due with effectiveness review ${cycle}: ${so.pooledBudgets.length} schemes, ${pounds(totalGbp)} in total.`,
    {
      facts: { cycle, schemes: so.pooledBudgets.length, totalGbp },
      summary: 'Send the s75 pooled-budget review to both clerks',
    },
  );
  step('s75-review', `${so.pooledBudgets.length} pooled-budget schemes, ${pounds(totalGbp)} in total`);

  // Self-assessments, until every member has answered or the deadline passes (N working days from the start).
  const saDeadlineUnder = (calendar: typeof workingDays.current) =>
    addWorkingDays(startedOn, input.selfAssessmentWorkingDays, calendar);
  const saDeadline = saDeadlineUnder(workingDays.current);
  review.selfAssessmentDeadline = saDeadline;
  review.phase = 'self-assessment';
  const saDeadlineMs = endOfDayMs(saDeadline);
  await send(
    'self-assessment-required',
    'self-assessment-required',
    recipients.members(),
    `Send your self-assessment of the board (a rating from 1 to 5, with comments) by ${saDeadline}.`,
    {
      deadline: saDeadline,
      facts: { cycle, reviewDue: plan.reviewDue },
      summary: 'Ask the members for their self-assessments',
    },
  );
  const showSelfAssessment = (day: CivilDate) =>
    enter(
      'self-assessment',
      `self-assessments from ${outstandingMembers().length} of ${so.members.length} members`,
      'members',
      endOfDayMs(day),
      `by ${day} (${input.selfAssessmentWorkingDays} working days) the review report goes to both parent bodies`,
    );
  showSelfAssessment(saDeadline);
  const untilSaDeadline = saDeadlineMs - Date.now();
  if (untilSaDeadline > 0 && outstandingMembers().length > 0) {
    await waitUntilDeadline(
      {
        what: 'the self-assessments',
        calendar: workingDays,
        from: (calendar) => {
          const day = saDeadlineUnder(calendar);
          return { on: day, at: new Date(endOfDayMs(day)).toISOString() };
        },
        summary: (d) => `Self-assessments due by ${d.on} (${input.selfAssessmentWorkingDays} working days)`,
        moved: async (was, to) => {
          review.selfAssessmentDeadline = to.on;
          step('deadline-moved', `the self-assessments: from ${was.on} to ${to.on}`);
          showSelfAssessment(to.on);
          await send(
            `deadline-moved/self-assessment/${to.on}`,
            'deadline-moved',
            recipients.members(),
            `A bank holiday announced since moves the day your self-assessment is due from ${was.on} to ${to.on}.`,
            {
              deadline: to.on,
              facts: { cycle },
              summary: 'Tell the members the new day for self-assessments',
            },
          );
        },
      },
      () => outstandingMembers().length === 0,
    );
  }
  review.phase = 'closed';

  const ratings = [...review.assessments.values()].map((a) => a.rating);
  const averageRating = ratings.length
    ? Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 100) / 100
    : null;
  const missing = outstandingMembers();
  const reportOn = today();
  await entry(
    'review-report',
    'review-report',
    {
      cycle,
      reviewDue: plan.reviewDue,
      reportOn,
      responses: ratings.length,
      members: so.members.length,
      averageRating,
      ratings: Object.fromEntries(
        [1, 2, 3, 4, 5].map((r) => [String(r), ratings.filter((x) => x === r).length]),
      ),
      missing,
      comments: [...review.assessments.entries()]
        .filter(([, a]) => a.comments)
        .map(([member, a]) => ({ member, comments: a.comments })),
      s75: { schemes: so.pooledBudgets.length, totalGbp },
    },
    'Record the review report',
  );
  step(
    'review-report',
    `${ratings.length} of ${so.members.length} self-assessments, average ${averageRating ?? 'n/a'}`,
  );

  const responseDue = addMonths(reportOn, so.establishment.approvalDeadlineMonths);
  escalation = {
    topic: 'review-outcome',
    what: `both parent bodies' response to review ${cycle}`,
    on: responseDue,
    atMs: endOfDayMs(responseDue),
    done: false,
  };
  review.phase = 'outcome';
  await send(
    'review-report',
    'review-report',
    recipients.clerks(),
    `Put the effectiveness review report to your parent body and record its response by ${responseDue}: continue, amend the Terms of Reference, extend delegation, or dissolve.`,
    {
      deadline: responseDue,
      facts: {
        cycle,
        responses: ratings.length,
        members: so.members.length,
        averageRating: averageRating ?? 'none',
        missing: missing.join(', ') || 'none',
      },
      summary: 'Send the review report to both clerks',
    },
  );
  enter(
    'awaiting-review-outcome',
    `both parent bodies' response to review ${cycle}`,
    'parent-bodies',
    escalation.atMs,
    'both continue: next cycle; amend-tor: a revised Terms of Reference; extend-delegation: recorded; both dissolve: the board ends',
  );
  while (review.outcomes.size < KINDS.length) {
    const seen = changes;
    await waitEscalating(() => changes !== seen);
    const waitingOn = KINDS.filter((k) => !review.outcomes.has(k));
    if (waitingOn.length > 0) {
      current.waitingFor = `${waitingOn.map(bodyName).join(' and ')} to respond to review ${cycle}`;
      current.waitingKey = waitingOn[0]!;
      show();
    }
  }
  review.phase = 'closed';
  escalation = undefined;
  for (const kind of KINDS) {
    const o = review.outcomes.get(kind)!;
    await entry(
      `review-outcome-decision/${kind}`,
      'review-outcome-decision',
      {
        cycle,
        body: kind,
        parentBody: bodyName(kind),
        outcome: o.outcome,
        by: o.by,
        comments: o.comments,
        extension: o.extension,
        decidedOn: londonCivilDate(o.at),
      },
      `Record ${bodyName(kind)}'s response: ${o.outcome}`,
    );
  }
  const chosen = KINDS.map((k) => review.outcomes.get(k)!.outcome);
  // Dissolution needs both; amending the ToR goes ahead if either asks (both must approve the revision);
  // otherwise an extension asked for is recorded; otherwise the board continues.
  const outcome: ReviewOutcome = chosen.every((o) => o === 'dissolve')
    ? 'dissolve'
    : chosen.includes('amend-tor')
      ? 'amend-tor'
      : chosen.includes('extend-delegation')
        ? 'extend-delegation'
        : 'continue';
  const completedOn = today();
  await entry(
    'review-completed',
    'review-completed',
    {
      cycle,
      reviewId: `${boardId}/review/${cycle}`,
      reviewDue: plan.reviewDue,
      completedOn,
      outcome,
      summary: KINDS.map((k) => `${bodyName(k)}: ${review.outcomes.get(k)!.outcome}`).join('; '),
    },
    `Record review ${cycle} completed: ${outcome}`,
  );
  step(
    'review-completed',
    `review ${cycle}: ${outcome} (${KINDS.map((k) => `${k} ${review.outcomes.get(k)!.outcome}`).join(', ')})`,
  );

  if (outcome === 'dissolve') {
    await entry(
      'board-dissolved',
      'board-dissolved',
      { dissolvedOn: completedOn },
      'Record the board dissolved',
    );
    await send(
      'board-dissolved',
      'board-dissolved',
      [...recipients.members(), ...recipients.clerks(), ...recipients.democraticServices()],
      `Both parent bodies have decided to dissolve ${boardName} from ${completedOn}. Delegations to it end.`,
      { facts: { dissolvedOn: completedOn, cycle }, summary: 'Tell everyone the board is dissolved' },
    );
    step('board-dissolved', `dissolved on ${completedOn}`);
    return finish('dissolved', 'dissolved', `dissolved on ${completedOn} after review ${cycle}`);
  }

  await send(
    'review-completed',
    'review-completed',
    [...recipients.members(), ...recipients.clerks()],
    `Effectiveness review ${cycle} is complete: ${outcome}.`,
    { facts: { cycle, outcome, completedOn }, summary: `Tell the members the review outcome: ${outcome}` },
  );

  if (outcome === 'extend-delegation') {
    const extensions = KINDS.filter((k) => review.outcomes.get(k)!.outcome === 'extend-delegation').map(
      (k) => ({
        body: k,
        parentBody: bodyName(k),
        extension: review.outcomes.get(k)!.extension,
        by: review.outcomes.get(k)!.by,
      }),
    );
    await entry(
      'delegation-extended',
      'delegation-extended',
      { cycle, extendedOn: completedOn, extensions },
      'Record the extended delegation',
    );
    step('delegation-extended', extensions.map((e) => `${e.parentBody}: ${e.extension}`).join('; '));
  }

  if (outcome === 'amend-tor') {
    const asked = KINDS.filter((k) => review.outcomes.get(k)!.outcome === 'amend-tor').map(
      (k) => `${bodyName(k)}: ${review.outcomes.get(k)!.comments}`,
    );
    const amendBy = addMonths(completedOn, so.establishment.approvalDeadlineMonths);
    escalation = {
      topic: 'tor-amendment',
      what: 'approval of the amended Terms of Reference by both parent bodies',
      on: amendBy,
      atMs: endOfDayMs(amendBy),
      done: false,
    };
    const verdict = await approveTermsOfReference(asked);
    escalation = undefined;
    if (verdict === 'approved') {
      await send(
        `tor-amended/v${approved!.version}`,
        'tor-amended',
        [...recipients.members(), ...recipients.democraticServices()],
        `Version ${approved!.version} of the Terms of Reference is in force from ${today()}.`,
        {
          facts: { version: approved!.version, contentHash: approved!.contentHash },
          summary: 'Tell the members the amended ToR is in force',
        },
      );
    } else {
      // The amendment is rejected, not the board: the Terms of Reference in force stay as they were.
      step('tor-unchanged', `the amendment was rejected; version ${approved!.version} stays in force`);
    }
  }

  // ---- Continue-as-new: the next cycle starts with a fresh, short history ---------------------------------
  await condition(allHandlersFinished);
  return continueAsNew<typeof board>({
    standingOrders: so,
    selfAssessmentWorkingDays: input.selfAssessmentWorkingDays,
    carried: {
      standingOrders: { ...registration },
      ...(workingDays.hasNews ? { holidays: workingDays.holidays.adjustments } : {}),
      cycle: cycle + 1,
      establishedOn: establishedOn!,
      termsOfReference: { ...approved! },
      lastReviewOn: plan.reviewDue,
    },
  });
}
