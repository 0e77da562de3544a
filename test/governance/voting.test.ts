import { describe, expect, it } from 'vitest';
import { type Vote, tallyVotes } from '../../governance';
import { resolveStandingOrders, standingOrdersSchema } from '../../governance/standing-orders';

const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
const council = ['cllr-ada-shaw', 'cllr-ben-okafor', 'cllr-cara-lewis'];
const nhs = ['dr-dev-patel', 'dr-eve-morgan', 'finn-hughes'];
const all = [...council, ...nhs];
const votes = (v: Record<string, Vote>) => v;
const everyone = (vote: Vote) => Object.fromEntries(all.map((id) => [id, vote])) as Record<string, Vote>;

describe('voting: consensus of both partners (majority of each partner)', () => {
  it('everyone for: consensus', () => {
    const r = tallyVotes({ present: all, votes: everyone('for') }, so);
    expect(r.outcome).toBe('consensus');
    expect(r.perPartner.council).toMatchObject({
      eligible: 3,
      for: 3,
      agreed: true,
      quorum: { required: 2, met: true },
    });
    expect(r.reasons.at(-1)).toBe('consensus of all partners');
  });

  it('one partner split 1-2: no consensus, deferred', () => {
    const r = tallyVotes(
      { present: all, votes: { ...everyone('for'), 'dr-eve-morgan': 'against', 'finn-hughes': 'abstain' } },
      so,
    );
    expect(r.outcome).toBe('no-consensus');
    expect(r.perPartner.nhs).toMatchObject({ for: 1, against: 1, abstain: 1, agreed: false });
    expect(r.perPartner.council?.agreed).toBe(true);
    expect(r.reasons.at(-1)).toMatch(/no consensus: the item is deferred/);
  });

  it('2 of 3 is a majority, 1 of 2 present is not', () => {
    expect(
      tallyVotes({ present: all, votes: { ...everyone('for'), 'finn-hughes': 'against' } }, so).outcome,
    ).toBe('consensus');
    const twoPresent = tallyVotes(
      {
        present: [...council, 'dr-dev-patel', 'dr-eve-morgan'],
        votes: { ...everyone('for'), 'dr-eve-morgan': 'against' },
      },
      so,
    );
    expect(twoPresent.perPartner.nhs).toMatchObject({ eligible: 2, for: 1, agreed: false });
    expect(twoPresent.outcome).toBe('no-consensus');
  });

  it('quorum per partner: only one NHS member present is inquorate', () => {
    const r = tallyVotes({ present: [...council, 'dr-dev-patel'], votes: everyone('for') }, so);
    expect(r.outcome).toBe('inquorate');
    expect(r.perPartner.nhs?.quorum).toEqual({ required: 2, met: false });
    expect(r.reasons).toContain(
      'NHS Southampton City Clinical Commissioning Group is inquorate: 1 voting member(s) present and entitled to vote, quorum 2',
    );
    expect(r.spendingAuthority.status).toBe('not-required');
  });

  it('a declared interest excludes the member: the vote does not count and it is reported', () => {
    const r = tallyVotes(
      {
        present: all,
        votes: { ...everyone('for'), 'dr-eve-morgan': 'against', 'finn-hughes': 'against' },
        interests: [{ memberId: 'finn-hughes', interest: 'director of a bidder' }],
      },
      so,
    );
    expect(r.excludedForInterest).toEqual(['finn-hughes']);
    expect(r.ignoredVotes).toContainEqual({ memberId: 'finn-hughes', reason: 'declared an interest' });
    expect(r.perPartner.nhs).toMatchObject({
      eligible: 2,
      excludedForInterest: 1,
      for: 1,
      against: 1,
      agreed: false,
    });
    expect(r.reasons[0]).toBe('Finn Hughes declared an interest (director of a bidder) and did not vote');
  });

  it('an interest can make a partner inquorate', () => {
    const r = tallyVotes(
      {
        present: [...council, 'dr-dev-patel', 'dr-eve-morgan'],
        votes: everyone('for'),
        interests: ['dr-eve-morgan'],
      },
      so,
    );
    expect(r.outcome).toBe('inquorate');
  });

  it('ignores votes of absent members, non-members and non-voting members', () => {
    const bath = resolveStandingOrders('bath-nes-joint-committee', '2027-01-01');
    const r = tallyVotes(
      {
        present: ['cllr-amy-rowe', 'cllr-ben-stone', 'cat-tate', 'dr-dan-upton', 'dr-eli-vance', 'stranger'],
        votes: votes({
          'cllr-amy-rowe': 'for',
          'cllr-ben-stone': 'for',
          'cat-tate': 'against',
          'dr-dan-upton': 'for',
          'dr-eli-vance': 'for',
          'flo-ward': 'against',
          ghost: 'for',
        }),
      },
      bath,
    );
    expect(r.outcome).toBe('consensus');
    expect(r.ignoredVotes).toEqual(
      expect.arrayContaining([
        { memberId: 'cat-tate', reason: 'non-voting member' },
        { memberId: 'flo-ward', reason: 'not present' },
        { memberId: 'ghost', reason: 'not a member of the board' },
        { memberId: 'stranger', reason: 'listed as present but not a member of the board' },
      ]),
    );
  });
});

