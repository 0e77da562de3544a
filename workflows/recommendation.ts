import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  SA,
  parentBodyDecisionSchema,
  recommendationInputSchema,
  recommendationStatusQuery,
  recordParentDecisionUpdate,
  type ParentBodyOutcome,
  type ProcessStatus,
  type RecommendationInput,
  type RecommendationResult,
} from '../definitions';
import { describeZodError } from '../definitions/validation';
import { clerkRefusal } from '../governance/authority';
import { addDays, londonCivilDate, londonInstant, londonInstantMs } from '../governance/civil-date';
import { END_OF_DAY, displayDate } from '../governance/display-dates';
import type { Recipient } from '../activities/contract';
import { requireRegistered, notify, record } from './kit/proxies';
import { Authority } from './kit/authority';
import { parseWorkflowInput } from './kit/input';
import { searchAttributeWriter } from './kit/tracker';

export type RecommendationStage = 'sending' | 'awaiting-decisions' | RecommendationResult['outcome'];

interface Answer {
  outcome: ParentBodyOutcome;
  by: string;
  reasons: string;
  at: string;
  recorded: boolean;
}

/**
 * P5: a board without delegated power recommends, and each parent body (the council's Cabinet, the NHS
 * body's Board) decides on it in parallel, each by its own deadline. Started by the decision workflow as a
 * child (workflow type `recommendation`) or by an officer through the client.
 *
 * Outcome: approved when both approve; rejected as soon as either rejects (nothing the other says can
 * change that); amended when either asks for amendment and none rejects; expired when a parent body's
 * deadline (the end of that day, London time) passes before it has answered and the outcome is not
 * already settled.
 */
