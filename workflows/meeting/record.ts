import { workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import type { attendanceSchema, itemOutcomeSchema, ItemOutcome } from '../../definitions';
import { voteRefusal } from '../../governance/authority';
import { quorumForItem, votesFromCounts } from '../../governance/meetings';
import { tallyVotes, type Vote } from '../../governance/voting';
import { deliverMeetingOutcome } from '../kit/proxies';
import type { MeetingContext } from './context';

type Attendance = z.output<typeof attendanceSchema>;
type Outcome = z.output<typeof itemOutcomeSchema>;

const refuse = (message: string): never => {
  throw new Error(message);
};

/** Who was there, who sent apologies, and the interests declared: each must be a member, each item on the agenda. */
export function checkAttendance(context: MeetingContext, p: Attendance): void {
  const { so, state } = context;
  const isMember = (id: string) => so.members.some((m) => m.id === id);
  const notMember = (id: string) => `"${id}" is not a member of ${so.board.name}`;
  p.present.forEach((id, i) => {
    if (!isMember(id)) refuse(`present.${i}: ${notMember(id)}`);
    if (p.present.indexOf(id) !== i) refuse(`present.${i}: "${id}" is listed twice`);
  });
  p.apologies.forEach((id, i) => {
    if (!isMember(id)) refuse(`apologies.${i}: ${notMember(id)}`);
    if (p.present.includes(id)) refuse(`apologies.${i}: "${id}" is also listed as present`);
  });
  p.interests.forEach((d, i) => {
    if (!p.present.includes(d.member))
      refuse(`interests.${i}.member: "${d.member}" is not listed as present`);
    if (!state.item(d.ref)) refuse(`interests.${i}.ref: ${d.ref} is not on the agenda`);
    if (state.outcomeOf(d.ref))
      refuse(`interests.${i}.ref: ${d.ref} has been decided; interests are declared before`);
  });
}

/** The clerk's record of attendance: the quorum of each item follows from it. */
export async function recordAttendance(context: MeetingContext, p: Attendance): Promise<string> {
  const { so, state, tracker, effects } = context;
  state.recordAttendance(p.present, p.apologies, p.interests);
  tracker.step('attendance-recorded', `${p.present.length} present, ${p.apologies.length} apologies`);
  tracker.again();
  const inquorate = state.agenda
    .map((item) => ({
      ref: item.ref,
      q: quorumForItem(
        so,
        p.present,
        state.interestsIn(item.ref).map((d) => d.member),
      ),
    }))
    .filter((x) => !x.q.quorate);
  await effects.record(
    'attendance-recorded',
    { meeting: state.date, present: p.present, apologies: p.apologies, interests: p.interests },
    { per: [state.attendanceRecords] },
  );
  return `${p.present.length} present, ${p.apologies.length} apologies${inquorate.length ? `; inquorate for ${inquorate.map((x) => x.ref).join(', ')}` : '; quorate for every item'}`;
}

/** An item's votes: by members present, entitled to vote and without an interest in it, once. */
export function checkOutcome(context: MeetingContext, p: Outcome): void {
  const { so, state } = context;
  if (!state.attendance) refuse('present: record the attendance first (recordAttendance)');
  if (!state.item(p.ref)) refuse(`ref: ${p.ref} is not on the agenda of ${state.date}`);
  if (state.outcomeOf(p.ref)) refuse(`ref: ${p.ref}'s outcome is already recorded`);
  const interested = new Set(state.interestsIn(p.ref).map((d) => d.member));
  if (p.counts) {
    if (state.arrangements.votes === 'named')
      refuse(
        `votes: ${so.board.name}’s standing orders ask for a recorded vote: give each member’s vote by name`,
      );
    const counted = votesFromCounts(so, state.attendance!.present, [...interested], p.counts);
    if ('problem' in counted) refuse(counted.problem);
    return;
  }
  for (const member of Object.keys(p.votes ?? {})) {
    const refusal = voteRefusal(so, member, interested.has(member));
    if (refusal) refuse(`votes.${member}: ${refusal.replace(/^member: /, '')}`);
    if (!state.attendance!.present.includes(member))
      refuse(`votes.${member}: "${member}" is not listed as present`);
  }
}

/** The item's outcome, judged per partner with quorum from attendance for this item (the interested leave). */
export async function recordOutcome(context: MeetingContext, p: Outcome): Promise<string> {
  const { so, state, tracker, effects } = context;
  const interests = state.interestsIn(p.ref);
  const present = state.attendance!.present;
  // Counts per partner are counted as named votes would be (checkOutcome refused impossible counts).
  const counted = p.counts
    ? votesFromCounts(
        so,
        present,
        interests.map((d) => d.member),
        p.counts,
      )
    : undefined;
  const votes = counted && 'votes' in counted ? counted.votes : (p.votes ?? {});
  const tally = tallyVotes(
    {
      present,
      votes,
      interests: interests.map((d) => ({ memberId: d.member, interest: d.interest })),
    },
    so,
  );
  const quorum = quorumForItem(
    so,
    present,
    interests.map((d) => d.member),
  );
  const outcome: ItemOutcome = {
    ref: p.ref,
    outcome: tally.outcome,
    perPartner: Object.fromEntries(
      Object.values(tally.perPartner).map((t) => [
        t.partner,
        {
          for: t.for,
          against: t.against,
          abstain: t.abstain,
          quorate: quorum.perPartner[t.partner]?.met ?? false,
        },
      ]),
    ),
    resolution: p.resolution,
    reasons: [p.reasons, ...tally.reasons],
    alternatives: p.alternatives,
    interests,
  };
  state.recordOutcome(outcome);
  tracker.step('item-outcome-recorded', `${p.ref}: ${tally.outcome}`);
  tracker.again();
  const exempt = state.item(p.ref)!.exemptParagraph;
  // An exempt item's resolution and reasons stay in the meeting's own record, off the register's public side.
  await effects.record(
    'item-outcome-recorded',
    {
      ref: p.ref,
      outcome: tally.outcome,
      perPartner: outcome.perPartner,
      interests,
      ...(exempt === null
        ? { resolution: p.resolution, reasons: outcome.reasons, alternatives: p.alternatives }
        : { exempt: { paragraph: exempt } }),
    },
    { per: [p.ref] },
  );
  await toTheDecision(context, p, votes);
  return `${p.ref}: ${tally.outcome} (${tally.reasons.join('; ')})`;
}

/**
 * An item of a decision process: the clerk's record goes to it, which counts it as its own votes. A refusal
 * (the item was withdrawn, or has moved on) is on the meeting's timeline and changes nothing here.
 */
async function toTheDecision(context: MeetingContext, p: Outcome, votes: Record<string, Vote>) {
  const { state, tracker } = context;
  const decisionId = state.item(p.ref)?.decision;
  if (!decisionId) return;
  // The meeting's own entries first, as the decision's come after them on the register.
  if (context.effects.writesTogether) await context.effects.written();
  const answer = await deliverMeetingOutcome(
    {
      decisionId,
      outcome: {
        by: p.by,
        meeting: state.date,
        present: state.attendance!.present,
        votes,
        interests: state.interestsIn(p.ref),
        resolution: p.resolution,
        reasons: p.reasons,
        alternatives: p.alternatives,
      },
      updateId: `${workflowInfo().workflowId}/outcome/${p.ref}`,
    },
    `Give ${decisionId} the meeting’s record of ${p.ref}`,
  );
  tracker.step(
    answer.ok ? 'decision-told' : 'decision-refused-record',
    `${p.ref}: ${answer.ok ? answer.receipt : answer.reason}`,
  );
}
