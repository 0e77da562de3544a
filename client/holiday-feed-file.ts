/**
 * The GOV.UK bank-holidays feed on disk: the copy bundled with govflow (data/bank-holidays.json), or a
 * newer one an officer imported with `govflow calendar import` (kept in the data directory). The rules in
 * governance/ carry on past the years a feed covers. Processes get the feed's news in their input.
 */
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type HolidayFeed, holidayFeedSchema } from '../governance/holiday-feed';
import { dataDir } from '../runtime/config';
import { projectRoot } from '../runtime/paths';
import { UserError } from '../definitions/errors';
import { describeZodError } from '../definitions/validation';

export const BUNDLED_FEED = path.join(projectRoot, 'data', 'bank-holidays.json');
export const importedFeedPath = (): string => path.join(dataDir(), 'bank-holidays.json');

/** A feed file is a few tens of kilobytes; anything past this is not one. */
const MAX_FEED_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;

export interface LoadedFeed {
  feed: HolidayFeed;
  source: 'imported' | 'bundled';
  path: string;
}

function parseFeed(text: string, where: string): HolidayFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${where}: not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = holidayFeedSchema.safeParse(data);
  if (!result.success)
    throw new UserError(`${where}: not a GOV.UK bank-holidays feed: ${describeZodError(result.error)}`);
  return result.data;
}

/** The imported feed if there is one, else the bundled copy. */
export function loadHolidayFeed(): LoadedFeed {
  const imported = importedFeedPath();
  const [source, file] = existsSync(imported)
    ? (['imported', imported] as const)
    : (['bundled', BUNDLED_FEED] as const);
  return { feed: parseFeed(readFileSync(file, 'utf8'), file), source, path: file };
}

async function fetchFeed(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const why =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    throw new UserError(
      `source: could not fetch ${url} (${why || 'no answer'}); download it and import the file`,
    );
  }
  if (!response.ok) throw new UserError(`source: ${url} answered ${response.status} ${response.statusText}`);
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_FEED_BYTES)
    throw new UserError(`source: ${url} is larger than a feed can be`);
  return text;
}

function readFeedFile(file: string): string {
  const full = path.resolve(file);
  if (!existsSync(full)) throw new UserError(`source: no such file ${file}`);
  const text = readFileSync(full, 'utf8');
  if (Buffer.byteLength(text) > MAX_FEED_BYTES)
    throw new UserError(`source: ${file} is larger than a feed can be`);
  return text;
}

/** Reads a feed from a file or an http(s) URL, checks it, and keeps it as the imported feed. */
export async function importHolidayFeed(source: string): Promise<LoadedFeed> {
  const isUrl = /^https?:\/\//i.test(source);
  const feed = parseFeed(isUrl ? await fetchFeed(source) : readFeedFile(source), source);
  const target = importedFeedPath();
  mkdirSync(path.dirname(target), { recursive: true });
  // Written whole, then renamed: a reader never sees half a feed.
  writeFileSync(`${target}.tmp`, `${JSON.stringify(feed, null, 2)}\n`);
  renameSync(`${target}.tmp`, target);
  return { feed, source: 'imported', path: target };
}
