/**
 * Moving a scenario to a later start (client/simulate/move.ts): pure arithmetic on dates, no server and
 * no clock, so these cases keep their fixed dates.
 */
import { describe, expect, it } from 'vitest';
import {
  datesIn,
  describeMove,
  keepsTimeOfYear,
  moveChanges,
  moveDates,
  moveFromThePast,
  moveInstant,
  moveToStartOn,
  yearsInDays,
} from '../../client/simulate/move';
import { holidayCalendar } from '../../governance/bank-holidays';
import { addDays, dayOfWeek } from '../../governance/civil-date';

const england = holidayCalendar('england-and-wales');

describe('a year of weeks', () => {
  it('is the whole number of weeks nearest to N × 365.2425 days', () => {
    // 365.2425 / 7 = 52.18 -> 52 weeks; 730.49 / 7 = 104.36 -> 104; 1095.73 / 7 = 156.53 -> 157;
    // 1460.97 / 7 = 208.71 -> 209; 1826.21 / 7 = 260.89 -> 261; 3652.43 / 7 = 521.78 -> 522.
    expect([1, 2, 3, 4, 5, 10].map(yearsInDays)).toEqual([364, 728, 1099, 1463, 1827, 3654]);
  });

  it('never drifts more than three and a half days from the calendar, however many years', () => {
    for (let n = 1; n <= 400; n++) {
      expect(yearsInDays(n) % 7).toBe(0);
      expect(Math.abs(yearsInDays(n) - n * 365.2425)).toBeLessThanOrEqual(3.5);
    }
  });
});

describe('moving an instant', () => {
  it('moves it by whole days', () => {
    expect(moveInstant('2027-03-25T10:05:00Z', 364)).toBe('2028-03-23T10:05:00Z');
    expect(moveInstant('2027-03-25T10:05:00Z', -7)).toBe('2027-03-18T10:05:00Z');
  });

  it('keeps the London wall-clock time when the clocks change in between', () => {
    // Monday 22 March 2027 10:00 is GMT; Monday 29 March 2027 is in summer time (from 28 March), so 10:00 London is 09:00 UTC.
    expect(moveInstant('2027-03-22T10:00:00Z', 7)).toBe('2027-03-29T09:00:00Z');
    // And back: 10:00 BST on Monday 25 October 2027 is 10:00 GMT a week later (summer time ends on 31 October).
    expect(moveInstant('2027-10-25T09:00:00Z', 7)).toBe('2027-11-01T10:00:00Z');
  });

  it('reads any offset and writes UTC, keeping milliseconds', () => {
    expect(moveInstant('2027-04-20T10:10:00+01:00', 7)).toBe('2027-04-27T09:10:00Z');
    expect(moveInstant('2027-01-04T09:00:00.250Z', 364)).toBe('2028-01-03T09:00:00.250Z');
  });

  it('keeps midnight London on its day', () => {
    // 00:00 BST on 30 June is 23:00 UTC on 29 June: the London day moves, not the UTC one.
    expect(moveInstant('2027-06-29T23:00:00Z', 7)).toBe('2027-07-06T23:00:00Z');
  });
});

describe('moving every date of a scenario', () => {
  const scenario = {
    description: 'A decision on 25 March 2027 (free text is not moved)',
    standingOrders: 'southampton-jcb',
    meetings: ['2027-03-25', '2027-04-22'],
    start: '2027-01-04T09:00:00Z',
    input: {
      ref: '2027-014',
      title: '2027-03-25',
      summary: 'Strategy 2027-2030',
      amountGbp: 800000,
      meetingDate: '2027-03-25',
      proposedOn: '2027-01-04',
      wardsAffected: ['bargate'],
      badDate: '2027-02-30',
      noZone: '2027-01-04 09:00',
      flag: true,
      nothing: null,
    },
    events: [{ at: '2027-03-25T10:05:00Z', action: 'vote', member: 'cllr-ada-shaw', vote: 'for' }],
    until: '2027-06-30T00:00:00Z',
  };

  it('moves every whole-string date and instant by the same days, and nothing else', () => {
    const moved = moveDates(scenario, 364);
    expect(moved).toEqual({
      ...scenario,
      meetings: ['2028-03-23', '2028-04-20'],
      start: '2028-01-03T09:00:00Z',
      input: {
        ...scenario.input,
        // A whole string that is a date moves wherever it is; a ref, a range in text and invalid dates do not.
        title: '2028-03-23',
        meetingDate: '2028-03-23',
        proposedOn: '2028-01-03',
      },
      events: [{ ...scenario.events[0], at: '2028-03-23T10:05:00Z' }],
      // 00:00 UTC on 30 June 2027 is 01:00 BST; 01:00 BST on Wednesday 28 June 2028 is 00:00 UTC.
      until: '2028-06-28T00:00:00Z',
    });
    expect(moved.input.badDate).toBe('2027-02-30');
    expect(moved.input.noZone).toBe('2027-01-04 09:00');
    expect(moved.input.ref).toBe('2027-014');
  });

  it('leaves anything that is not a string, a list or a plain mapping as it is', () => {
    const when = new Date('2027-01-04T09:00:00Z');
    expect(moveDates({ when, n: 3, yes: false }, 7)).toEqual({ when, n: 3, yes: false });
    expect(moveDates({ when }, 7).when).toBe(when);
    expect(datesIn({ when })).toEqual([]);
  });

  it('keeps every weekday and leaves the scenario it was given as it was', () => {
    const before = JSON.stringify(scenario);
    const moved = moveDates(scenario, 1099);
    expect(JSON.stringify(scenario)).toBe(before);
    expect(datesIn(moved).map(dayOfWeek)).toEqual(datesIn(scenario).map(dayOfWeek));
    expect(datesIn(moved)).toEqual(datesIn(scenario).map((d) => addDays(d, 1099)));
  });

  it('finds the London day of every date and instant', () => {
    expect(datesIn(scenario)).toEqual([
      '2027-03-25',
      '2027-04-22',
      '2027-01-04',
      '2027-03-25',
      '2027-03-25',
      '2027-01-04',
      '2027-03-25',
      // until: 00:00 UTC on 30 June is 01:00 on 30 June in London.
      '2027-06-30',
    ]);
    expect(datesIn('2027-06-29T23:30:00Z')).toEqual(['2027-06-30']);
  });
});

