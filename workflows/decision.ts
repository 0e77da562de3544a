import {
  allHandlersFinished,
  condition,
  executeChild,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Recipient } from '../activities/contract';
import {
  SA,
  callInSchema,
  callInUpdate,
  decisionInputSchema,
  decisionStatusQuery,
  declareInterestSchema,
  declareInterestUpdate,
  escalationResolutionSchema,
  escalationResolutionUpdate,
  reconsiderationSchema,
  reconsiderationUpdate,
  recommendationWorkflowId,
  scrutinyOutcomeSchema,
  scrutinyOutcomeUpdate,
  urgencyConsentSchema,
  urgencyConsentUpdate,
  voteSchema,
  voteUpdate,
  withdrawUpdate,
  withdrawalSchema,
  type DecisionInput,
  type DecisionResult,
  type DecisionStage,
  type RecommendationInput,
  type RecommendationResult,
} from '../definitions';
import { describeZodError } from '../definitions/validation';
import {
  callInRefusal,
  democraticServicesRefusal,
  escalationRefusal,
  memberRefusal,
  urgencyConsentRefusal,
  voteRefusal,
  withdrawalRefusal,
} from '../governance/authority';
import { addWorkingDays } from '../governance/working-days';
import { compareCivilDates, londonCivilDate, londonInstant, type CivilDate } from '../governance/civil-date';
import { classifyDecision } from '../governance/classification';
import { formatGbp } from '../governance/money';
import {
  callInWindow,
  effectivePublicationDate,
  meetingDeadlines,
  noticeRoute,
  scrutinyMeetingDeadline,
} from '../governance/notice';
import { deferralDecision, escalationSchedule, nextMeetingAfter } from '../governance/schedule';
import { authorityDigest } from '../governance/standing-orders/registration';
import { tallyVotes, type Vote, type VotingResult } from '../governance/voting';
import { committedToScheme, notify, record, requireRegistered } from './kit/proxies';
import { Authority } from './kit/authority';
import { parseWorkflowInput } from './input';
import {
  boardMembers,
  chairAndLeads,
  democraticServices,
  escalationStepRecipients,
  officer,
  parentBodyClerks,
  scrutinyChair,
  scrutinyCommittee,
  unique,
} from './recipients';
import { describeNews, takeHolidayNews } from './kit/holiday-news';
import { sleepUntilDeadline, waitUntilDeadline, type WorkingDayDeadline } from './kit/waits';
import { WorkingCalendar, type Deadline } from './kit/working-calendar';
import { ProcessTracker } from './kit/tracker';

/** Thrown inside the flow when an officer withdraws the item; caught at the top. */
class Withdrawn extends Error {}

/**
 * P3 and P4: one item for a board, from classification through notice, agenda, the meeting and
 * consensus of both partners, publication and the call-in standstill, to implementation; deferral to
 * later meetings and the escalation ladder when the partners do not agree.
 */
