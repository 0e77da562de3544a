import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  compareCivilDates,
  dayOfWeek,
  daysBetween,
  fromEpochDay,
  isCivilDate,
  lastWeekdayOfMonth,
  londonCivilDate,
  londonInstant,
  londonWallClock,
  makeCivilDate,
  nthWeekdayOfMonth,
  parseCivilDate,
  toEpochDay,
} from '../../governance/civil-date';

// Reference implementation for the tests only: JS Date in UTC.
const utcIso = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
const epochDayArb = fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2200-12-31') });

describe('civil dates', () => {
  it('accepts real dates and rejects impossible or malformed ones', () => {
    expect(isCivilDate('2027-01-05')).toBe(true);
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2000-02-29')).toBe(true);
    for (const bad of [
      '2027-02-29',
      '1900-02-29',
      '2027-02-30',
      '2027-13-01',
      '2027-00-10',
      '2027-04-31',
      '2027-1-5',
      '27-01-05',
      '2027-01-05T00:00',
      '2027-01-05\n',
      ' 2027-01-05',
      '2027/01/05',
      '2027-0a-05',
      '+027-01-05',
      '2027-01-0５',
      '0000-01-01',
      '',
      20270105,
      null,
    ]) {
      expect(isCivilDate(bad), String(bad)).toBe(false);
    }
  });

  it('parseCivilDate returns the date or throws naming the problem', () => {
    expect(parseCivilDate('2027-03-26')).toBe('2027-03-26');
    expect(() => parseCivilDate('2027-02-30')).toThrow(/not a possible calendar date/);
    expect(() => parseCivilDate('05/01/2027')).toThrow(/YYYY-MM-DD/);
    expect(() => makeCivilDate(2027, 2, 29)).toThrow();
  });

  it('round-trips epoch days and agrees with JS Date', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2027-01-05')).toBe(Date.UTC(2027, 0, 5) / 86_400_000);
    fc.assert(
      fc.property(epochDayArb, (n) => {
        const d = fromEpochDay(n);
        expect(d).toBe(utcIso(n));
        expect(toEpochDay(d)).toBe(n);
        expect(dayOfWeek(d)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-05', -5)).toBe('2026-12-31');
    fc.assert(
      fc.property(epochDayArb, fc.integer({ min: -2000, max: 2000 }), (n, k) => {
        const d = fromEpochDay(n);
        expect(daysBetween(d, addDays(d, k))).toBe(k);
        expect(Math.sign(compareCivilDates(addDays(d, k), d))).toBe(Math.sign(k));
      }),
    );
  });

  it('adds months clamped to the month end', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2027-11-15', 3)).toBe('2028-02-15');
    expect(addMonths('2027-01-15', -13)).toBe('2025-12-15');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addMonths('2027-05-10', 12)).toBe('2028-05-10');
  });

  it('knows the days of the week', () => {
    expect(dayOfWeek('2027-01-03')).toBe(0); // Sunday
    expect(dayOfWeek('2027-01-05')).toBe(2); // Tuesday
    expect(dayOfWeek('2027-03-26')).toBe(5); // Good Friday 2027
    expect(lastWeekdayOfMonth(2027, 3, 0)).toBe('2027-03-28');
    expect(lastWeekdayOfMonth(2027, 5, 1)).toBe('2027-05-31');
    expect(nthWeekdayOfMonth(2027, 5, 1, 1)).toBe('2027-05-03');
    expect(nthWeekdayOfMonth(2027, 8, 1, 1)).toBe('2027-08-02');
  });

  it('compares and measures', () => {
    expect(compareCivilDates('2027-01-05', '2027-01-06')).toBe(-1);
    expect(compareCivilDates('2027-01-06', '2027-01-06')).toBe(0);
    expect(compareCivilDates('2028-01-01', '2027-12-31')).toBe(1);
    expect(daysBetween('2027-01-01', '2027-01-08')).toBe(7);
    expect(daysBetween('2027-01-08', '2027-01-01')).toBe(-7);
    expect(['2027-03-01', '2026-12-31', '2027-01-05'].sort(compareCivilDates)).toEqual([
      '2026-12-31',
      '2027-01-05',
      '2027-03-01',
    ]);
  });
});

describe('Europe/London wall-clock time', () => {
  it('maps winter and summer wall-clock times to UTC', () => {
    expect(londonInstant('2027-01-05')).toBe('2027-01-05T09:00:00.000Z');
    expect(londonInstant('2027-07-05')).toBe('2027-07-05T08:00:00.000Z');
    expect(londonInstant('2027-07-05', '00:30')).toBe('2027-07-04T23:30:00.000Z');
    expect(londonInstant('2027-12-31', '23:59:59')).toBe('2027-12-31T23:59:59.000Z');
  });

  it('handles the March and October changes (2027: 28 March and 31 October)', () => {
    expect(londonInstant('2027-03-28', '00:30')).toBe('2027-03-28T00:30:00.000Z');
    // 01:30 does not exist on 28 March 2027: read as 02:30 BST.
    expect(londonInstant('2027-03-28', '01:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(londonInstant('2027-03-28', '02:00')).toBe('2027-03-28T01:00:00.000Z');
    expect(londonInstant('2027-03-27', '09:00')).toBe('2027-03-27T09:00:00.000Z');
    expect(londonInstant('2027-03-29', '09:00')).toBe('2027-03-29T08:00:00.000Z');
    // 01:30 happens twice on 31 October 2027: the first (BST) is chosen.
    expect(londonInstant('2027-10-31', '01:30')).toBe('2027-10-31T00:30:00.000Z');
    expect(londonInstant('2027-10-31', '02:00')).toBe('2027-10-31T02:00:00.000Z');
    expect(londonInstant('2027-10-30', '09:00')).toBe('2027-10-30T08:00:00.000Z');
  });

  it('rejects bad times and instants without an offset', () => {
    expect(() => londonInstant('2027-01-05', '24:00')).toThrow(/time of day/);
    expect(() => londonInstant('2027-01-05', '9am')).toThrow(/time of day/);
    expect(() => londonInstant('2027-02-30', '09:00')).toThrow();
    expect(() => londonCivilDate('2027-01-05T09:00:00')).toThrow(/offset/);
    expect(() => londonCivilDate('not a date')).toThrow(/ISO-8601/);
  });

  it('gives the London civil date of an instant', () => {
    expect(londonCivilDate('2027-06-30T23:30:00Z')).toBe('2027-07-01');
    expect(londonCivilDate('2027-12-31T23:30:00Z')).toBe('2027-12-31');
    expect(londonCivilDate('2027-03-28T00:59:59Z')).toBe('2027-03-28');
    expect(londonCivilDate('2027-10-30T23:00:00Z')).toBe('2027-10-31');
    expect(londonCivilDate('2027-07-01T00:30:00+02:00')).toBe('2027-06-30');
    expect(londonWallClock('2027-10-31T01:00:00Z')).toEqual({ date: '2027-10-31', time: '01:00:00' });
    expect(londonWallClock('2027-10-31T00:59:00Z')).toEqual({ date: '2027-10-31', time: '01:59:00' });
  });

  it('agrees with the IANA Europe/London zone (Intl, test-only) for random instants 1997-2099', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const ref = (ms: number) => {
      const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1997, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
        const wall = londonWallClock(iso);
        expect(wall).toEqual(ref(Date.parse(iso)));
        // and back again (every wall-clock time outside the October repeated hour maps back uniquely)
        const back = londonInstant(wall.date, wall.time);
        if (back !== iso) {
          expect(wall.date.slice(5, 7)).toBe('10');
          expect(wall.time.slice(0, 2)).toBe('01');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
