import {
  SA,
  type ConsultationInputParsed,
  type ConsultationStage,
  type ConsultationStatus as Status,
} from '../../definitions';
import { markdownText } from '../../definitions/markdown';
import { END_OF_DAY, displayDate } from '../../governance/display-dates';
import { REPORTED_TO, closingDeadline, type ReportedTo } from '../../governance/consultation';
import { londonInstant } from '../../governance/civil-date';
import { StatusTracker } from '../kit/tracker';
import type { ConsultationDeadlines } from './deadlines';
import type { ConsultationState } from './state';

/**
 * The consultation's readable state: the status query's answer (responses so far, each body's answer), the
 * search attributes (written only when they change) and the Web UI's current details.
 */
export class ConsultationStatus extends StatusTracker<Status> {
  constructor(
    private readonly of: {
      input: ConsultationInputParsed;
      title: string;
      state: ConsultationState;
      reminders: string[];
      deadlines?: ConsultationDeadlines;
    },
  ) {
    super(
      {
        process: 'consultation',
        boardId: of.input.boardId,
        subject: of.input.subject,
        stage: 'open',
        opensOn: of.state.opensOn,
        closesOn: of.state.closesOn,
        waitingFor: 'the consultation to be published',
        steps: [],
        responses: of.state.tally(),
        bodies: of.state.bodies(),
      },
      'when-changed',
    );
  }

  /** What the process waits for now, and by when (ISO instant), in plain words. */
  private waiting(): { words: string; short: string; next?: string } {
    return this.of.deadlines ? this.waitingWithDeadlines(this.of.deadlines) : this.waitingAsBefore();
  }

  /** The process's wait where the report and the answers have deadlines: who is overdue is named. */
  private waitingWithDeadlines(deadlines: ConsultationDeadlines): {
    words: string;
    short: string;
    next?: string;
  } {
    const { input, state } = this.of;
    const overdue = new Set(deadlines.overdue());
    const shown = deadlines.shown();
    // Words as before until a deadline passes; then who is overdue, and since when.
    const late = (who: 'outcome-report' | ReportedTo, words: string) =>
      overdue.has(who)
        ? `${words} (overdue: due by the end of ${shown.find((d) => d.for === who)?.on})`
        : words;
    const short = (who: 'outcome-report' | ReportedTo) => (overdue.has(who) ? `${who} (overdue)` : who);
    switch (state.phase) {
      case 'open':
        return {
          words: `responses until the consultation closes at the end of ${state.closesOn}`,
          short: 'responses',
          // The next reminder, or the close (the report's deadline comes after it).
          next: [deadlines.next()?.current.at, closingDeadline(state.closesOn).at]
            .filter((at) => at !== undefined)
            .sort()[0],
        };
      case 'closed':
        return {
          words: late(
            'outcome-report',
            'the outcome report from democratic services or the commissioning officer',
          ),
          short: short('outcome-report'),
          next: deadlines.earliestOwed(),
        };
      case 'reported': {
        const awaiting = state.awaiting();
        return {
          words: `${awaiting.map((b) => late(b, input.bodies[b].name)).join(', ')} to note the outcome or decide`,
          short: awaiting.map(short).join(','),
          next: deadlines.earliestOwed(),
        };
      }
      default:
        return { words: 'nothing: the consultation has concluded', short: 'none' };
    }
  }

  private waitingAsBefore(): { words: string; short: string; next?: string } {
    const { input, state, reminders } = this.of;
    switch (state.phase) {
      case 'open': {
        const now = Date.now();
        const reminder = reminders.map((d) => londonInstant(d, '09:00')).find((at) => Date.parse(at) > now);
        return {
          words: `responses until the consultation closes at the end of ${state.closesOn}`,
          short: 'responses',
          next: reminder ?? closingDeadline(state.closesOn).at,
        };
      }
      case 'closed':
        return {
          words: `the outcome report from democratic services or the commissioning officer`,
          short: 'outcome-report',
        };
      case 'reported': {
        const awaiting = state.awaiting();
        return {
          words: `${awaiting.map((b) => input.bodies[b].name).join(', ')} to note the outcome or decide`,
          short: awaiting.join(','),
        };
      }
      default:
        return { words: 'nothing: the consultation has concluded', short: 'none' };
    }
  }

  show(stage: ConsultationStage): void {
    const { state } = this.of;
    const waiting = this.waiting();
    this.status.stage = stage;
    this.status.opensOn = state.opensOn;
    this.status.closesOn = state.closesOn;
    this.status.responses = state.tally();
    this.status.bodies = state.bodies();
    this.status.waitingFor = waiting.words;
    this.status.nextDeadline = waiting.next;
    if (this.of.deadlines) this.status.deadlines = this.of.deadlines.shown();
    this.publish(
      [
        { key: SA.stage, value: stage },
        { key: SA.waitingFor, value: waiting.short },
        { key: SA.nextDeadline, value: waiting.next ? new Date(waiting.next) : null },
      ],
      this.details(stage),
    );
  }

  private details(stage: ConsultationStage): string[] {
    const { input, title, state } = this.of;
    const tally = state.tally();
    return [
      `**${markdownText(title)}**`,
      `- Stage: ${stage}`,
      `- Open from ${displayDate(state.opensOn)} to ${displayDate(state.closesOn)} ${END_OF_DAY}`,
      `- Responses: ${tally.count}${tally.themes.length ? ` (themes: ${tally.themes.map(markdownText).join('; ')})` : ''}`,
      ...REPORTED_TO.map((body) => `- ${markdownText(input.bodies[body].name)}: ${state.bodies()[body]}`),
      ...(this.of.deadlines?.shown() ?? []).map(
        (d) => `- ${markdownText(d.what)}: by ${displayDate(d.on)} ${END_OF_DAY} (${d.state})`,
      ),
    ];
  }
}
