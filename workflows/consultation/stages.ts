import { condition } from '@temporalio/workflow';
import { SA, type ConsultationResult } from '../../definitions';
import { londonCivilDate, londonInstant } from '../../governance/civil-date';
import {
  REPORTED_TO,
  answerDeadline,
  closingDeadline,
  reminderDay,
  reminderDeadline,
  reminderSchedule,
  reportDeadline,
  type ConsultationOutcome,
  type ReportedTo,
} from '../../governance/consultation';
import { requireRegistered } from '../kit/proxies';
import { whenMoved } from '../kit/waits';
import { answerOwedBy, chaseAnswer, chaseReport, tellMoved } from './chasing';
import type { ConsultationDeadlines, DeadlineEvents } from './deadlines';
import type { ConsultationContext } from './context';

/** Writes down the responses and answers taken by Updates since the last time, in the order taken. */
async function recordTaken({ input, state, effects }: ConsultationContext): Promise<void> {
  for (let next = state.nextUnrecordedResponses(); next; next = state.nextUnrecordedResponses()) {
    const [n, batch] = next;
    await effects.record(
      'consultation-responses',
      { count: batch.count, themes: batch.themes, by: batch.by },
      { per: [n], at: batch.at, summary: `Record ${batch.count} responses` },
    );
  }
  for (let next = state.nextUnrecordedAnswer(); next; next = state.nextUnrecordedAnswer()) {
    const [body, a] = next;
    await effects.record(
      'consultation-body-answer',
      { body, name: input.bodies[body].name, answer: a.answer, resolution: a.resolution, by: a.by },
      { per: [body], at: a.at, summary: `Record ${input.bodies[body].name}: ${a.answer}` },
    );
  }
}

/**
 * Records what Updates bring until `done()` holds, or until `instant` if given (false when the instant came
 * first); `summary` labels the timer. Where the consultation keeps deadlines it also wakes for the next one
 * and for holiday news, and settles them (moved, met, passed) each time it wakes.
 */
async function recordUntil(
  context: ConsultationContext,
  done: () => boolean,
  until?: { instant: string; summary: string },
): Promise<boolean> {
  const { state, calendar, deadlines } = context;
  for (;;) {
    await recordTaken(context);
    await deadlines?.settle(deadlineEvents(context));
    if (done()) return true;
    const seen = state.changes;
    const heard = calendar.version;
    const woken = () => done() || state.changes !== seen || calendar.version !== heard;
    const next = deadlines?.next();
    const wake =
      next && (!until || Date.parse(next.current.at) < Date.parse(until.instant))
        ? { instant: next.current.at, summary: next.summary(next.current) }
        : until;
    if (!wake) await condition(woken);
    else {
      const ms = Date.parse(wake.instant) - Date.now();
      if (ms <= 0 || !(await condition(woken, ms, { summary: wake.summary }))) {
        if (wake !== until) continue;
        await recordTaken(context);
        return done();
      }
    }
  }
}

/** What settling the deadlines does: a move is a step, is shown, and is told to whoever had the old day. */
function deadlineEvents({ tracker, state }: ConsultationContext): DeadlineEvents {
  return {
    moved: (d, from, to) =>
      whenMoved(d.what, {
        step: (kind, detail) => tracker.step(kind, detail),
        show: () => tracker.show(state.phase),
        ...(d.tell ? { tell: d.tell } : {}),
      })(from, to),
    changed: () => tracker.show(state.phase),
  };
}

