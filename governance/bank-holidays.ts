/**
 * UK bank holidays by rule, plus a table of one-off changes, plus a board's own adjustments.
 *
 * Rules: Banking and Financial Dealings Act 1971 Sch. 1 and the annual proclamations (first Monday
 * of May since 1978, last Monday of May and August; Scotland's 2 January, first Monday of August and
 * St Andrew's Day (St Andrew's Day Bank Holiday (Scotland) Act 2007); Northern Ireland's 17 March
 * and 12 July). Fixed-date holidays falling on a weekend move to the next weekday that is not
 * already a holiday, taken in date order, naming matching gov.uk (see `placeFixedHolidays`).
 *
 * The rules are exact for 2012 onwards; one-off changes before 2012 (2011 royal wedding, 2002
 * jubilee, 1999 millennium...) are not tabled. Pure and deterministic.
 */
import {
  type CivilDate,
  addDays,
  civilDateParts,
  compareCivilDates,
  dayOfWeek,
  isWeekend,
  lastWeekdayOfMonth,
  makeCivilDate,
  nthWeekdayOfMonth,
} from './civil-date';

export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Region = (typeof REGIONS)[number];

export function isRegion(s: unknown): s is Region {
  return typeof s === 'string' && (REGIONS as readonly string[]).includes(s);
}

/** Earliest and latest years the rules are stated for (one-off changes are tabled from 2012). */
export const FIRST_SUPPORTED_YEAR = 2012;
export const LAST_SUPPORTED_YEAR = 2199;

export type HolidaySource = 'rule' | 'one-off' | 'standing-orders';

export interface BankHoliday {
  date: CivilDate;
  /** The gov.uk title, with " (substitute day)" appended for a substitute day. */
  name: string;
  substitute: boolean;
  source: HolidaySource;
}

/** A board's own changes (standing orders): new holidays proclaimed at short notice, or dates withdrawn. */
export interface HolidayAdjustments {
  add?: { date: CivilDate; name: string }[];
  remove?: { date: CivilDate; reason?: string }[];
}

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" computus. */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeCivilDate(year, month, day);
}

// Titles exactly as gov.uk publishes them (typographic apostrophes included).
export const HOLIDAY_TITLES = {
  newYear: 'New Year’s Day',
  january2: '2nd January',
  stPatrick: 'St Patrick’s Day',
  goodFriday: 'Good Friday',
  easterMonday: 'Easter Monday',
  earlyMay: 'Early May bank holiday',
  spring: 'Spring bank holiday',
  boyne: 'Battle of the Boyne (Orangemen’s Day)',
  summer: 'Summer bank holiday',
  stAndrew: 'St Andrew’s Day',
  christmas: 'Christmas Day',
  boxing: 'Boxing Day',
} as const;

type RuleId = keyof typeof HOLIDAY_TITLES;

interface FixedRule {
  id: RuleId;
  month: number;
  day: number;
  /** Keeps its own date when that is a weekday even if an earlier holiday would need it (Boxing Day). */
  anchored?: boolean;
}

const FIXED: Record<Region, FixedRule[]> = {
  'england-and-wales': [
    { id: 'newYear', month: 1, day: 1 },
    { id: 'christmas', month: 12, day: 25 },
    { id: 'boxing', month: 12, day: 26, anchored: true },
  ],
  scotland: [
    { id: 'newYear', month: 1, day: 1 },
    { id: 'january2', month: 1, day: 2 },
    { id: 'stAndrew', month: 11, day: 30 },
    { id: 'christmas', month: 12, day: 25 },
    { id: 'boxing', month: 12, day: 26, anchored: true },
  ],
  'northern-ireland': [
    { id: 'newYear', month: 1, day: 1 },
    { id: 'stPatrick', month: 3, day: 17 },
    { id: 'boyne', month: 7, day: 12 },
    { id: 'christmas', month: 12, day: 25 },
    { id: 'boxing', month: 12, day: 26, anchored: true },
  ],
};

