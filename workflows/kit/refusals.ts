import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { Refusal } from '../../governance/authority';
import { record } from './proxies';

/** Histories from before refusals were audited never ran this; the marker keeps them replaying. */
export const AUDITED_REFUSALS = 'audit-refused-actions';

/** Each of the first this many refusals is written to the register's audit log. */
export const MAX_AUDITED_REFUSALS = 25;

/**
 * Beyond the audited ones, this many more are still taken and counted, so they stand in the process history
 * (who tried what, and the count in the reason) without a register write each; past them the validator turns
 * refusals away unrecorded: nobody may grow a history without bound by acting where they have no authority.
 */
export const MAX_COUNTED_REFUSALS = 1000;

export interface RefusalRecord {
  /** The Update refused, e.g. "vote". */
  action: string;
  /** The acting person as given: a member id or an email. */
  actor: string;
}

/**
 * Who may do what, with every refusal kept. A validator refuses malformed input and actions out of turn
 * without trace; a refusal on authority (the wrong person) is instead accepted, written to the register's
 * audit log by the handler and then failed with the reason, so the attempt stands in both the process
 * history and the register.
 */
export class Authority {
  private audited = 0;
  private counted = 0;

  constructor(private readonly where: { workflowId: string; boardId: string; step: (n: number) => string }) {}

  /**
   * In a validator, before any other check but the input's shape: true when the person may not act and the
   * handler will audit or count it; a refusal past the counted ones is refused here, unrecorded.
   */
  screen(refusal: Refusal): boolean {
    if (refusal && this.counted >= MAX_COUNTED_REFUSALS) throw new Error(refusal);
    return refusal !== undefined;
  }

  /**
   * First thing in a handler: when the person may not act, records the refusal and returns the failed
   * Update; otherwise undefined, synchronously, so a permitted action runs exactly as it did before.
   */
  refuse(refusal: Refusal, attempt: RefusalRecord): Promise<never> | undefined {
    if (!refusal || !patched(AUDITED_REFUSALS)) return undefined;
    if (this.audited >= MAX_AUDITED_REFUSALS) {
      // Before this count existed such refusals never reached a handler, so no history has one.
      this.counted += 1;
      return Promise.reject(
        ApplicationFailure.create({
          type: 'ActionRefused',
          message: `${refusal} (refusal ${MAX_AUDITED_REFUSALS + this.counted}: kept in the process history, not written to the register, which has the first ${MAX_AUDITED_REFUSALS})`,
          nonRetryable: true,
        }),
      );
    }
    this.audited += 1;
    const audited = record(
      {
        key: { workflowId: this.where.workflowId, step: this.where.step(this.audited) },
        boardId: this.where.boardId,
        processId: this.where.workflowId,
        kind: 'action-refused',
        at: new Date().toISOString(),
        data: { ...attempt, reason: refusal },
      },
      `Audit refused ${attempt.action} by ${attempt.actor}`,
    );
    return audited.then(() => {
      throw ApplicationFailure.create({ type: 'ActionRefused', message: refusal, nonRetryable: true });
    });
  }
}