/** Opens the consultation: on the register's public side (the public page) and to the officers who run it. */
export async function open(context: ConsultationContext): Promise<void> {
  const { input, state, tracker, effects, officers, clerkOf } = context;
  // The Cabinet and NHS board the outcome goes to must be the board's registered parent bodies and clerks.
  await requireRegistered({
    boardId: input.boardId,
    parentBodies: REPORTED_TO.flatMap((body) => {
      const b = input.bodies[body];
      return b.partner ? [{ partner: b.partner, body: b.name, clerkEmail: b.clerk.email }] : [];
    }),
  });
  tracker.label([
    { key: SA.board, value: input.boardId },
    { key: SA.process, value: 'consultation' },
  ]);
  tracker.show('open');
  await effects.record(
    'public-consultation-opened',
    {
      subject: input.subject,
      affected: input.affected,
      methods: input.methods,
      howToRespond: input.howToRespond,
      opensOn: state.opensOn,
      closesOn: state.closesOn,
      closesAt: closingDeadline(state.closesOn).at,
      reportedTo: REPORTED_TO.map((body) => input.bodies[body].name),
    },
    { summary: 'Publish the public consultation' },
  );
  await effects.notify('consultation-opened', {
    to: [...officers, ...REPORTED_TO.map(clerkOf)],
    action: `Consult those affected (${input.methods.join('; ')}) and record the responses (count and themes) as they come, until the consultation closes.`,
    deadline: state.closesOn,
    facts: { subject: input.subject, opensOn: state.opensOn, closesOn: state.closesOn },
    summary: 'Tell the officers and the three bodies it is open',
  });
  tracker.step('opened', `open from ${state.opensOn} to the end of ${state.closesOn}`);
}

/** Sends the reminder of `day` to the officers. */
async function remind(context: ConsultationContext, day: string): Promise<void> {
  const { state, tracker, effects, officers } = context;
  await effects.notify('consultation-reminder', {
    per: [day],
    to: officers,
    action: `Remind those affected that the consultation closes at the end of ${state.closesOn}; ${state.tally().count} responses are recorded so far.`,
    deadline: state.closesOn,
    facts: { closesOn: state.closesOn, responses: state.tally().count },
    summary: `Reminder: it closes on ${state.closesOn}`,
  });
  tracker.step('reminder', `sent on ${day}`);
  tracker.show('open');
}

/**
 * The outcome report's deadline, kept from the opening so the status shows it; the officers are given the
 * day when it closes, and told of a move only from then.
 */
function reportDeadlineOf(context: ConsultationContext): Parameters<ConsultationDeadlines['add']>[0] {
  const { input, state, officers } = context;
  return {
    for: 'outcome-report',
    what: 'outcome report',
    under: (c) => reportDeadline(state.closesOn, input.reportWorkingDays, c),
    summary: (d) => `Outcome report due by the end of ${d.on}`,
    met: () => state.report !== undefined,
    passed: (d) => chaseReport(context, d),
    tell: async (from, to) => {
      if (state.phase !== 'open')
        await tellMoved(context, officers, { key: 'outcome-report', words: 'outcome report' }, from, to);
    },
  };
}

/** Reminders on their days, responses recorded as they come, until the consultation closes by itself. */
export async function remindUntilClose(context: ConsultationContext): Promise<void> {
  const { input, state, calendar, deadlines, reminders } = context;
  if (deadlines) {
    // Each reminder keeps to its working day as holiday news changes them; the published close does not move.
    for (const r of reminderSchedule(
      state.opensOn,
      state.closesOn,
      input.reminderDaysBefore,
      calendar.current,
    ))
      deadlines.add({
        for: 'reminder',
        what: `reminder ${r.daysBefore} days before the close`,
        under: (c) => reminderDeadline(reminderDay(state.closesOn, r.daysBefore, c)),
        summary: (d) => `Reminder on ${d.on}`,
        met: () => false,
        passed: (d) => remind(context, d.on),
      });
    deadlines.add(reportDeadlineOf(context));
    context.tracker.show('open');
  } else {
    for (const day of reminders) {
      await recordUntil(context, () => false, {
        instant: londonInstant(day, '09:00'),
        summary: `Reminder on ${day}`,
      });
      await remind(context, day);
    }
  }
  await recordUntil(context, () => false, {
    instant: closingDeadline(state.closesOn).at,
    summary: `Closes at the end of ${state.closesOn}`,
  });
  deadlines?.dropReminders();
}

