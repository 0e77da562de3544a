/**
 * Deferral and escalation (P4) and the establishment deadline (P1). Review dates (P2): review-schedule.ts.
 * Pure and deterministic.
 */
import { type CivilDate, addDays, addMonths, compareCivilDates } from './civil-date';
import type { HolidayCalendar } from './bank-holidays';
import { addWorkingDays } from './working-days';

export const ESCALATION_STEPS = ['joint-committee', 'chief-executives', 'parent-bodies'] as const;
export type EscalationStepName = (typeof ESCALATION_STEPS)[number];

export interface EscalationStep {
  step: EscalationStepName;
  /** Working days this step has to resolve the matter before the next step starts. */
  deadlineWorkingDays: number;
  /** Explicit recipients (emails); empty means "derive from the standing orders" (see standing-orders). */
  recipients: string[];
}

export interface DeferralDecision {
  deferrals: number;
  limit: number;
  action: 'defer' | 'escalate';
  reason: string;
}

/**
 * After a meeting without consensus: defer again, or escalate once the deferral limit is reached
 * (or a deadline has passed). `deferrals` counts deferrals including the one just made.
 */
export function deferralDecision(deferrals: number, limit: number, deadlinePassed = false): DeferralDecision {
  if (deadlinePassed) {
    return { deferrals, limit, action: 'escalate', reason: 'a deadline has passed: the item escalates' };
  }
  if (deferrals >= limit) {
    return {
      deferrals,
      limit,
      action: 'escalate',
      reason: `deferred ${deferrals} time(s), the limit is ${limit}: the item escalates`,
    };
  }
  return {
    deferrals,
    limit,
    action: 'defer',
    reason: `deferred ${deferrals} time(s) of ${limit}: the Chair and partner leads discuss and the item returns to a later meeting`,
  };
}

export interface ScheduledEscalationStep extends EscalationStep {
  index: number;
  startsOn: CivilDate;
  /** The step must resolve the matter by this working day, or the next step starts. */
  deadline: CivilDate;
}

/** The escalation ladder laid out from `startsOn`: each step starts when the previous one's deadline passes. */
export function escalationSchedule(
  startsOn: CivilDate,
  steps: readonly EscalationStep[],
  calendar: HolidayCalendar,
): ScheduledEscalationStep[] {
  const out: ScheduledEscalationStep[] = [];
  let start = startsOn;
  steps.forEach((s, index) => {
    const deadline = addWorkingDays(start, s.deadlineWorkingDays, calendar);
    out.push({ ...s, recipients: [...s.recipients], index, startsOn: start, deadline });
    start = addDays(deadline, 1);
  });
  return out;
}

/** The date by which both parent bodies must approve a proposed board before it escalates (P1). */
export function establishmentApprovalDeadline(proposedOn: CivilDate, months: number): CivilDate {
  return addMonths(proposedOn, months);
}

/** The next meeting strictly after `date`, from a list of meeting dates. */
export function nextMeetingAfter(meetings: readonly CivilDate[], date: CivilDate): CivilDate | undefined {
  return [...meetings].sort(compareCivilDates).find((m) => compareCivilDates(m, date) > 0);
}
