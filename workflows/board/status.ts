import { SA, type BoardStage, type BoardStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDate, displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { StatusTracker } from '../kit/tracker';
import { KINDS, type BoardState } from './state';

/** The stage the board is in and what it waits for; `waitingKey` is the search attribute's short form. */
export interface Waiting {
  stage: BoardStage;
  waitingFor: string;
  waitingKey: string;
  deadlineMs?: number;
  next: string;
}

/**
 * The board's readable state: the `status` query's answer, the search attributes (upserted only when
 * they change) and the Web UI's current details, all rendered from the state by `show()`.
 */
export class BoardTracker extends StatusTracker<BoardStatus> {
  current: Waiting = { stage: 'proposed', waitingFor: '', waitingKey: 'none', next: '' };

  constructor(
    private readonly state: BoardState,
    private readonly boardId: string,
    private readonly boardName: string,
  ) {
    super(
      {
        process: 'board',
        boardId,
        stage: 'proposed',
        waitingFor: '',
        steps: [],
        cycle: state.cycle,
        escalated: false,
      },
      'when-changed',
    );
  }

  enter(
    stage: BoardStage,
    waitingFor: string,
    waitingKey: string,
    deadlineMs: number | undefined,
    next: string,
  ) {
    this.current = { stage, waitingFor, waitingKey, deadlineMs, next };
    this.show();
  }

  /** Renders the state into the status, the search attributes and the Web UI's current details. */
  show(): void {
    const { stage, waitingFor, waitingKey, deadlineMs } = this.current;
    const { status, state } = this;
    const { draft, approved, review, escalation } = state;
    status.stage = stage;
    status.cycle = state.cycle;
    status.waitingFor = waitingFor;
    status.nextDeadline = deadlineMs === undefined ? undefined : new Date(deadlineMs).toISOString();
    status.establishedOn = state.establishedOn;
    status.termsOfReference = approved ? { ...approved } : undefined;
    status.draft =
      draft.phase === 'closed' && approved?.version === draft.version ? undefined : state.draftView();
    status.escalated = escalation?.done ?? false;
    status.review =
      review.cycle === 0
        ? undefined
        : {
            cycle: review.cycle,
            due: review.due,
            startsOn: review.startsOn,
            selfAssessmentDeadline: review.selfAssessmentDeadline,
            received: [...review.assessments.keys()],
            outstanding: state.outstandingMembers(),
            outcomes: state.outcomesView(),
          };
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: waitingKey },
        { key: SA.nextDeadline, value: deadlineMs === undefined ? null : new Date(deadlineMs) },
        { key: SA.partnerOutcome, value: this.partnerOutcome() },
      ],
      this.details(),
    );
  }

  private partnerOutcome(): string | null {
    const { state } = this;
    if (state.draft.phase === 'awaiting-approval')
      return KINDS.map((k) => `${k}:${state.draftView().decisions[k]}`).join(',');
    if (state.review.phase === 'outcome')
      return KINDS.map((k) => `${k}:${state.outcomesView()[k]}`).join(',');
    return null;
  }

  private details(): string[] {
    const { stage, waitingFor, deadlineMs, next } = this.current;
    const { state } = this;
    const { draft, approved, review, escalation } = state;
    const lines = [
      `**${markdownText(this.boardName)}** (\`${this.boardId}\`) — ${state.cycle === 0 ? 'establishment' : `review cycle ${state.cycle}`}`,
      `- Stage: **${stage}**`,
      `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
    ];
    if (deadlineMs !== undefined) lines.push(`- Deadline: ${displayDeadline(deadlineMs)}`);
    if (escalation?.done)
      lines.push(
        `- Escalated to both chief executives: ${escalation.what} was due by ${displayDate(escalation.on)}`,
      );
    if (state.establishedOn) lines.push(`- Established: ${displayDate(state.establishedOn)}`);
    if (approved)
      lines.push(
        `- Terms of Reference in force: version ${approved.version}, SHA-256 \`${approved.contentHash.slice(0, 12)}…\``,
      );
    if (draft.phase !== 'closed') {
      const v = state.draftView();
      lines.push(
        `- Terms of Reference version ${v.version} (\`${v.contentHash.slice(0, 12)}…\`): council ${v.decisions.council}, NHS ${v.decisions.nhs}`,
      );
    }
    if (review.phase === 'self-assessment') {
      lines.push(
        `- Self-assessments: ${review.assessments.size} of ${state.so.members.length} received, due by ${review.selfAssessmentDeadline ? displayDate(review.selfAssessmentDeadline) : '-'}`,
      );
    }
    if (review.phase === 'outcome')
      lines.push(
        `- Review response: council ${state.outcomesView().council}, NHS ${state.outcomesView().nhs}`,
      );
    if (next) lines.push(`- Next: ${markdownText(displayDatesIn(next))}`);
    return lines;
  }
}
