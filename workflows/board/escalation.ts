import { condition, patched } from '@temporalio/workflow';
import type { CivilDate } from '../../governance/civil-date';
import type { BoardContext } from './context';
import type { BoardState } from './state';

/**
 * From this patch on, a Terms of Reference draft sent to the parent bodies after its approval deadline has
 * passed (and was escalated) names no deadline; it used to ask for approval by that past day.
 */
export const NO_PAST_DEADLINE_IN_TOR_MAIL = 'no-past-deadline-in-tor-mail';

/** Waits until `done()`, escalating to both chief executives once if the running deadline passes first. */
export async function waitEscalating(context: BoardContext, state: BoardState, done: () => boolean) {
  while (!done()) {
    const e = state.escalation;
    if (!e || e.done) {
      await condition(done);
      continue;
    }
    const remaining = e.atMs - Date.now();
    if (remaining > 0) {
      await condition(done, remaining, {
        summary: `Deadline ${e.on}: ${e.what}, or escalate to the chief executives`,
      });
      continue;
    }
    await escalate(context, state);
  }
}

/** Something not done by its deadline goes to both chief executives; the board keeps waiting. */
async function escalate({ tracker, effects, recipients, today }: BoardContext, state: BoardState) {
  const e = state.escalation!;
  state.markEscalated();
  tracker.step('escalated', `${e.what} was not done by ${e.on}: escalated to both chief executives`);
  await effects.notify('escalated', {
    per: [e.topic],
    to: recipients.chiefExecutives(),
    action: `${e.what} was due by ${e.on} and has not happened. Please resolve it between the partners; the board keeps waiting.`,
    facts: { deadline: e.on, topic: e.topic, ...partnerFacts(state) },
    summary: `Escalate to both chief executives: ${e.topic}`,
  });
  await effects.record(
    'escalated',
    { topic: e.topic, deadline: e.on, what: e.what, ...partnerFacts(state) },
    { per: [e.topic], summary: `Record the escalation (${e.topic})` },
  );
  const { current } = tracker;
  if (current.stage === 'awaiting-tor-approval' || current.stage === 'awaiting-review-outcome') {
    tracker.enter(
      'escalated',
      current.waitingFor,
      current.waitingKey,
      undefined,
      `escalated to both chief executives on ${today()}; ${current.next}`,
    );
  } else {
    current.deadlineMs = undefined;
    tracker.show();
  }
}

/**
 * The day a draft going to the parent bodies must be approved by, for their mail: none once that day has
 * passed and the proposal was escalated (patched: such a mail used to ask for approval by the past day).
 */
export function approvalDeadline(state: BoardState): CivilDate | undefined {
  const { escalation } = state;
  if (!escalation) return undefined;
  if (escalation.done && patched(NO_PAST_DEADLINE_IN_TOR_MAIL)) return undefined;
  return escalation.on;
}

function partnerFacts(state: BoardState): Record<string, string> {
  if (state.review.phase === 'outcome') return { ...state.outcomesView() };
  const v = state.draftView();
  return { version: String(v.version), council: v.decisions.council, nhs: v.decisions.nhs };
}

/** Waits for the next accepted Update, escalating if the running deadline passes first. */
export function nextChange(context: BoardContext, state: BoardState): Promise<void> {
  const seen = state.changes;
  return waitEscalating(context, state, () => state.changes !== seen);
}
