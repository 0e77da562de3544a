import { SA, type ProcessStatus, type RecommendationResult } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { END_OF_DAY, displayDate } from '../../governance/display-dates';
import { StatusTracker } from '../kit/tracker';
import type { ParentBody, RecommendationInputParsed, RecommendationState } from './state';

export type RecommendationStage = 'sending' | 'awaiting-decisions' | RecommendationResult['outcome'];

/**
 * The recommendation's readable state: the status query's answer with each parent body's answer, the
 * search attributes (written only when they change: each upsert is an event in the history) and the
 * current details the Web UI shows, one parent body a line.
 */
export class RecommendationStatus extends StatusTracker<
  ProcessStatus<RecommendationStage> & { perPartner: RecommendationResult['perPartner'] }
> {
  constructor(
    private readonly of: {
      input: RecommendationInputParsed;
      title: string;
      state: RecommendationState;
      deadlineMs: (partner: string) => number;
    },
  ) {
    super(
      {
        process: 'recommendation',
        boardId: of.input.boardId,
        stage: 'sending',
        waitingFor: 'the recommendation to be sent to the parent bodies',
        steps: [],
        perPartner: of.state.perPartner(),
      },
      'when-changed',
    );
  }

  /** The parent bodies still to answer, while the recommendation is open. */
  private pending(): ParentBody[] {
    const { input, state } = this.of;
    if (state.concluded) return [];
    return input.parentBodies.filter((b) => !state.hasAnswered(b.partner) && !state.hasExpired(b.partner));
  }

  show(stage: RecommendationStage): void {
    const { state, deadlineMs } = this.of;
    this.status.stage = stage;
    this.status.perPartner = state.perPartner();
    const pending = this.pending();
    const next = pending.map((b) => deadlineMs(b.partner)).sort((a, b) => a - b)[0];
    this.status.nextDeadline = next === undefined ? undefined : new Date(next).toISOString();
    this.status.waitingFor = state.concluded
      ? 'nothing: the recommendation has concluded'
      : pending.map((b) => `${b.body} (meets ${b.meetingDate}, decides by ${b.deadline})`).join(' and ') ||
        'nothing';
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.partnerOutcome, value: state.partnerOutcome() },
        { key: SA.waitingFor, value: pending.map((b) => b.partner).join(',') || 'none' },
        { key: SA.nextDeadline, value: next === undefined ? null : new Date(next) },
      ],
      this.details(stage),
    );
  }

  private details(stage: RecommendationStage): string[] {
    const { input, title, state } = this.of;
    return [
      `**${markdownText(title)}**`,
      `- Stage: ${stage}`,
      ...input.parentBodies.map((b) => {
        const answer = state.answerOf(b.partner);
        const now = answer
          ? answer.outcome
          : state.hasExpired(b.partner)
            ? 'deadline passed without a decision'
            : 'awaiting decision';
        return `- ${markdownText(b.body)}: ${now} (meets ${displayDate(b.meetingDate)}; decides by ${displayDate(b.deadline)} ${END_OF_DAY})`;
      }),
      state.concluded
        ? `- Outcome: **${stage}**`
        : '- Next: approved if both approve; rejected if either rejects; amended if either asks for amendment; expired if a deadline passes first.',
    ];
  }
}
