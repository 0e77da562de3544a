import { describe, expect, it } from 'vitest';
import { atLondonTime, endOfLondonDay, endOfLondonDayMs } from '../../governance/deadlines';

describe('deadlines in London time', () => {
  it('runs a deadline to the end of the London day: the first instant of the next day, in GMT or BST', () => {
    expect(endOfLondonDay('2027-01-14')).toEqual({ on: '2027-01-14', at: '2027-01-15T00:00:00.000Z' });
    expect(endOfLondonDay('2027-07-05')).toEqual({ on: '2027-07-05', at: '2027-07-05T23:00:00.000Z' });
    expect(endOfLondonDayMs('2027-07-05')).toBe(Date.parse('2027-07-05T23:00:00.000Z'));
  });

  it('ends the days either side of the clock changes at local midnight', () => {
    // BST starts on 28 March 2027 and ends on 31 October 2027.
    expect(endOfLondonDay('2027-03-27').at).toBe('2027-03-28T00:00:00.000Z');
    expect(endOfLondonDay('2027-03-28').at).toBe('2027-03-28T23:00:00.000Z');
    expect(endOfLondonDay('2027-10-30').at).toBe('2027-10-30T23:00:00.000Z');
    expect(endOfLondonDay('2027-10-31').at).toBe('2027-11-01T00:00:00.000Z');
  });

  it('meets a deadline at a London wall-clock time on the day', () => {
    expect(atLondonTime('2027-01-05', '09:00')).toEqual({ on: '2027-01-05', at: '2027-01-05T09:00:00.000Z' });
    expect(atLondonTime('2027-07-05', '09:00')).toEqual({ on: '2027-07-05', at: '2027-07-05T08:00:00.000Z' });
  });
});
