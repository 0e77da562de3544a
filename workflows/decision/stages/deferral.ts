import { SA } from '../../../definitions';
import type { CivilDate } from '../../../governance/civil-date';
import { deferralDecision, nextMeetingAfter } from '../../../governance/schedule';
import type { VotingResult } from '../../../governance/voting';
import { chairAndLeads, officer } from '../../kit/recipients';
import type { DecisionContext } from '../context';
import { MeetingChanged, type DecisionState } from '../state';
import { escalate } from './escalation';
import { holdMeeting, type Minute } from './meeting';
import { giveNotice, publishAgenda } from './notice';

export type Consideration =
  | { kind: 'decided-at-meeting'; tally: VotingResult; specialUrgency: boolean; minute?: Minute }
  | { kind: 'decided-on-escalation'; by: string }
  | { kind: 'unresolved' };

type AtMeeting =
  | { kind: 'decided'; tally: VotingResult; specialUrgency: boolean; minute?: Minute }
  /** `byTheMeeting`: the meeting was cancelled or moved out of the item's reach (not a deferral for want of consensus). */
  | { kind: 'not-decided'; reason: string; byTheMeeting?: boolean };

/**
 * The current meeting, following what the meeting tells the item: when it moves, the item's notices are
 * given again for the new date; when it is cancelled (or moves out of reach), the item goes to the next one.
 */
async function considerAtMeeting(context: DecisionContext, state: DecisionState): Promise<AtMeeting> {
  for (;;) {
    try {
      return await noticeAgendaAndMeeting(context, state);
    } catch (error) {
      if (!(error instanceof MeetingChanged)) throw error;
    }
    const from = state.meeting;
    const change = state.followMeetingChange()!;
    const { tracker, effects } = context;
    if (change.kind === 'deferred') return { kind: 'not-decided', reason: change.reason, byTheMeeting: true };
    tracker.step('meeting-moved', `from ${from} to ${change.to}: ${change.reason}`);
    await effects.record(
      'item-meeting-moved',
      { from, to: change.to, reason: change.reason },
      { per: [from, change.to] },
    );
  }
}

/** Notice, agenda and the meeting for the current meeting date. */
async function noticeAgendaAndMeeting(context: DecisionContext, state: DecisionState): Promise<AtMeeting> {
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
  const { so, tracker, effects } = context;
  for (;;) {
    const outcome = await considerAtMeeting(context, state);
    if (outcome.kind === 'decided') return { ...outcome, kind: 'decided-at-meeting' };
    if (outcome.byTheMeeting && (await deferredByTheMeeting(context, state, outcome.reason))) continue;
    const deferrals = state.defer();
    tracker.annotate([{ key: SA.deferrals, value: deferrals }]);
    const from = state.meeting;
    const next = nextMeetingAfter(so.meetings, from);
    const verdict = deferralDecision(deferrals, so.deferral.limit, next === undefined);
    if (verdict.action === 'defer' && next) {
      await toNextMeeting(context, state, next, {
        recorded: `${outcome.reason}; ${verdict.reason}`,
        step: outcome.reason,
        action: `The Chair and partner leads discuss the item before it returns on ${next}.`,
        per: [deferrals],
      });
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

/**
 * The meeting was cancelled or moved out of the item's reach: the item goes to the next meeting without it
 * counting towards the deferral limit (the partners did not fail to agree). False when there is no next
 * meeting, and the item goes up the escalation ladder as any deferral past the last meeting does.
 */
async function deferredByTheMeeting(
  context: DecisionContext,
  state: DecisionState,
  reason: string,
): Promise<boolean> {
  const from = state.meeting;
  const next = nextMeetingAfter(context.so.meetings, from);
  if (!next) return false;
  await toNextMeeting(context, state, next, {
    recorded: reason,
    step: reason,
    action: `No action needed: the item goes to the meeting on ${next} (${reason}).`,
    per: ['meeting', from],
  });
  return true;
}

/**
 * The item is deferred to `next`: on the register, to the Chair, partner leads and its officer, as a step;
 * its votes and notices start afresh there.
 */
async function toNextMeeting(
  context: DecisionContext,
  state: DecisionState,
  next: CivilDate,
  deferral: { recorded: string; step: string; action: string; per: (string | number)[] },
): Promise<void> {
  const { so, input, tracker, effects } = context;
  const from = state.meeting;
  await effects.record(
    'deferred',
    { meeting: from, nextMeeting: next, deferrals: state.deferrals, reason: deferral.recorded },
    { per: deferral.per },
  );
  await effects.notify('deferred', {
    to: [...chairAndLeads(so), officer(input.proposedBy)],
    action: deferral.action,
    deadline: next,
    per: deferral.per,
    facts: { from, to: next },
  });
  tracker.step('deferred', `${deferral.step}; returns on ${next}`);
  state.moveToMeeting(next);
}
