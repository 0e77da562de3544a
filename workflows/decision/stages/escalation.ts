import type { HolidayCalendar } from '../../../governance/bank-holidays';
import { endOfLondonDay } from '../../../governance/deadlines';
import { escalationSchedule } from '../../../governance/schedule';
import { escalationStepRecipients } from '../../kit/recipients';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';

export type Escalation = { kind: 'resolved'; by: string } | { kind: 'unresolved' };

/** P4: the escalation ladder, a step at a time until one agrees a resolution. */
export async function escalate(
  context: DecisionContext,
  state: DecisionState,
  reason: string,
): Promise<Escalation> {
  const { so, tracker, effects, waits, calendar } = context;
  const deferrals = state.deferrals;
  const startedOn = context.today();
  const stepsUnder = (c: HolidayCalendar) => escalationSchedule(startedOn, so.escalation.steps, c);
  for (let i = 0; i < so.escalation.steps.length; i++) {
    // Each step's day as the calendar stands when the step begins: holiday news may have moved it.
    const step = stepsUnder(calendar.current)[i]!;
    state.escalateTo(step.step);
    await effects.record(
      'escalated',
      { step: step.step, deadline: step.deadline, reason, deferrals },
      { per: [step.step] },
    );
    const recipients = escalationStepRecipients(so, step.step);
    await effects.notify('escalated', {
      to: recipients,
      action: `Resolve the disagreement on this item by ${step.deadline}, or it goes to the next step.`,
      deadline: step.deadline,
      per: [step.step],
      facts: { step: step.step },
    });
    tracker.step('escalated', `to ${step.step} until ${step.deadline}`);
    const answered = await waits.forOrDeadline(
      () => state.escalationAnswer !== undefined,
      waits.deadline({
        what: `the ${step.step} step`,
        from: (c) => endOfLondonDay(stepsUnder(c)[i]!.deadline),
        summary: (d) => `Escalation: the ${step.step} step to resolve it by ${d.on}`,
        show: (d) =>
          tracker.enter('escalated', `the ${step.step} step to resolve it by ${d.on}`, {
            deadline: d.at,
            next: 'agreed: the decision is published; not agreed or no answer: the next step',
          }),
        tellMoved: (was, to) =>
          effects.notify('deadline-moved', {
            to: recipients,
            action: `A bank holiday announced since moves the day to resolve the disagreement by from ${was.on} to ${to.on}.`,
            deadline: to.on,
            per: ['escalated', step.step, to.on],
          }),
      }),
    );
    const answer = state.escalationAnswer;
    if (answered && answer?.outcome === 'agreed') {
      await effects.record(
        'escalation-resolved',
        { step: step.step, resolution: answer.resolution, by: answer.by },
        { per: [step.step] },
      );
      return { kind: 'resolved', by: step.step };
    }
  }
  return { kind: 'unresolved' };
}
