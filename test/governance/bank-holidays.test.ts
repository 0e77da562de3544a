import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REGIONS,
  type Region,
  bankHolidays,
  dayOfWeek,
  easterSunday,
  holidayCalendar,
  isRegion,
  statutoryBankHolidays,
} from '../../governance';

interface GovUkEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}
/** The GOV.UK feed bundled with govflow (data/bank-holidays.json; its provenance is in data/README.md). */
const bundled = JSON.parse(readFileSync(join(__dirname, '../../data/bank-holidays.json'), 'utf8')) as Record<
  Region,
  { division: string; events: GovUkEvent[] }
>;
const fixture = (region: Region) => bundled[region];
/** Proclaimed after the bundled copy of the feed was published (Royal Proclamation, February 2026). */
const PROCLAIMED_SINCE: Partial<Record<Region, GovUkEvent[]>> = {
  scotland: [
    {
      title: 'Bank holiday for Scotland’s first match at the FIFA World Cup',
      date: '2026-06-15',
      notes: '',
      bunting: true,
    },
  ],
};

/** gov.uk writes a substitute day as title + notes "Substitute day"; we write "<title> (substitute day)". */
const officialName = (e: GovUkEvent) => e.title + (e.notes === 'Substitute day' ? ' (substitute day)' : '');

const OFFICIAL_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027];

describe('bank holidays match the official gov.uk lists', () => {
  for (const region of REGIONS) {
    const data = fixture(region);
    it(`the ${region} fixture is the ${region} division and covers ${OFFICIAL_YEARS[0]}-${OFFICIAL_YEARS.at(-1)}`, () => {
      expect(data.division).toBe(region);
      const years = [...new Set(data.events.map((e) => Number(e.date.slice(0, 4))))];
      expect(years).toEqual(OFFICIAL_YEARS);
    });
    for (const year of OFFICIAL_YEARS) {
      it(`${region} ${year}: same dates and names`, () => {
        const official = [...data.events, ...(PROCLAIMED_SINCE[region] ?? [])]
          .filter((e) => e.date.startsWith(`${year}-`))
          .map((e) => ({ date: e.date, name: officialName(e) }));
        const ours = statutoryBankHolidays(region, year).map((h) => ({ date: h.date, name: h.name }));
        expect(ours).toEqual([...official].sort((a, b) => a.date.localeCompare(b.date)));
      });
    }
  }

  // 2028 is not yet on gov.uk (the snapshot ends with 2027): the dates below are stated here from
  // the rules (Easter Sunday 16 April 2028; 1 January a Saturday, 2 January a Sunday).
  it('2028 (not yet published officially): england-and-wales by the rules', () => {
    expect(bankHolidays('england-and-wales', 2028).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2028-01-03 New Year’s Day (substitute day)',
      '2028-04-14 Good Friday',
      '2028-04-17 Easter Monday',
      '2028-05-01 Early May bank holiday',
      '2028-05-29 Spring bank holiday',
      '2028-08-28 Summer bank holiday',
      '2028-12-25 Christmas Day',
      '2028-12-26 Boxing Day',
    ]);
  });
  it('2028 (not yet published officially): scotland by the rules', () => {
    expect(bankHolidays('scotland', 2028).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2028-01-03 New Year’s Day (substitute day)',
      '2028-01-04 2nd January (substitute day)',
      '2028-04-14 Good Friday',
      '2028-05-01 Early May bank holiday',
      '2028-05-29 Spring bank holiday',
      '2028-08-07 Summer bank holiday',
      '2028-11-30 St Andrew’s Day',
      '2028-12-25 Christmas Day',
      '2028-12-26 Boxing Day',
    ]);
  });
  it('2028 (not yet published officially): northern-ireland by the rules', () => {
    expect(bankHolidays('northern-ireland', 2028).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2028-01-03 New Year’s Day (substitute day)',
      '2028-03-17 St Patrick’s Day',
      '2028-04-14 Good Friday',
      '2028-04-17 Easter Monday',
      '2028-05-01 Early May bank holiday',
      '2028-05-29 Spring bank holiday',
      '2028-07-12 Battle of the Boyne (Orangemen’s Day)',
      '2028-08-28 Summer bank holiday',
      '2028-12-25 Christmas Day',
      '2028-12-26 Boxing Day',
    ]);
  });
});