export async function recommendation(rawInput: RecommendationInput): Promise<RecommendationResult> {
  const input = parseWorkflowInput(recommendationInputSchema, rawInput);
  const partners = input.parentBodies.map((b) => b.partner);
  const duplicate = partners.find((p, i) => partners.indexOf(p) !== i);
  if (duplicate) {
    throw ApplicationFailure.nonRetryable(
      `invalid input: parentBodies: partner "${duplicate}" is listed twice`,
      'InvalidInput',
    );
  }
  const { workflowId } = workflowInfo();
  const processTitle = `Recommendation ${input.ref} of ${input.boardId}: ${input.title}`;
  // A deadline date runs to the end of that day in London: the first instant of the next day.
  const deadlineMs = new Map(
    input.parentBodies.map((b) => [b.partner, londonInstantMs(addDays(b.deadline, 1), '00:00')]),
  );
  const bodyOf = new Map(input.parentBodies.map((b) => [b.partner, b]));

  const answers = new Map<string, Answer>();
  const expired = new Set<string>();
  let changes = 0;
  let concluded = false;

  const status: ProcessStatus<RecommendationStage> & { perPartner: RecommendationResult['perPartner'] } = {
    process: 'recommendation',
    boardId: input.boardId,
    stage: 'sending',
    waitingFor: 'the recommendation to be sent to the parent bodies',
    steps: [],
    perPartner: perPartner(),
  };
  setHandler(recommendationStatusQuery, () => status);
  const writeSearchAttributes = searchAttributeWriter();

  function perPartner(): RecommendationResult['perPartner'] {
    return Object.fromEntries(partners.map((p) => [p, answers.get(p)?.outcome ?? 'no-answer']));
  }
  /** For the search attribute: "council:approve,nhs:pending". */
  function partnerOutcome(): string {
    return partners
      .map((p) => `${p}:${answers.get(p)?.outcome ?? (expired.has(p) ? 'expired' : 'pending')}`)
      .join(',');
  }
  const step = (kind: string, detail: string) =>
    status.steps.push({ at: new Date().toISOString(), kind, detail });

  const authority = new Authority({ workflowId, boardId: input.boardId, step: (n) => `refused/${n}` });
  const notTheClerk = (partner: string, by: string) => {
    const body = bodyOf.get(partner)!;
    return clerkRefusal(body.body, body.clerk.email, by);
  };

  setHandler(
    recordParentDecisionUpdate,
    (raw) => {
      const decision = parentBodyDecisionSchema.parse(raw);
      const refused = authority.refuse(notTheClerk(decision.partner, decision.by), {
        action: 'recordParentDecision',
        actor: decision.by,
      });
      if (refused) return refused;
      answers.set(decision.partner, {
        outcome: decision.outcome,
        by: decision.by,
        reasons: decision.reasons,
        at: new Date().toISOString(),
        recorded: false,
      });
      changes++;
      step('parent-body-decision', `${bodyOf.get(decision.partner)!.body}: ${decision.outcome}`);
      status.perPartner = perPartner();
      show(status.stage);
      return status.perPartner;
    },
    {
      validator: (raw) => {
        const parsed = parentBodyDecisionSchema.safeParse(raw);
        if (!parsed.success) throw new Error(`invalid decision: ${describeZodError(parsed.error)}`);
        const decision = parsed.data;
        const body = bodyOf.get(decision.partner);
        if (!body) {
          throw new Error(
            `"${decision.partner}" is not a parent body of this recommendation (parent bodies: ${partners.join(', ')})`,
          );
        }
        if (authority.screen(notTheClerk(decision.partner, decision.by))) return;
        if (concluded)
          throw new Error(`the recommendation has concluded (${status.stage}); no more decisions are taken`);
        const earlier = answers.get(decision.partner);
        if (earlier)
          throw new Error(
            `${body.body} has already decided (${earlier.outcome}); a decision is recorded once`,
          );
        if (expired.has(decision.partner) || Date.now() >= deadlineMs.get(decision.partner)!) {
          throw new Error(`${body.body}'s deadline ${body.deadline} has passed`);
        }
      },
    },
  );

  function verdict(): RecommendationResult['outcome'] | undefined {
    const given = [...answers.values()].map((a) => a.outcome);
    if (given.includes('reject')) return 'rejected';
    if (expired.size > 0) return 'expired';
    if (answers.size < partners.length) return undefined;
    return given.includes('amend') ? 'amended' : 'approved';
  }

  function pendingBodies() {
    return input.parentBodies.filter((b) => !answers.has(b.partner) && !expired.has(b.partner));
  }

  function show(stage: RecommendationStage) {
    status.stage = stage;
    const pending = concluded ? [] : pendingBodies();
    const next = pending.map((b) => deadlineMs.get(b.partner)!).sort((a, b) => a - b)[0];
    status.nextDeadline = next === undefined ? undefined : new Date(next).toISOString();
    status.waitingFor = concluded
      ? 'nothing: the recommendation has concluded'
      : pending.map((b) => `${b.body} (meets ${b.meetingDate}, decides by ${b.deadline})`).join(' and ') ||
        'nothing';
    writeSearchAttributes([
      { key: SA.stage, value: stage },
      { key: SA.partnerOutcome, value: partnerOutcome() },
      { key: SA.waitingFor, value: pending.map((b) => b.partner).join(',') || 'none' },
      { key: SA.nextDeadline, value: next === undefined ? null : new Date(next) },
    ]);
    setCurrentDetails(
      [
        `**${processTitle}**`,
        `- Stage: ${stage}`,
        ...input.parentBodies.map((b) => {
          const answer = answers.get(b.partner);
          const state = answer
            ? answer.outcome
            : expired.has(b.partner)
              ? 'deadline passed without a decision'
              : 'awaiting decision';
          // Current details are no command (nothing in the history): dates are shown as people read them.
          return `- ${b.body}: ${state} (meets ${displayDate(b.meetingDate)}; decides by ${displayDate(b.deadline)} ${END_OF_DAY})`;
        }),
        concluded
          ? `- Outcome: **${stage}**`
          : '- Next: approved if both approve; rejected if either rejects; amended if either asks for amendment; expired if a deadline passes first.',
      ].join('\n'),
    );
  }

  // The parent bodies and clerks it goes to must be the board's registered ones (issue 19, item 1).
  await requireRegistered({
    boardId: input.boardId,
    parentBodies: input.parentBodies.map((b) => ({
      partner: b.partner,
      body: b.body,
      clerkEmail: b.clerk.email,
    })),
  });
  writeSearchAttributes([
    { key: SA.board, value: input.boardId },
    { key: SA.process, value: 'recommendation' },
    {
      key: SA.meetingDate,
      value: new Date(londonInstant([...input.parentBodies].map((b) => b.meetingDate).sort()[0]!, '09:00')),
    },
  ]);
  show('sending');

  await record(
    {
      key: { workflowId, step: 'recommendation-sent' },
      boardId: input.boardId,
      processId: workflowId,
      kind: 'recommendation-sent',
      at: new Date().toISOString(),
      data: {
        ref: input.ref,
        title: input.title,
        // Exempt report text stays out of the register's public side.
        ...(input.exemptParagraph === null
          ? { recommendation: input.recommendation }
          : { exempt: { paragraph: input.exemptParagraph } }),
        parentBodies: input.parentBodies.map((b) => ({
          partner: b.partner,
          body: b.body,
          meetingDate: b.meetingDate,
          deadline: b.deadline,
        })),
      },
    },
    'Record the recommendation sent to the parent bodies',
  );
  await Promise.all(
    input.parentBodies.map((b) =>
      notify(
        {
          key: { workflowId, step: `recommendation-for-decision/${b.partner}` },
          kind: 'recommendation-for-decision',
          boardId: input.boardId,
          processTitle,
          recipients: [clerk(b)],
          action: `Put the board's recommendation to ${b.body} at its meeting on ${b.meetingDate} and record its decision (approve, reject or amend) by ${b.deadline}.`,
          deadline: b.deadline,
          facts: {
            ref: input.ref,
            parentBody: b.body,
            meetingDate: b.meetingDate,
            ...(input.exemptParagraph === null
              ? { recommendation: input.recommendation }
              : { exempt: `Exempt under paragraph ${input.exemptParagraph} of Schedule 12A` }),
          },
        },
        `Send the recommendation to the clerk to ${b.body}`,
      ),
    ),
  );
  step('recommendation-sent', `sent to ${input.parentBodies.map((b) => b.body).join(' and ')}`);

  // Each parent body on its own clock: a timer per deadline, cancelled when that body answers or the outcome settles.
  const clocks = input.parentBodies.map(async (b) => {
    const remaining = deadlineMs.get(b.partner)! - Date.now();
    const answered =
      remaining > 0 &&
      (await condition(() => answers.has(b.partner) || concluded, remaining, {
        summary: `${b.body}: decision due by ${b.deadline}`,
      }));
    if (!answered && !answers.has(b.partner) && !concluded) {
      expired.add(b.partner);
      changes++;
      step('deadline-passed', `${b.body} did not decide by ${b.deadline}`);
    }
  });

  let outcome: RecommendationResult['outcome'] | undefined;
  for (;;) {
    for (const [partner, answer] of answers) {
      if (answer.recorded) continue;
      answer.recorded = true;
      const b = bodyOf.get(partner)!;
      await record(
        {
          key: { workflowId, step: `parent-body-decision/${partner}` },
          boardId: input.boardId,
          processId: workflowId,
          kind: 'parent-body-decision',
          at: answer.at,
          data: {
            ref: input.ref,
            partner,
            parentBody: b.body,
            outcome: answer.outcome,
            by: answer.by,
            reasons: answer.reasons,
            decidedOn: londonCivilDate(answer.at),
          },
        },
        `Record ${b.body}'s decision: ${answer.outcome}`,
      );
    }
    outcome = verdict();
    if (outcome) break;
    show('awaiting-decisions');
    const seen = changes;
    await condition(() => changes !== seen);
  }

  concluded = true;
  await Promise.all(clocks);
  const result: RecommendationResult = { outcome, perPartner: perPartner() };
  status.perPartner = result.perPartner;
  step('recommendation-concluded', `${outcome} (${partnerOutcome()})`);
  show(outcome);
  await record(
    {
      key: { workflowId, step: 'recommendation-concluded' },
      boardId: input.boardId,
      processId: workflowId,
      kind: 'recommendation-concluded',
      at: new Date().toISOString(),
      data: { ref: input.ref, outcome, perPartner: result.perPartner, expired: [...expired] },
    },
    `Record the outcome: ${outcome}`,
  );
  await notify(
    {
      key: { workflowId, step: 'recommendation-concluded' },
      kind: 'recommendation-concluded',
      boardId: input.boardId,
      processTitle,
      recipients: input.parentBodies.map(clerk),
      action: `No further action on this recommendation is needed from you: its outcome is ${outcome}.`,
      facts: {
        ref: input.ref,
        outcome,
        ...Object.fromEntries(Object.entries(result.perPartner).map(([p, o]) => [p, o])),
      },
    },
    `Tell both clerks the outcome: ${outcome}`,
  );
  await condition(allHandlersFinished);
  return result;
}

function clerk(b: { partner: string; clerk: { name: string; email: string } }): Recipient {
  return { role: 'parent-body-clerk', name: b.clerk.name, email: b.clerk.email, partner: b.partner };
}
