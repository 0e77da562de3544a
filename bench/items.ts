import type { DecisionInput, VoteUpdate } from '../definitions';
import {
  addDays,
  civilDateParts,
  compareCivilDates,
  londonCivilDate,
  makeCivilDate,
  type CivilDate,
} from '../governance/civil-date';
import { calendarFor, resolveStandingOrders, type StandingOrders } from '../governance/standing-orders';

/**
 * Every benchmark runs Southampton's board: six voting members, three per partner, a 5-member call-in,
 * meeting on the second Thursday of each month. No date in the bench is fixed: each is found from the day
 * the bench runs (the server clock's day on a time-skipping server, today on the dev server).
 */
const calendars = new Map<number, StandingOrders>();
/** Southampton's standing orders with the preset's meetings from the start of `day`'s year, for three years. */
export function southamptonFrom(day: CivilDate): StandingOrders {
  const { year } = civilDateParts(day);
  let so = calendars.get(year);
  if (!so) calendars.set(year, (so = resolveStandingOrders('southampton-jcb', makeCivilDate(year, 1, 1))));
  return so;
}

/** The board's members, partners and O&S (the same on any day); its meetings are those from today's year. */
export const southampton = southamptonFrom(londonCivilDate(Date.now()));
export const everyoneFor: VoteUpdate[] = southampton.members.map((m) => ({ member: m.id, vote: 'for' }));
export const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);
/** Each member of `partner` votes against, the rest for: no consensus. */
export const against = (partner: string): VoteUpdate[] =>
  southampton.members.map((m) => ({ member: m.id, vote: m.partner === partner ? 'against' : 'for' }));

/** Southampton's meetings from `from` on (at least six years of them), in order. */
export function southamptonMeetingsFrom(from: CivilDate): CivilDate[] {
  const { year } = civilDateParts(from);
  return [year, year + 3]
    .flatMap((y) => southamptonFrom(makeCivilDate(y, 1, 1)).meetings)
    .filter((m) => compareCivilDates(m, from) >= 0)
    .sort(compareCivilDates);
}

/** The first Southampton meeting on or after `from` for which `where` holds (given the meetings after it too). */
export function southamptonMeeting(
  from: CivilDate,
  where: (meeting: CivilDate, later: CivilDate[]) => boolean = () => true,
): CivilDate {
  const meetings = southamptonMeetingsFrom(from);
  const found = meetings.find((m, i) => where(m, meetings.slice(i + 1)));
  if (found === undefined) throw new Error(`no Southampton meeting from ${from} fits the bench's case`);
  return found;
}

/** True when no bank holiday of Southampton's calendar falls from `from` to `to`, both included. */
export function noBankHolidayBetween(from: CivilDate, to: CivilDate): boolean {
  const calendar = calendarFor(southampton);
  for (let d = from; compareCivilDates(d, to) <= 0; d = addDays(d, 1))
    if (calendar.isHoliday(d)) return false;
  return true;
}

/**
 * The item of test/workflows/decision.time-skipping.test.ts: a key decision (GBP 800,000) in the board's
 * scope, so its happy path has a Forward Plan entry, an agenda, the meeting and the call-in window. Its
 * standing orders carry the board's meetings from the start of the meeting's year (a deferral goes to the
 * next of them).
 */
export function keyItem(
  ref: string,
  meetingDate: string,
  overrides: Partial<DecisionInput> = {},
): DecisionInput {
  return {
    ref,
    standingOrders: southamptonFrom(meetingDate),
    title: 'Integrated rehabilitation and reablement service: new contract',
    summary: 'Award a three-year contract for integrated rehabilitation and reablement.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 800_000,
    wardsAffected: 0,
    meetingDate,
    proposedBy: 'commissioning.lead@southampton.example.org',
    ...overrides,
  };
}

/**
 * For the dev server, where real time passes: the same item below the key-decision threshold
 * (GBP 100,000, so no Forward Plan) with its meeting today (London). The notice and agenda waits are
 * already past (the workflow skips past-due waits), so it reaches its voting stage at once.
 */
export function todayItem(ref: string, today: string): DecisionInput {
  return keyItem(ref, today, { amountGbp: 100_000 });
}
