import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { ProcessStatus } from '../../definitions/status';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { UserError, parseInput } from '../../definitions/errors';
import type { ScenarioEvent } from './format';

/** What the simulator needs to know to rehearse one kind of process. */
export interface ProcessSpec<Input, Event extends ScenarioEvent> {
  /**
   * Checks the scenario's `input` with the schema the CLI's start command validates (the standing orders
   * come from the scenario). Throws a UserError naming the field as `input.<field>`.
   */
  input(raw: unknown, so: StandingOrders, context: { startMs: number }): Input;
  /** Every action the scenario may apply to this process, discriminated by `action`. */
  eventSchema: z.ZodType<Event>;
  /** The ID of the workflow the scenario starts. */
  workflowId(input: Input, so: StandingOrders): string;
  /**
   * Starts the process as the CLI's start command does, at `nowMs` (the scenario's start on the server
   * clock). A UserError names the field of `input` at fault; nothing is started then.
   */
  start(client: Client, taskQueue: string, input: Input, so: StandingOrders, nowMs: number): Promise<unknown>;
  /** Member ids an event names, by field, checked against the board before anything runs. */
  people?(event: Event): { field: string; id: string }[];
  /** Sends the event to the running process (an Update) and returns its one-line receipt. */
  apply(
    client: Client,
    event: Event,
    context: { so: StandingOrders; input: Input; workflowId: string },
  ): Promise<string>;
  /** The process's final status word, from the workflow's result. */
  outcome(result: unknown): string;
  /** The status word while the workflow still runs at `until`; `in-progress` unless the process says better. */
  running?(status: ProcessStatus): string;
}

export interface PreparedEvent {
  at: string;
  action: string;
  /** The event as validated (defaults filled), for the timeline. */
  fields: Record<string, unknown>;
  apply(client: Client): Promise<string>;
}

export interface PreparedProcess {
  workflowId: string;
  start(client: Client, taskQueue: string, nowMs: number): Promise<unknown>;
  events: PreparedEvent[];
  outcome(result: unknown): string;
  running(status: ProcessStatus | undefined): string;
}

/** A process the simulator can run: validates a scenario's input and events into a prepared rehearsal. */
export interface SimulatedProcess {
  prepare(input: unknown, events: unknown[], so: StandingOrders, startMs: number): PreparedProcess;
}

/** Everyone an event may name: board members, the O&S chair and O&S members. */
function knownPeople(so: StandingOrders): Set<string> {
  return new Set([
    ...so.members.map((m) => m.id),
    so.overviewAndScrutiny.chair.id,
    ...so.overviewAndScrutiny.members.map((m) => m.id),
  ]);
}

/**
 * An action's event schema that also holds to the payload schema the workflow's validator uses (its
 * cross-field rules too, e.g. "an amendment request must say what to amend"), so a malformed event is a
 * scenario error naming the field. `fill` stands in for fields the simulator supplies itself.
 */
export function heldTo<E extends z.ZodObject>(
  event: E,
  payload: z.ZodType,
  fill: Record<string, unknown> = {},
): E {
  return event.superRefine(
    (value, ctx) => {
      const { at: _at, action: _action, ...fields } = value as Record<string, unknown>;
      const result = payload.safeParse({
        ...fill,
        ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      });
      if (!result.success) {
        for (const issue of result.error.issues)
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
    },
    // Only once the fields themselves pass: a field's own failed check (a paragraph 9) would be named twice.
    { when: (run) => run.issues.length === 0 },
  );
}

export function defineProcess<Input, Event extends ScenarioEvent>(
  spec: ProcessSpec<Input, Event>,
): SimulatedProcess {
  return {
    prepare(rawInput, rawEvents, so, startMs) {
      const input = spec.input(rawInput, so, { startMs });
      const workflowId = spec.workflowId(input, so);
      const people = knownPeople(so);
      const events = rawEvents.map((raw, i): PreparedEvent => {
        const event = parseInput(spec.eventSchema, raw, `events.${i}`);
        // An unknown id is a typo in the scenario; a known person the process refuses (a vote by an
        // O&S member, say) is a refusal worth rehearsing, so it is left to the workflow's validator.
        for (const { field, id } of spec.people?.(event) ?? []) {
          if (!people.has(id)) {
            throw new UserError(
              `events.${i}.${field}: "${id}" is not a member of ${so.board.id} nor of its O&S committee`,
            );
          }
        }
        const { at, action, ...fields } = event;
        return {
          at,
          action,
          fields,
          apply: (client) => spec.apply(client, event, { so, input, workflowId }),
        };
      });
      return {
        workflowId,
        start: (client, taskQueue, nowMs) => spec.start(client, taskQueue, input, so, nowMs),
        events,
        outcome: spec.outcome,
        running: (status) => (status && spec.running ? spec.running(status) : 'in-progress'),
      };
    },
  };
}
