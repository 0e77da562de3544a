import { condition } from '@temporalio/workflow';
import type { RecommendationResult } from '../../definitions';
import { londonCivilDate, londonInstant } from '../../governance/civil-date';
import { SA } from '../../definitions';
import { requireRegistered } from '../kit/proxies';
import { clerk, type RecommendationContext } from './context';

/** The recommendation goes to each parent body's clerk, from the board's registered parent bodies only. */
export async function send(context: RecommendationContext): Promise<void> {
  const { input, tracker, effects } = context;
  // The parent bodies and clerks it goes to must be the board's registered ones (issue 19, item 1).
  await requireRegistered({
    boardId: input.boardId,
    parentBodies: input.parentBodies.map((b) => ({
      partner: b.partner,
      body: b.body,
      clerkEmail: b.clerk.email,
    })),
  });
  tracker.label([
    { key: SA.board, value: input.boardId },
    { key: SA.process, value: 'recommendation' },
    {
      key: SA.meetingDate,
      value: new Date(londonInstant([...input.parentBodies].map((b) => b.meetingDate).sort()[0]!, '09:00')),
    },
  ]);
  tracker.show('sending');
  // Exempt report text stays out of the register's public side and the mail.
  const exempt = input.exemptParagraph !== null;
  await effects.record(
    'recommendation-sent',
    {
      title: input.title,
      ...(exempt
        ? { exempt: { paragraph: input.exemptParagraph } }
        : { recommendation: input.recommendation }),
      parentBodies: input.parentBodies.map((b) => ({
        partner: b.partner,
        body: b.body,
        meetingDate: b.meetingDate,
        deadline: b.deadline,
      })),
    },
    { summary: 'Record the recommendation sent to the parent bodies' },
  );
  await Promise.all(
    input.parentBodies.map((b) =>
      effects.notify('recommendation-for-decision', {
        per: [b.partner],
        to: [clerk(b)],
        action: `Put the board's recommendation to ${b.body} at its meeting on ${b.meetingDate} and record its decision (approve, reject or amend) by ${b.deadline}.`,
        deadline: b.deadline,
        facts: {
          parentBody: b.body,
          meetingDate: b.meetingDate,
          ...(exempt
            ? { exempt: `Exempt under paragraph ${input.exemptParagraph} of Schedule 12A` }
            : { recommendation: input.recommendation }),
        },
        summary: `Send the recommendation to the clerk to ${b.body}`,
      }),
    ),
  );
  tracker.step('recommendation-sent', `sent to ${input.parentBodies.map((b) => b.body).join(' and ')}`);
}

/**
 * Each parent body on its own clock: a timer per deadline, cancelled when that body answers or the
 * outcome settles; a deadline that passes first is a change the process wakes for.
 */
export function startClocks({ input, state, tracker, deadlineMs }: RecommendationContext): Promise<void[]> {
  return Promise.all(
    input.parentBodies.map(async (b) => {
      const remaining = deadlineMs(b.partner) - Date.now();
      const answered =
        remaining > 0 &&
        (await condition(() => state.hasAnswered(b.partner) || state.concluded, remaining, {
          summary: `${b.body}: decision due by ${b.deadline}`,
        }));
      if (!answered && !state.hasAnswered(b.partner) && !state.concluded) {
        state.expire(b.partner);
        tracker.step('deadline-passed', `${b.body} did not decide by ${b.deadline}`);
      }
    }),
  );
}

/** Records each answer as it comes, until the answers (or a passed deadline) settle the outcome. */
export async function awaitDecisions(
  context: RecommendationContext,
): Promise<RecommendationResult['outcome']> {
  const { state, tracker, effects, bodyOf } = context;
  for (;;) {
    for (let next = state.nextUnrecorded(); next; next = state.nextUnrecorded()) {
      const [partner, answer] = next;
      const b = bodyOf(partner)!;
      await effects.record(
        'parent-body-decision',
        {
          partner,
          parentBody: b.body,
          outcome: answer.outcome,
          by: answer.by,
          reasons: answer.reasons,
          decidedOn: londonCivilDate(answer.at),
        },
        { per: [partner], at: answer.at, summary: `Record ${b.body}'s decision: ${answer.outcome}` },
      );
    }
    const outcome = state.verdict();
    if (outcome) return outcome;
    tracker.show('awaiting-decisions');
    const seen = state.changes;
    await condition(() => state.changes !== seen);
  }
}

/** The outcome goes on record and to both clerks. */
export async function conclude(
  context: RecommendationContext,
  outcome: RecommendationResult['outcome'],
): Promise<RecommendationResult> {
  const { input, state, tracker, effects } = context;
  const result: RecommendationResult = { outcome, perPartner: state.perPartner() };
  tracker.step('recommendation-concluded', `${outcome} (${state.partnerOutcome()})`);
  tracker.show(outcome);
  await effects.record(
    'recommendation-concluded',
    { outcome, perPartner: result.perPartner, expired: state.expired },
    { summary: `Record the outcome: ${outcome}` },
  );
  await effects.notify('recommendation-concluded', {
    to: input.parentBodies.map(clerk),
    action: `No further action on this recommendation is needed from you: its outcome is ${outcome}.`,
    facts: { outcome, ...result.perPartner },
    summary: `Tell both clerks the outcome: ${outcome}`,
  });
  return result;
}
