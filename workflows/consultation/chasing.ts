import type { Recipient } from '../../activities/contract';
import type { ReportedTo } from '../../governance/consultation';
import type { Deadline } from '../kit/working-calendar';
import type { ConsultationContext } from './context';

/** Democratic services, who run the consultation and hear of every late answer. */
function democraticServices({ officers }: ConsultationContext): Recipient {
  return officers[0]!;
}

/** Who is told about a body's answer: its clerk, and democratic services. */
export function answerOwedBy(context: ConsultationContext, body: ReportedTo): Recipient[] {
  return [context.clerkOf(body), democraticServices(context)];
}

/**
 * The outcome report is late: the officers are chased and the register says so. The consultation goes on
 * waiting for it; a missing report never stands for one.
 */
export async function chaseReport(context: ConsultationContext, due: Deadline): Promise<void> {
  const { state, tracker, effects, officers } = context;
  tracker.step('overdue', `outcome report: due by the end of ${due.on}`);
  tracker.show(state.phase);
  await effects.record(
    'consultation-report-overdue',
    { dueOn: due.on, closesOn: state.closesOn, responses: state.tally().count },
    { summary: 'Record that the outcome report is overdue' },
  );
  await effects.notify('consultation-report-overdue', {
    to: officers,
    action: `Write the outcome report and record it (govflow consultation report): it was due by the end of ${due.on}, and the Partnership Board, Cabinet and the NHS board wait for it.`,
    deadline: due.on,
    facts: { closesOn: state.closesOn, dueOn: due.on, responses: state.tally().count },
    summary: 'Chase the outcome report',
  });
}

/**
 * A body has not noted the outcome or decided by its deadline: its clerk and democratic services are chased
 * and the register says so. The consultation goes on waiting for its answer; silence is never an answer.
 */
export async function chaseAnswer(
  context: ConsultationContext,
  body: ReportedTo,
  due: Deadline,
): Promise<void> {
  const { input, state, tracker, effects } = context;
  const { name } = input.bodies[body];
  tracker.step('overdue', `${name}: answer due by the end of ${due.on}`);
  tracker.show(state.phase);
  await effects.record(
    'consultation-answer-overdue',
    { body, name, dueOn: due.on },
    { per: [body], summary: `Record that ${name} is overdue` },
  );
  await effects.notify('consultation-answer-overdue', {
    per: [body],
    to: answerOwedBy(context, body),
    action: `Put the outcome of the public consultation to ${name} and record whether it notes it or decides (govflow consultation decide): its answer was due by the end of ${due.on}, and the change waits for it.`,
    deadline: due.on,
    facts: { body: name, dueOn: due.on },
    summary: `Chase ${name}`,
  });
}

/** Holiday news moved a day someone was given: they are told the new day. */
export async function tellMoved(
  context: ConsultationContext,
  to: Recipient[],
  what: { key: string; words: string },
  from: Deadline,
  moved: Deadline,
): Promise<void> {
  await context.effects.notify('deadline-moved', {
    per: [what.key, moved.on],
    to,
    action: `The ${what.words} was due by the end of ${from.on}; a bank holiday announced since moves it to the end of ${moved.on}.`,
    deadline: moved.on,
    facts: { deadline: what.words, from: from.on, to: moved.on },
    summary: `Tell them the ${what.words} moved to ${moved.on}`,
  });
}
