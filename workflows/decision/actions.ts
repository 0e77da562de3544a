import { patched } from '@temporalio/workflow';
import {
  callInSchema,
  callInUpdate,
  declareInterestSchema,
  declareInterestUpdate,
  escalationResolutionSchema,
  escalationResolutionUpdate,
  meetingChangeSchema,
  meetingChangeUpdate,
  meetingOutcomeSchema,
  meetingOutcomeUpdate,
  reconsiderationSchema,
  reconsiderationUpdate,
  recordedScrutinyOutcomeSchema,
  scrutinyOutcomeSchema,
  scrutinyOutcomeUpdate,
  urgencyConsentSchema,
  urgencyConsentUpdate,
  voteSchema,
  voteUpdate,
  withdrawUpdate,
  withdrawalSchema,
  type DecisionStage,
} from '../../definitions';
import {
  callInRefusal,
  democraticServicesRefusal,
  escalationRefusal,
  memberRefusal,
  urgencyConsentRefusal,
  voteRefusal,
  withdrawalRefusal,
} from '../../governance/authority';
import { ALLOWED_IN, isEnded } from '../../governance/decision-stages';
import { action } from '../kit/actions';
import type { DecisionContext } from './context';
import type { DecisionState } from './state';

// Histories from before the acting officer was required carry these Updates without `by`.
const recordedReconsideration = reconsiderationSchema.partial({ by: true });
const recordedResolution = escalationResolutionSchema.partial({ by: true });

/**
 * Histories from before a member's vote or declared interest was answered as soon as it was taken waited in
 * the Update for its register write; the marker keeps them replaying.
 */
export const VOTES_ANSWERED_BEFORE_RECORDED = 'votes-answered-before-recorded';

const recordScrutiny = 'record the scrutiny outcome';
const recordReconsideration = 'record the board’s reconsideration';

const refuse = (message: string): never => {
  throw new Error(message);
};
const stages = (
  allowed: readonly DecisionStage[],
  otherwise: string | ((stage: DecisionStage) => string),
) => ({
  in: allowed,
  otherwise: typeof otherwise === 'string' ? () => otherwise : otherwise,
});

/** What members and officers may do to an item: one Update each. */
export function decisionActions(context: DecisionContext, state: DecisionState) {
  return { ...memberActions(context, state), ...officerActions(context, state) };
}

/** Board members vote and declare interests; the O&S chair agrees to urgency; O&S members call in. */
function memberActions(context: DecisionContext, state: DecisionState) {
  const { so, tracker, effects, today } = context;
  const members = new Map(so.members.map((m) => [m.id, m]));
  const name = (memberId: string) => members.get(memberId)!.name;
  const onlyOnTheMeetingDay = () =>
    `votes are taken only on the meeting day (${state.meeting}), while the item is being voted on`;
  // The vote (or interest) is durable once the Update completes, in the history and the state: the member need
  // not wait for the register, which the write still reaches exactly once, ahead of the item's later entries.
  const memberEntry = async (...entry: Parameters<typeof effects.record>) => {
    if (patched(VOTES_ANSWERED_BEFORE_RECORDED)) effects.recordBehind(...entry);
    else await effects.record(...entry);
  };

  return {
    vote: action(voteUpdate, {
      schema: voteSchema,
      who: (v) => voteRefusal(so, v.member, state.hasDeclaredInterest(v.member)),
      actor: (v) => v.member,
      allowed: stages(ALLOWED_IN.vote, onlyOnTheMeetingDay),
      check: (v) => {
        if (today() !== state.meeting) refuse(onlyOnTheMeetingDay());
        if (state.hasVoted(v.member)) refuse(`member: ${name(v.member)} has already voted`);
      },
      apply: async (v) => {
        state.recordVote(v.member, v.vote);
        tracker.step('vote-recorded', `${v.member} voted ${v.vote}`);
        await memberEntry(
          'vote-recorded',
          { meeting: state.meeting, member: v.member, partner: members.get(v.member)?.partner, vote: v.vote },
          { per: [state.meeting, v.member] },
        );
        return `vote recorded: ${v.member} ${v.vote}`;
      },
    }),

    declareInterest: action(declareInterestUpdate, {
      schema: declareInterestSchema,
      who: (d) => memberRefusal(so, d.member),
      actor: (d) => d.member,
      allowed: stages(ALLOWED_IN.declareInterest, 'interests are declared before the vote'),
      check: (d) => {
        if (state.hasVoted(d.member)) refuse(`member: ${name(d.member)} has already voted`);
        if (state.hasDeclaredInterest(d.member))
          refuse(`member: ${name(d.member)} has already declared an interest`);
      },
      apply: async (d) => {
        state.declareInterest(d.member, d.interest);
        tracker.step('interest-declared', `${d.member} declared an interest`);
        await memberEntry(
          'interest-declared',
          { meeting: state.meeting, member: d.member, interest: d.interest },
          { per: [state.meeting, d.member] },
        );
        return `interest recorded: ${d.member} will not vote`;
      },
    }),

    consentToUrgency: action(urgencyConsentUpdate, {
      schema: urgencyConsentSchema,
      who: (c) => urgencyConsentRefusal(so, c.by),
      actor: (c) => c.by,
      allowed: stages(ALLOWED_IN.consentToUrgency, 'the item is not waiting for special-urgency consent'),
      apply: (c) => {
        state.consentToUrgency(c);
        return 'special urgency agreed';
      },
    }),

    lodgeCallIn: action(callInUpdate, {
      schema: callInSchema,
      who: (c) => callInRefusal(so, c.members),
      actor: (c) => c.members.join(', '),
      allowed: stages(ALLOWED_IN.lodgeCallIn, 'the decision is not in its call-in window'),
      check: (c) => {
        const distinct = new Set(c.members).size;
        if (distinct < so.callIn.signatoriesRequired)
          refuse(`members: a call-in needs ${so.callIn.signatoriesRequired} O&S members; it has ${distinct}`);
      },
      apply: (c) => {
        state.lodgeCallIn({ members: c.members, grounds: c.grounds, received: today() });
        return `call-in lodged by ${c.members.length} members`;
      },
    }),
  };
}

