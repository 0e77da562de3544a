import { allHandlersFinished, condition } from '@temporalio/workflow';
import { SA } from '../../../definitions';
import { addDays, londonInstant } from '../../../governance/civil-date';
import { tallyVotes, type VotingResult } from '../../../governance/voting';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';

/** What the clerk minuted for the item: regs 12-13's reasons and alternatives considered and rejected. */
export interface Minute {
  resolution: string;
  reasons: string;
  alternatives: string[];
}

export type MeetingOutcome =
  { kind: 'decided'; tally: VotingResult; minute?: Minute } | { kind: 'no-consensus'; reason: string };

/**
 * The meeting: voting members present vote by show of hands until the end of the meeting day (each member
 * for themselves, or the clerk's record from the meeting's process); the item is decided by consensus of
 * both partners.
 */
export async function holdMeeting(context: DecisionContext, state: DecisionState): Promise<MeetingOutcome> {
  const { so, input, tracker, effects, waits } = context;
  const meeting = state.meeting;
  const opens = londonInstant(meeting, '00:00');
  tracker.enter('awaiting-meeting', `the meeting on ${meeting}`, {
    deadline: opens,
    next: 'members vote by show of hands; consensus of both partners is needed',
  });
  await waits.until(opens, `Meeting of ${so.board.name}, ${meeting}`);
  const closes = londonInstant(addDays(meeting, 1), '00:00');
  tracker.enter('voting', 'votes from the voting members present', {
    deadline: closes,
    next: 'the votes are counted at the end of the meeting day',
  });
  const eligible = () => so.members.filter((m) => m.voting && !state.hasDeclaredInterest(m.id));
  const minuted = () => state.meetingRecord?.meeting === meeting;
  await waits.for(() => minuted() || eligible().every((m) => state.hasVoted(m.id)), {
    instant: closes,
    summary: `Votes counted at the end of the meeting day ${meeting}`,
  });
  // A vote's handler may still be writing it to the register (before votes-answered-before-recorded; since
  // then the meeting's entry below waits for the votes' writes instead): count once every vote is on record.
  await condition(allHandlersFinished);
  const record = minuted() ? state.meetingRecord : undefined;
  const interests = record
    ? record.interests.map((i) => ({ memberId: i.member, interest: i.interest }))
    : [...state.interests];
  const votes = record ? record.votes : state.votes;
  const tally = tallyVotes(
    {
      present: record ? record.present : [...Object.keys(votes), ...interests.map((i) => i.memberId)],
      votes,
      interests,
      amountGbp: input.amountGbp,
    },
    so,
  );
  const partnerOutcome = Object.values(tally.perPartner)
    .map((p) => `${p.partner}:${p.agreed ? 'agreed' : 'not-agreed'}`)
    .join(',');
  await effects.record(
    'meeting-held',
    { meeting, votesCast: Object.keys(votes).length, interests },
    { per: [meeting] },
  );
  tracker.step('meeting-held', `${Object.keys(votes).length} votes cast`);
  tracker.annotate([{ key: SA.partnerOutcome, value: partnerOutcome }]);
  if (tally.outcome === 'consensus') {
    await effects.record(
      'consensus-reached',
      {
        meeting,
        perPartner: tally.perPartner,
        reasons: tally.reasons,
        spendingAuthority: tally.spendingAuthority,
      },
      { per: [meeting] },
    );
    tracker.step('consensus-reached', tally.reasons.join('; '));
    return {
      kind: 'decided',
      tally,
      ...(record
        ? {
            minute: {
              resolution: record.resolution,
              reasons: record.reasons,
              alternatives: record.alternatives,
            },
          }
        : {}),
    };
  }
  await effects.record(
    'no-consensus',
    { meeting, outcome: tally.outcome, perPartner: tally.perPartner, reasons: tally.reasons },
    { per: [meeting] },
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
