import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { REGIONS, type Region } from '../governance/bank-holidays';
import { civilDateSchema } from '../governance/standing-orders/schema';

const newsSchema = z.object({
  added: z
    .array(z.object({ date: civilDateSchema, name: z.string().trim().min(1).max(200) }))
    .max(100, 'must list at most 100 holidays'),
  removed: z
    .array(z.object({ date: civilDateSchema, name: z.string().trim().min(1).max(200) }))
    .max(100, 'must list at most 100 holidays'),
});

/**
 * Holidays that became known after a process started (a newer GOV.UK feed, a proclamation): each nation's
 * news, of which a process takes its own region's. It reaches a running process through its history, so
 * replay never depends on the feed on the worker's disk.
 */
export const holidayNewsSchema = z.object({
  /** Where the news comes from, e.g. "GOV.UK bank-holidays feed, imported 10 January 2027". */
  source: z.string().trim().min(1, 'must say where the news comes from').max(300),
  regions: z.partialRecord(z.enum(REGIONS), newsSchema),
});
export type HolidayNewsInput = z.input<typeof holidayNewsSchema>;

/** What the news changed for one process: the holidays it now keeps and the deadlines that moved. */
export interface HolidayNewsResult {
  region: Region;
  added: string[];
  removed: string[];
  moved: { what: string; from: string; to: string }[];
}

export const announceHolidaysUpdate = defineUpdate<HolidayNewsResult, [HolidayNewsInput]>('announceHolidays');

/** How a process refuses news it already keeps; the CLI counts those as up to date. */
export const NO_NEWS = 'no news for this process';

/** The processes that keep pending deadlines on working days, and so take holiday news. */
export const HOLIDAY_NEWS_WORKFLOW_TYPES = [
  'decision',
  'board',
  'effectivenessReview',
  'meeting',
  'consultation',
] as const;
