import { setHandler, workflowInfo } from '@temporalio/workflow';
import type { Recipient } from '../../activities/contract';
import {
  boardInputSchema,
  boardStatusQuery,
  standingOrdersQuery,
  type BoardInput,
  type PartnerKind,
} from '../../definitions';
import { londonCivilDate, type CivilDate } from '../../governance/civil-date';
import { parseWorkflowInput } from '../kit/input';
import { Authority } from '../kit/refusals';
import { Effects } from '../kit/effects';
import { WorkingCalendar } from '../kit/working-calendar';
import { BoardState, KINDS } from './state';
import { BoardTracker } from './status';

/** What every stage of a board works with: its input, its state's readers, and the process's means. */
export interface BoardContext {
  input: ReturnType<typeof parseBoardInput>;
  workflowId: string;
  boardId: string;
  boardName: string;
  calendar: WorkingCalendar;
  tracker: BoardTracker;
  effects: Effects;
  authority: Authority;
  recipients: ReturnType<typeof recipientsOf>;
  today: () => CivilDate;
}

const parseBoardInput = (raw: BoardInput) => parseWorkflowInput(boardInputSchema, raw);

/** Reads the board's input and sets up its process: its state, queries, effects and authority. */
export function openBoard(raw: BoardInput): { context: BoardContext; state: BoardState } {
  const input = parseBoardInput(raw);
  const so = input.standingOrders;
  const boardId = so.board.id;
  const boardName = so.board.name;
  const { workflowId } = workflowInfo();
  const calendar = new WorkingCalendar(
    so.holidays.region,
    input.carried?.holidays ?? so.holidays.adjustments,
  );
  const today = () => londonCivilDate(Date.now());
  const state = new BoardState(
    so,
    input.carried,
    input.proposedOn ?? input.carried?.establishedOn ?? today(),
  );
  const tracker = new BoardTracker(state, boardId, boardName);
  setHandler(boardStatusQuery, () => tracker.status);
  setHandler(standingOrdersQuery, () => state.registered(boardId));
  const effects = new Effects({
    workflowId,
    boardId,
    processTitle: () =>
      state.cycle === 0 ? `Establishment of ${boardName}` : `${boardName}: review cycle ${state.cycle}`,
    prefix: () => state.stepPrefix,
    keepsRepeatedRecipients: true,
  });
  return {
    state,
    context: {
      input,
      workflowId,
      boardId,
      boardName,
      calendar,
      tracker,
      effects,
      authority: new Authority({ workflowId, boardId, step: (n) => effects.stepKey('refused', n) }),
      recipients: recipientsOf(state),
      today,
    },
  };
}

/** Who the board writes to, from the standing orders in force (an amendment changes them). */
function recipientsOf(state: BoardState) {
  const clerkOf = (kind: PartnerKind): Recipient => {
    const p = state.partnerOf(kind);
    return { role: 'parent-body-clerk', name: p.clerk.name, email: p.clerk.email, partner: p.id };
  };
  return {
    members: (): Recipient[] =>
      state.so.members.map((m) => ({
        role: m.id === state.so.chair ? 'chair' : 'member',
        name: m.name,
        email: m.email,
        partner: m.partner,
      })),
    clerks: (): Recipient[] => KINDS.map(clerkOf),
    clerk: (kind: PartnerKind): Recipient[] => [clerkOf(kind)],
    chiefExecutives: (): Recipient[] =>
      KINDS.map((kind) => {
        const p = state.partnerOf(kind);
        return {
          role: 'chief-executive',
          name: p.chiefExecutive.name,
          email: p.chiefExecutive.email,
          partner: p.id,
        };
      }),
    democraticServices: (): Recipient[] => [
      {
        role: 'officer',
        name: state.so.officers.democraticServices.name ?? 'Democratic Services',
        email: state.so.officers.democraticServices.email,
      },
    ],
  };
}