describe('a move that would put a day of the scenario on a bank holiday', () => {
  it('names the first such day', () => {
    const days = { days: ['2027-03-25', '2027-01-04'], calendar: england };
    // 4 January 2027 + 52 weeks is Monday 3 January 2028, the substitute for New Year's Day on a Saturday.
    expect(moveChanges(days, 364)).toBe('Monday 3 January 2028, New Year’s Day (substitute day)');
    // + 104 weeks is Monday 1 January 2029.
    expect(moveChanges(days, 728)).toBe('Monday 1 January 2029, New Year’s Day');
    expect(moveChanges(days, 1099)).toBeUndefined();
  });

  it('lets a day that was a bank holiday stay on one', () => {
    // Good Friday 2027 is 26 March; + 4 weeks is Friday 23 April 2027, a working day, and back again.
    expect(moveChanges({ days: ['2027-03-26'], calendar: england }, 28)).toBeUndefined();
    expect(moveChanges({ days: ['2027-04-23'], calendar: england }, -28)).toBe(
      'Friday 26 March 2027, Good Friday',
    );
    expect(
      moveChanges({ days: ['2027-03-26'], calendar: holidayCalendar('england-and-wales') }, 0),
    ).toBeUndefined();
  });

  it('uses the board’s region: 2 January is a bank holiday in Scotland only', () => {
    // Tuesday 5 January 2027 + 104 weeks is Tuesday 2 January 2029: a bank holiday in Scotland only.
    const days = (calendar: typeof england) => ({ days: ['2027-01-05'], calendar });
    expect(moveChanges(days(england), 728)).toBeUndefined();
    expect(moveChanges(days(holidayCalendar('scotland')), 728)).toBe('Tuesday 2 January 2029, 2nd January');
  });
});

describe('the move of a scenario whose start is not in the future', () => {
  const start = Date.parse('2027-01-04T09:00:00Z');
  const days = { days: ['2027-01-04', '2027-03-25'], calendar: england };

  it('is none while the start is in the future', () => {
    expect(moveFromThePast(start, Date.parse('2027-01-04T08:59:59Z'), days)).toBeUndefined();
  });

  it('is the fewest years of weeks that put no day on a bank holiday', () => {
    // The start itself is not in the future: 52 weeks on is New Year's Day (substitute), 104 weeks New
    // Year's Day; 157 weeks is Monday 7 January 2030.
    const move = moveFromThePast(start, start, days);
    expect(move).toEqual({
      days: 1099,
      from: '2027-01-04',
      to: '2030-01-07',
      because: 'past',
      passedOver: 'Monday 3 January 2028, New Year’s Day (substitute day)',
    });
    expect(describeMove(move!)).toBe(
      'moved forward 157 weeks: starts Monday 7 January 2030 instead of Monday 4 January 2027 (its start is not in the future); ' +
        'every date moved by 1099 days, weekdays kept; a shorter move would put a day of the scenario on a bank holiday ' +
        '(Monday 3 January 2028, New Year’s Day (substitute day))',
    );
  });

  it('takes as many years as it needs to start after now', () => {
    // On 1 February 2031, 209 weeks (Monday 6 January 2031) is past; 261 weeks is Monday 5 January 2032.
    expect(moveFromThePast(start, Date.parse('2031-02-01T00:00:00Z'), days)).toEqual({
      days: 1827,
      from: '2027-01-04',
      to: '2032-01-05',
      because: 'past',
    });
    // At 09:00 on 5 January 2032 itself, that start is not after now either: 313 weeks, Monday 3 January 2033,
    // is New Year's Day (substitute); 365 weeks is Monday 2 January 2034, also a substitute; 417 weeks is
    // Monday 1 January 2035, New Year's Day; 470 weeks is Monday 7 January 2036.
    expect(moveFromThePast(start, Date.parse('2032-01-05T09:00:00Z'), days)).toMatchObject({
      days: 3290,
      to: '2036-01-07',
      passedOver: 'Monday 3 January 2033, New Year’s Day (substitute day)',
    });
  });

  it('compares the start with now to the minute, in London time', () => {
    // 09:00 UTC on 4 January is 09:00 London; a move of 157 weeks starts at 09:00 on 7 January 2030.
    expect(moveFromThePast(start, Date.parse('2030-01-07T08:59:00Z'), days)?.to).toBe('2030-01-07');
    expect(moveFromThePast(start, Date.parse('2030-01-07T09:00:00Z'), days)?.to).not.toBe('2030-01-07');
  });
});