describe('voting: unanimity rule', () => {
  const unanimous = standingOrdersSchema.parse({
    ...resolveStandingOrders('southampton-jcb', '2027-01-01'),
    consensus: { rule: 'unanimity' },
  });
  it('one abstention breaks unanimity', () => {
    const r = tallyVotes(
      { present: all, votes: { ...everyone('for'), 'cllr-cara-lewis': 'abstain' } },
      unanimous,
    );
    expect(r.rule).toBe('unanimity');
    expect(r.outcome).toBe('no-consensus');
    expect(r.perPartner.council?.agreed).toBe(false);
  });
  it('all present for: consensus', () => {
    expect(tallyVotes({ present: all, votes: everyone('for') }, unanimous).outcome).toBe('consensus');
  });
});

describe('spending authority (Southampton: up to £2M, all three Cabinet members agree)', () => {
  it('granted when all three Cabinet members vote for', () => {
    const r = tallyVotes({ present: all, votes: everyone('for'), amountGbp: 1_999_999 }, so);
    expect(r.spendingAuthority).toMatchObject({
      status: 'granted',
      limitGbp: 2_000_000,
      unanimity: 'cabinet-members',
    });
    expect(r.spendingAuthority.reasons[0]).toBe(
      '£1,999,999 is within the £2,000,000 limit and all 3 Cabinet members on the board agreed',
    );
  });
  it('refused when a Cabinet member votes against, even though the council side has a majority', () => {
    const r = tallyVotes(
      { present: all, votes: { ...everyone('for'), 'cllr-cara-lewis': 'against' }, amountGbp: 1_000_000 },
      so,
    );
    expect(r.outcome).toBe('consensus');
    expect(r.spendingAuthority.status).toBe('refused');
    expect(r.spendingAuthority.reasons[0]).toMatch(/Cllr Cara Lewis did not vote for \(against\)/);
  });
  it('refused when a Cabinet member is absent', () => {
    const r = tallyVotes(
      { present: all.filter((id) => id !== 'cllr-ben-okafor'), votes: everyone('for'), amountGbp: 1_000_000 },
      so,
    );
    expect(r.outcome).toBe('consensus');
    expect(r.spendingAuthority.status).toBe('refused');
    expect(r.spendingAuthority.reasons[0]).toMatch(/Cllr Ben Okafor is not present/);
  });
  it('above £2M: exceeds the limit (refer to Cabinet)', () => {
    expect(
      tallyVotes({ present: all, votes: everyone('for'), amountGbp: 2_500_000 }, so).spendingAuthority.status,
    ).toBe('exceeds-limit');
  });
  it('no consensus: refused', () => {
    expect(
      tallyVotes({ present: all, votes: everyone('against'), amountGbp: 10_000 }, so).spendingAuthority
        .status,
    ).toBe('refused');
  });
  it('a board without a spending limit has no delegation', () => {
    const w = resolveStandingOrders('wiltshire-adult-jcb', '2027-01-01');
    const r = tallyVotes(
      {
        present: w.members.map((m) => m.id),
        votes: Object.fromEntries(w.members.map((m) => [m.id, 'for' as const])),
        amountGbp: 10_000,
      },
      w,
    );
    expect(r.spendingAuthority.status).toBe('no-delegation');
  });
});
