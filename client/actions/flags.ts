/** Reading command-line values into the shapes the zod schemas expect; a mistake is a one-line UserError. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isCivilDate, type CivilDate } from '../../governance/civil-date';
import { GOVERNANCE_YEARS, POUNDS, isGovernanceYear } from '../../governance/person-text';
import { UserError } from '../../definitions/errors';

/**
 * A number written in plain digits, optionally with a decimal part: Number() would also take "0x10", "1e3",
 * " 12 " and "Infinity", which nobody means. The schema then decides the range. Undefined stays undefined.
 */
export function numberFlag(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}(\.\d+)?$/.test(value)) throw new UserError(`${field}: "${value}" is not a number`);
  return Number(value);
}

/** Pounds, optionally with pence: 800000 or 1250.50. */
export function poundsFlag(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!POUNDS.test(value))
    throw new UserError(
      `${field}: "${value}" is not a number of pounds (write digits with optional pence, e.g. 800000 or 1250.50)`,
    );
  return Number(value);
}

export function dateFlag(value: string, field: string): CivilDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new UserError(`${field}: "${value}" is not a date in the form YYYY-MM-DD`);
  if (!isCivilDate(value)) throw new UserError(`${field}: "${value}" is not a possible calendar date`);
  if (!isGovernanceYear(value))
    throw new UserError(
      `${field}: "${value}" must be in the years ${GOVERNANCE_YEARS.first} to ${GOVERNANCE_YEARS.last}`,
    );
  return value;
}

/** "a,b c" and repeated flags alike: O&S members are often pasted as a comma-separated list. */
export function listFlag(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Larger than any Terms of Reference, item or standing orders; checked before the file is read. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** Refuses a file too large to be one person's input before reading it (a 600 MB file would exhaust memory). */
export function refuseOversizedFile(full: string, shown: string, field: string): void {
  const bytes = statSync(full).size;
  if (bytes > MAX_INPUT_FILE_BYTES)
    throw new UserError(
      `${field}: "${shown}" is ${Math.ceil(bytes / 1024 / 1024)} MB; the limit is ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MB`,
    );
}

function readable(path: string, field: string): string {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) throw new UserError(`${field}: no file "${path}"`);
  refuseOversizedFile(full, path, field);
  return full;
}

/** A text file as given (a Terms of Reference is hashed exactly, so nothing is trimmed). */
export function readTextFile(path: string, field: string): string {
  return readFileSync(readable(path, field), 'utf8');
}

/** A YAML or JSON mapping (by extension; .yaml/.yml otherwise). */
export function readDataFile(path: string, field: string): Record<string, unknown> {
  const full = readable(path, field);
  const json = extname(full).toLowerCase() === '.json';
  let data: unknown;
  try {
    const text = readFileSync(full, 'utf8');
    data = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError(`${field} ${path}: not valid ${json ? 'JSON' : 'YAML'}: ${message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${field} ${path}: must be a mapping of field names to values`);
  }
  return data as Record<string, unknown>;
}

/** Only the flags that were given, so a file's values are overridden by flags and not by absent ones. */
export function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