function movableHolidays(region: Region, year: number): { id: RuleId; date: CivilDate }[] {
  const easter = easterSunday(year);
  const list: { id: RuleId; date: CivilDate }[] = [
    { id: 'goodFriday', date: addDays(easter, -2) },
    { id: 'earlyMay', date: nthWeekdayOfMonth(year, 5, 1, 1) },
    { id: 'spring', date: lastWeekdayOfMonth(year, 5, 1) },
    {
      id: 'summer',
      date: region === 'scotland' ? nthWeekdayOfMonth(year, 8, 1, 1) : lastWeekdayOfMonth(year, 8, 1),
    },
  ];
  if (region !== 'scotland') list.push({ id: 'easterMonday', date: addDays(easter, 1) });
  return list;
}

/** A one-off change proclaimed for one year: a rule's holiday moved, or an extra holiday. */
export interface OneOffChange {
  regions: readonly Region[];
  /** Move the holiday made by `rule` in the year of `date` to `date`. */
  moves?: RuleId;
  date: CivilDate;
  name: string;
  /** gov.uk marks the moved day as a substitute day (2012 Spring bank holiday). */
  substitute?: boolean;
  note: string;
}

const ALL: readonly Region[] = REGIONS;

/**
 * One-off changes since 2012, as published on gov.uk (all three nations each time until 2026). A newer
 * proclamation reaches govflow first through an imported feed (`govflow calendar import`), then here.
 */
export const ONE_OFF_CHANGES: readonly OneOffChange[] = [
  {
    regions: ALL,
    moves: 'spring',
    date: '2012-06-04',
    name: HOLIDAY_TITLES.spring,
    substitute: true,
    note: 'Spring bank holiday moved from 28 May for the Diamond Jubilee',
  },
  { regions: ALL, date: '2012-06-05', name: 'Queen’s Diamond Jubilee', note: 'Extra bank holiday' },
  {
    regions: ALL,
    moves: 'earlyMay',
    date: '2020-05-08',
    name: 'Early May bank holiday (VE day)',
    note: 'Moved from 4 May for the 75th anniversary of VE day',
  },
  {
    regions: ALL,
    moves: 'spring',
    date: '2022-06-02',
    name: HOLIDAY_TITLES.spring,
    note: 'Spring bank holiday moved from 30 May for the Platinum Jubilee',
  },
  { regions: ALL, date: '2022-06-03', name: 'Platinum Jubilee bank holiday', note: 'Extra bank holiday' },
  {
    regions: ALL,
    date: '2022-09-19',
    name: 'Bank Holiday for the State Funeral of Queen Elizabeth II',
    note: 'Extra bank holiday',
  },
  {
    regions: ALL,
    date: '2023-05-08',
    name: 'Bank holiday for the coronation of King Charles III',
    note: 'Extra bank holiday',
  },
  {
    regions: ['scotland'],
    date: '2026-06-15',
    name: 'Bank holiday for Scotland’s first match at the FIFA World Cup',
    note: 'Extra bank holiday in Scotland only, by Royal Proclamation of February 2026',
  },
];

const SUBSTITUTE_SUFFIX = ' (substitute day)';

/**
 * Places fixed-date holidays. Anchored holidays on a weekday keep their date first; then, in date
 * order, each holiday keeps its date if that is a free weekday, or moves to the next weekday that
 * is not already a holiday. This reproduces gov.uk exactly: Christmas on a Sunday (2022) gives
 * Boxing Day Mon 26 and Christmas (substitute) Tue 27; in Scotland 1 January on a Sunday (2023)
 * gives New Year's Day (substitute) Mon 2 and 2nd January (substitute) Tue 3.
 */
function placeFixedHolidays(rules: FixedRule[], year: number, taken: Set<CivilDate>): BankHoliday[] {
  const placed: BankHoliday[] = [];
  const pending: FixedRule[] = [];
  for (const rule of rules) {
    const date = makeCivilDate(year, rule.month, rule.day);
    if (rule.anchored && !isWeekend(date) && !taken.has(date)) {
      taken.add(date);
      placed.push({ date, name: HOLIDAY_TITLES[rule.id], substitute: false, source: 'rule' });
    } else {
      pending.push(rule);
    }
  }
  for (const rule of pending) {
    const own = makeCivilDate(year, rule.month, rule.day);
    let date = own;
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    const substitute = date !== own;
    placed.push({
      date,
      name: HOLIDAY_TITLES[rule.id] + (substitute ? SUBSTITUTE_SUFFIX : ''),
      substitute,
      source: 'rule',
    });
  }
  return placed;
}

