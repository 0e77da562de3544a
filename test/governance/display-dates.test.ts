/** The one date formatter: London civil dates and times in full, end-of-day deadlines as their own day. */
import { describe, expect, it } from 'vitest';
import {
  displayDate,
  displayDateOrTime,
  displayDateTime,
  displayDeadline,
  displayDatesIn,
} from '../../governance/display-dates';
import { londonInstant } from '../../governance/civil-date';

describe('displayDate', () => {
  it('writes a civil date out in full: weekday, day without a leading zero, month, year', () => {
    expect(displayDate('2027-03-11')).toBe('Thursday 11 March 2027');
    expect(displayDate('2027-01-04')).toBe('Monday 4 January 2027');
    expect(displayDate('2028-02-29')).toBe('Tuesday 29 February 2028');
    expect(displayDate('2025-12-25')).toBe('Thursday 25 December 2025');
    expect(displayDate('2033-08-28')).toBe('Sunday 28 August 2033');
  });

  it('refuses an impossible date rather than showing a wrong one', () => {
    expect(() => displayDate('2027-02-30')).toThrow(RangeError);
    expect(() => displayDate('11/03/2027')).toThrow(RangeError);
  });
});

describe('displayDateTime', () => {
  it('shows the London wall-clock time, GMT in winter and BST in summer, on a 24-hour clock', () => {
    expect(displayDateTime('2027-03-11T10:00:00.000Z')).toBe('Thursday 11 March 2027 at 10:00');
    expect(displayDateTime('2027-07-05T08:00:00Z')).toBe('Monday 5 July 2027 at 09:00');
    expect(displayDateTime('2025-04-01T13:00:00Z')).toBe('Tuesday 1 April 2025 at 14:00');
    expect(displayDateTime(Date.UTC(2027, 5, 30, 23, 30))).toBe('Thursday 1 July 2027 at 00:30');
    expect(displayDateTime('2027-03-11T10:00:00+01:00')).toBe('Thursday 11 March 2027 at 09:00');
  });

  it('keeps the London day across the change of clocks', () => {
    // Summer time starts at 01:00 UTC on Sunday 28 March 2027.
    expect(displayDateTime('2027-03-28T00:59:00Z')).toBe('Sunday 28 March 2027 at 00:59');
    expect(displayDateTime('2027-03-28T01:00:00Z')).toBe('Sunday 28 March 2027 at 02:00');
  });
});

describe('displayDeadline', () => {
  it('reads a deadline at 00:00 London time as the end of the day before, never as 00:00 of the next', () => {
    expect(displayDeadline('2027-03-11T00:00:00.000Z')).toBe('Wednesday 10 March 2027 (end of day)');
    // In summer 00:00 London is 23:00 UTC the day before.
    expect(displayDeadline(londonInstant('2027-07-06', '00:00'))).toBe('Monday 5 July 2027 (end of day)');
    expect(displayDeadline('2027-07-05T23:00:00.000Z')).toBe('Monday 5 July 2027 (end of day)');
    // The end of the last day of British Summer Time (Saturday 30 October 2027, BST) and of a leap day.
    expect(displayDeadline(londonInstant('2027-10-31', '00:00'))).toBe(
      'Saturday 30 October 2027 (end of day)',
    );
    expect(displayDeadline(londonInstant('2028-03-01', '00:00'))).toBe(
      'Tuesday 29 February 2028 (end of day)',
    );
  });

  it('reads any other deadline as a date and time', () => {
    expect(displayDeadline('2027-03-11T09:00:00.000Z')).toBe('Thursday 11 March 2027 at 09:00');
    expect(displayDeadline('2027-03-11T00:01:00.000Z')).toBe('Thursday 11 March 2027 at 00:01');
    // 00:00 UTC in summer is 01:00 London: not an end-of-day deadline.
    expect(displayDeadline('2027-07-06T00:00:00.000Z')).toBe('Tuesday 6 July 2027 at 01:00');
  });
});

describe('displayDateOrTime', () => {
  it('shows a civil date as a date and an instant as a date and time', () => {
    expect(displayDateOrTime('2027-03-11')).toBe('Thursday 11 March 2027');
    expect(displayDateOrTime('2027-03-11T10:00:00Z')).toBe('Thursday 11 March 2027 at 10:00');
  });
});

describe('displayDatesIn', () => {
  it('shows each ISO date and instant in text written by a process in full', () => {
    expect(displayDatesIn('Send your self-assessment by 2029-01-25.')).toBe(
      'Send your self-assessment by Thursday 25 January 2029.',
    );
    expect(
      displayDatesIn('The Chair and partner leads discuss the item before it returns on 2027-04-08.'),
    ).toBe('The Chair and partner leads discuss the item before it returns on Thursday 8 April 2027.');
    expect(
      displayDatesIn('review 1 due 2028-12-24, starting 2028-12-27 (reminders 2028-11-26, 2028-12-17)'),
    ).toBe(
      'review 1 due Sunday 24 December 2028, starting Wednesday 27 December 2028 (reminders Sunday 26 November 2028, Sunday 17 December 2028)',
    );
    expect(displayDatesIn('opened at 2027-03-11T10:00:00.000Z (agenda 2027-03-03)')).toBe(
      'opened at Thursday 11 March 2027 at 10:00 (agenda Wednesday 3 March 2027)',
    );
  });

  it('leaves references, ids, version numbers and impossible dates as they are', () => {
    for (const text of [
      'southampton-jcb/2027-014',
      'decision/southampton-jcb/2027-03-11',
      'Superseded by 2027-019',
      'ref 2027-03-11-b',
      'v2027-03-11',
      '12027-03-11',
      'version 1.2027-03-11',
      'a date that cannot be: 2027-02-30',
      'budget 2027-2030',
      '',
    ]) {
      expect(displayDatesIn(text), text).toBe(text);
    }
  });
});
