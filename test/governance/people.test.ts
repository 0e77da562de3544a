import { describe, expect, it } from 'vitest';
import { describeRole, mailReadingRefusal, peopleOf, rolesOf, type Role } from '../../governance/people';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { anchorDay } from '../support/dates';

const southampton = resolveStandingOrders('southampton-jcb', anchorDay());
const wiltshire = resolveStandingOrders('wiltshire-adult-jcb', anchorDay());
const boards = [southampton, wiltshire];

describe('who a signed-in person is in the standing orders', () => {
  it('finds each kind of role by email, whatever its case', () => {
    const kinds = (email: string) => rolesOf(email, boards).map((r) => r.kind);
    expect(kinds('Democratic.Services@southampton.example.org')).toEqual(['democratic-services']);
    expect(kinds('integrated.commissioning@southampton.example.org')).toEqual(['commissioning-officer']);
    expect(rolesOf('cabinet.clerk@southampton.example.org', boards)).toEqual([
      {
        kind: 'clerk',
        board: 'southampton-jcb',
        partner: 'council',
        body: 'Cabinet of Southampton City Council',
      },
    ]);
    expect(kinds('chief.executive@southampton.example.org')).toEqual(['chief-executive']);
    expect(rolesOf('ada.shaw@southampton.example.org', boards)).toEqual([
      { kind: 'member', board: 'southampton-jcb', memberId: 'cllr-ada-shaw', voting: true },
    ]);
    expect(rolesOf('gil.turner@southampton.example.org', boards)).toEqual([
      {
        kind: 'scrutiny-chair',
        board: 'southampton-jcb',
        id: 'cllr-gil-turner',
        committee: 'Overview and Scrutiny Management Committee',
      },
    ]);
    expect(kinds('hana.ali@southampton.example.org')).toEqual(['scrutiny-member']);
    expect(rolesOf('stranger@example.org', boards)).toEqual([]);
  });

  it('gives one person every role they hold, on every board', () => {
    const officer = southampton.officers.democraticServices.email;
    const both = resolveStandingOrders({
      ...structuredClone(wiltshire),
      officers: { ...wiltshire.officers, democraticServices: { email: officer } },
    });
    expect(rolesOf(officer, [southampton, both])).toEqual([
      { kind: 'democratic-services', board: 'southampton-jcb' },
      { kind: 'democratic-services', board: wiltshire.board.id },
    ]);
  });

  it('lists everyone named once, by lower-case email', () => {
    const people = peopleOf([southampton, southampton]);
    const emails = people.map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    // 1 officer + 1 commissioning + 2 clerks + 2 chief executives + 6 members + 7 scrutiny councillors.
    expect(people).toHaveLength(19);
    expect(people).toContainEqual({ email: 'ada.shaw@southampton.example.org', name: 'Cllr Ada Shaw' });
    for (const email of emails) expect(email).toBe(email.toLowerCase());
  });

  it('lets only democratic services read the mail sent', () => {
    const roles = (email: string) => rolesOf(email, boards);
    expect(mailReadingRefusal(roles('democratic.services@southampton.example.org'))).toBeUndefined();
    for (const email of [
      'ada.shaw@southampton.example.org',
      'cabinet.clerk@southampton.example.org',
      'x@y.org',
    ])
      expect(mailReadingRefusal(roles(email))).toBe(
        'only democratic services may read the mail govflow sent',
      );
  });

  it('describes a role with its board’s name', () => {
    const role: Role = { kind: 'member', board: 'southampton-jcb', memberId: 'cllr-ada-shaw', voting: true };
    expect(describeRole(role, boards)).toBe('Voting member of Southampton Joint Commissioning Board');
  });
});
