import { londonCivilDate } from '../../governance/civil-date';
import { combinePartnerVerdicts } from '../../governance/partner-verdicts';
import type { BoardContext } from './context';
import { approvalDeadline, nextChange, waitEscalating } from './escalation';
import { KINDS, type BoardState } from './state';

/** How one round of the parent bodies' decisions ended. */
type Round = { kind: 'approved' } | { kind: 'rejected' } | { kind: 'amend'; amendments: string[] };

/**
 * The P1 approval loop: the current draft goes to both parent bodies; an amendment request sends it to
 * democratic services for a new version that both must approve again. Returns when both approve (the text
 * is then frozen by its hash) or as soon as either rejects.
 */
export async function approveTermsOfReference(
  context: BoardContext,
  state: BoardState,
  amendmentsAsked?: string[],
): Promise<'approved' | 'rejected'> {
  let amendments = amendmentsAsked;
  for (;;) {
    if (amendments) await revise(context, state, amendments);
    await sendToParentBodies(context, state);
    const round = await decisions(context, state);
    if (round.kind !== 'amend') return round.kind;
    amendments = round.amendments;
  }
}

/** Democratic services revise the draft as the parent bodies asked. */
async function revise(context: BoardContext, state: BoardState, amendments: string[]) {
  const { effects, tracker, recipients } = context;
  const { draft, escalation } = state;
  state.requestRevision();
  const asked = amendments.join(' | ');
  await effects.record(
    'tor-amendment-requested',
    { version: draft.version, amendments },
    { per: [`v${draft.version}`], summary: 'Record the amendment request' },
  );
  await effects.notify('tor-revision-required', {
    per: [`v${draft.version}`],
    to: recipients.democraticServices(),
    action: `Revise the Terms of Reference (version ${draft.version}) as the parent bodies asked and submit version ${draft.version + 1}.`,
    facts: { version: draft.version, amendments: asked },
    summary: 'Ask democratic services for a revised Terms of Reference',
  });
  tracker.step('tor-amendment-requested', `version ${draft.version}: ${asked}`);
  tracker.enter(
    'revision-requested',
    `democratic services to submit version ${draft.version + 1} of the Terms of Reference`,
    'democratic-services',
    escalation && !escalation.done ? escalation.atMs : undefined,
    'the revised version goes to both parent bodies, who must both approve it',
  );
  await waitEscalating(context, state, () => draft.phase !== 'revision-requested');
  await effects.record(
    'tor-revised',
    { version: draft.version, contentHash: draft.contentHash, text: draft.text, by: draft.revisedBy },
    { per: [`v${draft.version}`], summary: `Record Terms of Reference version ${draft.version}` },
  );
}

/** The draft goes to both parent bodies' clerks at once. */
async function sendToParentBodies({ effects, tracker, recipients }: BoardContext, state: BoardState) {
  const { draft } = state;
  state.putToParentBodies();
  await effects.record(
    'tor-sent',
    {
      version: draft.version,
      contentHash: draft.contentHash,
      parentBodies: KINDS.map((k) => state.bodyName(k)),
    },
    { per: [`v${draft.version}`], summary: `Record version ${draft.version} sent to both parent bodies` },
  );
  const approveBy = approvalDeadline(state);
  await Promise.all(
    KINDS.map((kind) =>
      effects.notify('tor-approval-required', {
        per: [`v${draft.version}`, kind],
        to: recipients.clerk(kind),
        action: `Put version ${draft.version} of the Terms of Reference to ${state.bodyName(kind)} and record its decision: approve, reject, or ask for amendments.`,
        ...(approveBy !== undefined ? { deadline: approveBy } : {}),
        facts: { version: draft.version, contentHash: draft.contentHash, parentBody: state.bodyName(kind) },
        summary: `Send ToR version ${draft.version} to the clerk to ${state.bodyName(kind)}`,
      }),
    ),
  );
  tracker.step(
    'tor-sent',
    `version ${draft.version} sent to ${KINDS.map((k) => state.bodyName(k)).join(' and ')}`,
  );
}

