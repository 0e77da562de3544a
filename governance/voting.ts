/**
 * Voting at a board meeting (P3 step 3): quorum per partner, consensus across partners, members
 * with a declared interest excluded, and the spending-limit unanimity rule (Southampton 2017 ¶28:
 * a Cabinet member may commit up to £2M only when all three Cabinet members on the board agree).
 * Pure and deterministic.
 */
import type { StandingOrders } from './standing-orders/schema';
import { formatGbp } from './money';

export type Vote = 'for' | 'against' | 'abstain';

export interface DeclaredInterest {
  memberId: string;
  interest?: string;
}

export interface VotingInput {
  /** Member ids present for the item. */
  present: readonly string[];
  /** Show of hands, by member id. Members present who do not appear did not vote. */
  votes: Readonly<Record<string, Vote>>;
  /** Members who declared an interest in the item: they do not vote and do not count. */
  interests?: readonly (string | DeclaredInterest)[];
  /** Money the decision commits, in GBP, for the spending authority check. */
  amountGbp?: number;
}

export interface PartnerTally {
  partner: string;
  present: number;
  votingPresent: number;
  excludedForInterest: number;
  /** Voting members present and entitled to vote on this item (quorum and majority count these). */
  eligible: number;
  for: number;
  against: number;
  abstain: number;
  notVoting: number;
  quorum: { required: number; met: boolean };
  agreed: boolean;
}

export type SpendingAuthorityStatus =
  'not-required' | 'granted' | 'refused' | 'exceeds-limit' | 'no-delegation';

export interface SpendingAuthority {
  status: SpendingAuthorityStatus;
  amountGbp: number | null;
  limitGbp: number | null;
  unanimity: StandingOrders['spendingLimit']['unanimity'];
  reasons: string[];
}

export interface VotingResult {
  outcome: 'consensus' | 'no-consensus' | 'inquorate';
  rule: StandingOrders['consensus']['rule'];
  perPartner: Record<string, PartnerTally>;
  excludedForInterest: string[];
  ignoredVotes: { memberId: string; reason: string }[];
  spendingAuthority: SpendingAuthority;
  reasons: string[];
}

export function tallyVotes(input: VotingInput, so: StandingOrders): VotingResult {
  const members = new Map(so.members.map((m) => [m.id, m]));
  const present = new Set(input.present);
  const interestOf = new Map<string, string | undefined>();
  for (const i of input.interests ?? []) {
    const d = typeof i === 'string' ? { memberId: i } : i;
    interestOf.set(d.memberId, d.interest);
  }
  const reasons: string[] = [];
  const ignoredVotes: { memberId: string; reason: string }[] = [];

  for (const id of present)
    if (!members.has(id))
      ignoredVotes.push({ memberId: id, reason: 'listed as present but not a member of the board' });
  for (const [id] of Object.entries(input.votes)) {
    const m = members.get(id);
    if (!m) {
      if (!present.has(id)) ignoredVotes.push({ memberId: id, reason: 'not a member of the board' });
    } else if (!present.has(id)) ignoredVotes.push({ memberId: id, reason: 'not present' });
    else if (!m.voting) ignoredVotes.push({ memberId: id, reason: 'non-voting member' });
    else if (interestOf.has(id)) ignoredVotes.push({ memberId: id, reason: 'declared an interest' });
  }

  const excludedForInterest = so.members
    .filter((m) => present.has(m.id) && interestOf.has(m.id))
    .map((m) => m.id);
  for (const id of excludedForInterest) {
    const what = interestOf.get(id);
    reasons.push(
      `${members.get(id)?.name ?? id} declared an interest${what ? ` (${what})` : ''} and did not vote`,
    );
  }

  const perPartner: Record<string, PartnerTally> = {};
  for (const p of so.partners) {
    const here = so.members.filter((m) => m.partner === p.id && present.has(m.id));
    const votingHere = here.filter((m) => m.voting);
    const eligible = votingHere.filter((m) => !interestOf.has(m.id));
    const count = (v: Vote) => eligible.filter((m) => input.votes[m.id] === v).length;
    const t: PartnerTally = {
      partner: p.id,
      present: here.length,
      votingPresent: votingHere.length,
      excludedForInterest: votingHere.length - eligible.length,
      eligible: eligible.length,
      for: count('for'),
      against: count('against'),
      abstain: count('abstain'),
      notVoting: eligible.filter((m) => input.votes[m.id] === undefined).length,
      quorum: { required: so.quorum[p.id] ?? 1, met: false },
      agreed: false,
    };
    t.quorum.met = t.eligible >= t.quorum.required;
    t.agreed =
      so.consensus.rule === 'unanimity' ? t.eligible > 0 && t.for === t.eligible : t.for * 2 > t.eligible;
    perPartner[p.id] = t;
  }

  const tallies = Object.values(perPartner);
  const inquorate = tallies.filter((t) => !t.quorum.met);
  let outcome: VotingResult['outcome'];
  const name = (id: string) => so.partners.find((p) => p.id === id)?.name ?? id;
  if (inquorate.length > 0) {
    outcome = 'inquorate';
    for (const t of inquorate) {
      reasons.push(
        `${name(t.partner)} is inquorate: ${t.eligible} voting member(s) present and entitled to vote, quorum ${t.quorum.required}`,
      );
    }
  } else {
    const ruleText = so.consensus.rule === 'unanimity' ? 'all' : 'a majority';
    for (const t of tallies) {
      reasons.push(
        `${name(t.partner)}: ${t.for} for, ${t.against} against, ${t.abstain} abstaining${t.notVoting ? `, ${t.notVoting} not voting` : ''} of ${t.eligible} entitled to vote; ${t.agreed ? 'agrees' : `does not agree (needs ${ruleText} of them)`}`,
      );
    }
    outcome = tallies.every((t) => t.agreed) ? 'consensus' : 'no-consensus';
    reasons.push(
      outcome === 'consensus'
        ? 'consensus of all partners'
        : 'no consensus: the item is deferred (the Chair and partner leads discuss)',
    );
  }

  const spendingAuthority = checkSpendingAuthority(input, so, outcome, present, interestOf);
  return {
    outcome,
    rule: so.consensus.rule,
    perPartner,
    excludedForInterest,
    ignoredVotes,
    spendingAuthority,
    reasons,
  };
}

