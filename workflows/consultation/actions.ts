import type { z } from 'zod';
import {
  consultationBodyAnswerSchema,
  type BodyAnswers,
  type ConsultationBodyAnswer,
  type ConsultationReport,
  type ConsultationResponses,
  type ResponseTally,
  consultationReportSchema,
  consultationResponsesSchema,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
} from '../../definitions';
import { clerkRefusal } from '../../governance/authority';
import { consultationOfficerRefusal } from '../../governance/consultation';
import { action } from '../kit/actions';
import type { ConsultationContext } from './context';
import type { Phase } from './state';

/**
 * What people may do on a consultation: the officers count responses (while it is open, and after it
 * closes for those that arrived in time) and write the outcome report once it has closed; each body's clerk
 * records, once, that the body noted the outcome or what it decided.
 */
export function consultationActions(context: ConsultationContext) {
  const { input, state, tracker, officers } = context;
  const officerRefusal = (by: string, what: string) => consultationOfficerRefusal(officers, by, what);
  const now = () => new Date().toISOString();
  return {
    recordResponses: action<
      Phase,
      [ConsultationResponses],
      z.output<typeof consultationResponsesSchema>,
      ResponseTally
    >(recordConsultationResponsesUpdate, {
      schema: consultationResponsesSchema,
      what: 'responses',
      who: (r) => officerRefusal(r.by, 'record responses'),
      actor: (r) => r.by,
      allowed: {
        in: ['open', 'closed'],
        otherwise: () => 'the outcome report is in: responses are no longer recorded',
      },
      apply: (r) => {
        state.addResponses({ count: r.count, themes: r.themes, by: r.by, at: now() });
        tracker.step('responses', `${r.count} recorded (${state.tally().count} in all)`);
        tracker.show(state.phase);
        return state.tally();
      },
    }),
    recordReport: action<Phase, [ConsultationReport], z.output<typeof consultationReportSchema>, BodyAnswers>(
      recordConsultationReportUpdate,
      {
        schema: consultationReportSchema,
        what: 'outcome report',
        who: (r) => officerRefusal(r.by, 'record the outcome report'),
        actor: (r) => r.by,
        allowed: {
          in: ['closed'],
          otherwise: (phase) =>
            phase === 'open'
              ? `the consultation is open until the end of ${state.closesOn}: the outcome report comes after it closes`
              : 'the outcome report is already recorded: it is made once',
        },
        check: () => {
          if (state.report) throw new Error('the outcome report is already recorded: it is made once');
        },
        apply: (r) => {
          state.takeReport({ summary: r.summary, by: r.by, at: now() });
          tracker.step('outcome-report', `by ${r.by}`);
          return state.bodies();
        },
      },
    ),
    recordBodyAnswer: action<
      Phase,
      [ConsultationBodyAnswer],
      z.output<typeof consultationBodyAnswerSchema>,
      BodyAnswers
    >(recordConsultationBodyAnswerUpdate, {
      schema: consultationBodyAnswerSchema,
      what: 'answer',
      who: (a) => {
        const body = input.bodies[a.body];
        return clerkRefusal(body.name, body.clerk.email, a.by, 'note or decision');
      },
      actor: (a) => a.by,
      allowed: {
        in: ['reported'],
        otherwise: (phase) =>
          phase === 'open' || phase === 'closed'
            ? 'the outcome has not been reported to the bodies yet: it goes to them with the outcome report'
            : `the consultation has concluded (${phase}): no more answers are taken`,
      },
      check: (a) => {
        const earlier = state.answerOf(a.body);
        if (earlier)
          throw new Error(
            `body: ${input.bodies[a.body].name} has already answered (${earlier.answer}): an answer is recorded once`,
          );
      },
      apply: (a) => {
        state.answer(a.body, { answer: a.answer, resolution: a.resolution, by: a.by, at: now() });
        tracker.step('body-answer', `${input.bodies[a.body].name}: ${a.answer}`);
        tracker.show(state.phase);
        return state.bodies();
      },
    }),
  };
}
