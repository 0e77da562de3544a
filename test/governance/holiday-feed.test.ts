import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../../governance/bank-holidays';
import {
  feedDifference,
  feedYears,
  holidayFeedSchema,
  withFeed,
  type HolidayFeed,
} from '../../governance/holiday-feed';
import { meetingDeadlines, DEFAULT_NOTICE_RULES } from '../../governance/notice';

const bundled = (): HolidayFeed =>
  holidayFeedSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../data/bank-holidays.json'), 'utf8')));

/** A newer feed: 2028 published, with an extra holiday in England and Wales and the summer one moved. */
function newerFeed(): HolidayFeed {
  const feed = bundled();
  feed['england-and-wales'].events.push(
    { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
    { title: 'Good Friday', date: '2028-04-14', notes: '', bunting: false },
    { title: 'Easter Monday', date: '2028-04-17', notes: '', bunting: true },
    { title: 'Early May bank holiday', date: '2028-05-01', notes: '', bunting: true },
    { title: 'Spring bank holiday', date: '2028-05-29', notes: '', bunting: true },
    { title: 'Extra bank holiday', date: '2028-06-05', notes: '', bunting: true },
    { title: 'Summer bank holiday', date: '2028-09-04', notes: '', bunting: true },
    { title: 'Christmas Day', date: '2028-12-25', notes: '', bunting: true },
    { title: 'Boxing Day', date: '2028-12-26', notes: '', bunting: true },
  );
  return feed;
}

describe('the GOV.UK bank-holidays feed', () => {
  it('the bundled copy is a valid feed covering 2019-2027 for each nation, the same as the rules but for one later proclamation', () => {
    const feed = bundled();
    for (const region of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      expect(feedYears(feed, region)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
      const d = feedDifference(feed, region);
      expect([d.added, d.removed]).toEqual([[], []]);
      expect(d.olderThanFeed.map((h) => h.date)).toEqual(region === 'scotland' ? ['2026-06-15'] : []);
    }
  });

  it('refuses what is not a feed, naming the field', () => {
    const feed = JSON.parse(JSON.stringify(bundled()));
    feed.scotland.events[3].date = '2026-02-30';
    const r = holidayFeedSchema.safeParse(feed);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'scotland.events.3.date: must be a real calendar date YYYY-MM-DD',
    ]);
    expect(holidayFeedSchema.safeParse({ scotland: {} }).success).toBe(false);
  });

  it('a newer feed adds its extra holiday, moves a regular one, and leaves years after it to the rules', () => {
    const feed = newerFeed();
    const d = feedDifference(feed, 'england-and-wales');
    expect(d.years.at(-1)).toBe(2028);
    expect(d.added).toEqual([
      { date: '2028-06-05', name: 'Extra bank holiday' },
      { date: '2028-09-04', name: 'Summer bank holiday' },
    ]);
    expect(d.removed).toEqual([{ date: '2028-08-28', name: 'Summer bank holiday' }]);
    const adjustments = withFeed('england-and-wales', { add: [], remove: [] }, feed);
    const calendar = holidayCalendar('england-and-wales', adjustments);
    expect(calendar.isHoliday('2028-06-05')).toBe(true);
    expect(calendar.isHoliday('2028-08-28')).toBe(false);
    expect(calendar.isHoliday('2029-08-27')).toBe(true); // 2029: the rules again
    // The agenda for Thursday 8 June 2028 goes out 5 clear working days ahead: one day earlier with the new holiday.
    const plain = meetingDeadlines('2028-06-08', DEFAULT_NOTICE_RULES, holidayCalendar('england-and-wales'));
    const withNews = meetingDeadlines('2028-06-08', DEFAULT_NOTICE_RULES, calendar);
    expect([plain.agendaPublishBy, withNews.agendaPublishBy]).toEqual(['2028-05-31', '2028-05-30']);
  });

  it('a board’s own adjustments win over the feed, and merging twice changes nothing', () => {
    const feed = newerFeed();
    const own = { add: [], remove: [{ date: '2028-06-05', reason: 'the board does not observe it' }] };
    const once = withFeed('england-and-wales', own, feed);
    expect(once.add.map((a) => a.date)).toEqual(['2028-09-04']);
    expect(once.remove.map((r) => r.date)).toEqual(['2028-06-05', '2028-08-28']);
    expect(withFeed('england-and-wales', once, feed)).toEqual(once);
    expect(withFeed('scotland', { add: [], remove: [] }, feed)).toEqual({ add: [], remove: [] });
  });
});