describe('one-off changes since 2012', () => {
  it('2012: Spring bank holiday moved to 4 June and the Diamond Jubilee on 5 June (gov.uk 2012 list)', () => {
    expect(bankHolidays('england-and-wales', 2012).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2012-01-02 New Year’s Day (substitute day)',
      '2012-04-06 Good Friday',
      '2012-04-09 Easter Monday',
      '2012-05-07 Early May bank holiday',
      '2012-06-04 Spring bank holiday (substitute day)',
      '2012-06-05 Queen’s Diamond Jubilee',
      '2012-08-27 Summer bank holiday',
      '2012-12-25 Christmas Day',
      '2012-12-26 Boxing Day',
    ]);
    for (const region of REGIONS) {
      const dates = bankHolidays(region, 2012).map((h) => h.date);
      expect(dates).toContain('2012-06-05');
      expect(dates).not.toContain('2012-05-28');
    }
  });
  it('2020: the early May bank holiday moved to Friday 8 May (VE day) everywhere', () => {
    for (const region of REGIONS) {
      const dates = bankHolidays(region, 2020).map((h) => h.date);
      expect(dates).toContain('2020-05-08');
      expect(dates).not.toContain('2020-05-04');
    }
  });
  it('2022: Spring bank holiday on 2 June, Platinum Jubilee 3 June, the Queen’s funeral 19 September', () => {
    for (const region of REGIONS) {
      const dates = bankHolidays(region, 2022).map((h) => h.date);
      expect(dates).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
      expect(dates).not.toContain('2022-05-30');
    }
  });
  it('2023: the coronation on 8 May', () => {
    for (const region of REGIONS)
      expect(bankHolidays(region, 2023).map((h) => h.date)).toContain('2023-05-08');
  });
  it('no one-off change leaks into other years', () => {
    expect(bankHolidays('england-and-wales', 2021).map((h) => h.date)).toContain('2021-05-31');
    expect(bankHolidays('england-and-wales', 2024).map((h) => h.date)).not.toContain('2024-05-08');
  });
});

