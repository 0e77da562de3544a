import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PRESET_NAMES, isPresetName, type StandingOrders } from '../../governance/standing-orders';
import { compareCivilDates } from '../../governance/civil-date';
import { UserError, parseInput } from '../errors';
import { loadStandingOrders } from '../standing-orders-file';
import { scenarioFileSchema, type ScenarioFile } from './format';
import type { PreparedProcess } from './process';
import { PROCESSES } from './processes';

/** A scenario checked end to end: every field valid, ready to run. */
export interface Scenario {
  file: string;
  description?: string;
  process: ScenarioFile['process'];
  standingOrders: StandingOrders;
  startMs: number;
  untilMs: number;
  prepared: PreparedProcess;
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

/** The preset, or the file named relative to the scenario; the scenario's meetings replace the board's. */
function boardFor(scenario: ScenarioFile, file: string): StandingOrders {
  let ref: string = scenario.standingOrders;
  if (!isPresetName(ref)) {
    ref = resolve(dirname(file), scenario.standingOrders);
    if (!existsSync(ref)) {
      throw new UserError(
        `standingOrders: "${scenario.standingOrders}" is neither a preset (${PRESET_NAMES.join(', ')}) nor a file next to the scenario (${ref})`,
      );
    }
  }
  const so = loadStandingOrders(ref, 'standingOrders');
  if (!scenario.meetings) return so;
  const seen = new Set<string>();
  scenario.meetings.forEach((date, i) => {
    if (seen.has(date)) throw new UserError(`meetings.${i}: ${date} is listed twice`);
    seen.add(date);
  });
  return { ...so, meetings: [...scenario.meetings].sort(compareCivilDates) };
}

/**
 * Reads and checks a scenario: shape, standing orders, the process's input and each event, events in
 * time order between `start` and `until`, `start` after `now` (the server clock starts at the real
 * time). Any problem is a UserError naming the field, before anything starts.
 */
export function loadScenario(path: string, now = Date.now()): Scenario {
  const file = resolve(path);
  const scenario = parseInput(scenarioFileSchema, readScenarioFile(file));
  const startMs = Date.parse(scenario.start);
  const untilMs = Date.parse(scenario.until);
  if (startMs <= now) {
    throw new UserError(
      `start: ${scenario.start} is not in the future (the rehearsal clock starts at ${new Date(now).toISOString()})`,
    );
  }
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
  const standingOrders = boardFor(scenario, file);
  const prepared = PROCESSES[scenario.process].prepare(
    scenario.input,
    scenario.events,
    standingOrders,
    startMs,
  );
  return {
    file,
    description: scenario.description,
    process: scenario.process,
    standingOrders,
    startMs,
    untilMs,
    prepared,
  };
}
