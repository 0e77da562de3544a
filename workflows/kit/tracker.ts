import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { ProcessStatus } from '../../definitions';

/**
 * When a process upserts its search attributes: every time it shows its status, or only those whose value
 * changed. Each upsert is an event in the history, so a process keeps the policy its histories were made
 * with (the decision and the review clock upsert on every stage; the board and the recommendation, whose
 * status is re-shown on every Update, only on change).
 */
export type AttributeUpserts = 'every-time' | 'when-changed';

/**
 * The one status mechanism of every process: the `status` query's answer (with the steps so far), the
 * search attributes a manager filters on, and the markdown "current details" the Web UI shows. Each
 * process's status.ts extends it and only renders its own state through `publish`.
 */
export class StatusTracker<Status extends ProcessStatus<string>> {
  private readonly lastUpserted = new Map<string, string>();

  constructor(
    readonly status: Status,
    private readonly upserts: AttributeUpserts,
  ) {}

  step(kind: string, detail: string): void {
    this.status.steps.push({ at: new Date().toISOString(), kind, detail });
  }

  /** Sets search attributes that say what the process is (its board, its kind), by the process's policy. */
  label(attributes: SearchAttributeUpdatePair[]): void {
    this.publish(attributes);
  }

  /** Writes search attributes by the process's policy, and, given them, the Web UI's current details. */
  protected publish(attributes: SearchAttributeUpdatePair[], details?: string[]): void {
    const written =
      this.upserts === 'every-time' ? attributes : attributes.filter((pair) => this.changed(pair));
    if (written.length > 0) upsertSearchAttributes(written);
    // Current details are no command (nothing in the history): dates are shown here as people read them.
    if (details) setCurrentDetails(details.filter((line) => line !== '').join('\n'));
  }

  private changed(pair: SearchAttributeUpdatePair): boolean {
    const value = JSON.stringify(pair.value);
    if (this.lastUpserted.get(pair.key.name) === value) return false;
    this.lastUpserted.set(pair.key.name, value);
    return true;
  }
}
