import { describe, expect, it } from 'vitest';
import {
  callInRefusal,
  clerkRefusal,
  democraticServicesRefusal,
  escalationRefusal,
  memberRefusal,
  urgencyConsentRefusal,
  voteRefusal,
  withdrawalRefusal,
} from '../../governance/authority';
import { resolveStandingOrders } from '../../governance/standing-orders';

const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
const bath = resolveStandingOrders('bath-nes-joint-committee', '2027-01-01');
const DS = 'democratic.services@southampton.example.org';
const CE = 'chief.executive@southampton.example.org';
const CLERK = 'cabinet.clerk@southampton.example.org';
const PROPOSER = 'commissioning.lead@southampton.example.org';

describe('who may do what', () => {
  it('votes: a voting member without a declared interest', () => {
    expect(voteRefusal(so, 'cllr-ada-shaw', false)).toBeUndefined();
    expect(voteRefusal(so, 'cllr-zed', false)).toBe(
      'member: "cllr-zed" is not a member of Southampton Joint Commissioning Board',
    );
    expect(voteRefusal(so, 'cllr-ada-shaw', true)).toBe(
      'member: Cllr Ada Shaw declared an interest and may not vote',
    );
    expect(voteRefusal(bath, 'cat-tate', false)).toMatch(/^member: Cat Tate is not a voting member of /);
  });

  it('acts for themselves: any member of the board, voting or not', () => {
    expect(memberRefusal(bath, 'cat-tate')).toBeUndefined();
    expect(memberRefusal(so, 'gil-turner')).toMatch(/^member: "gil-turner" is not a member/);
  });

  it('special urgency: the O&S chair alone', () => {
    expect(urgencyConsentRefusal(so, 'cllr-gil-turner')).toBeUndefined();
    expect(urgencyConsentRefusal(so, 'cllr-hana-ali')).toBe(
      'by: only the O&S chair (cllr-gil-turner) may agree to special urgency',
    );
  });

  it('call-in: O&S members and their chair, each stranger named once', () => {
    expect(callInRefusal(so, ['cllr-gil-turner', 'cllr-hana-ali'])).toBeUndefined();
    expect(callInRefusal(so, ['cllr-hana-ali', 'cllr-ada-shaw', 'cllr-ada-shaw', 'x'])).toBe(
      'members: not members of Overview and Scrutiny Management Committee: cllr-ada-shaw, x',
    );
  });

  it('outcomes of meetings democratic services clerk: that officer, whatever the case of the address', () => {
    expect(
      democraticServicesRefusal(so, ' Democratic.Services@Southampton.example.org', 'x'),
    ).toBeUndefined();
    expect(democraticServicesRefusal(so, CLERK, 'record the scrutiny outcome')).toBe(
      `by: only democratic services (${DS}) may record the scrutiny outcome; ${CLERK} is not that officer`,
    );
  });

  it('escalation: democratic services at every step, chief executives and clerks at their own', () => {
    for (const step of ['joint-committee', 'chief-executives', 'parent-bodies'] as const)
      expect(escalationRefusal(so, step, DS)).toBeUndefined();
    expect(escalationRefusal(so, 'chief-executives', CE)).toBeUndefined();
    expect(escalationRefusal(so, 'parent-bodies', CLERK)).toBeUndefined();
    expect(escalationRefusal(so, 'chief-executives', CLERK)).toBe(
      `by: ${CLERK} may not record the chief-executives step (democratic services or a chief executive may)`,
    );
    expect(escalationRefusal(so, 'parent-bodies', CE)).toMatch(/or a parent body’s clerk may\)$/);
    expect(escalationRefusal(so, 'joint-committee', CE)).toMatch(/\(democratic services may\)$/);
  });

  it('withdrawal: the proposer or democratic services', () => {
    expect(withdrawalRefusal(so, PROPOSER, PROPOSER)).toBeUndefined();
    expect(withdrawalRefusal(so, PROPOSER, DS)).toBeUndefined();
    expect(withdrawalRefusal(so, PROPOSER, CLERK)).toBe(
      'by: only the proposing officer or democratic services may withdraw an item',
    );
  });

  it('a parent body’s decision: its clerk', () => {
    expect(clerkRefusal('Cabinet', CLERK, CLERK.toUpperCase())).toBeUndefined();
    expect(clerkRefusal('Cabinet', CLERK, DS, 'response')).toBe(
      `by: only the clerk to Cabinet may record its response; ${DS} is not that clerk`,
    );
  });
});
