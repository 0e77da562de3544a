import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  PRESET_NAMES,
  calendarFor,
  isPresetName,
  type StandingOrders,
} from '../../governance/standing-orders';
import {
  type CivilDate,
  addDays,
  compareCivilDates,
  isCivilDate,
  londonCivilDate,
} from '../../governance/civil-date';
import { UserError, parseInput } from '../../definitions/errors';
import { loadStandingOrders } from '../standing-orders-file';
import { scenarioFileSchema, type ScenarioFile } from './format';
import {
  type Move,
  type ScenarioDays,
  datesIn,
  describeMove,
  moveDates,
  moveFromThePast,
  moveToStartOn,
} from './move';
import type { PreparedProcess } from './process';
import { PROCESSES } from './processes';

/** How a scenario was moved to a later start (see move.ts), as the report shows it. */
export interface ScenarioMove {
  /** In plain words: "moved forward 52 weeks: starts Monday 3 January 2028 instead of ...". */
  summary: string;
  weeks: number;
  /** Every date and time of the scenario moved by this many days (a multiple of 7). */
  days: number;
  /** `past`: the file's start was not in the future; `start-on`: asked for with --start-on. */
  because: Move['because'];
  startOn?: CivilDate;
  /** The day an earlier start would have put on a bank holiday, when one was passed over for that. */
  passedOver?: string;
  /** The file's `start`, and the start the rehearsal used. */
  fileStart: string;
  start: string;
}

/** A scenario checked end to end: every field valid, ready to run. */
export interface Scenario {
  file: string;
  description?: string;
  process: ScenarioFile['process'];
  /** The process's input as the rehearsal gives it (with the scenario's dates, moved if it was moved). */
  input: ScenarioFile['input'];
  standingOrders: StandingOrders;
  startMs: number;
  untilMs: number;
  prepared: PreparedProcess;
  /** Set when the scenario runs on other dates than the file's. */
  moved?: ScenarioMove;
}

export interface LoadScenarioOptions {
  /** The time a rehearsal cannot start before: the real now (the server clock starts there). */
  now?: number;
  /** `--start-on YYYY-MM-DD`: move the scenario to start on the first day of its start's weekday from then. */
  startOn?: string;
}

