import { z } from 'zod';
import { civilDateSchema } from '../../governance/standing-orders/schema';

/** Instants must say their offset: a rehearsal across the clocks changing is exactly where "10:00" is ambiguous. */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `${issue.input === undefined ? 'is required: ' : ''}must be an ISO-8601 instant with a time zone, e.g. 2027-01-04T09:00:00Z`,
});

/** Every process a scenario may rehearse: processes/index.ts has one for each. */
const PROCESS_NAMES = [
  'decision',
  'board',
  'meeting',
  'pooled-budget',
  'consultation',
  'partnership-recommendation',
] as const;

/** `"a", "b" or "c"` */
const quotedChoices = (names: readonly string[]) =>
  `${names
    .slice(0, -1)
    .map((n) => `"${n}"`)
    .join(', ')} or "${names.at(-1)}"`;

/**
 * The scenario file as written. `input` and each event are only shaped here: what they must contain
 * depends on the process, which checks them (see processes/). Unknown keys are refused, so a typo
 * (`memebr:`) is an error naming the field rather than a silently ignored line.
 */
export const scenarioFileSchema = z.strictObject({
  /** What the scenario shows, in a sentence: printed above the timeline. */
  description: z.string().trim().min(1).max(500).optional(),
  /** A preset name, or a standing-orders file (path relative to the scenario file). */
  standingOrders: z.string().trim().min(1, 'must name a preset or a standing-orders file'),
  /** The board's meeting dates for the rehearsal; they replace the standing orders' own. */
  meetings: z.array(civilDateSchema).optional(),
  process: z.enum(PROCESS_NAMES, { message: `must be ${quotedChoices(PROCESS_NAMES)}` }),
  start: instantSchema,
  input: z.record(z.string(), z.unknown(), { message: 'must be a mapping of the process input fields' }),
  events: z
    .array(
      z.looseObject({
        at: instantSchema,
        action: z.string({ message: 'must name the action, e.g. vote' }),
      }),
      { message: 'must be a list of events' },
    )
    .default([]),
  until: instantSchema,
});

export type ScenarioFile = z.output<typeof scenarioFileSchema>;

/** Every event has a time and an action; the rest is the action's own fields. */
export interface ScenarioEvent {
  at: string;
  action: string;
}

/** An event schema for one action: its time, the action name and the action's fields, nothing else. */
export function eventSchema<A extends string, S extends z.ZodRawShape>(action: A, shape: S) {
  return z.strictObject({ at: instantSchema, action: z.literal(action), ...shape });
}
