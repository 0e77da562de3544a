/**
 * Reads standing orders for the CLI: a preset name (see governance/standing-orders) or a YAML/JSON
 * file. The I/O lives here; validation is the pure schema in governance/.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  PRESET_NAMES,
  type StandingOrders,
  isPresetName,
  resolveStandingOrders,
  standingOrdersSchema,
} from '../governance/standing-orders';
import { type CivilDate, londonCivilDate } from '../governance/civil-date';
import { withFeed } from '../governance/holiday-feed';
import { UserError } from '../definitions/errors';
import { describeZodError } from '../definitions/validation';
import { loadHolidayFeed } from './holiday-feed-file';
import { refuseOversizedFile } from './actions/flags';

/**
 * A preset name or a path to a .yaml/.yml/.json file. Throws a UserError (one line naming the
 * field and the rule) for an unknown name, an unreadable or unparsable file, or invalid content. A
 * preset's meeting calendar starts from `today` (London) unless the caller names another day.
 */
export function loadStandingOrders(
  ref: string,
  flag = '--standing-orders',
  meetingsFrom: CivilDate = londonCivilDate(Date.now()),
): StandingOrders {
  return withHolidayFeed(readStandingOrders(ref, flag, meetingsFrom));
}

/**
 * The standing orders with the bank-holiday feed's news for their region in their adjustments: a process
 * started with them carries the holidays in its input, so replay never depends on the feed on disk.
 */
export function withHolidayFeed(so: StandingOrders): StandingOrders {
  const { region, adjustments } = so.holidays;
  return {
    ...so,
    holidays: { region, adjustments: withFeed(region, adjustments, loadHolidayFeed().feed) },
  };
}

function readStandingOrders(ref: string, flag: string, meetingsFrom: CivilDate): StandingOrders {
  if (isPresetName(ref)) return resolveStandingOrders(ref, meetingsFrom);
  const path = resolve(ref);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UserError(
      `${flag}: "${ref}" is neither a preset (${PRESET_NAMES.join(', ')}) nor a file that exists`,
    );
  }
  refuseOversizedFile(path, ref, flag);
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError(
      `${flag} ${ref}: not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${message}`,
    );
  }
  const result = standingOrdersSchema.safeParse(data);
  if (!result.success) throw new UserError(`${flag} ${ref}: ${describeZodError(result.error)}`);
  return result.data;
}
