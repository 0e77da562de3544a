/**
 * Whether an item's claim matches its board's registered standing orders (issue 19, item 1): pure rules the
 * worker's check applies. Authority (members, thresholds, rules, parent bodies and clerks) must match;
 * the calendar (holidays, meetings) may have grown since the board registered it.
 */
import { describe, expect, it } from 'vitest';
import {
  authorityDigest,
  canonicalJson,
  registrationMismatch,
  resolveStandingOrders,
} from '../../governance/standing-orders';

const so = resolveStandingOrders('southampton-jcb', '2027-01-04');

describe('registration check', () => {
  it('writes JSON with sorted keys, so key order does not change the digest', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
    const reordered = Object.fromEntries(Object.entries(so).reverse()) as typeof so;
    expect(authorityDigest(reordered)).toBe(authorityDigest(so));
  });

  it('accepts the registered standing orders with more holidays or meetings', () => {
    const later = {
      ...so,
      meetings: [...so.meetings, '2027-12-30'],
      holidays: {
        ...so.holidays,
        adjustments: { add: [{ date: '2027-06-14', name: 'Proclaimed' }], remove: [] },
      },
    };
    expect(
      registrationMismatch(so, { boardId: so.board.id, digest: authorityDigest(later) }),
    ).toBeUndefined();
  });

  it('refuses other members, thresholds or rules, naming the board', () => {
    const forged = [
      { ...so, keyDecision: { ...so.keyDecision, thresholdGbp: 10_000_000_000 } },
      { ...so, members: so.members.map((m, i) => (i === 0 ? { ...m, voting: !m.voting } : m)) },
      { ...so, chair: so.members[1]!.id },
    ];
    for (const f of forged)
      expect(registrationMismatch(so, { boardId: so.board.id, digest: authorityDigest(f) })).toBe(
        `its standing orders are not ${so.board.id}'s registered ones (members, roles, thresholds or rules differ)`,
      );
  });

  it('checks a recommendation’s parent bodies and clerks against the registered partners', () => {
    const bodies = so.partners.map((p) => ({
      partner: p.id,
      body: p.parentBody.name,
      clerkEmail: p.clerk.email,
    }));
    expect(registrationMismatch(so, { boardId: so.board.id, parentBodies: bodies })).toBeUndefined();
    expect(
      registrationMismatch(so, {
        boardId: so.board.id,
        parentBodies: [{ ...bodies[0]!, clerkEmail: bodies[0]!.clerkEmail.toUpperCase() }],
      }),
    ).toBeUndefined();
    expect(
      registrationMismatch(so, {
        boardId: so.board.id,
        parentBodies: [{ ...bodies[0]!, clerkEmail: 'x@example.org' }],
      }),
    ).toBe(
      `${bodies[0]!.body} (clerk x@example.org) is not ${bodies[0]!.partner}'s registered parent body and clerk`,
    );
    expect(
      registrationMismatch(so, {
        boardId: so.board.id,
        parentBodies: [{ ...bodies[0]!, partner: 'elsewhere' }],
      }),
    ).toBe(`elsewhere is not a partner of ${so.board.id}`);
  });
});
