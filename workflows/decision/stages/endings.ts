import type { DecisionOutcome, DecisionResult, DecisionStage } from '../../../definitions';
import { boardMembers, chairAndLeads, democraticServices, officer } from '../../kit/recipients';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';
import type { Referral } from './opening';
import { leaveMeeting } from './meeting-join';
import { settleMoney } from './pooled-budget';

/** The process ends: the last step, the final stage, and the result. */
function end(
  { tracker }: DecisionContext,
  state: DecisionState,
  ending: { status: DecisionOutcome; stage: DecisionStage; reasons: string[] },
): DecisionResult {
  tracker.step(ending.status, ending.reasons.join('; '));
  tracker.enter(ending.stage, 'nothing: the process has ended');
  return {
    status: ending.status,
    meetingDate: state.meeting,
    deferrals: state.deferrals,
    reasons: ending.reasons,
  };
}

/** The decision may be implemented. */
export async function implement(
  context: DecisionContext,
  state: DecisionState,
  why: string,
): Promise<DecisionResult> {
  const { so, input, effects } = context;
  await settleMoney(context, state, { commit: true });
  await effects.record('implemented', {
    why,
    amountGbp: input.amountGbp ?? null,
    schemeId: input.schemeId ?? null,
  });
  await effects.notify('implemented', {
    to: [officer(input.proposedBy), ...chairAndLeads(so)],
    action: 'The decision may now be implemented.',
    facts: { why },
  });
  return end(context, state, { status: 'implemented', stage: 'implemented', reasons: [why] });
}

/** The item goes to another decision maker. */
export async function refer(
  context: DecisionContext,
  state: DecisionState,
  referral: Referral,
): Promise<DecisionResult> {
  const { so, input, effects } = context;
  const { to, reasons } = referral;
  await settleMoney(context, state, { release: `referred to ${to}` });
  await effects.record('referred', { to, reasons, summary: context.publicSummary });
  await effects.notify('referral', {
    to: [officer(input.proposedBy), ...chairAndLeads(so), ...democraticServices(so)],
    action: `The item is referred to ${to}: put it before that decision maker.`,
    facts: { to },
  });
  return end(context, state, {
    status: 'referred',
    stage: 'referred',
    reasons: [`referred to ${to}`, ...reasons],
  });
}

/** The board rescinded its decision on reconsideration. */
export async function rescind(
  context: DecisionContext,
  state: DecisionState,
  reasons: string,
): Promise<DecisionResult> {
  const { so, input, effects } = context;
  await settleMoney(context, state, { release: `rescinded: ${reasons}` });
  await effects.record('rescinded', { reasons });
  await effects.notify('rescinded', {
    to: [...boardMembers(so), officer(input.proposedBy)],
    action: 'The decision is rescinded: do not implement it.',
  });
  return end(context, state, {
    status: 'rescinded',
    stage: 'rescinded',
    reasons: [`rescinded on reconsideration: ${reasons}`],
  });
}

/** No step of the ladder, or no parent body in time, resolved the item. */
export function unresolved(context: DecisionContext, state: DecisionState, reason: string): DecisionResult {
  return end(context, state, { status: 'escalated', stage: 'unresolved', reasons: [reason] });
}

/** An officer withdrew the item: everyone invited is told, and the meeting invitation is cancelled. */
export async function withdrawn(context: DecisionContext, state: DecisionState): Promise<DecisionResult> {
  const { so, input, effects } = context;
  const withdrawal = state.withdrawal!;
  await settleMoney(context, state, { release: `withdrawn: ${withdrawal.reason}` });
  await effects.record('withdrawn', { by: withdrawal.by, reason: withdrawal.reason });
  await leaveMeeting(context, state);
  await effects.notify('withdrawn', {
    to: [...boardMembers(so), officer(input.proposedBy)],
    action: 'The item is withdrawn: no action is needed.',
    // An item on its meeting's agenda sent no invitation of its own: the meeting's stands.
    ...(state.onMeetingAgenda
      ? {}
      : {
          invite: {
            uid: `${so.board.id}-${input.ref}-meeting@govflow`,
            sequence: state.inviteSequence + 1,
            method: 'CANCEL' as const,
            summary: `${so.board.name}: ${input.title}`,
            start: state.meeting,
          },
        }),
  });
  return end(context, state, {
    status: 'withdrawn',
    stage: 'withdrawn',
    reasons: [`withdrawn by ${withdrawal.by}: ${withdrawal.reason}`],
  });
}