function readScenarioFile(file: string): unknown {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`${file}: no such scenario file`);
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(
      `${file}: not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
    );
  }
}

/**
 * The preset, or the file named relative to the scenario; the scenario's meetings replace the board's.
 * A preset's meeting calendar starts from `meetingsFrom`, the day the file's own start falls on.
 */
function boardFor(scenario: ScenarioFile, file: string, meetingsFrom: CivilDate): StandingOrders {
  let ref: string = scenario.standingOrders;
  if (!isPresetName(ref)) {
    ref = resolve(dirname(file), scenario.standingOrders);
    if (!existsSync(ref)) {
      throw new UserError(
        `standingOrders: "${scenario.standingOrders}" is neither a preset (${PRESET_NAMES.join(', ')}) nor a file next to the scenario (${ref})`,
      );
    }
  }
  const so = loadStandingOrders(ref, 'standingOrders', meetingsFrom);
  if (!scenario.meetings) return so;
  const seen = new Set<string>();
  scenario.meetings.forEach((date, i) => {
    if (seen.has(date)) throw new UserError(`meetings.${i}: ${date} is listed twice`);
    seen.add(date);
  });
  return { ...so, meetings: [...scenario.meetings].sort(compareCivilDates) };
}

interface Checked {
  scenario: ScenarioFile;
  standingOrders: StandingOrders;
  startMs: number;
  untilMs: number;
  prepared: PreparedProcess;
}

/**
 * Everything about a scenario that does not depend on the day it runs: shape, standing orders, the
 * process's input and each event, events in time order between `start` and `until`. `board` makes the
 * board's standing orders (the file's own, or moved with the scenario).
 */
function check(raw: unknown, board: (scenario: ScenarioFile) => StandingOrders): Checked {
  const scenario = parseInput(scenarioFileSchema, raw);
  const startMs = Date.parse(scenario.start);
  const untilMs = Date.parse(scenario.until);
  if (untilMs <= startMs)
    throw new UserError(`until: ${scenario.until} is not after start ${scenario.start}`);
  let previous = startMs;
  scenario.events.forEach((event, i) => {
    const at = Date.parse(event.at);
    if (at <= startMs)
      throw new UserError(`events.${i}.at: ${event.at} is not after start ${scenario.start}`);
    if (at < previous)
      throw new UserError(
        `events.${i}.at: ${event.at} is before the event above it (events must be in time order)`,
      );
    if (at > untilMs) throw new UserError(`events.${i}.at: ${event.at} is after until ${scenario.until}`);
    previous = at;
  });
  const standingOrders = board(scenario);
  const prepared = PROCESSES[scenario.process].prepare(
    scenario.input,
    scenario.events,
    standingOrders,
    startMs,
  );
  return { scenario, standingOrders, startMs, untilMs, prepared };
}

/**
 * The days a move must keep off bank holidays (see move.ts): the start, every date in the input and the
 * events, and the board's meetings from the start to `until`.
 */
function daysOf({ scenario, standingOrders, startMs, untilMs }: Checked): ScenarioDays {
  const from = londonCivilDate(startMs);
  const until = londonCivilDate(untilMs);
  const meetings = standingOrders.meetings.filter(
    (m) => compareCivilDates(m, from) >= 0 && compareCivilDates(m, until) <= 0,
  );
  return {
    days: [from, ...datesIn(scenario.input), ...datesIn(scenario.events), ...meetings],
    calendar: calendarFor(standingOrders),
  };
}

/** The move asked for, or needed because the file's start is not in the future; undefined if none. */
function chooseMove(checked: Checked, now: number, startOn: string | undefined): Move | undefined {
  const field = startOn === undefined ? 'start' : '--start-on';
  try {
    if (startOn === undefined) return moveFromThePast(checked.startMs, now, daysOf(checked));
    if (!isCivilDate(startOn)) throw new UserError(`--start-on: "${startOn}" is not a date YYYY-MM-DD`);
    const today = londonCivilDate(now);
    if (compareCivilDates(startOn, today) <= 0)
      throw new UserError(`--start-on: ${startOn} is not after today (${today})`);
    const move = moveToStartOn(checked.startMs, startOn, daysOf(checked));
    return move.days === 0 ? undefined : move;
  } catch (error) {
    // No calendar needs it, but a scenario that cannot be moved off bank holidays is the officer's to fix.
    if (error instanceof RangeError) throw new UserError(`${field}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads and checks a scenario: shape, standing orders, the process's input and each event, events in
 * time order between `start` and `until`. Any problem is a UserError naming the field, before anything
 * starts; it quotes the file's own dates.
 *
 * A scenario whose start is not after `now` (the server clock starts at the real time) is moved forward
 * by whole years' worth of weeks until it is; `startOn` moves it to start on that day or soon after. A
 * move shifts every date and time of the scenario by the same number of days (move.ts), and the
 * board's meetings with them: a preset's calendar is made from the file's own start, then moved.
 */
export function loadScenario(path: string, options: LoadScenarioOptions = {}): Scenario {
  const now = options.now ?? Date.now();
  const file = resolve(path);
  const raw = readScenarioFile(file);
  const original = check(raw, (scenario) =>
    boardFor(scenario, file, londonCivilDate(Date.parse(scenario.start))),
  );
  const move = chooseMove(original, now, options.startOn);
  let checked = original;
  if (move) {
    const meetingsFrom = londonCivilDate(original.startMs);
    try {
      checked = check(moveDates(raw, move.days), (scenario) => {
        const so = boardFor(scenario, file, meetingsFrom);
        // The scenario's own `meetings` moved with the file; the board's (a preset's or a file's) move here.
        return scenario.meetings ? so : { ...so, meetings: so.meetings.map((m) => addDays(m, move.days)) };
      });
    } catch (error) {
      if (error instanceof UserError)
        throw new UserError(`${error.message} (in the scenario moved by ${move.days} days)`);
      throw error;
    }
  }
  const { scenario, standingOrders, startMs, untilMs, prepared } = checked;
  if (startMs <= now) {
    throw new UserError(
      `start: ${scenario.start} is not in the future (the rehearsal clock starts at ${new Date(now).toISOString()})`,
    );
  }
  return {
    file,
    description: scenario.description,
    process: scenario.process,
    input: scenario.input,
    standingOrders,
    startMs,
    untilMs,
    prepared,
    ...(move
      ? {
          moved: {
            summary: describeMove(move),
            weeks: move.days / 7,
            days: move.days,
            because: move.because,
            ...(move.startOn ? { startOn: move.startOn } : {}),
            ...(move.passedOver ? { passedOver: move.passedOver } : {}),
            fileStart: original.scenario.start,
            start: scenario.start,
          },
        }
      : {}),
  };
}