/** Officers record what O&S, the board and the escalation ladder decided, and may withdraw the item. */
function officerActions(context: DecisionContext, state: DecisionState) {
  const { so, input } = context;
  return {
    recordScrutinyOutcome: action(scrutinyOutcomeUpdate, {
      schema: scrutinyOutcomeSchema,
      recorded: recordedScrutinyOutcomeSchema,
      who: (s) => democraticServicesRefusal(so, s.by ?? '', recordScrutiny),
      actor: (s) => s.by ?? '',
      allowed: stages(ALLOWED_IN.recordScrutinyOutcome, 'no call-in is waiting for a scrutiny outcome'),
      apply: (s) => {
        state.recordScrutinyOutcome(s);
        return `scrutiny outcome recorded: ${s.outcome}`;
      },
    }),

    reconsider: action(reconsiderationUpdate, {
      schema: reconsiderationSchema,
      recorded: recordedReconsideration,
      who: (r) => democraticServicesRefusal(so, r.by ?? '', recordReconsideration),
      actor: (r) => r.by ?? '',
      allowed: stages(ALLOWED_IN.reconsider, 'the decision has not been referred back for reconsideration'),
      apply: (r) => {
        state.reconsider(r);
        return `reconsidered: ${r.outcome}`;
      },
    }),

    resolveEscalation: action(escalationResolutionUpdate, {
      schema: escalationResolutionSchema,
      recorded: recordedResolution,
      who: (r) => escalationRefusal(so, r.step, r.by ?? ''),
      actor: (r) => r.by ?? '',
      allowed: stages(ALLOWED_IN.resolveEscalation, 'the item is not escalated'),
      check: (r) => {
        const current = state.currentEscalationStep;
        if (current !== r.step) refuse(`step: the item is with the ${current ?? 'no'} step, not ${r.step}`);
      },
      apply: (r) => {
        state.answerEscalation(r);
        return `escalation ${r.step}: ${r.outcome}`;
      },
    }),

    takeMeetingOutcome: action(meetingOutcomeUpdate, {
      schema: meetingOutcomeSchema,
      who: (o) => democraticServicesRefusal(so, o.by, 'give an item the meeting’s record of it'),
      actor: (o) => o.by,
      allowed: stages(
        ALLOWED_IN.takeMeetingOutcome,
        () => `the item is not being taken at a meeting now (its meeting is on ${state.meeting})`,
      ),
      check: (o) => {
        if (o.meeting !== state.meeting)
          refuse(`meeting: the item is before the meeting on ${state.meeting}, not ${o.meeting}`);
        if (state.meetingRecord?.meeting === o.meeting)
          refuse(`meeting: the meeting’s record of ${input.ref} is already taken`);
        const unknown = [...o.present, ...Object.keys(o.votes)].find(
          (id) => !so.members.some((m) => m.id === id),
        );
        if (unknown) refuse(`present: "${unknown}" is not a member of ${so.board.name}`);
      },
      apply: (o) => {
        state.takeMeetingRecord(o);
        context.tracker.step('meeting-record-taken', `the clerk’s record from the meeting on ${o.meeting}`);
        return `the meeting’s record of ${input.ref} is taken`;
      },
    }),

    followMeetingChange: action(meetingChangeUpdate, {
      schema: meetingChangeSchema,
      who: (c) => democraticServicesRefusal(so, c.by, 'tell an item its meeting changed'),
      actor: (c) => c.by,
      allowed: stages(
        ALLOWED_IN.followMeetingChange,
        (stage) => `the item is ${stage}; its meeting can no longer move it`,
      ),
      check: (c) => {
        if (!state.onMeetingAgenda) refuse(`meeting: ${input.ref} is not on a meeting’s agenda`);
        if (c.meeting !== state.meeting)
          refuse(`meeting: the item is before the meeting on ${state.meeting}, not ${c.meeting}`);
        if (state.meetingChange) refuse(`change: the item is still following its meeting’s last change`);
      },
      apply: (c) => {
        state.meetingChanged(c.change);
        return c.change.kind === 'moved'
          ? `${input.ref} follows its meeting to ${c.change.to}`
          : `${input.ref} goes to the next meeting`;
      },
    }),

    withdraw: action(withdrawUpdate, {
      schema: withdrawalSchema,
      who: (w) => withdrawalRefusal(so, input.proposedBy, w.by),
      actor: (w) => w.by,
      allowed: stages(ALLOWED_IN.withdraw, (stage) =>
        isEnded(stage)
          ? `the item is already ${stage}`
          : stage === 'awaiting-parent-bodies'
            ? 'the recommendation is with both parent bodies, who decide it in their own process; it is no longer the board’s to withdraw'
            : 'a published decision is rescinded, not withdrawn',
      ),
      apply: (w) => {
        state.withdraw(w);
        return 'withdrawn';
      },
    }),
  };
}
