import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { SA, type EffectivenessReviewStage, type ProcessStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDate, displayDateTime, displayDatesIn } from '../../governance/display-dates';
import type { ReviewClock } from './clock';

/**
 * The review clock's readable state: the status query's answer, the stage and whom it waits for as
 * search attributes (the members once it has started, otherwise its timer) and the current details.
 */
export class ReviewStatus {
  readonly status: ProcessStatus<EffectivenessReviewStage>;

  constructor(
    boardId: string,
    private readonly title: string,
    private readonly clock: ReviewClock,
  ) {
    this.status = {
      process: 'board-review',
      boardId,
      stage: 'awaiting-reminder',
      nextDeadline: clock.startsAt,
      waitingFor: '',
      steps: [],
    };
  }

  step(kind: string, detail: string): void {
    this.status.steps.push({ at: new Date().toISOString(), kind, detail });
  }

  enter(stage: EffectivenessReviewStage, waitingFor: string): void {
    this.status.stage = stage;
    this.status.waitingFor = waitingFor;
    upsertSearchAttributes([
      { key: SA.stage, value: stage },
      { key: SA.waitingFor, value: stage === 'review-started' ? 'members' : 'timer' },
    ]);
    const { schedule, startsAt } = this.clock;
    // Holiday news may have moved the start since the status was made.
    this.status.nextDeadline = startsAt;
    // Current details are no command (nothing in the history): dates are shown here as people read them.
    setCurrentDetails(
      [
        `**${markdownText(this.title)}**`,
        `- Stage: ${stage}`,
        `- Review due: ${displayDate(schedule.reviewDue)}; starts ${displayDateTime(startsAt)}`,
        `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
      ].join('\n'),
    );
  }
}