function byDate(a: BankHoliday, b: BankHoliday): number {
  return compareCivilDates(a.date, b.date) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The bank holidays of a region and year, from the rules and the one-off table, sorted by date. */
export function statutoryBankHolidays(region: Region, year: number): BankHoliday[] {
  if (!isRegion(region))
    throw new RangeError(`unknown region ${JSON.stringify(region)}; expected one of ${REGIONS.join(', ')}`);
  if (!Number.isInteger(year) || year < 1583 || year > 9999)
    throw new RangeError(`year must be a Gregorian year: ${year}`);
  const changes = ONE_OFF_CHANGES.filter(
    (c) => c.regions.includes(region) && civilDateParts(c.date).year === year,
  );
  const result: BankHoliday[] = [];
  const taken = new Set<CivilDate>();
  for (const { id, date } of movableHolidays(region, year)) {
    const move = changes.find((c) => c.moves === id);
    const holiday: BankHoliday = move
      ? {
          date: move.date,
          name: move.name + (move.substitute ? SUBSTITUTE_SUFFIX : ''),
          substitute: Boolean(move.substitute),
          source: 'one-off',
        }
      : { date, name: HOLIDAY_TITLES[id], substitute: false, source: 'rule' };
    result.push(holiday);
    taken.add(holiday.date);
  }
  for (const extra of changes.filter((c) => !c.moves)) {
    result.push({ date: extra.date, name: extra.name, substitute: false, source: 'one-off' });
    taken.add(extra.date);
  }
  result.push(...placeFixedHolidays(FIXED[region], year, taken));
  return result.sort(byDate);
}

/** Bank holidays of a region and year with a board's adjustments applied, sorted by date. */
export function bankHolidays(region: Region, year: number, adjustments?: HolidayAdjustments): BankHoliday[] {
  const removed = new Set((adjustments?.remove ?? []).map((r) => r.date));
  const list = statutoryBankHolidays(region, year).filter((h) => !removed.has(h.date));
  for (const add of adjustments?.add ?? []) {
    if (civilDateParts(add.date).year !== year || removed.has(add.date)) continue;
    const i = list.findIndex((h) => h.date === add.date);
    const holiday: BankHoliday = {
      date: add.date,
      name: add.name,
      substitute: false,
      source: 'standing-orders',
    };
    if (i >= 0) list[i] = holiday;
    else list.push(holiday);
  }
  return list.sort(byDate);
}

/** A region's calendar with a board's adjustments: the working-day functions take one of these. */
export interface HolidayCalendar {
  readonly region: Region;
  readonly adjustments: HolidayAdjustments;
  holidaysIn(year: number): BankHoliday[];
  holidayOn(date: CivilDate): BankHoliday | undefined;
  isHoliday(date: CivilDate): boolean;
  /** Monday to Friday and not a bank holiday. */
  isWorkingDay(date: CivilDate): boolean;
}

export function holidayCalendar(
  region: Region = 'england-and-wales',
  adjustments: HolidayAdjustments = {},
): HolidayCalendar {
  if (!isRegion(region))
    throw new RangeError(`unknown region ${JSON.stringify(region)}; expected one of ${REGIONS.join(', ')}`);
  const byYear = new Map<number, Map<CivilDate, BankHoliday>>();
  const yearMap = (year: number) => {
    let m = byYear.get(year);
    if (!m) {
      m = new Map(bankHolidays(region, year, adjustments).map((h) => [h.date, h]));
      byYear.set(year, m);
    }
    return m;
  };
  const holidayOn = (date: CivilDate) => yearMap(civilDateParts(date).year).get(date);
  return {
    region,
    adjustments,
    holidaysIn: (year) => [...yearMap(year).values()],
    holidayOn,
    isHoliday: (date) => holidayOn(date) !== undefined,
    isWorkingDay: (date) => {
      const w = dayOfWeek(date);
      return w !== 0 && w !== 6 && holidayOn(date) === undefined;
    },
  };
}
