import { ApplicationFailure, sleep } from '@temporalio/workflow';
import { compareCivilDates, londonInstantMs, type CivilDate } from '../../governance/civil-date';
import { endOfLondonDayMs } from '../../governance/deadlines';
import { establishmentApprovalDeadline } from '../../governance';
import { approveTermsOfReference } from './approval-loop';
import type { BoardContext } from './context';
import { KINDS, type BoardState } from './state';

/** Notices go out, and meetings are taken to start, at the start of the working day in London. */
export const SEND_AT = '09:00';

/** How P1 ended: the board established, or the proposal rejected by a parent body. */
export type Establishment = { kind: 'established' } | { kind: 'rejected'; detail: string };

/**
 * P1: the first meeting considers the draft Terms of Reference, which then go to both parent bodies until
 * both approve (the board is established that day) or either rejects (the proposal ends).
 */
export async function establish(context: BoardContext, state: BoardState): Promise<Establishment> {
  await propose(context, state);
  const verdict = await approveTermsOfReference(context, state);
  if (verdict === 'rejected') return rejected(context, state);
  await established(context, state);
  return { kind: 'established' };
}

/** The draft is recorded and the members invited to the first meeting, which then considers it. */
async function propose(context: BoardContext, state: BoardState) {
  const { input, effects, tracker, today } = context;
  const proposedOn = input.proposedOn ?? today();
  const firstMeeting = input.firstMeeting!;
  const deadline = establishmentApprovalDeadline(proposedOn, state.so.establishment.approvalDeadlineMonths);
  if (compareCivilDates(firstMeeting, proposedOn) < 0 || compareCivilDates(firstMeeting, deadline) > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid input: firstMeeting: must be between the proposal (${proposedOn}) and the approval deadline ${deadline}`,
      'InvalidInput',
    );
  }
  state.propose(input.termsOfReference!);
  state.escalateAfter({
    topic: 'establishment',
    what: 'approval of the Terms of Reference by both parent bodies',
    on: deadline,
    atMs: endOfLondonDayMs(deadline),
  });
  tracker.enter(
    'proposed',
    `the first meeting on ${firstMeeting}, which considers the draft Terms of Reference`,
    'first-meeting',
    state.escalation!.atMs,
    `the draft goes to both parent bodies after the first meeting; both must approve by ${deadline}`,
  );
  await effects.record(
    'board-proposed',
    {
      name: context.boardName,
      proposedOn,
      firstMeeting,
      approvalDeadline: deadline,
      termsOfReference: { version: 1, contentHash: state.draft.contentHash, text: state.draft.text },
    },
    { summary: 'Record the proposal' },
  );
  await invite(context, firstMeeting, deadline);
  tracker.step(
    'board-proposed',
    `proposed on ${proposedOn}; first meeting ${firstMeeting}; approval deadline ${deadline}`,
  );
  const untilMeeting = londonInstantMs(firstMeeting, SEND_AT) - Date.now();
  if (untilMeeting > 0)
    await sleep(untilMeeting, {
      summary: `First meeting ${firstMeeting}: considers the draft Terms of Reference`,
    });
  await effects.record(
    'tor-considered',
    { meetingOn: firstMeeting, version: 1, contentHash: state.draft.contentHash },
    { summary: 'Record the draft considered' },
  );
  tracker.step('tor-considered', `the first meeting on ${firstMeeting} considered the draft (version 1)`);
}

function invite(
  { effects, recipients, boardName, workflowId }: BoardContext,
  firstMeeting: CivilDate,
  deadline: CivilDate,
) {
  const meetingMs = londonInstantMs(firstMeeting, SEND_AT);
  return effects.notify('meeting-scheduled', {
    step: 'board-proposed',
    to: [...recipients.members(), ...recipients.democraticServices()],
    action: `Attend the first meeting of ${boardName} on ${firstMeeting}: it considers the draft Terms of Reference.`,
    deadline: firstMeeting,
    facts: { firstMeeting, approvalDeadline: deadline },
    invite: {
      uid: `${workflowId}/first-meeting`,
      sequence: 0,
      method: 'REQUEST',
      summary: `First meeting of ${boardName}`,
      start: new Date(meetingMs).toISOString(),
      end: new Date(meetingMs + 2 * 3_600_000).toISOString(),
      description: 'The first meeting considers the draft Terms of Reference.',
    },
    summary: 'Invite the members to the first meeting',
  });
}

async function rejected({ effects, recipients }: BoardContext, state: BoardState): Promise<Establishment> {
  const by = KINDS.find((k) => state.draft.decisions.get(k)?.outcome === 'reject')!;
  await effects.notify('board-rejected', {
    to: [...recipients.members(), ...recipients.clerks(), ...recipients.democraticServices()],
    action: `${state.bodyName(by)} rejected the Terms of Reference: the board is not established. No further action is needed.`,
    facts: { version: state.draft.version, rejectedBy: state.bodyName(by) },
    summary: 'Tell everyone the proposal was rejected',
  });
  return {
    kind: 'rejected',
    detail: `${state.bodyName(by)} rejected the Terms of Reference; the board was not established`,
  };
}

/** Both approved: the board is established today, and its first review cycle starts with the next run. */
async function established(
  { effects, recipients, tracker, today, boardName }: BoardContext,
  state: BoardState,
) {
  const { so } = state;
  state.establish(today());
  const establishedOn = state.establishedOn!;
  const approved = state.approved!;
  await effects.record(
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
      termsOfReference: { ...approved },
    },
    { summary: 'Record the board established' },
  );
  await effects.notify('board-established', {
    to: [...recipients.members(), ...recipients.democraticServices()],
    action: `${boardName} is established from ${establishedOn}. Its first effectiveness review falls due ${so.review.firstAfterMonths} months from now.`,
    facts: { establishedOn, torVersion: approved.version, torContentHash: approved.contentHash },
    summary: 'Tell the members the board is established',
  });
  tracker.step('board-established', `established on ${establishedOn}`);
  state.beginFirstCycle();
}
