import type { DecisionInput, DecisionResult } from '../../definitions';
import { registerActions } from '../kit/actions';
import { describeNews, takeHolidayNews } from '../kit/holiday-news';
import { decisionActions } from './actions';
import { openDecision, type DecisionContext } from './context';
import { Withdrawn, type DecisionState } from './state';
import { callInStandstill, reconsider, scrutinise } from './stages/call-in';
import { considerUntilDecided } from './stages/deferral';
import { implement, refer, rescind, unresolved, withdrawn } from './stages/endings';
import { classify, overCommitment, referralOnClassification } from './stages/opening';
import { recommendToParentBodies } from './stages/parent-bodies';
import { reserveMoney } from './stages/pooled-budget';
import { publish } from './stages/publication';

/**
 * P3 and P4: one item for a board, from classification through notice, agenda, the meeting and
 * consensus of both partners, publication and the call-in standstill, to implementation; deferral to
 * later meetings and the escalation ladder when the partners do not agree. An officer may withdraw it
 * until the decision is published.
 */
export async function decision(raw: DecisionInput): Promise<DecisionResult> {
  const { context, state } = openDecision(raw);
  registerActions(
    { authority: context.authority, stage: () => context.tracker.status.stage },
    decisionActions(context, state),
  );
  takeHolidayNews(context.calendar, async (news) => {
    context.tracker.step('holidays-announced', describeNews(news));
    await context.effects.record('holidays-announced', { ...news }, { per: [context.calendar.version] });
  });
  await classify(context);
  const result = await decideUnlessWithdrawn(context, state);
  // A vote answered before its register write: the process ends only once the register has it.
  await context.effects.written();
  return result;
}

async function decideUnlessWithdrawn(
  context: DecisionContext,
  state: DecisionState,
): Promise<DecisionResult> {
  try {
    return await decide(context, state);
  } catch (error) {
    if (!(error instanceof Withdrawn) || !state.withdrawal) throw error;
    return await withdrawn(context, state);
  }
}

async function decide(context: DecisionContext, state: DecisionState): Promise<DecisionResult> {
  const referral = referralOnClassification(context) ?? (await overCommitment(context));
  if (referral) return refer(context, state, referral);

  const decided = await considerUntilDecided(context, state);
  if (decided.kind === 'unresolved')
    return unresolved(context, state, 'no step of the escalation ladder resolved the item');
  // A board that only recommends needs no spending authority of its own: the parent bodies decide the money.
  const recommends = context.classification.route === 'recommend-to-parent-bodies';
  const authority = decided.kind === 'decided-at-meeting' ? decided.tally.spendingAuthority : undefined;
  if (!recommends && authority && authority.status !== 'not-required' && authority.status !== 'granted')
    return refer(context, state, { to: 'Cabinet', reasons: authority.reasons });

  if (recommends) return parentBodiesDecide(context, state);
  // Other decisions may have committed money from the scheme while this one waited: check again, then
  // hold the money on the pooled budget until the decision is implemented or falls away.
  const overCommitted = (await overCommitment(context)) ?? (await reserveMoney(context, state));
  if (overCommitted) return refer(context, state, overCommitted);

  const publication = await publish(context, state, decided);
  if (publication.kind === 'exempt-from-call-in')
    return implement(context, state, 'special urgency: exempt from call-in');
  const standstill = await callInStandstill(context, state, publication.window);
  if (standstill.kind === 'not-called-in')
    return implement(context, state, 'the call-in window closed without a call-in');

  const scrutiny = await scrutinise(context, state, standstill.callIn);
  if (scrutiny.outcome === 'no-further-action')
    return implement(context, state, 'O&S took no further action');
  if (scrutiny.outcome === 'refer-to-council')
    return refer(context, state, {
      to: 'full Council',
      reasons: [`O&S referred the decision to full Council: ${scrutiny.reasons}`],
    });
  const again = await reconsider(context, state);
  if (again.outcome === 'rescind') return rescind(context, state, again.reasons);
  return implement(
    context,
    state,
    `${again.outcome === 'amend' ? 'amended' : 'confirmed'} on reconsideration: ${again.reasons}`,
  );
}

/** P5: the parent bodies decide on the board's recommendation. */
async function parentBodiesDecide(context: DecisionContext, state: DecisionState): Promise<DecisionResult> {
  const result = await recommendToParentBodies(context);
  if (result.outcome === 'approved') return implement(context, state, 'approved by both parent bodies');
  if (result.outcome === 'expired')
    return unresolved(context, state, 'a parent body did not decide by the deadline');
  return refer(context, state, {
    to: 'the board, for a revised recommendation',
    reasons: [`parent bodies: ${JSON.stringify(result.perPartner)}`],
  });
}
