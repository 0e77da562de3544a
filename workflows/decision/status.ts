import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA, type DecisionStage, type ProcessStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { StatusTracker } from '../kit/tracker';

/** The decision's readable state, shown once per stage: what it waits for, its next deadline, what follows. */
export class DecisionStatus extends StatusTracker<ProcessStatus<DecisionStage>> {
  constructor(
    boardId: string,
    private readonly title: string,
  ) {
    super({ process: 'decision', boardId, stage: 'classified', waitingFor: '', steps: [] }, 'every-time');
  }

  /**
   * Moves to a stage: what it waits for, the next deadline (ISO instant), what happens next, and search
   * attributes to set with the stage's own.
   */
  enter(
    stage: DecisionStage,
    waitingFor: string,
    options: { deadline?: string; next?: string; attributes?: SearchAttributeUpdatePair[] } = {},
  ): void {
    const { deadline: nextDeadline, next, attributes: extra = [] } = options;
    this.status.stage = stage;
    this.status.waitingFor = waitingFor;
    this.status.nextDeadline = nextDeadline;
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: waitingFor.slice(0, 200) },
        { key: SA.nextDeadline, value: nextDeadline ? new Date(nextDeadline) : null },
        ...extra,
      ] as SearchAttributeUpdatePair[],
      [
        `**${markdownText(this.title)}**`,
        `| | |`,
        `| --- | --- |`,
        `| Stage | ${stage} |`,
        `| Waiting for | ${markdownText(displayDatesIn(waitingFor))} |`,
        nextDeadline ? `| Next deadline | ${displayDeadline(nextDeadline)} |` : '',
        next ? `| What happens next | ${markdownText(displayDatesIn(next))} |` : '',
        `| Steps so far | ${this.status.steps.length} |`,
      ],
    );
  }

  /** Sets search attributes and stays in the stage, waiting for the same. */
  annotate(attributes: SearchAttributeUpdatePair[]): void {
    this.enter(this.status.stage, this.status.waitingFor, { deadline: this.status.nextDeadline, attributes });
  }
}
