import { CancellationScope, condition, currentUpdateInfo } from '@temporalio/workflow';
import type {
  CalendarInvite,
  Effect,
  Notification,
  Recipient,
  RegisterEntry,
} from '../../activities/contract';
import type { CivilDate } from '../../governance/civil-date';
import { effects, notify, notifySummary, record, recordSummary } from './proxies';
import { unique } from './recipients';

/**
 * Histories from before a stage's entries and mail (and, in a decision, the votes held since the last stage)
 * travelled as one activity wrote each with its own; the marker keeps them replaying. A decision's and a
 * meeting's process each pass it when they start.
 */
export const EFFECTS_TOGETHER = 'effects-together';

/** Which effect a step key names: the kind (or `step`, where it differs), then what it is one per. */
export interface StepOptions {
  /** The name of the step when it is not the kind, e.g. a confirmation recorded as a kind of notice. */
  step?: string;
  /** What there is one of this effect per, e.g. [meeting, member] for a vote: each becomes a part of the key. */
  per?: (string | number)[];
}

export interface RecordOptions extends StepOptions {
  /** The Web UI's label for the activity; "Record <kind>" unless given. */
  summary?: string;
  /** When it happened, where not now (e.g. an answer given during an Update, recorded after). */
  at?: string;
}

export interface NotifyOptions extends StepOptions {
  to: Recipient[];
  /** What the recipients are to do, in the process's words. */
  action: string;
  deadline?: CivilDate;
  facts?: Record<string, string | number | boolean>;
  invite?: CalendarInvite;
  summary?: string;
}

export interface EffectsOf {
  workflowId: string;
  boardId: string;
  /** The title every notification names the process by; a function where it changes (a board's cycle). */
  processTitle: string | (() => string);
  /**
   * Sends to every recipient as listed, repeats included: the board always has, and its mail's activity
   * inputs stay as they were.
   */
  keepsRepeatedRecipients?: boolean;
  /** Prepended to every step key (a board's cycle); none for a process that runs once. */
  prefix?: () => string;
  /** Fields every register entry carries first, e.g. the item's reference and title. */
  entry?: Record<string, unknown>;
  /** Facts every notification carries first. */
  facts?: Record<string, string | number | boolean>;
}

/**
 * What a process writes to the register and sends by mail. Each effect is keyed by the process and a step
 * key, so a retried activity writes or sends it once; the keys are made here only. Each is an activity of
 * its own, or one of its stage's batch once the process writes together ({@link Effects.writeTogether}).
 */
export class Effects {
  /** Register writes started by `recordBehind` (or batches a stage did not wait for), not yet awaited. */
  private unwritten: Promise<unknown>[] = [];
  /** Whether a stage's effects travel together, one activity per workflow task ({@link writeTogether}). */
  private together = false;
  /** Effects asked for in this workflow task, for the batch that starts at its end. */
  private asked: Labelled[] = [];
  /** Answers written behind (votes), for the next batch: at the count, ahead of its entries. */
  private held: Labelled[] = [];
  /** The batch that starts at the end of this workflow task, once an effect has asked for one. */
  private next?: Promise<void>;
  /** The batch before: each starts once the one before has ended, so the register keeps the order. */
  private previous: Promise<unknown> = Promise.resolve();
  /** What a stage's effect returns when the stage goes on at once. */
  private readonly goOn: Promise<void> = Promise.resolve();

  constructor(private readonly of: EffectsOf) {}

  /** The idempotency key's step: "<prefix>/<name>/<per...>". */
  stepKey(name: string, ...per: (string | number)[]): string {
    const prefix = this.of.prefix?.();
    return [...(prefix ? [prefix] : []), name, ...per].join('/');
  }

  private key(kind: string, options: StepOptions) {
    return {
      workflowId: this.of.workflowId,
      step: this.stepKey(options.step ?? kind, ...(options.per ?? [])),
    };
  }

  /**
   * Starts writing a register entry of `kind` and returns at once: for an answer already durable in the
   * process's history (a vote), so the person is not kept waiting on the database. Every later entry or
   * notification waits for it, so the register keeps the order things happened in.
   */
  recordBehind(kind: string, data: Record<string, unknown>, options: RecordOptions = {}): void {
    if (this.together) {
      this.held.push(this.labelled({ record: this.entry(kind, data, options) }, options.summary));
      return;
    }
    const write = record(this.entry(kind, data, options), options.summary);
    // Its failure, if any, surfaces where it is awaited (`written`), not as an unhandled rejection.
    write.catch(() => undefined);
    this.unwritten.push(write);
  }

  /**
   * Waits for every entry `recordBehind` started, and every effect asked for (the votes held included):
   * before any later effect, before the process asks another, and before it ends.
   */
  async written(): Promise<void> {
    if (this.held.length > 0) this.unwritten.push((this.next ??= this.batch()));
    while (this.unwritten.length > 0) await Promise.all(this.unwritten.splice(0));
  }

