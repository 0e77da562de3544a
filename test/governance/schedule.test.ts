import { describe, expect, it } from 'vitest';
import {
  deferralDecision,
  escalationSchedule,
  establishmentApprovalDeadline,
  holidayCalendar,
  nextMeetingAfter,
} from '../../governance';
import { resolveStandingOrders } from '../../governance/standing-orders';

const ew = holidayCalendar('england-and-wales');

describe('deferral and escalation', () => {
  it('defers until the limit, then escalates; a passed deadline escalates at once', () => {
    expect(deferralDecision(1, 2).action).toBe('defer');
    expect(deferralDecision(2, 2)).toMatchObject({
      action: 'escalate',
      reason: 'deferred 2 time(s), the limit is 2: the item escalates',
    });
    expect(deferralDecision(0, 2, true).action).toBe('escalate');
  });

  it('lays the ladder out step after step in working days', () => {
    const so = resolveStandingOrders('bath-nes-joint-committee', '2027-01-01');
    const s = escalationSchedule('2027-03-24', so.escalation.steps, ew);
    expect(s.map((x) => x.step)).toEqual(['joint-committee', 'chief-executives', 'parent-bodies']);
    // 20 working days after 24 March 2027 (Good Friday and Easter Monday skipped)
    expect(s[0]).toMatchObject({ startsOn: '2027-03-24', deadline: '2027-04-23' });
    expect(s[1]).toMatchObject({ startsOn: '2027-04-24', deadline: '2027-05-17' }); // 3 May is a bank holiday
    expect(s[2]?.startsOn).toBe('2027-05-18');
  });
});

describe('dates', () => {
  it('establishment approval deadline: 3 months, clamped to the month end', () => {
    expect(establishmentApprovalDeadline('2027-11-30', 3)).toBe('2028-02-29');
    expect(establishmentApprovalDeadline('2027-01-15', 3)).toBe('2027-04-15');
  });
  it('next meeting after a date', () => {
    const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
    expect(nextMeetingAfter(so.meetings, '2027-01-14')).toBe('2027-02-11');
    expect(nextMeetingAfter(so.meetings, '2029-12-31')).toBeUndefined();
  });
});
