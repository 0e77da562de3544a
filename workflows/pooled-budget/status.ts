import { SA, type PooledBudgetStage, type PooledBudgetStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { formatGbp } from '../../governance/money';
import { StatusTracker } from '../kit/tracker';
import type { PooledBudgetState } from './state';

/** The year's readable state: each scheme's budget, reserved, committed and headroom, and what comes next. */
export class PooledBudgetStatusTracker extends StatusTracker<PooledBudgetStatus> {
  constructor(
    boardId: string,
    financialYear: string,
    private readonly title: string,
    private readonly state: PooledBudgetState,
  ) {
    super(
      {
        process: 'pooled-budget',
        boardId,
        stage: 'open',
        waitingFor: '',
        steps: [],
        financialYear,
        schemes: state.allFigures(),
      },
      'when-changed',
    );
  }

  /** Shows the schemes again, in the same stage: after a reservation, release, commitment or variation. */
  refresh(): void {
    const { stage, waitingFor, nextDeadline } = this.status;
    this.show(stage, waitingFor, nextDeadline === undefined ? undefined : Date.parse(nextDeadline));
  }

  /** Shows the stage, the next report's instant and the schemes as they now stand. */
  show(stage: PooledBudgetStage, waitingFor: string, nextAt?: number): void {
    const { status } = this;
    status.stage = stage;
    status.waitingFor = waitingFor;
    status.nextDeadline = nextAt === undefined ? undefined : new Date(nextAt).toISOString();
    status.schemes = this.state.allFigures();
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: stage === 'open' ? 'timer' : 'none' },
        { key: SA.nextDeadline, value: nextAt === undefined ? null : new Date(nextAt) },
      ],
      [
        `**${markdownText(this.title)}**`,
        '| Scheme | Budget | Reserved | Committed | Headroom |',
        '| --- | --- | --- | --- | --- |',
        ...status.schemes.map(
          (s) =>
            `| ${markdownText(s.name)} | ${formatGbp(s.budgetGbp)} | ${formatGbp(s.reservedGbp)} | ${formatGbp(s.committedGbp)} | ${formatGbp(s.headroomGbp)} |`,
        ),
        `- Stage: ${stage}`,
        `- Waiting for: ${markdownText(displayDatesIn(waitingFor))}`,
        nextAt === undefined ? '' : `- Next: ${displayDeadline(new Date(nextAt).toISOString())}`,
      ],
    );
  }
}