  /** Writes a register entry of `kind`, after any still being written behind an answer. */
  record(kind: string, data: Record<string, unknown>, options: RecordOptions = {}) {
    const entry = this.entry(kind, data, options);
    if (this.together) return this.inBatch(this.labelled({ record: entry }, options.summary));
    return this.afterWritten(() => record(entry, options.summary));
  }

  /**
   * Sends a notification of `kind` to each recipient once (repeated addresses are dropped, unless kept),
   * after any entry still being written behind an answer.
   */
  notify(kind: string, options: NotifyOptions) {
    const notification = this.notification(kind, options);
    if (this.together) return this.inBatch(this.labelled({ notify: notification }, options.summary));
    return this.afterWritten(() => notify(notification, options.summary));
  }

  /**
   * With nothing written behind, the effect starts at once, as it always has: old histories replay alike.
   * What it says (its time, its key) is fixed when it is asked for, not when it starts.
   */
  private afterWritten<T>(effect: () => Promise<T>): Promise<T> {
    return this.unwritten.length > 0 ? this.written().then(effect) : effect();
  }

  /**
   * From here on, the effects a stage asks for one after another (its entries, its mail, the votes held
   * since the last batch) are written and sent as one activity when the workflow task ends, each still
   * exactly once by its own key (issue 17: a decision's history at most 100 events). A stage goes on at
   * once; an officer's action answers once its own effects are written; the process waits for all before
   * it ends ({@link written}). Old histories never called this, and replay as they ran.
   */
  writeTogether(): void {
    this.together = true;
  }

  /**
   * Whether effects travel together: a stage then waits for them (`written`) before it asks another process
   * (its meeting, the pooled budget, the parent bodies), so the register shows them first. Asked without an
   * `await` where they do not, so an old history's commands keep their order.
   */
  get writesTogether(): boolean {
    return this.together;
  }

  private inBatch(effect: Labelled): Promise<void> {
    this.asked.push(effect);
    const written = (this.next ??= this.batch());
    if (currentUpdateInfo()) return written;
    // The stage goes on; a failure surfaces where the process waits for its effects (`written`). Once per
    // batch: every promise a workflow makes costs the SDK a stack trace (issue 17).
    if (!this.unwritten.includes(written)) {
      written.catch(() => undefined);
      this.unwritten.push(written);
    }
    return this.goOn;
  }

  /**
   * The batch of this workflow task: started at its end, once every effect asked for until the process
   * waits has joined, and outside any cancellation scope, so a withdrawal cannot cancel an entry already
   * asked for.
   */
  private batch(): Promise<void> {
    return CancellationScope.nonCancellable(async () => {
      // Conditions the stage awaited may free it to ask for more in the same task: wait until a pass of
      // them asks for nothing new.
      let asked = -1;
      while (asked !== this.asked.length) {
        asked = this.asked.length;
        await conditionsPass();
      }
      this.next = undefined;
      const batch = [...this.held.splice(0), ...this.asked.splice(0)];
      const started = this.previous.then(() =>
        effects(
          batch.map((b) => b.effect),
          summarise(batch.map((b) => b.summary)),
        ),
      );
      this.previous = started.catch(() => undefined);
      await started;
    });
  }

  private labelled(effect: Effect, summary: string | undefined): Labelled {
    const own = 'record' in effect ? recordSummary(effect.record) : notifySummary(effect.notify);
    return { effect, summary: summary ?? own };
  }

  private entry(kind: string, data: Record<string, unknown>, options: RecordOptions): RegisterEntry {
    return {
      key: this.key(kind, options),
      boardId: this.of.boardId,
      processId: this.of.workflowId,
      kind,
      at: options.at ?? new Date().toISOString(),
      data: { ...this.of.entry, ...data },
    };
  }

  private notification(kind: string, options: NotifyOptions): Notification {
    const { processTitle, keepsRepeatedRecipients } = this.of;
    return {
      key: this.key(kind, options),
      kind,
      boardId: this.of.boardId,
      processTitle: typeof processTitle === 'string' ? processTitle : processTitle(),
      recipients: keepsRepeatedRecipients ? options.to : unique(options.to),
      action: options.action,
      deadline: options.deadline,
      facts: { ...this.of.facts, ...options.facts },
      invite: options.invite,
    };
  }
}

/** An effect with the Web UI's label for it. */
interface Labelled {
  effect: Effect;
  summary: string;
}

/** A batch's label: each effect's, in order, repeats counted ("Record vote-recorded ×6; Record meeting-held"). */
function summarise(labels: string[]): string {
  const runs: { label: string; times: number }[] = [];
  for (const label of labels) {
    const last = runs[runs.length - 1];
    if (last?.label === label) last.times += 1;
    else runs.push({ label, times: 1 });
  }
  return runs.map(({ label, times }) => (times > 1 ? `${label} ×${times}` : label)).join('; ');
}

/**
 * Resolves at the next pass of the workflow task over its blocked conditions, which comes once every
 * microtask has run. Its condition is false when first evaluated (`condition` evaluates it at once), true
 * from then on.
 */
function conditionsPass(): Promise<void> {
  let asked = false;
  const passed = condition(() => asked);
  asked = true;
  return passed;
}