export async function decision(raw: DecisionInput): Promise<DecisionResult> {
  const input = parseWorkflowInput(decisionInputSchema, raw);
  const so = input.standingOrders;
  const workingDays = new WorkingCalendar(so.holidays.region, so.holidays.adjustments);
  const { workflowId } = workflowInfo();
  const exempt = input.exemptParagraph !== null;
  // The title of an exempt item is public but its content is not: mail and the register get only the paragraph.
  const publicSummary = exempt
    ? `Exempt under paragraph ${input.exemptParagraph} of Schedule 12A`
    : input.summary;
  const processTitle = `${input.title} (${so.board.name}, ${input.ref})`;
  const tracker = new ProcessTracker<DecisionStage>('decision', so.board.id, 'classified', processTitle);
  setHandler(decisionStatusQuery, () => tracker.status);

  const members = new Map(so.members.map((m) => [m.id, m]));
  const today = () => londonCivilDate(Date.now());
  let meeting = input.meetingDate;
  let votes: Record<string, Vote> = {};
  let interests: { memberId: string; interest: string }[] = [];
  let urgencyConsent: { by: string; reason: string } | undefined;
  let callIn: { members: string[]; grounds: string; received: CivilDate } | undefined;
  let scrutiny:
    | { outcome: 'no-further-action' | 'refer-back' | 'refer-to-council'; reasons: string; by?: string }
    | undefined;
  let reconsideration: { outcome: 'confirm' | 'amend' | 'rescind'; reasons: string; by?: string } | undefined;
  let resolution:
    { step: string; outcome: 'agreed' | 'not-agreed'; resolution: string; by?: string } | undefined;
  let withdrawal: { by: string; reason: string } | undefined;
  let sequence = 0;

  const effect = (kind: string, step = kind) => ({ workflowId, step: `${step}` });
  const put = (kind: string, data: Record<string, unknown>, step = kind) =>
    record({
      key: effect(kind, step),
      boardId: so.board.id,
      processId: workflowId,
      kind,
      at: new Date().toISOString(),
      data: { ref: input.ref, title: input.title, ...data },
    });
  const tell = (
    kind: string,
    recipients: Recipient[],
    action: string,
    deadline?: CivilDate,
    step = kind,
    facts: Record<string, string | number | boolean> = {},
    invite?: Parameters<typeof notify>[0]['invite'],
  ) =>
    notify({
      key: effect(kind, step),
      kind,
      boardId: so.board.id,
      processTitle,
      recipients: unique(recipients),
      action,
      deadline,
      facts: { ref: input.ref, ...facts },
      invite,
    });

  // --- Validators refuse without touching state; handlers change it. -----------------------------------
  const parsed = <T>(
    schema: {
      safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
    },
    value: unknown,
  ): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw new Error(describeZodError(result.error));
    return result.data;
  };
  const stageIs = (...stages: DecisionStage[]) => stages.includes(tracker.status.stage);

  // Histories from before the acting officer was required carry these Updates without `by`.
  const recordedScrutiny = scrutinyOutcomeSchema.partial({ by: true });
  const recordedReconsideration = reconsiderationSchema.partial({ by: true });
  const recordedResolution = escalationResolutionSchema.partial({ by: true });
  const authority = new Authority({ workflowId, boardId: so.board.id, step: (n) => `refused/${n}` });
  const declared = (memberId: string) => interests.some((i) => i.memberId === memberId);

  setHandler(
    voteUpdate,
    async (raw) => {
      const v = parsed(voteSchema, raw);
      const refused = authority.refuse(voteRefusal(so, v.member, declared(v.member)), {
        action: 'vote',
        actor: v.member,
      });
      if (refused) return refused;
      votes = { ...votes, [v.member]: v.vote };
      tracker.step('vote-recorded', `${v.member} voted ${v.vote}`);
      await put(
        'vote-recorded',
        { meeting, member: v.member, partner: members.get(v.member)?.partner, vote: v.vote },
        `vote-recorded/${meeting}/${v.member}`,
      );
      return `vote recorded: ${v.member} ${v.vote}`;
    },
    {
      validator: (raw) => {
        const v = parsed(voteSchema, raw);
        if (authority.screen(voteRefusal(so, v.member, declared(v.member)))) return;
        if (!stageIs('voting') || today() !== meeting)
          throw new Error(
            `votes are taken only on the meeting day (${meeting}), while the item is being voted on`,
          );
        if (votes[v.member]) throw new Error(`member: ${members.get(v.member)!.name} has already voted`);
      },
    },
  );

  setHandler(
    declareInterestUpdate,
    async (raw) => {
      const d = parsed(declareInterestSchema, raw);
      const refused = authority.refuse(memberRefusal(so, d.member), {
        action: 'declareInterest',
        actor: d.member,
      });
      if (refused) return refused;
      interests = [...interests, { memberId: d.member, interest: d.interest }];
      tracker.step('interest-declared', `${d.member} declared an interest`);
      await put(
        'interest-declared',
        { meeting, member: d.member, interest: d.interest },
        `interest-declared/${meeting}/${d.member}`,
      );
      return `interest recorded: ${d.member} will not vote`;
    },
    {
      validator: (raw) => {
        const d = parsed(declareInterestSchema, raw);
        if (authority.screen(memberRefusal(so, d.member))) return;
        const member = members.get(d.member)!;
        if (
          stageIs(
            'in-call-in-window',
            'called-in',
            'awaiting-reconsideration',
            'implemented',
            'referred',
            'rescinded',
            'withdrawn',
            'escalated',
            'unresolved',
            'awaiting-parent-bodies',
          )
        ) {
          throw new Error('interests are declared before the vote');
        }
        if (votes[d.member]) throw new Error(`member: ${member.name} has already voted`);
        if (declared(d.member)) throw new Error(`member: ${member.name} has already declared an interest`);
      },
    },
  );

  setHandler(
    urgencyConsentUpdate,
    (raw) => {
      const c = parsed(urgencyConsentSchema, raw);
      const refused = authority.refuse(urgencyConsentRefusal(so, c.by), {
        action: 'consentToUrgency',
        actor: c.by,
      });
      if (refused) return refused;
      urgencyConsent = c;
      return 'special urgency agreed';
    },
    {
      validator: (raw) => {
        const c = parsed(urgencyConsentSchema, raw);
        if (authority.screen(urgencyConsentRefusal(so, c.by))) return;
        if (!stageIs('awaiting-urgency-consent'))
          throw new Error('the item is not waiting for special-urgency consent');
      },
    },
  );

  setHandler(
    callInUpdate,
    (raw) => {
      const c = parsed(callInSchema, raw);
      const refused = authority.refuse(callInRefusal(so, c.members), {
        action: 'lodgeCallIn',
        actor: c.members.join(', '),
      });
      if (refused) return refused;
      callIn = { members: c.members, grounds: c.grounds, received: today() };
      return `call-in lodged by ${c.members.length} members`;
    },
    {
      validator: (raw) => {
        const c = parsed(callInSchema, raw);
        if (authority.screen(callInRefusal(so, c.members))) return;
        if (!stageIs('in-call-in-window')) throw new Error('the decision is not in its call-in window');
        const distinct = new Set(c.members).size;
        if (distinct < so.callIn.signatoriesRequired)
          throw new Error(
            `members: a call-in needs ${so.callIn.signatoriesRequired} O&S members; it has ${distinct}`,
          );
      },
    },
  );

  const recordScrutiny = 'record the scrutiny outcome';
  setHandler(
    scrutinyOutcomeUpdate,
    (raw) => {
      const s = parsed(recordedScrutiny, raw);
      const refused = authority.refuse(democraticServicesRefusal(so, s.by ?? '', recordScrutiny), {
        action: 'recordScrutinyOutcome',
        actor: s.by ?? '',
      });
      if (refused) return refused;
      scrutiny = s;
      return `scrutiny outcome recorded: ${s.outcome}`;
    },
    {
      validator: (raw) => {
        const s = parsed(scrutinyOutcomeSchema, raw);
        if (authority.screen(democraticServicesRefusal(so, s.by, recordScrutiny))) return;
        if (!stageIs('called-in')) fail('no call-in is waiting for a scrutiny outcome');
      },
    },
  );

  const recordReconsideration = 'record the board’s reconsideration';
  setHandler(
    reconsiderationUpdate,
    (raw) => {
      const r = parsed(recordedReconsideration, raw);
      const refused = authority.refuse(democraticServicesRefusal(so, r.by ?? '', recordReconsideration), {
        action: 'reconsider',
        actor: r.by ?? '',
      });
      if (refused) return refused;
      reconsideration = r;
      return `reconsidered: ${r.outcome}`;
    },
    {
      validator: (raw) => {
        const r = parsed(reconsiderationSchema, raw);
        if (authority.screen(democraticServicesRefusal(so, r.by, recordReconsideration))) return;
        if (!stageIs('awaiting-reconsideration'))
          fail('the decision has not been referred back for reconsideration');
      },
    },
  );

  setHandler(
    escalationResolutionUpdate,
    (raw) => {
      const r = parsed(recordedResolution, raw);
      const refused = authority.refuse(escalationRefusal(so, r.step, r.by ?? ''), {
        action: 'resolveEscalation',
        actor: r.by ?? '',
      });
      if (refused) return refused;
      resolution = r;
      return `escalation ${r.step}: ${r.outcome}`;
    },
    {
      validator: (raw) => {
        const r = parsed(escalationResolutionSchema, raw);
        if (authority.screen(escalationRefusal(so, r.step, r.by))) return;
        if (!stageIs('escalated')) throw new Error('the item is not escalated');
        if (currentEscalationStep !== r.step)
          throw new Error(`step: the item is with the ${currentEscalationStep ?? 'no'} step, not ${r.step}`);
      },
    },
  );

  setHandler(
    withdrawUpdate,
    (raw) => {
      const w = parsed(withdrawalSchema, raw);
      const refused = authority.refuse(withdrawalRefusal(so, input.proposedBy, w.by), {
        action: 'withdraw',
        actor: w.by,
      });
      if (refused) return refused;
      withdrawal = w;
      return 'withdrawn';
    },
    {
      validator: (raw) => {
        const w = parsed(withdrawalSchema, raw);
        if (authority.screen(withdrawalRefusal(so, input.proposedBy, w.by))) return;
        if (stageIs('implemented', 'referred', 'rescinded', 'withdrawn', 'unresolved'))
          throw new Error(`the item is already ${tracker.status.stage}`);
        if (stageIs('in-call-in-window', 'called-in', 'awaiting-reconsideration'))
          throw new Error('a published decision is rescinded, not withdrawn');
      },
    },
  );
  takeHolidayNews(workingDays, async (news) => {
    tracker.step('holidays-announced', describeNews(news));
    await put('holidays-announced', { ...news }, `holidays-announced/${workingDays.version}`);
  });
  let currentEscalationStep: string | undefined;
  const currentResolution = () => resolution;

  // --- Waiting that an officer's withdrawal interrupts. -------------------------------------------
  async function waitUntil(instant: string, summary: string): Promise<void> {
    const ms = Date.parse(instant) - Date.now();
    if (ms > 0) await Promise.race([sleep(ms, { summary }), condition(() => withdrawal !== undefined)]);
    if (withdrawal) throw new Withdrawn();
  }
  /** Waits until a deadline in working days, which holiday news may move. */
  async function waitUntilWorkingDay(d: WorkingDayDeadline): Promise<void> {
    await sleepUntilDeadline(d, () => withdrawal !== undefined);
    if (withdrawal) throw new Withdrawn();
  }
  /** Waits for `done()` or a deadline in working days, whichever comes first. */
  async function waitForByWorkingDay(done: () => boolean, d: WorkingDayDeadline): Promise<boolean> {
    const met = await waitUntilDeadline(d, () => done() || withdrawal !== undefined);
    if (withdrawal) throw new Withdrawn();
    return met && done();
  }
  /**
   * A deadline counted in working days: `show` puts it in the status when the stage is entered and again
   * when holiday news moves it; `tellMoved` says so to whoever was given the old day.
   */
  function workingDayDeadline(
    what: string,
    from: (calendar: typeof workingDays.current) => Deadline,
    summary: (d: Deadline) => string,
    show: (d: Deadline) => void,
    tellMoved?: (from: Deadline, to: Deadline) => Promise<unknown>,
  ): WorkingDayDeadline {
    show(from(workingDays.current));
    return {
      what,
      calendar: workingDays,
      from,
      summary,
      moved: async (was, to) => {
        tracker.step('deadline-moved', `${what}: from ${was.on} to ${to.on}`);
        show(to);
        await tellMoved?.(was, to);
      },
    };
  }
  /** Waits for `done()` or, given `until`, for that instant; `summary` labels the deadline's timer in the Web UI. */
  async function waitFor(done: () => boolean, until?: string, summary?: string): Promise<boolean> {
    const ms = until ? Math.max(0, Date.parse(until) - Date.now()) : undefined;
    const met =
      ms === undefined
        ? (await condition(() => done() || withdrawal !== undefined), true)
        : await condition(() => done() || withdrawal !== undefined, ms, { summary });
    if (withdrawal) throw new Withdrawn();
    return met && done();
  }

  const classification = classifyDecision(
    {
      title: input.title,
      amountGbp: input.amountGbp,
      wardsAffected: input.wardsAffected,
      topic: input.topic,
      exemptParagraph: input.exemptParagraph,
    },
    so,
  );
  const sa = [
    { key: SA.board, value: so.board.id },
    { key: SA.process, value: 'decision' },
    { key: SA.route, value: classification.route },
    { key: SA.keyDecision, value: classification.keyDecision },
    { key: SA.exempt, value: exempt },
    { key: SA.deferrals, value: 0 },
    ...(input.amountGbp !== undefined ? [{ key: SA.amount, value: input.amountGbp }] : []),
  ];
  // A client that bypassed the CLI could bring standing orders of its own: nothing happens under those.
  await requireRegistered({ boardId: so.board.id, digest: authorityDigest(so) });
  tracker.step('classified', classification.reasons.join('; '));
  tracker.enter('classified', 'classification', undefined, undefined, sa);
  await put('classified', {
    classification,
    amountGbp: input.amountGbp ?? null,
    topic: input.topic,
    summary: publicSummary,
    exempt: exempt ? { paragraph: input.exemptParagraph } : null,
  });

  async function finish(
    status: DecisionResult['status'],
    stage: DecisionStage,
    reasons: string[],
    deferrals: number,
  ): Promise<DecisionResult> {
    tracker.step(status, reasons.join('; '));
    tracker.enter(stage, 'nothing: the process has ended');
    return { status, meetingDate: meeting, deferrals, reasons };
  }

  async function refer(to: string, reasons: string[], deferrals: number): Promise<DecisionResult> {
    await put('referred', { to, reasons, summary: publicSummary });
    await tell(
      'referral',
      [officer(input.proposedBy), ...chairAndLeads(so), ...democraticServices(so)],
      `The item is referred to ${to}: put it before that decision maker.`,
      undefined,
      'referral',
      { to },
    );
    return finish('referred', 'referred', [`referred to ${to}`, ...reasons], deferrals);
  }

  try {
    if (classification.route === 'refer-to-decision-maker')
      return await refer(
        'the decision maker for this area (noted for information at the board)',
        classification.reasons,
        0,
      );
    if (classification.route === 'refer-to-cabinet') return await refer('Cabinet', classification.reasons, 0);
    const overCommitment = await checkScheme();
    if (overCommitment) return await refer('Cabinet and the NHS board', [overCommitment], 0);

    let deferrals = 0;
    let tally: VotingResult | undefined;
    let specialUrgency = false;
    let decidedBy = so.board.name;
    for (;;) {
      const outcome = await considerAtMeeting(deferrals);
      if (outcome.kind === 'decided') {
        tally = outcome.tally;
        specialUrgency = outcome.specialUrgency;
        break;
      }
      deferrals += 1;
      upsertSearchAttributesDeferrals(deferrals);
      const next = nextMeetingAfter(so.meetings, meeting);
      const verdict = deferralDecision(deferrals, so.deferral.limit, next === undefined);
      const reason =
        outcome.kind === 'no-urgency-consent'
          ? 'the O&S chair did not agree to special urgency before the meeting'
          : outcome.reason;
      if (verdict.action === 'defer' && next) {
        await put(
          'deferred',
          { meeting, nextMeeting: next, deferrals, reason: `${reason}; ${verdict.reason}` },
          `deferred/${deferrals}`,
        );
        await tell(
          'deferred',
          [...chairAndLeads(so), officer(input.proposedBy)],
          `The Chair and partner leads discuss the item before it returns on ${next}.`,
          next,
          `deferred/${deferrals}`,
          { from: meeting, to: next },
        );
        tracker.step('deferred', `${reason}; returns on ${next}`);
        meeting = next;
        votes = {};
        interests = [];
        urgencyConsent = undefined;
        continue;
      }
      tracker.step('deferral-limit', verdict.reason);
      const escalation = await escalate(`${reason}; ${verdict.reason}`, deferrals);
      if (escalation === 'unresolved') {
        await put('escalation-exhausted', { deferrals });
        return await finish(
          'escalated',
          'unresolved',
          ['no step of the escalation ladder resolved the item'],
          deferrals,
        );
      }
      decidedBy = escalation;
      break;
    }

    // A board that only recommends needs no spending authority of its own: the parent bodies decide the money.
    const needsAuthority = classification.route !== 'recommend-to-parent-bodies';
    if (
      needsAuthority &&
      tally &&
      tally.spendingAuthority.status !== 'not-required' &&
      tally.spendingAuthority.status !== 'granted'
    ) {
      return await refer('Cabinet', tally.spendingAuthority.reasons, deferrals);
    }

    if (classification.route === 'recommend-to-parent-bodies') return await recommend(deferrals);
    // Other decisions may have committed money from the scheme while this one waited: check again.
    const overCommitted = await checkScheme();
    if (overCommitted) return await refer('Cabinet and the NHS board', [overCommitted], deferrals);

    // Publication of the decision record starts the call-in standstill.
    const published = effectivePublicationDate(Date.now(), so.publication.cutOffTime, workingDays.current);
    const window = callInWindow(published, so.callIn.windowWorkingDays, workingDays.current);
    await put('decision-published', {
      meeting,
      decidedBy,
      published,
      summary: publicSummary,
      exempt: exempt ? { paragraph: input.exemptParagraph } : null,
      amountGbp: input.amountGbp ?? null,
      schemeId: input.schemeId ?? null,
      votesPerPartner: tally?.perPartner ?? null,
      interestsDeclared: interests,
      reasons: tally?.reasons ?? [],
      specialUrgency,
      callIn: specialUrgency
        ? {
            exempt: true,
            why: 'special urgency agreed by the O&S chair (reg 11): the decision is exempt from call-in',
          }
        : { windowEnds: window.windowEnds, implementableFrom: window.implementableFrom },
      urgencyConsent: urgencyConsent ?? null,
    });
    tracker.step('decision-published', `published ${published}`);
    if (specialUrgency) return await implement(deferrals, 'special urgency: exempt from call-in');

    const windowUnder = (calendar: typeof workingDays.current) =>
      callInWindow(published, so.callIn.windowWorkingDays, calendar);
    const windowOpen = workingDayDeadline(
      'the call-in window',
      (calendar) => {
        const w = windowUnder(calendar);
        return { on: w.windowEnds, at: londonInstant(w.implementableFrom, '00:00') };
      },
      (d) => `Call-in window closes ${d.on}`,
      (d) =>
        tracker.enter(
          'in-call-in-window',
          `call-in by ${so.callIn.signatoriesRequired} O&S members until ${d.on}`,
          d.at,
          `implemented from ${windowUnder(workingDays.current).implementableFrom} unless called in`,
        ),
      (was, to) =>
        tell(
          'deadline-moved',
          scrutinyCommittee(so),
          `A bank holiday announced since moves the end of the call-in window from ${was.on} to ${to.on}.`,
          to.on,
          `deadline-moved/call-in-window/${to.on}`,
        ),
    );
    await tell(
      'call-in-window-open',
      scrutinyCommittee(so),
      `The decision may be called in by ${so.callIn.signatoriesRequired} O&S members until ${window.windowEnds}.`,
      window.windowEnds,
      'call-in-window-open',
      { implementableFrom: window.implementableFrom },
    );
    const calledIn = await waitForByWorkingDay(() => callIn !== undefined, windowOpen);
    if (!calledIn || !callIn) {
      const windowEnds = windowUnder(workingDays.current).windowEnds;
      await put('call-in-window-closed', { windowEnds });
      tracker.step('call-in-window-closed', `no call-in by ${windowEnds}`);
      return await implement(deferrals, 'the call-in window closed without a call-in');
    }
    return await scrutinise(callIn, deferrals);
  } catch (error) {
    if (!(error instanceof Withdrawn) || !withdrawal) throw error;
    await put('withdrawn', { by: withdrawal.by, reason: withdrawal.reason });
    await tell(
      'withdrawn',
      [...boardMembers(so), officer(input.proposedBy)],
      'The item is withdrawn: no action is needed.',
      undefined,
      'withdrawn',
      {},
      {
        uid: `${so.board.id}-${input.ref}-meeting@govflow`,
        sequence: sequence + 1,
        method: 'CANCEL',
        summary: `${so.board.name}: ${input.title}`,
        start: meeting,
      },
    );
    return await finish('withdrawn', 'withdrawn', [`withdrawn by ${withdrawal.by}: ${withdrawal.reason}`], 0);
  }

  /** Why the money cannot come from the scheme (its total less what is already committed), if it cannot. */
  async function checkScheme(): Promise<string | undefined> {
    const scheme = input.schemeId ? so.pooledBudgets.find((b) => b.id === input.schemeId) : undefined;
    if (!scheme || !input.amountGbp) return undefined;
    const committed = await committedToScheme(so.board.id, scheme.id);
    const headroom = scheme.amountGbp - committed;
    tracker.step(
      'budget-checked',
      `${scheme.name}: ${formatGbp(committed)} committed of ${formatGbp(scheme.amountGbp)}`,
    );
    if (input.amountGbp <= headroom) return undefined;
    return `${formatGbp(input.amountGbp)} would over-commit the ${scheme.name} pooled budget: ${formatGbp(committed)} of ${formatGbp(scheme.amountGbp)} is already committed, leaving ${formatGbp(Math.max(0, headroom))}`;
  }

  function upsertSearchAttributesDeferrals(deferrals: number): void {
    tracker.enter(tracker.status.stage, tracker.status.waitingFor, tracker.status.nextDeadline, undefined, [
      { key: SA.deferrals, value: deferrals },
    ]);
  }

  /** Notice, agenda and the meeting for the current meeting date. */
  async function considerAtMeeting(
    deferrals: number,
  ): Promise<
    | { kind: 'decided'; tally: VotingResult; specialUrgency: boolean }
    | { kind: 'no-consensus'; reason: string }
    | { kind: 'no-urgency-consent' }
  > {
    const at = `${meeting}`;
    const deadlines = meetingDeadlines(meeting, so.notice, workingDays.current);
    const publishable = effectivePublicationDate(Date.now(), so.publication.cutOffTime, workingDays.current);
    tracker.enter('awaiting-notice-period', 'notice to be given', undefined, undefined, [
      { key: SA.meetingDate, value: new Date(londonInstant(meeting, '10:00')) },
    ]);

    let specialUrgency = false;
    const privateNoticeLate = exempt && compareCivilDates(publishable, deadlines.privateMeetingNoticeBy) > 0;
    if (classification.keyDecision) {
      const route = noticeRoute(meeting, publishable, so.notice, workingDays.current);
      tracker.step('notice-route', route.reasons.join('; '));
      if (route.route === 'forward-plan') {
        await put(
          'forward-plan-published',
          {
            meeting,
            noticeBy: route.noticeBy,
            summary: publicSummary,
            amountGbp: input.amountGbp ?? null,
            exempt: exempt ? { paragraph: input.exemptParagraph } : null,
            keyDecision: true,
          },
          `forward-plan-published/${at}`,
        );
      } else if (route.route === 'general-exception') {
        await put(
          'general-exception-notice',
          { meeting, noticeBy: route.noticeBy, reasons: route.reasons, summary: publicSummary },
          `general-exception-notice/${at}`,
        );
        await tell(
          'general-exception-notice',
          scrutinyChair(so),
          `A key decision is to be taken on ${meeting} under the general exception (reg 10); no action is needed unless you object.`,
          meeting,
          `general-exception-notice/${at}`,
        );
      } else {
        specialUrgency = true;
      }
    }
    if (privateNoticeLate) specialUrgency = true; // reg 5(6): a late private-meeting notice needs the O&S chair's agreement too
    if (specialUrgency) {
      const meetingStarts = londonInstant(meeting, '00:00');
      tracker.enter(
        'awaiting-urgency-consent',
        `the O&S chair (${so.overviewAndScrutiny.chair.name}) to agree the item is urgent`,
        meetingStarts,
        'if agreed, the item is taken at the meeting and is exempt from call-in; if not, it is deferred',
      );
      await tell(
        'urgency-consent-required',
        scrutinyChair(so),
        `Agree, before ${meeting}, that the decision is urgent and cannot reasonably be deferred (reg 11), or decline.`,
        meeting,
        `urgency-consent-required/${at}`,
      );
      const agreed = await waitFor(
        () => urgencyConsent !== undefined,
        meetingStarts,
        `The O&S chair's consent to special urgency, before the meeting on ${meeting}`,
      );
      if (!agreed || !urgencyConsent) return { kind: 'no-urgency-consent' };
      await put(
        'special-urgency-agreed',
        { meeting, by: urgencyConsent.by, reason: urgencyConsent.reason },
        `special-urgency-agreed/${at}`,
      );
      tracker.step('special-urgency-agreed', `agreed by ${urgencyConsent.by}`);
    }
    if (exempt) {
      if (!privateNoticeLate) {
        await put(
          'private-meeting-notice',
          { meeting, notice: 'intention', paragraph: input.exemptParagraph },
          `private-meeting-notice/${at}`,
        );
      }
      await waitUntilWorkingDay(
        workingDayDeadline(
          'the private-meeting confirmation notice',
          (calendar) => nineAm(meetingDeadlines(meeting, so.notice, calendar).privateMeetingConfirmBy),
          (d) => `Private-meeting confirmation notice, ${d.on}`,
          (d) =>
            tracker.enter(
              'awaiting-notice-period',
              `the private-meeting confirmation notice on ${d.on}`,
              d.at,
            ),
        ),
      );
      await put(
        'private-meeting-notice',
        { meeting, notice: 'confirmation', paragraph: input.exemptParagraph },
        `private-meeting-confirmation/${at}`,
      );
    }

    await waitUntilWorkingDay(
      workingDayDeadline(
        'agenda publication',
        (calendar) => nineAm(meetingDeadlines(meeting, so.notice, calendar).agendaPublishBy),
        () => `Publish the agenda for ${meeting}`,
        (d) =>
          tracker.enter(
            'awaiting-agenda-publication',
            `agenda publication on ${d.on}`,
            d.at,
            `the meeting on ${meeting}`,
          ),
      ),
    );
    sequence = deferrals;
    await put(
      'agenda-published',
      { meeting, summary: publicSummary, exempt: exempt ? { paragraph: input.exemptParagraph } : null },
      `agenda-published/${at}`,
    );
    await tell(
      'agenda-published',
      boardMembers(so),
      `Read the report and come to the meeting on ${meeting} ready to vote; declare any interest before the vote.`,
      meeting,
      `agenda-published/${at}`,
      { meeting },
      {
        uid: `${so.board.id}-${input.ref}-meeting@govflow`,
        sequence,
        method: 'REQUEST',
        summary: `${so.board.name}: ${input.title}`,
        start: londonInstant(meeting, '10:00'),
        end: londonInstant(meeting, '12:00'),
        description: publicSummary,
      },
    );

    const opens = londonInstant(meeting, '00:00');
    tracker.enter(
      'awaiting-meeting',
      `the meeting on ${meeting}`,
      opens,
      'members vote by show of hands; consensus of both partners is needed',
    );
    await waitUntil(opens, `Meeting of ${so.board.name}, ${meeting}`);
    const closes = londonInstant(nextDay(meeting), '00:00');
    tracker.enter(
      'voting',
      'votes from the voting members present',
      closes,
      'the votes are counted at the end of the meeting day',
    );
    const eligible = () => so.members.filter((m) => m.voting && !interests.some((i) => i.memberId === m.id));
    await waitFor(
      () => eligible().every((m) => votes[m.id] !== undefined),
      closes,
      `Votes counted at the end of the meeting day ${meeting}`,
    );
    // A vote's handler is still writing it to the register: count only once every vote is on record.
    await condition(allHandlersFinished);
    const tally = tallyVotes(
      {
        present: [...Object.keys(votes), ...interests.map((i) => i.memberId)],
        votes,
        interests,
        amountGbp: input.amountGbp,
      },
      so,
    );
    const partnerOutcome = Object.values(tally.perPartner)
      .map((p) => `${p.partner}:${p.agreed ? 'agreed' : 'not-agreed'}`)
      .join(',');
    await put(
      'meeting-held',
      { meeting, votesCast: Object.keys(votes).length, interests },
      `meeting-held/${at}`,
    );
    tracker.step('meeting-held', `${Object.keys(votes).length} votes cast`);
    tracker.enter(tracker.status.stage, tracker.status.waitingFor, tracker.status.nextDeadline, undefined, [
      { key: SA.partnerOutcome, value: partnerOutcome },
    ]);
    if (tally.outcome === 'consensus') {
      await put(
        'consensus-reached',
        {
          meeting,
          perPartner: tally.perPartner,
          reasons: tally.reasons,
          spendingAuthority: tally.spendingAuthority,
        },
        `consensus-reached/${at}`,
      );
      tracker.step('consensus-reached', tally.reasons.join('; '));
      return { kind: 'decided', tally, specialUrgency };
    }
    await put(
      'no-consensus',
      { meeting, outcome: tally.outcome, perPartner: tally.perPartner, reasons: tally.reasons },
      `no-consensus/${at}`,
    );
    tracker.step('no-consensus', tally.reasons.join('; '));
    return {
      kind: 'no-consensus',
      reason:
        tally.outcome === 'inquorate'
          ? 'the meeting was inquorate for the item'
          : 'the partners did not reach consensus',
    };
  }

  /** P4: the ladder; returns the body that resolved it, or 'unresolved'. */
  async function escalate(reason: string, deferrals: number): Promise<string> {
    const startedOn = today();
    const stepsUnder = (calendar: typeof workingDays.current) =>
      escalationSchedule(startedOn, so.escalation.steps, calendar);
    for (let i = 0; i < so.escalation.steps.length; i++) {
      // Each step's day as the calendar stands when the step begins: holiday news may have moved it.
      const step = stepsUnder(workingDays.current)[i]!;
      currentEscalationStep = step.step;
      resolution = undefined;
      await put(
        'escalated',
        { step: step.step, deadline: step.deadline, reason, deferrals },
        `escalated/${step.step}`,
      );
      await tell(
        'escalated',
        escalationStepRecipients(so, step.step),
        `Resolve the disagreement on this item by ${step.deadline}, or it goes to the next step.`,
        step.deadline,
        `escalated/${step.step}`,
        { step: step.step },
      );
      tracker.step('escalated', `to ${step.step} until ${step.deadline}`);
      const answered = await waitForByWorkingDay(
        () => resolution !== undefined,
        workingDayDeadline(
          `the ${step.step} step`,
          (calendar) => endOfDay(stepsUnder(calendar)[i]!.deadline),
          (d) => `Escalation: the ${step.step} step to resolve it by ${d.on}`,
          (d) =>
            tracker.enter(
              'escalated',
              `the ${step.step} step to resolve it by ${d.on}`,
              d.at,
              'agreed: the decision is published; not agreed or no answer: the next step',
            ),
          (was, to) =>
            tell(
              'deadline-moved',
              escalationStepRecipients(so, step.step),
              `A bank holiday announced since moves the day to resolve the disagreement by from ${was.on} to ${to.on}.`,
              to.on,
              `deadline-moved/escalated/${step.step}/${to.on}`,
            ),
        ),
      );
      // Set by the update handler while we waited; TypeScript cannot see that.
      const answer = currentResolution();
      if (answered && answer?.outcome === 'agreed') {
        await put(
          'escalation-resolved',
          { step: step.step, resolution: answer.resolution, by: answer.by },
          `escalation-resolved/${step.step}`,
        );
        return step.step;
      }
    }
    return 'unresolved';
  }

  async function scrutinise(lodged: NonNullable<typeof callIn>, deferrals: number): Promise<DecisionResult> {
    const meetingByUnder = (calendar: typeof workingDays.current) =>
      scrutinyMeetingDeadline(lodged.received, so.callIn.scrutinyMeetingWithinWorkingDays, calendar);
    const meetBy = meetingByUnder(workingDays.current);
    await put('call-in-lodged', {
      members: lodged.members,
      grounds: lodged.grounds,
      received: lodged.received,
      scrutinyMeetingBy: meetBy,
    });
    tracker.step('call-in-lodged', `by ${lodged.members.join(', ')}`);
    await tell(
      'scrutiny-meeting-required',
      scrutinyCommittee(so),
      `The decision is called in and frozen: O&S must meet on it by ${meetBy}.`,
      meetBy,
      'call-in-lodged',
      { grounds: lodged.grounds.slice(0, 200) },
    );
    const inTime = await waitForByWorkingDay(
      () => scrutiny !== undefined,
      workingDayDeadline(
        'the scrutiny meeting on the call-in',
        (calendar) => endOfDay(meetingByUnder(calendar)),
        (d) => `O&S to meet on the call-in by ${d.on}`,
        (d) =>
          tracker.enter(
            'called-in',
            `O&S to meet and decide by ${d.on}`,
            d.at,
            'no further action: implemented; refer back: reconsidered; refer to Council: referred',
          ),
        (was, to) =>
          tell(
            'deadline-moved',
            scrutinyCommittee(so),
            `A bank holiday announced since moves the day O&S must meet on the call-in by from ${was.on} to ${to.on}.`,
            to.on,
            `deadline-moved/call-in-lodged/${to.on}`,
          ),
      ),
    );
    if (!inTime) {
      const overdueSince = meetingByUnder(workingDays.current);
      await tell(
        'scrutiny-overdue',
        [...scrutinyChair(so), ...democraticServices(so)],
        `O&S has not met on the call-in by ${overdueSince}; the decision stays frozen until it does.`,
        overdueSince,
        'scrutiny-overdue',
      );
      await waitFor(() => scrutiny !== undefined);
    }
    const outcome = scrutiny!;
    await put('scrutiny-outcome', { outcome: outcome.outcome, reasons: outcome.reasons, by: outcome.by });
    tracker.step('scrutiny-outcome', outcome.outcome);
    if (outcome.outcome === 'no-further-action') return implement(deferrals, 'O&S took no further action');
    if (outcome.outcome === 'refer-to-council')
      return refer(
        'full Council',
        [`O&S referred the decision to full Council: ${outcome.reasons}`],
        deferrals,
      );
    tracker.enter(
      'awaiting-reconsideration',
      `${so.board.name} to confirm, amend or rescind`,
      undefined,
      'confirmed or amended: implemented; rescinded: ended',
    );
    await tell(
      'reconsideration-required',
      [...chairAndLeads(so), officer(input.proposedBy)],
      'O&S referred the decision back: confirm, amend or rescind it, with reasons.',
      undefined,
      'reconsideration-required',
    );
    await waitFor(() => reconsideration !== undefined);
    const again = reconsideration!;
    await put('decision-reconsidered', { outcome: again.outcome, reasons: again.reasons, by: again.by });
    tracker.step('decision-reconsidered', again.outcome);
    if (again.outcome === 'rescind') {
      await put('rescinded', { reasons: again.reasons });
      await tell(
        'rescinded',
        [...boardMembers(so), officer(input.proposedBy)],
        'The decision is rescinded: do not implement it.',
        undefined,
        'rescinded',
      );
      return finish('rescinded', 'rescinded', [`rescinded on reconsideration: ${again.reasons}`], deferrals);
    }
    return implement(
      deferrals,
      `${again.outcome === 'amend' ? 'amended' : 'confirmed'} on reconsideration: ${again.reasons}`,
    );
  }

  async function implement(deferrals: number, why: string): Promise<DecisionResult> {
    await put('implemented', { why, amountGbp: input.amountGbp ?? null, schemeId: input.schemeId ?? null });
    await tell(
      'implemented',
      [officer(input.proposedBy), ...chairAndLeads(so)],
      'The decision may now be implemented.',
      undefined,
      'implemented',
      { why },
    );
    return finish('implemented', 'implemented', [why], deferrals);
  }

  /** P5: the board recommends; both parent bodies decide in a child workflow. */
  async function recommend(deferrals: number): Promise<DecisionResult> {
    const deadline = addWorkingDays(today(), 40, workingDays.current);
    const child: RecommendationInput = {
      boardId: so.board.id,
      ref: input.ref,
      title: input.title,
      recommendation: publicSummary,
      parentBodies: so.partners.map((p) => ({
        partner: p.id,
        body: p.parentBody.name,
        clerk: p.clerk,
        meetingDate: deadline,
        deadline,
      })),
      exemptParagraph: input.exemptParagraph,
    };
    tracker.enter(
      'awaiting-parent-bodies',
      'both parent bodies to decide on the recommendation',
      londonInstant(nextDay(deadline), '00:00'),
      'approved by both: implemented',
    );
    await tell(
      'recommendation-made',
      parentBodyClerks(so),
      `Put the board's recommendation before ${so.partners.map((p) => p.parentBody.name).join(' and ')} by ${deadline}.`,
      deadline,
      'recommendation-made',
    );
    const result = await executeChild<(input: RecommendationInput) => Promise<RecommendationResult>>(
      'recommendation',
      {
        args: [child],
        workflowId: recommendationWorkflowId(so.board.id, input.ref),
        staticSummary: `Recommendation to both parent bodies: ${input.title}`,
      },
    );
    if (result.outcome === 'approved') return implement(deferrals, 'approved by both parent bodies');
    if (result.outcome === 'expired')
      return finish('escalated', 'unresolved', ['a parent body did not decide by the deadline'], deferrals);
    return refer(
      'the board, for a revised recommendation',
      [`parent bodies: ${JSON.stringify(result.perPartner)}`],
      deferrals,
    );
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** A deadline met by publishing at 09:00 London time on the day. */
function nineAm(day: CivilDate): Deadline {
  return { on: day, at: londonInstant(day, '09:00') };
}

/** A deadline that runs to the end of the London day. */
function endOfDay(day: CivilDate): Deadline {
  return { on: day, at: londonInstant(nextDay(day), '00:00') };
}

function nextDay(date: CivilDate): CivilDate {
  return londonCivilDate(Date.parse(londonInstant(date, '12:00')) + 24 * 3600 * 1000);
}
