import { SA, type EffectivenessReviewStage, type ProcessStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDate, displayDateTime, displayDatesIn } from '../../governance/display-dates';
import { StatusTracker } from '../kit/tracker';
import type { ReviewClock } from './clock';

/**
 * The review clock's readable state: the status query's answer, the stage and whom it waits for as
 * search attributes (the members once it has started, otherwise its timer) and the current details.
 */
export class ReviewStatus extends StatusTracker<ProcessStatus<EffectivenessReviewStage>> {
  constructor(
    boardId: string,
    private readonly title: string,
    private readonly clock: ReviewClock,
  ) {
    super(
      {
        process: 'board-review',
        boardId,
        stage: 'awaiting-reminder',
        nextDeadline: clock.startsAt,
        waitingFor: '',
        steps: [],
      },
      'every-time',
    );
  }

  enter(stage: EffectivenessReviewStage, waitingFor: string): void {
    this.status.stage = stage;
    this.status.waitingFor = waitingFor;
    const { schedule, startsAt } = this.clock;
    // Holiday news may have moved the start since the status was made.
    this.status.nextDeadline = startsAt;
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: stage === 'review-started' ? 'members' : 'timer' },
      ],
      [
        `**${markdownText(this.title)}**`,
        `- Stage: ${stage}`,
        `- Review due: ${displayDate(schedule.reviewDue)}; starts ${displayDateTime(startsAt)}`,
        `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
      ],
    );
  }
}