describe('the rules', () => {
  it('computes Easter Sunday', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22', // earliest possible
      1943: '1943-04-25', // latest possible
      2000: '2000-04-23',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2027: '2027-03-28',
      2028: '2028-04-16',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(date);
  });

  it('Easter 2027: Good Friday 26 March everywhere, Easter Monday 29 March except in Scotland', () => {
    for (const region of REGIONS) {
      const cal = holidayCalendar(region);
      expect(cal.holidayOn('2027-03-26')?.name).toBe('Good Friday');
      expect(cal.isHoliday('2027-03-29')).toBe(region !== 'scotland');
    }
  });

  it('every bank holiday is a weekday, unique, and sorted (2012-2199, every region)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), fc.integer({ min: 2012, max: 2199 }), (region, year) => {
        const list = bankHolidays(region, year);
        const dates = list.map((h) => h.date);
        for (const d of dates) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(d));
        expect(new Set(dates).size).toBe(dates.length);
        expect([...dates].sort()).toEqual(dates);
        // 8 in England and Wales, 9 in Scotland, 10 in Northern Ireland, plus any one-off extra.
        const base = { 'england-and-wales': 8, scotland: 9, 'northern-ireland': 10 }[region];
        expect(
          list.filter(
            (h) => h.source !== 'one-off' || h.name.startsWith('Spring') || h.name.startsWith('Early May'),
          ).length,
        ).toBe(base);
      }),
      { numRuns: 300 },
    );
  });

  it('substitute days: Christmas on a Saturday, on a Sunday, Boxing Day on a Saturday', () => {
    // 2032: 25 December is a Saturday -> Monday 27 and Tuesday 28.
    expect(
      bankHolidays('england-and-wales', 2032)
        .slice(-2)
        .map((h) => `${h.date} ${h.name}`),
    ).toEqual(['2032-12-27 Christmas Day (substitute day)', '2032-12-28 Boxing Day (substitute day)']);
    // 2033: 25 December is a Sunday -> Boxing Day Monday 26, Christmas (substitute) Tuesday 27.
    expect(
      bankHolidays('england-and-wales', 2033)
        .slice(-2)
        .map((h) => `${h.date} ${h.name}`),
    ).toEqual(['2033-12-26 Boxing Day', '2033-12-27 Christmas Day (substitute day)']);
    // 2037: 26 December is a Saturday -> Monday 28.
    expect(
      bankHolidays('england-and-wales', 2037)
        .slice(-2)
        .map((h) => h.date),
    ).toEqual(['2037-12-25', '2037-12-28']);
  });

  it("Scotland's own holidays: 2 January, first Monday of August, St Andrew's Day with its substitute", () => {
    const s = holidayCalendar('scotland');
    const e = holidayCalendar('england-and-wales');
    expect(s.isHoliday('2026-01-02')).toBe(true);
    expect(e.isHoliday('2026-01-02')).toBe(false);
    expect(s.isHoliday('2027-08-02')).toBe(true);
    expect(e.isHoliday('2027-08-02')).toBe(false);
    expect(e.isHoliday('2027-08-30')).toBe(true);
    expect(s.isHoliday('2027-08-30')).toBe(false);
    expect(s.holidayOn('2027-11-30')?.name).toBe('St Andrew’s Day');
    // 30 November 2030 is a Saturday -> Monday 2 December.
    expect(s.holidayOn('2030-12-02')?.name).toBe('St Andrew’s Day (substitute day)');
    expect(s.isHoliday('2030-11-30')).toBe(false);
  });

  it("Northern Ireland's own holidays: St Patrick's Day and the Boyne, with substitutes", () => {
    const n = holidayCalendar('northern-ireland');
    const e = holidayCalendar('england-and-wales');
    expect(n.holidayOn('2027-03-17')?.name).toBe('St Patrick’s Day');
    expect(e.isHoliday('2027-03-17')).toBe(false);
    expect(n.holidayOn('2027-07-12')?.name).toBe('Battle of the Boyne (Orangemen’s Day)');
    // 17 March 2029 is a Saturday -> Monday 19 March; 12 July 2031 is a Saturday -> Monday 14 July.
    expect(n.holidayOn('2029-03-19')?.name).toBe('St Patrick’s Day (substitute day)');
    expect(n.holidayOn('2031-07-14')?.name).toBe('Battle of the Boyne (Orangemen’s Day) (substitute day)');
  });

  it('rejects unknown regions', () => {
    expect(isRegion('wales')).toBe(false);
    expect(isRegion('scotland')).toBe(true);
    expect(() => bankHolidays('wales' as Region, 2027)).toThrow(/unknown region "wales"/);
    expect(() => holidayCalendar('england' as Region)).toThrow(/unknown region/);
  });
});

describe('standing-orders adjustments', () => {
  it('adds a newly proclaimed holiday and removes a withdrawn one, with names', () => {
    const adjustments = {
      add: [{ date: '2027-06-07', name: 'Extra bank holiday (proclaimed)' }],
      remove: [{ date: '2027-08-30', reason: 'moved by proclamation' }],
    };
    const list = bankHolidays('england-and-wales', 2027, adjustments);
    expect(list.find((h) => h.date === '2027-06-07')).toEqual({
      date: '2027-06-07',
      name: 'Extra bank holiday (proclaimed)',
      substitute: false,
      source: 'standing-orders',
    });
    expect(list.some((h) => h.date === '2027-08-30')).toBe(false);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    const cal = holidayCalendar('england-and-wales', adjustments);
    expect(cal.isWorkingDay('2027-06-07')).toBe(false);
    expect(cal.isWorkingDay('2027-08-30')).toBe(true);
    // other years are untouched
    expect(bankHolidays('england-and-wales', 2028, adjustments).some((h) => h.date === '2027-06-07')).toBe(
      false,
    );
  });

  it('an added date that is already a holiday replaces its name rather than duplicating it', () => {
    const list = bankHolidays('england-and-wales', 2027, {
      add: [{ date: '2027-05-03', name: 'Renamed May holiday' }],
    });
    expect(list.filter((h) => h.date === '2027-05-03')).toEqual([
      { date: '2027-05-03', name: 'Renamed May holiday', substitute: false, source: 'standing-orders' },
    ]);
  });
});