/** The consultation closes by itself at the end of its closing day; the officers are asked for the outcome report. */
export async function close(context: ConsultationContext): Promise<void> {
  const { state, tracker, effects, officers, deadlines } = context;
  state.close();
  const reportDue = deadlines?.shown().find((d) => d.for === 'outcome-report')?.on;
  const tally = state.tally();
  tracker.step('closed', `closed at the end of ${state.closesOn} with ${tally.count} responses`);
  tracker.show('closed');
  await effects.record(
    'public-consultation-closed',
    { closesOn: state.closesOn, responses: tally.count, themes: tally.themes },
    { summary: 'Record that the consultation closed' },
  );
  await effects.notify('consultation-closed', {
    to: officers,
    action:
      'Write the outcome report on the responses and record it (govflow consultation report): it goes to the Partnership Board, Cabinet and the NHS board.',
    ...(reportDue ? { deadline: reportDue } : {}),
    facts: { closesOn: state.closesOn, responses: tally.count },
    summary: 'Ask the officers for the outcome report',
  });
}

/** Waits for the outcome report (late-counted responses still recorded), then reports it to the three bodies. */
export async function reportToBodies(context: ConsultationContext): Promise<void> {
  const { input, state, tracker, effects, clerkOf, deadlines } = context;
  await recordUntil(context, () => state.report !== undefined);
  const report = state.report!;
  const tally = state.tally();
  state.reported();
  const reportedOn = londonCivilDate(Date.parse(report.at));
  for (const body of REPORTED_TO) {
    const { name, answerBy } = input.bodies[body];
    deadlines?.add({
      for: body,
      what: `answer of ${name}`,
      under: (c) => answerDeadline(answerBy, reportedOn, c),
      summary: (d) => `${name} answers by the end of ${d.on}`,
      met: () => state.answerOf(body) !== undefined,
      passed: (d) => chaseAnswer(context, body, d),
      tell: (from, to) =>
        tellMoved(context, answerOwedBy(context, body), { key: body, words: `answer of ${name}` }, from, to),
    });
  }
  const answerDue = (body: ReportedTo) => deadlines?.shown().find((d) => d.for === body)?.on;
  await effects.record(
    'consultation-outcome-report',
    { summary: report.summary, by: report.by, responses: tally.count, themes: tally.themes },
    { at: report.at, summary: 'Record the outcome report' },
  );
  await Promise.all(
    REPORTED_TO.map((body) =>
      effects.notify('consultation-outcome-for-body', {
        per: [body],
        to: [clerkOf(body)],
        action: `Put the outcome of the public consultation to ${input.bodies[body].name} and record whether it notes it or decides (agreed or not agreed to the change).`,
        ...(answerDue(body) ? { deadline: answerDue(body) } : {}),
        facts: { body: input.bodies[body].name, responses: tally.count, outcome: report.summary },
        summary: `Report the outcome to ${input.bodies[body].name}`,
      }),
    ),
  );
  tracker.step('reported', `outcome reported to ${REPORTED_TO.map((b) => input.bodies[b].name).join(', ')}`);
  tracker.show('reported');
}

/** Records each body's note or decision as it comes, until all three have answered. */
export async function awaitBodies(context: ConsultationContext): Promise<ConsultationOutcome> {
  const { state } = context;
  await recordUntil(context, () => state.outcome() !== undefined);
  return state.outcome()!;
}

/** Only now may the change the consultation was about be made (or it is not, if a body decided against it). */
export async function conclude(
  context: ConsultationContext,
  outcome: ConsultationOutcome,
): Promise<ConsultationResult> {
  const { input, state, tracker, effects, officers, clerkOf } = context;
  state.conclude(outcome);
  const result: ConsultationResult = {
    outcome,
    opensOn: state.opensOn,
    closesOn: state.closesOn,
    responses: state.tally(),
    bodies: state.bodies(),
  };
  tracker.step('concluded', outcome);
  tracker.show(outcome);
  await effects.record('public-consultation-concluded', { outcome, bodies: result.bodies });
  const notAgreed = REPORTED_TO.filter((b) => result.bodies[b] === 'not-agreed').map(
    (b) => input.bodies[b].name,
  );
  await effects.notify('consultation-concluded', {
    to: [...officers, ...REPORTED_TO.map(clerkOf)],
    action:
      outcome === 'change-may-be-made'
        ? 'The three bodies have noted or agreed the outcome: the change consulted on may now be made.'
        : `The change consulted on is not to be made: ${notAgreed.join(' and ')} did not agree to it.`,
    facts: { outcome, ...result.bodies },
    summary: `Tell everyone: ${outcome}`,
  });
  return result;
}