describe('the move asked for with --start-on', () => {
  const start = Date.parse('2027-01-04T09:00:00Z'); // a Monday
  const days = { days: ['2027-01-04', '2027-03-25'], calendar: england };

  it('starts on the first day of the start’s weekday on or after the day asked for', () => {
    // Wednesday 6 December 2028: the next Monday is 11 December, 101 weeks after 4 January 2027.
    const move = moveToStartOn(start, '2028-12-06', days);
    expect(move).toEqual({
      days: 707,
      from: '2027-01-04',
      to: '2028-12-11',
      because: 'start-on',
      startOn: '2028-12-06',
    });
    expect(describeMove(move)).toBe(
      'moved forward 101 weeks: starts Monday 11 December 2028 instead of Monday 4 January 2027 (--start-on 2028-12-06); every date moved by 707 days, weekdays kept' +
        '; at another time of year, so the bank holidays between its days are not those of the file',
    );
    expect(moveToStartOn(start, '2028-12-11', days).to).toBe('2028-12-11');
  });

  it('starts a week later when that day would put a day of the scenario on a bank holiday', () => {
    // From Wednesday 2 May 2029 the first Monday is 7 May, the Early May bank holiday: it starts on 14 May,
    // 123 weeks after 4 January 2027.
    expect(moveToStartOn(start, '2029-05-02', days)).toEqual({
      days: 861,
      from: '2027-01-04',
      to: '2029-05-14',
      because: 'start-on',
      startOn: '2029-05-02',
      passedOver: 'Monday 7 May 2029, Early May bank holiday',
    });
    // The same for any day of the scenario: 19 March 2027 + 161 weeks is Friday 19 April 2030, Good Friday,
    // so from --start-on 2030-02-04 (a Monday, 161 weeks after the start) the scenario starts a week later.
    const friday = { days: ['2027-01-04', '2027-03-19'], calendar: england };
    expect(moveToStartOn(start, '2030-02-04', friday)).toMatchObject({
      days: 1134,
      to: '2030-02-11',
      passedOver: 'Friday 19 April 2030, Good Friday',
    });
  });

  it('may move a scenario back, and says so', () => {
    const move = moveToStartOn(Date.parse('2027-09-01T09:00:00Z'), '2027-06-01', {
      days: ['2027-09-01'],
      calendar: england,
    });
    expect(move.to).toBe('2027-06-02');
    expect(describeMove(move)).toBe(
      'moved back 13 weeks: starts Wednesday 2 June 2027 instead of Wednesday 1 September 2027 (--start-on 2027-06-01); every date moved by 91 days, weekdays kept' +
        '; at another time of year, so the bank holidays between its days are not those of the file',
    );
  });

  it('says nothing of the time of year when it is kept', () => {
    // From Friday 31 December 2027 the first Monday is 3 January 2028, New Year's Day (substitute): 10 January.
    const move = moveToStartOn(start, '2027-12-31', days);
    expect(describeMove(move)).toBe(
      'moved forward 53 weeks: starts Monday 10 January 2028 instead of Monday 4 January 2027 (--start-on 2027-12-31); every date moved by 371 days, weekdays kept' +
        '; an earlier start would put a day of the scenario on a bank holiday (Monday 3 January 2028, New Year’s Day (substitute day))',
    );
  });
});

describe('the time of year', () => {
  it('is kept by a move within three weeks of whole years', () => {
    expect([364, 371, 385, 350, 1099, 3654, -364].map(keepsTimeOfYear)).toEqual(Array(7).fill(true));
    // 707 days is 23.5 days short of two years; 91 days is a season.
    expect([392, 336, 707, 91, -91].map(keepsTimeOfYear)).toEqual(Array(5).fill(false));
  });
});
