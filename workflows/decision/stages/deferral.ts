import { SA } from '../../../definitions';
import { deferralDecision, nextMeetingAfter } from '../../../governance/schedule';
import type { VotingResult } from '../../../governance/voting';
import { chairAndLeads, officer } from '../../kit/recipients';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';
import { escalate } from './escalation';
import { holdMeeting, type Minute } from './meeting';
import { giveNotice, publishAgenda } from './notice';

export type Consideration =
  | { kind: 'decided-at-meeting'; tally: VotingResult; specialUrgency: boolean; minute?: Minute }
  | { kind: 'decided-on-escalation'; by: string }
  | { kind: 'unresolved' };

type AtMeeting =
  | { kind: 'decided'; tally: VotingResult; specialUrgency: boolean; minute?: Minute }
  | { kind: 'not-decided'; reason: string };

/** Notice, agenda and the meeting for the current meeting date. */
async function considerAtMeeting(context: DecisionContext, state: DecisionState): Promise<AtMeeting> {
  const notice = await giveNotice(context, state);
  if (notice.kind === 'no-urgency-consent')
    return {
      kind: 'not-decided',
      reason: 'the O&S chair did not agree to special urgency before the meeting',
    };
  await publishAgenda(context, state);
  const meeting = await holdMeeting(context, state);
  if (meeting.kind === 'no-consensus') return { kind: 'not-decided', reason: meeting.reason };
  return {
    kind: 'decided',
    tally: meeting.tally,
    specialUrgency: notice.specialUrgency,
    ...(meeting.minute ? { minute: meeting.minute } : {}),
  };
}

/**
 * P3 and P4: the item goes before meetings until the partners agree. Each time they do not, it is
 * deferred to the next meeting; past the deferral limit (or the last meeting) it goes up the escalation
 * ladder.
 */
export async function considerUntilDecided(
  context: DecisionContext,
  state: DecisionState,
): Promise<Consideration> {
  const { so, input, tracker, effects } = context;
  for (;;) {
    const outcome = await considerAtMeeting(context, state);
    if (outcome.kind === 'decided') return { ...outcome, kind: 'decided-at-meeting' };
    const deferrals = state.defer();
    tracker.annotate([{ key: SA.deferrals, value: deferrals }]);
    const from = state.meeting;
    const next = nextMeetingAfter(so.meetings, from);
    const verdict = deferralDecision(deferrals, so.deferral.limit, next === undefined);
    if (verdict.action === 'defer' && next) {
      await effects.record(
        'deferred',
        { meeting: from, nextMeeting: next, deferrals, reason: `${outcome.reason}; ${verdict.reason}` },
        { per: [deferrals] },
      );
      await effects.notify('deferred', {
        to: [...chairAndLeads(so), officer(input.proposedBy)],
        action: `The Chair and partner leads discuss the item before it returns on ${next}.`,
        deadline: next,
        per: [deferrals],
        facts: { from, to: next },
      });
      tracker.step('deferred', `${outcome.reason}; returns on ${next}`);
      state.moveToMeeting(next);
      continue;
    }
    tracker.step('deferral-limit', verdict.reason);
    const escalation = await escalate(context, state, `${outcome.reason}; ${verdict.reason}`);
    if (escalation.kind === 'unresolved') {
      await effects.record('escalation-exhausted', { deferrals });
      return { kind: 'unresolved' };
    }
    return { kind: 'decided-on-escalation', by: escalation.by };
  }
}
