import {
  SA,
  type PartnershipRecommendationOutcome,
  type PartnershipRecommendationStage,
  type PartnershipRecommendationStatus,
} from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { londonInstant } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { StatusTracker } from '../kit/tracker';

/**
 * The recommendation's readable state: the status query's answer, the search attributes (no text of the
 * recommendation: only the JCB, the stage, what it waits for and the meeting) and the Web UI's details.
 */
export class PartnershipRecommendationStatusTracker extends StatusTracker<PartnershipRecommendationStatus> {
  constructor(
    boardId: string,
    partnershipBoard: string,
    private readonly title: string,
  ) {
    super(
      {
        process: 'partnership-recommendation',
        boardId,
        partnershipBoard,
        stage: 'received',
        waitingFor: 'a JCB meeting to be chosen',
        steps: [],
      },
      'when-changed',
    );
  }

  /** Shows where it stands: the stage, what it waits for, and the meeting and item once it has them. */
  show(
    stage: PartnershipRecommendationStage,
    waitingFor: { words: string; short: string },
    at?: { meetingDate: string; decisionId: string },
    outcome?: PartnershipRecommendationOutcome,
  ): void {
    const { status } = this;
    status.stage = stage;
    status.waitingFor = waitingFor.words;
    if (at) Object.assign(status, at);
    if (outcome) status.outcome = outcome;
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: waitingFor.short },
        ...(at ? [{ key: SA.meetingDate, value: new Date(londonInstant(at.meetingDate, '10:00')) }] : []),
      ],
      [
        `**${markdownText(this.title)}**`,
        `- Stage: ${stage}`,
        `- From: ${markdownText(status.partnershipBoard)}`,
        status.meetingDate ? `- JCB meeting: ${displayDate(status.meetingDate)}` : '',
        status.decisionId ? `- JCB item: \`${status.decisionId}\`` : '',
        status.outcome ? `- Outcome: ${status.outcome}` : '',
        `- Waiting for: ${markdownText(waitingFor.words)}`,
      ],
    );
  }
}
