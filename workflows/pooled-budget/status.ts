import { SA, type PooledBudgetStage, type PooledBudgetStatus } from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { formatGbp } from '../../governance/money';
import { StatusTracker } from '../kit/tracker';
import type { ContributionsAgreement } from './contributions';
import type { PooledBudgetState } from './state';

/** The year's readable state: each scheme's budget, reserved, committed and headroom, and what comes next. */
export class PooledBudgetStatusTracker extends StatusTracker<PooledBudgetStatus> {
  /** What the year's own timer waits for, without the agreement. */
  private waitingForTimer = '';

  constructor(
    boardId: string,
    financialYear: string,
    private readonly title: string,
    private readonly state: PooledBudgetState,
    private readonly agreement?: ContributionsAgreement,
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
        ...(agreement ? { contributionsAgreement: agreement.status } : {}),
      },
      'when-changed',
    );
  }

  /** Shows the schemes again, in the same stage: after a reservation, release, commitment or variation. */
  refresh(): void {
    const { stage, nextDeadline } = this.status;
    this.show(stage, this.waitingForTimer, nextDeadline === undefined ? undefined : Date.parse(nextDeadline));
  }

  /**
   * Shows the stage, the next report's instant and the schemes as they now stand; while the parent bodies
   * have not agreed the year's contributions, that it runs on last year's and who is awaited.
   */
  show(stage: PooledBudgetStage, waitingFor: string, nextAt?: number): void {
    const { status } = this;
    const awaited = this.awaited();
    status.stage = stage;
    this.waitingForTimer = waitingFor;
    status.waitingFor = awaited
      ? `${waitingFor}; both parent bodies’ agreement of this year’s contributions (awaiting ${awaited.awaiting.join(', ')}, chased if not agreed by ${awaited.dueOn})`
      : waitingFor;
    status.nextDeadline = nextAt === undefined ? undefined : new Date(nextAt).toISOString();
    status.schemes = this.state.allFigures();
    this.publish(
      [
        { key: SA.stage, value: stage },
        {
          key: SA.waitingFor,
          value: awaited ? awaited.awaiting.join(',') : stage === 'open' ? 'timer' : 'none',
        },
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
        `- Waiting for: ${markdownText(displayDatesIn(status.waitingFor))}`,
        this.contributionsLine(),
        nextAt === undefined ? '' : `- Next: ${displayDeadline(new Date(nextAt).toISOString())}`,
      ],
    );
  }

  /** The agreement, while the year still runs on last year's contributions. */
  private awaited() {
    const status = this.agreement?.status;
    return status?.state === 'provisional' ? status : undefined;
  }

  private contributionsLine(): string {
    const status = this.agreement?.status;
    if (!status) return '';
    if (status.state === 'agreed')
      return `- Contributions: agreed by both parent bodies (${markdownText(status.agreed.map((a) => `${a.body}: ${a.reference}`).join('; '))})`;
    const chased =
      status.chasedOn.length > 0
        ? `, chased on ${status.chasedOn.map((d) => displayDatesIn(d)).join(', ')}`
        : '';
    return `- Contributions: last year’s until both parent bodies agree; awaiting ${status.awaiting.join(', ')} (due ${displayDatesIn(status.dueOn)}${chased})`;
  }
}
