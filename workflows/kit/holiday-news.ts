import { setHandler } from '@temporalio/workflow';
import { NO_NEWS, announceHolidaysUpdate, holidayNewsSchema } from '../../definitions/holidays';
import { describeZodError } from '../../definitions/validation';
import type { HeardNews, WorkingCalendar } from './working-calendar';

/**
 * Lets a process hear holidays announced after it started. The news is a public fact with its source, so
 * anyone may bring it; `heard` keeps it on record (only news that changed a day of the process's region).
 * The waits on the calendar then move their deadlines themselves.
 */
export function takeHolidayNews(
  calendar: WorkingCalendar,
  heard: (news: HeardNews & { source: string }) => Promise<void>,
): void {
  setHandler(
    announceHolidaysUpdate,
    async (raw) => {
      const news = holidayNewsSchema.parse(raw);
      const result = calendar.hear(news.regions[calendar.region] ?? { added: [], removed: [] });
      await heard({ source: news.source, ...result });
      return { region: calendar.region, ...result };
    },
    {
      validator: (raw) => {
        const parsed = holidayNewsSchema.safeParse(raw);
        if (!parsed.success) throw new Error(`invalid holiday news: ${describeZodError(parsed.error)}`);
        // Refused, so news a process already keeps leaves no trace in its history.
        if (!calendar.isNews(parsed.data.regions[calendar.region] ?? { added: [], removed: [] }))
          throw new Error(`${NO_NEWS}: it already keeps these holidays of ${calendar.region}`);
      },
    },
  );
}

/** The news as a status step says it, e.g. "GOV.UK feed: + 2027-06-14; agenda publication 2027-06-07 → 2027-06-04". */
export function describeNews(news: HeardNews & { source: string }): string {
  const days = [...news.added.map((d) => `+ ${d}`), ...news.removed.map((d) => `- ${d}`)].join(', ');
  const moved = news.moved.map((m) => `${m.what} ${m.from} → ${m.to}`).join('; ');
  return `${news.source}: ${days}${moved ? `; ${moved}` : ''}`;
}