function checkSpendingAuthority(
  input: VotingInput,
  so: StandingOrders,
  outcome: VotingResult['outcome'],
  present: Set<string>,
  interestOf: Map<string, string | undefined>,
): SpendingAuthority {
  const amount = input.amountGbp === undefined ? null : Math.abs(input.amountGbp);
  const { amountGbp: limit, unanimity } = so.spendingLimit;
  const base = { amountGbp: amount, limitGbp: limit, unanimity };
  if (amount === null || amount === 0)
    return { ...base, status: 'not-required', reasons: ['the decision commits no money'] };
  if (limit === null) {
    return {
      ...base,
      status: 'no-delegation',
      reasons: [
        `the board has no spending delegation: committing ${formatGbp(amount)} is for the parent bodies`,
      ],
    };
  }
  if (amount > limit) {
    return {
      ...base,
      status: 'exceeds-limit',
      reasons: [`${formatGbp(amount)} is above the spending limit of ${formatGbp(limit)}: refer to Cabinet`],
    };
  }
  if (outcome !== 'consensus') {
    return { ...base, status: 'refused', reasons: [`no spending authority without consensus (${outcome})`] };
  }
  const reasons: string[] = [];
  let group: typeof so.members = [];
  if (unanimity === 'cabinet-members') group = so.members.filter((m) => m.isCabinetMember);
  else if (unanimity === 'all-voting-members')
    group = so.members.filter((m) => m.voting && present.has(m.id) && !interestOf.has(m.id));
  const dissent: string[] = [];
  for (const m of group) {
    if (!present.has(m.id)) dissent.push(`${m.name} is not present`);
    else if (interestOf.has(m.id)) dissent.push(`${m.name} declared an interest`);
    else if (input.votes[m.id] !== 'for')
      dissent.push(`${m.name} did not vote for (${input.votes[m.id] ?? 'no vote'})`);
  }
  const who =
    unanimity === 'cabinet-members'
      ? `all ${group.length} Cabinet members on the board`
      : 'every voting member present';
  if (unanimity !== 'none' && dissent.length > 0) {
    reasons.push(
      `${formatGbp(amount)} is within the ${formatGbp(limit)} limit but needs ${who} to agree: ${dissent.join('; ')}`,
    );
    return { ...base, status: 'refused', reasons };
  }
  reasons.push(
    unanimity === 'none'
      ? `${formatGbp(amount)} is within the ${formatGbp(limit)} limit`
      : `${formatGbp(amount)} is within the ${formatGbp(limit)} limit and ${who} agreed`,
  );
  return { ...base, status: 'granted', reasons };
}
