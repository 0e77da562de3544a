import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { ZodError } from 'zod';
import type { Refusal } from '../../governance/authority';
import { describeZodError } from '../../definitions/validation';
import type { Authority } from './refusals';

/** A zod schema, or anything that parses alike. */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError };
}

/**
 * One action a person may take on a process, as an Update. `schema` is what the validator accepts now;
 * `recorded` (by default the same) is what the handler reads, so that Updates accepted by an older
 * version, e.g. without the acting officer, still replay.
 */
export interface ActionSpec<Stage extends string, Accepted, Recorded, Result> {
  schema: Schema<Accepted>;
  recorded?: Schema<Recorded>;
  /** Names what was malformed: "invalid <what>: ...". */
  what?: string;
  /**
   * Checks before the authority rule, which needs them to hold (throw to refuse): e.g. that the payload
   * names a parent body of this process at all.
   */
  known?: (payload: Accepted) => void;
  /** The authority rule: why this person may not take the action (undefined: they may). */
  who: (payload: Recorded) => Refusal;
  /** The acting person as the audit names them. */
  actor: (payload: Recorded) => string;
  /** The stages the action IS allowed in, and what a refusal says elsewhere. */
  allowed: { in: readonly Stage[]; otherwise: (stage: Stage) => string };
  /** Further checks of the action's turn, after its stage (throw to refuse). */
  check?: (payload: Accepted) => void;
  /** Changes the process; its value is the Update's answer. */
  apply: (payload: Recorded) => Result | Promise<Result>;
}

/** An entry of a process's action table. */
export interface Action<Stage extends string> {
  register(process: ActionContext<Stage>): void;
}

export interface ActionContext<Stage extends string> {
  authority: Authority;
  /** The stage the process is in now. */
  stage: () => Stage;
}

function parse<T>(schema: Schema<T>, raw: unknown, what: string | undefined): T {
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new Error(
      what ? `invalid ${what}: ${describeZodError(result.error)}` : describeZodError(result.error),
    );
  return result.data;
}

/**
 * An action on `update`. Its validator refuses malformed input, and actions out of turn, without trace:
 * parse, then `known`, then the authority screen (the wrong person passes here, to be audited), then the stages it is
 * allowed in, then `check`. Its handler parses, audits and fails a refusal on authority, or applies.
 * The audit names the action by the Update's own name.
 */
export function action<Stage extends string, Args extends [unknown], Accepted, Result, Recorded = Accepted>(
  update: UpdateDefinition<Result, Args>,
  spec: ActionSpec<Stage, Accepted, Recorded, Result>,
): Action<Stage> {
  return {
    register({ authority, stage }) {
      setHandler(
        update,
        (raw) => {
          const payload = parse(
            spec.recorded ?? (spec.schema as Schema<unknown> as Schema<Recorded>),
            raw,
            spec.what,
          );
          const refused = authority.refuse(spec.who(payload), {
            action: update.name,
            actor: spec.actor(payload),
          });
          if (refused) return refused;
          return spec.apply(payload);
        },
        {
          validator: (raw) => {
            const payload = parse(spec.schema, raw, spec.what);
            spec.known?.(payload);
            // What is accepted now is also what a recorded payload may be.
            if (authority.screen(spec.who(payload as unknown as Recorded))) return;
            const now = stage();
            if (!spec.allowed.in.includes(now)) throw new Error(spec.allowed.otherwise(now));
            spec.check?.(payload);
          },
        },
      );
    },
  };
}

/** Registers a process's action table: before its first await, so no Update finds it without handlers. */
export function registerActions<Stage extends string>(
  process: ActionContext<Stage>,
  table: Record<string, Action<Stage>>,
): void {
  for (const entry of Object.values(table)) entry.register(process);
}
