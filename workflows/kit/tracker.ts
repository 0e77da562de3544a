import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { SA, type ProcessStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';

/**
 * The readable state of a process: the `status` query's answer, the search attributes a manager filters
 * on, and the markdown "current details" the Web UI shows, kept in step by one call per stage.
 */
export class ProcessTracker<Stage extends string> {
  readonly status: ProcessStatus<Stage>;

  constructor(
    process: string,
    boardId: string,
    stage: Stage,
    private readonly title: string,
  ) {
    this.status = { process, boardId, stage, waitingFor: '', steps: [] };
  }

  step(kind: string, detail: string): void {
    this.status.steps.push({ at: new Date().toISOString(), kind, detail });
  }

  /**
   * Moves to a stage: what it waits for, the next deadline (ISO instant), what happens next, and search
   * attributes to set with the stage's own.
   */
  enter(
    stage: Stage,
    waitingFor: string,
    options: { deadline?: string; next?: string; attributes?: SearchAttributeUpdatePair[] } = {},
  ): void {
    const { deadline: nextDeadline, next, attributes: extra = [] } = options;
    this.status.stage = stage;
    this.status.waitingFor = waitingFor;
    this.status.nextDeadline = nextDeadline;
    upsertSearchAttributes([
      { key: SA.stage, value: stage },
      { key: SA.waitingFor, value: waitingFor.slice(0, 200) },
      { key: SA.nextDeadline, value: nextDeadline ? new Date(nextDeadline) : null },
      ...extra,
    ] as SearchAttributeUpdatePair[]);
    // Current details are no command (nothing in the history): dates are shown here as people read them.
    setCurrentDetails(
      [
        `**${markdownText(this.title)}**`,
        '',
        `| | |`,
        `| --- | --- |`,
        `| Stage | ${stage} |`,
        `| Waiting for | ${markdownText(displayDatesIn(waitingFor))} |`,
        nextDeadline ? `| Next deadline | ${displayDeadline(nextDeadline)} |` : '',
        next ? `| What happens next | ${markdownText(displayDatesIn(next))} |` : '',
        `| Steps so far | ${this.status.steps.length} |`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }

  /** Sets search attributes and stays in the stage, waiting for the same. */
  annotate(attributes: SearchAttributeUpdatePair[]): void {
    this.enter(this.status.stage, this.status.waitingFor, { deadline: this.status.nextDeadline, attributes });
  }
}

/**
 * Upserts only the search attributes whose value changed since the last call: each upsert is an event in
 * the history, and the status is re-rendered on every Update.
 */
export function searchAttributeWriter() {
  const last = new Map<string, string>();
  return (pairs: SearchAttributeUpdatePair[]) => {
    const changed = pairs.filter((pair) => {
      const value = JSON.stringify(pair.value);
      if (last.get(pair.key.name) === value) return false;
      last.set(pair.key.name, value);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  };
}
