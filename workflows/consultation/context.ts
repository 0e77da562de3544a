import { setHandler, workflowInfo } from '@temporalio/workflow';
import {
  consultationInputSchema,
  consultationStatusQuery,
  type ConsultationInput,
  type ConsultationInputParsed,
} from '../../definitions';
import type { Recipient } from '../../activities/contract';
import { holidayCalendar } from '../../governance/bank-holidays';
import { londonCivilDate } from '../../governance/civil-date';
import { closingDay, reminderDays, type ReportedTo } from '../../governance/consultation';
import { Authority } from '../kit/refusals';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { ConsultationState } from './state';
import { ConsultationStatus } from './status';

/** What every stage of a consultation works with: what it is about, what it has gathered, the process's means. */
export interface ConsultationContext {
  input: ConsultationInputParsed;
  state: ConsultationState;
  tracker: ConsultationStatus;
  effects: Effects;
  authority: Authority;
  /** The days reminders go out, earliest first. */
  reminders: string[];
  /** Democratic services and the commissioning officer, who run it. */
  officers: Recipient[];
  clerkOf: (body: ReportedTo) => Recipient;
}

/**
 * Reads the consultation and sets up its process. It opens on the London day it starts; the closing day and
 * the reminder days follow from the period and the region's bank holidays.
 */
export function openConsultation(raw: ConsultationInput): ConsultationContext {
  const input = parseWorkflowInput(consultationInputSchema, raw);
  const { workflowId } = workflowInfo();
  const calendar = holidayCalendar(input.region, input.holidayAdjustments);
  const opensOn = londonCivilDate(Date.now());
  const closesOn = closingDay(opensOn, input.periodWeeks, calendar);
  const state = new ConsultationState(opensOn, closesOn);
  const reminders = reminderDays(opensOn, closesOn, input.reminderDaysBefore, calendar);
  const title = `Public consultation ${input.ref} of ${input.boardId}: ${input.subject}`;
  const tracker = new ConsultationStatus({ input, title, state, reminders });
  setHandler(consultationStatusQuery, () => tracker.status);
  const effects = new Effects({
    workflowId,
    boardId: input.boardId,
    processTitle: title,
    entry: { ref: input.ref },
    facts: { ref: input.ref },
  });
  const { democraticServices, commissioning } = input.officers;
  return {
    input,
    state,
    tracker,
    effects,
    authority: new Authority({
      workflowId,
      boardId: input.boardId,
      step: (n) => effects.stepKey('refused', n),
    }),
    reminders,
    officers: [democraticServices, ...(commissioning ? [commissioning] : [])].map((o) => ({
      role: 'officer',
      name: o.name,
      email: o.email,
    })),
    clerkOf: (body) => {
      const b = input.bodies[body];
      return {
        role: body === 'partnership-board' ? 'officer' : 'parent-body-clerk',
        name: b.clerk.name,
        email: b.clerk.email,
        ...(b.partner ? { partner: b.partner } : {}),
      };
    },
  };
}