/** Records each decision as it lands, until either rejects or both have decided (the rule: governance/partner-verdicts). */
async function decisions(context: BoardContext, state: BoardState): Promise<Round> {
  const { effects, tracker } = context;
  const { draft } = state;
  for (;;) {
    await recordDecisions(context, state);
    const verdict = combinePartnerVerdicts({
      given: KINDS.flatMap((k) => draft.decisions.get(k)?.outcome ?? []),
      expired: 0,
      partners: KINDS.length,
    });
    if (verdict === 'rejected') {
      const rejection = KINDS.find((k) => draft.decisions.get(k)?.outcome === 'reject')!;
      state.closeDraft();
      await effects.record(
        'tor-rejected',
        {
          version: draft.version,
          body: rejection,
          parentBody: state.bodyName(rejection),
          comments: draft.decisions.get(rejection)!.comments,
        },
        { per: [`v${draft.version}`] },
      );
      tracker.step('tor-rejected', `${state.bodyName(rejection)} rejected version ${draft.version}`);
      return { kind: 'rejected' };
    }
    if (verdict === 'amended') {
      state.closeDraft();
      const asked = KINDS.filter((k) => draft.decisions.get(k)!.outcome === 'amend');
      return {
        kind: 'amend',
        amendments: asked.map((k) => `${state.bodyName(k)}: ${draft.decisions.get(k)!.comments}`),
      };
    }
    if (verdict === 'approved') {
      state.closeDraft();
      await approved(context, state);
      return { kind: 'approved' };
    }
    showWaiting(context, state);
    await nextChange(context, state);
  }
}

async function recordDecisions({ effects }: BoardContext, state: BoardState) {
  const { draft } = state;
  for (const kind of KINDS) {
    const d = draft.decisions.get(kind);
    if (!d || d.recorded) continue;
    state.decisionRecorded(kind);
    await effects.record(
      'tor-decision',
      {
        version: draft.version,
        contentHash: draft.contentHash,
        body: kind,
        parentBody: state.bodyName(kind),
        outcome: d.outcome,
        by: d.by,
        comments: d.comments,
        decidedOn: londonCivilDate(d.at),
      },
      { per: [`v${draft.version}`, kind], summary: `Record ${state.bodyName(kind)}: ${d.outcome}` },
    );
  }
}

/** Both approved: this text is frozen by its hash. */
async function approved({ effects, tracker, today }: BoardContext, state: BoardState) {
  const { draft } = state;
  const approvedOn = today();
  state.approveDraft();
  await effects.record(
    'tor-approved',
    {
      version: draft.version,
      contentHash: draft.contentHash,
      approvedOn,
      approvals: KINDS.map((k) => ({
        parentBody: state.bodyName(k),
        approvedOn: londonCivilDate(draft.decisions.get(k)!.at),
      })),
    },
    { per: [`v${draft.version}`], summary: `Record ToR version ${draft.version} approved and frozen` },
  );
  tracker.step(
    'tor-approved',
    `version ${draft.version} approved by both parent bodies; SHA-256 ${draft.contentHash}`,
  );
}

function showWaiting({ tracker }: BoardContext, state: BoardState) {
  const { draft, escalation } = state;
  const waitingOn = KINDS.filter((k) => !draft.decisions.has(k));
  const running = escalation && !escalation.done;
  tracker.enter(
    escalation?.done ? 'escalated' : 'awaiting-tor-approval',
    `${waitingOn.map((k) => state.bodyName(k)).join(' and ')} to decide on version ${draft.version} of the Terms of Reference`,
    waitingOn.length === 2 ? 'parent-bodies' : waitingOn[0]!,
    running ? escalation.atMs : undefined,
    running
      ? `not approved by both by ${escalation.on}: escalated to both chief executives`
      : 'both approve: the text is frozen; either rejects: it ends; an amendment request: a revised version',
  );
}
