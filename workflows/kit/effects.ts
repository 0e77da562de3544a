import type { CalendarInvite, Notification, Recipient, RegisterEntry } from '../../activities/contract';
import type { CivilDate } from '../../governance/civil-date';
import { notify, record } from './proxies';
import { unique } from './recipients';

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
 * What a process writes to the register and sends by mail. Each effect is an activity keyed by the
 * process and a step key, so a retried activity writes or sends once; the keys are made here only.
 */
export class Effects {
  /** Register writes started by `recordBehind` and not yet awaited. */
  private unwritten: Promise<unknown>[] = [];

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
    const write = record(this.entry(kind, data, options), options.summary);
    // Its failure, if any, surfaces where it is awaited (`written`), not as an unhandled rejection.
    write.catch(() => undefined);
    this.unwritten.push(write);
  }

  /** Waits for every entry `recordBehind` started: before any later effect, and before the process ends. */
  async written(): Promise<void> {
    while (this.unwritten.length > 0) await Promise.all(this.unwritten.splice(0));
  }

  /** Writes a register entry of `kind`, after any still being written behind an answer. */
  record(kind: string, data: Record<string, unknown>, options: RecordOptions = {}) {
    const entry = this.entry(kind, data, options);
    return this.afterWritten(() => record(entry, options.summary));
  }

  /**
   * Sends a notification of `kind` to each recipient once (repeated addresses are dropped, unless kept),
   * after any entry still being written behind an answer.
   */
  notify(kind: string, options: NotifyOptions) {
    const notification = this.notification(kind, options);
    return this.afterWritten(() => notify(notification, options.summary));
  }

  /**
   * With nothing written behind, the effect starts at once, as it always has: old histories replay alike.
   * What it says (its time, its key) is fixed when it is asked for, not when it starts.
   */
  private afterWritten<T>(effect: () => Promise<T>): Promise<T> {
    return this.unwritten.length > 0 ? this.written().then(effect) : effect();
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
