import { describe, expect, it } from 'vitest';
import { nextJcbMeeting, noticesFor } from '../../governance/partnership-recommendations';
import { calendarFor, resolveStandingOrders } from '../../governance/standing-orders';

/** The Southampton JCB with three listed meetings (second Thursdays of 2027). */
const so = {
  ...resolveStandingOrders('southampton-jcb', '2027-01-01'),
  meetings: ['2027-01-14', '2027-02-11', '2027-03-11'],
};
const calendar = calendarFor(so);
const item = {
  title: 'Day opportunities for people with learning disabilities',
  topic: 'learning disabilities',
};
/** 2 January 2027 is a Saturday: the first day anything can be published is Monday 4 January. */
const SATURDAY = '2027-01-02T09:00:00Z';

describe('a partnership board recommendation goes to the JCB’s next meeting that can still meet the notice', () => {
  it('a public item that is no key decision needs only its agenda: the 14 January meeting', () => {
    expect(nextJcbMeeting(item, so, SATURDAY, calendar)).toEqual({
      meeting: '2027-01-14',
      publishable: '2027-01-04',
      notices: ['agenda: 5 clear working days'],
    });
  });

  it('a key decision needs the Forward Plan’s 28 clear days too: 14 January is too soon, so 11 February', () => {
    const key = { ...item, amountGbp: 800_000 };
    expect(noticesFor(key, so).map(([name]) => name)).toEqual(['Forward Plan', 'agenda']);
    expect(nextJcbMeeting(key, so, SATURDAY, calendar).meeting).toBe('2027-02-11');
    // So does one that affects two wards or more.
    expect(nextJcbMeeting({ ...item, wardsAffected: 2 }, so, SATURDAY, calendar).meeting).toBe('2027-02-11');
  });

  it('an exempt item needs 28 clear days’ notice of the private meeting: 11 February', () => {
    const exempt = { ...item, exemptParagraph: 3 };
    expect(nextJcbMeeting(exempt, so, SATURDAY, calendar)).toMatchObject({
      meeting: '2027-02-11',
      notices: ['private-meeting notice: 28 clear days', 'agenda: 5 clear working days'],
    });
  });

  it('on the agenda’s last day, the cut-off time decides: before 17:00 the 14 January meeting, after it the next', () => {
    // Wednesday 6 January is the last day to publish for 14 January (five clear working days, 7-13 January).
    expect(nextJcbMeeting(item, so, '2027-01-06T16:59:00Z', calendar).meeting).toBe('2027-01-14');
    expect(nextJcbMeeting(item, so, '2027-01-06T17:00:00Z', calendar)).toMatchObject({
      meeting: '2027-02-11',
      publishable: '2027-01-07',
    });
  });

  it('counts by the JCB’s own standing orders: ten clear working days for the agenda put 14 January out of reach', () => {
    const slower = { ...so, notice: { ...so.notice, agenda: { days: 10, counting: 'working' as const } } };
    expect(nextJcbMeeting(item, slower, SATURDAY, calendarFor(slower))).toMatchObject({
      meeting: '2027-02-11',
      notices: ['agenda: 10 clear working days'],
    });
  });

  it('finds no meeting when none listed can still meet the notice', () => {
    expect(nextJcbMeeting(item, so, '2027-03-08T09:00:00Z', calendar)).toEqual({
      meeting: undefined,
      publishable: '2027-03-08',
      notices: ['agenda: 5 clear working days'],
    });
  });
});
