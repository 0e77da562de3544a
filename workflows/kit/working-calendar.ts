import type { HolidayCalendar, HolidayAdjustments, Region } from '../../governance/bank-holidays';
import { holidayCalendar } from '../../governance/bank-holidays';
import { mergeHolidayNews, type HolidayNews } from '../../governance/holiday-feed';
import type { Deadline } from '../../governance/deadlines';

export type { Deadline };

/** What a pending wait tells holiday news: its deadline now, and what it would be under a calendar. */
export interface PendingDeadline {
  what: string;
  current: Deadline;
  under: (calendar: HolidayCalendar) => Deadline;
}

export interface HeardNews {
  added: string[];
  removed: string[];
  moved: { what: string; from: string; to: string }[];
}

/**
 * The working days a process counts its deadlines in: its standing orders' region and adjustments, plus
 * the holiday news it has heard since it started. `version` changes with every news that changed a day,
 * so a wait can tell that its deadline may have moved.
 */
export class WorkingCalendar {
  private adjustments: Required<HolidayAdjustments>;
  private readonly heard: HolidayNews[] = [];
  current: HolidayCalendar;
  version = 0;
  /** The deadlines waited for now, so news can say which it moves. */
  readonly pending = new Set<PendingDeadline>();

  constructor(
    private nation: Region,
    adjustments: Required<HolidayAdjustments>,
  ) {
    this.adjustments = adjustments;
    this.current = holidayCalendar(nation, adjustments);
  }

  /** Whether the news would change a day of this calendar: news it already keeps is no news. */
  isNews(news: HolidayNews): boolean {
    const merged = mergeHolidayNews(this.adjustments, news);
    return (
      merged.add.length + merged.remove.length > this.adjustments.add.length + this.adjustments.remove.length
    );
  }

  /**
   * Merges a nation's news: the days it added and removed (none: nothing changed), and the pending
   * deadlines it moves (their waits restart their timers).
   */
  hear(news: HolidayNews): HeardNews {
    const merged = mergeHolidayNews(this.adjustments, news);
    const added = merged.add.slice(this.adjustments.add.length).map((a) => a.date);
    const removed = merged.remove.slice(this.adjustments.remove.length).map((r) => r.date);
    if (added.length + removed.length === 0) return { added, removed, moved: [] };
    this.heard.push(news);
    this.adjustments = merged;
    this.current = holidayCalendar(this.region, merged);
    this.version += 1;
    const moved = [...this.pending]
      .map((p) => ({ what: p.what, from: p.current.on, to: p.under(this.current).on }))
      .filter((m) => m.from !== m.to);
    return { added, removed, moved };
  }

  /**
   * New standing orders' holidays, with the news heard so far kept. Deadlines already waited for keep
   * their day, as they did before processes heard news: only news moves a pending deadline.
   */
  adopt(holidays: { region: Region; adjustments: Required<HolidayAdjustments> }): void {
    this.nation = holidays.region;
    this.adjustments = this.heard.reduce(mergeHolidayNews, holidays.adjustments);
    this.current = holidayCalendar(this.region, this.adjustments);
  }

  /** Whether the process has heard news that changed a day. */
  get hasNews(): boolean {
    return this.heard.length > 0;
  }

  /** The nation whose holidays the calendar keeps. */
  get region(): Region {
    return this.nation;
  }

  /** The adjustments now in force, e.g. to carry the news over continue-as-new. */
  get holidays(): { region: Region; adjustments: Required<HolidayAdjustments> } {
    return { region: this.region, adjustments: this.adjustments };
  }
}
