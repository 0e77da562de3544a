/**
 * GOV.UK's bank-holidays feed (https://www.gov.uk/bank-holidays.json): its shape, and what it says beyond
 * the rules. New holidays are proclaimed at short notice, so the rules alone go stale; the feed is the
 * official word for the years it covers, and the rules carry on past it. Pure: the CLI reads the file.
 */
import { z } from 'zod';
import {
  type BankHoliday,
  type HolidayAdjustments,
  REGIONS,
  type Region,
  statutoryBankHolidays,
} from './bank-holidays';
import { type CivilDate, civilDateParts, isCivilDate } from './civil-date';

const SUBSTITUTE_NOTE = 'Substitute day';

const eventSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  date: z.string().refine(isCivilDate, 'must be a real calendar date YYYY-MM-DD'),
  notes: z.string().max(200, 'must be at most 200 characters'),
  bunting: z.boolean(),
});

const divisionSchema = (region: Region) =>
  z.object({
    division: z.literal(region, { message: `must be "${region}"` }),
    events: z.array(eventSchema).min(1, 'must list at least one holiday').max(2000, 'is too long'),
  });

/** The feed as GOV.UK publishes it: one division per nation, each a list of events. */
export const holidayFeedSchema = z.object({
  'england-and-wales': divisionSchema('england-and-wales'),
  scotland: divisionSchema('scotland'),
  'northern-ireland': divisionSchema('northern-ireland'),
});

export type HolidayFeed = z.output<typeof holidayFeedSchema>;
export type HolidayFeedEvent = z.output<typeof eventSchema>;

/** The name govflow gives a feed event: GOV.UK writes a substitute day as a note, we add it to the name. */
export function feedHolidayName(event: HolidayFeedEvent): string {
  return event.title + (event.notes === SUBSTITUTE_NOTE ? ' (substitute day)' : '');
}

/** The whole years a division of the feed covers: from its first event's year to its last's. */
export function feedYears(feed: HolidayFeed, region: Region): number[] {
  const years = feed[region].events.map((e) => civilDateParts(e.date).year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** How the feed differs from the rules for one nation, over the years it covers. */
export interface FeedDifference {
  region: Region;
  years: number[];
  /** In the feed, not made by the rules (a new proclamation the rules do not know yet). */
  added: { date: CivilDate; name: string }[];
  /** Made by the regular rules, not in the feed (a holiday moved or withdrawn). */
  removed: { date: CivilDate; name: string }[];
  /**
   * Proclaimed one-off holidays govflow knows that the feed lacks: the feed is older than the
   * proclamation, so they stay.
   */
  olderThanFeed: { date: CivilDate; name: string }[];
}

export function feedDifference(feed: HolidayFeed, region: Region): FeedDifference {
  const years = feedYears(feed, region);
  const official = new Map(feed[region].events.map((e) => [e.date, feedHolidayName(e)]));
  const rules: BankHoliday[] = years.flatMap((y) => statutoryBankHolidays(region, y));
  const ruled = new Set(rules.map((h) => h.date));
  const missing = rules.filter((h) => !official.has(h.date));
  return {
    region,
    years,
    added: [...official]
      .filter(([date]) => !ruled.has(date))
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1)),
    removed: missing.filter((h) => h.source === 'rule').map((h) => ({ date: h.date, name: h.name })),
    olderThanFeed: missing.filter((h) => h.source !== 'rule').map((h) => ({ date: h.date, name: h.name })),
  };
}

/** Every nation's difference between the feed and the rules. */
export function feedDifferences(feed: HolidayFeed): FeedDifference[] {
  return REGIONS.map((region) => feedDifference(feed, region));
}

/**
 * News about one nation's holidays: days proclaimed that the rules do not make, and days the rules make
 * that are no longer holidays. A process hears it through its history (an Update), never from disk.
 */
export interface HolidayNews {
  added: { date: CivilDate; name: string }[];
  removed: { date: CivilDate; name: string }[];
}

/**
 * A board's holiday adjustments with news merged in: the news's extra holidays added and the holidays it
 * withdrew removed, unless the board's own standing orders already say so, and nothing listed twice.
 */
export function mergeHolidayNews(
  own: Required<HolidayAdjustments>,
  news: HolidayNews,
): Required<HolidayAdjustments> {
  const removed = new Set(own.remove.map((r) => r.date));
  const added = new Set(own.add.map((a) => a.date));
  return {
    add: [...own.add, ...news.added.filter((a) => !added.has(a.date) && !removed.has(a.date))],
    remove: [
      ...own.remove,
      ...news.removed
        .filter((r) => !removed.has(r.date) && !added.has(r.date))
        .map((r) => ({ date: r.date, reason: 'not in the GOV.UK bank-holidays feed' })),
    ],
  };
}

/**
 * A board's holiday adjustments with the feed's news for its region merged in. The result travels in a
 * process's input, so a running workflow never reads the feed from disk.
 */
export function withFeed(
  region: Region,
  own: Required<HolidayAdjustments>,
  feed: HolidayFeed | undefined,
): Required<HolidayAdjustments> {
  return feed ? mergeHolidayNews(own, feedDifference(feed, region)) : own;
}
