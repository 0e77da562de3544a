import { patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  consultationInputSchema,
  consultationStatusQuery,
  type ConsultationInput,
  type ConsultationInputParsed,
} from '../../definitions';
import type { Recipient } from '../../activities/contract';
import { londonCivilDate } from '../../governance/civil-date';
import { closingDay, reminderDays, type ReportedTo } from '../../governance/consultation';
import { Authority } from '../kit/refusals';
import { Effects } from '../kit/effects';
import { parseWorkflowInput } from '../kit/input';
import { WorkingCalendar } from '../kit/working-calendar';
import { CONSULTATION_DEADLINES, ConsultationDeadlines } from './deadlines';
import { ConsultationState } from './state';
import { ConsultationStatus } from './status';

/** What every stage of a consultation works with: what it is about, what it has gathered, the process's means. */
export interface ConsultationContext {
  input: ConsultationInputParsed;
  state: ConsultationState;
  tracker: ConsultationStatus;
  effects: Effects;
  authority: Authority;
  /** The region's working days, with the holiday news heard since it opened. */
  calendar: WorkingCalendar;
  /**
   * The report's, the answers' and the reminders' deadlines; absent in a consultation started before they
   * were kept (it waits as it always did).
   */
  deadlines?: ConsultationDeadlines;
  /** The days reminders go out, earliest first (as the consultation opened). */
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
  const calendar = new WorkingCalendar(input.region, input.holidayAdjustments);
  const deadlines = patched(CONSULTATION_DEADLINES) ? new ConsultationDeadlines(calendar) : undefined;
  const opensOn = londonCivilDate(Date.now());
  const closesOn = closingDay(opensOn, input.periodWeeks, calendar.current);
  const state = new ConsultationState(opensOn, closesOn);
  const reminders = reminderDays(opensOn, closesOn, input.reminderDaysBefore, calendar.current);
  const title = `Public consultation ${input.ref} of ${input.boardId}: ${input.subject}`;
  const tracker = new ConsultationStatus({ input, title, state, reminders, deadlines });
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
    calendar,
    ...(deadlines ? { deadlines } : {}),
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
