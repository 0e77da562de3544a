import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  SA,
  decisionInputSchema,
  decisionStatusQuery,
  type DecisionInput,
  type DecisionInputParsed,
} from '../../definitions';
import { londonCivilDate, type CivilDate } from '../../governance/civil-date';
import { classifyDecision, type Classification } from '../../governance/classification';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import { parseWorkflowInput } from '../kit/input';
import { Authority } from '../kit/refusals';
import { EFFECTS_TOGETHER, Effects } from '../kit/effects';
import { InterruptibleWaits } from '../kit/waits';
import { WorkingCalendar } from '../kit/working-calendar';
import { DecisionState, MeetingChanged, Withdrawn } from './state';
import { DecisionStatus } from './status';

/** What every stage of a decision works with: the item, its board's rules, and the process's means. */
export interface DecisionContext {
  input: DecisionInputParsed;
  so: StandingOrders;
  classification: Classification;
  exempt: boolean;
  /** The item's summary as mail and the register may show it: only the paragraph for an exempt item. */
  publicSummary: string;
  /** What the register says of an exempt item: its paragraph (null when it is not exempt). */
  exemptNote: { paragraph: number | null } | null;
  calendar: WorkingCalendar;
  tracker: DecisionStatus;
  effects: Effects;
  authority: Authority;
  waits: InterruptibleWaits;
  today: () => CivilDate;
}

/** Reads the item and sets up its process: status query, effects, waits a withdrawal interrupts. */
export function openDecision(raw: DecisionInput): { context: DecisionContext; state: DecisionState } {
  const input = parseWorkflowInput(decisionInputSchema, raw);
  const so = input.standingOrders;
  const { workflowId } = workflowInfo();
  const exempt = input.exemptParagraph !== null;
  const processTitle = `${input.title} (${so.board.name}, ${input.ref})`;
  const tracker = new DecisionStatus(so.board.id, processTitle);
  setHandler(decisionStatusQuery, () => tracker.status);
  const calendar = new WorkingCalendar(so.holidays.region, so.holidays.adjustments);
  const state = new DecisionState(input.meetingDate);
  const effects = new Effects({
    workflowId,
    boardId: so.board.id,
    processTitle,
    entry: { ref: input.ref, title: input.title },
    facts: { ref: input.ref },
  });
  if (patched(EFFECTS_TOGETHER)) effects.writeTogether();
  const context: DecisionContext = {
    input,
    so,
    classification: classifyDecision(
      {
        title: input.title,
        amountGbp: input.amountGbp,
        wardsAffected: input.wardsAffected,
        topic: input.topic,
        exemptParagraph: input.exemptParagraph,
      },
      so,
    ),
    exempt,
    publicSummary: exempt ? `Exempt under paragraph ${input.exemptParagraph} of Schedule 12A` : input.summary,
    exemptNote: exempt ? { paragraph: input.exemptParagraph } : null,
    calendar,
    tracker,
    effects,
    authority: new Authority({
      workflowId,
      boardId: so.board.id,
      step: (n) => effects.stepKey('refused', n),
    }),
    waits: new InterruptibleWaits(calendar, (kind, detail) => tracker.step(kind, detail), {
      happened: () => state.withdrawal !== undefined || state.meetingChange !== undefined,
      raise: () => {
        throw state.withdrawal ? new Withdrawn() : new MeetingChanged();
      },
    }),
    today: () => londonCivilDate(Date.now()),
  };
  return { context, state };
}

/** The search attributes a decision starts with, from its classification. */
export function classifiedAttributes({ so, classification, exempt, input }: DecisionContext) {
  return [
    { key: SA.board, value: so.board.id },
    { key: SA.process, value: 'decision' as const },
    { key: SA.route, value: classification.route },
    { key: SA.keyDecision, value: classification.keyDecision },
    { key: SA.exempt, value: exempt },
    { key: SA.deferrals, value: 0 },
    ...(input.amountGbp !== undefined ? [{ key: SA.amount, value: input.amountGbp }] : []),
  ];
}
