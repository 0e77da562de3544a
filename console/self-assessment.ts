/**
 * A board member's self-assessment for the board's effectiveness review (P2) in the console (issue 15): the
 * same `submitSelfAssessment` Update as `govflow self-assess`, with the member taken from the session. Every
 * member of the board, voting or not, sends their own once (the board workflow's memberRefusal).
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  boardStatusQuery,
  boardWorkflowId,
  selfAssessmentSchema,
  submitSelfAssessmentUpdate,
} from '../definitions/board';
import { displayDate } from '../governance/display-dates';
import { rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { actionFormRoutes, type Refused } from './action-form';
import type { Render } from './views';

type MemberRole = Extract<Role, { kind: 'member' }>;

export function selfAssessmentRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  actionFormRoutes(scope, options, {
    route: '/boards/:board/self-assessment',
    workflowId: (p) => boardWorkflowId(p.board),
    refusal: 'You cannot send a self-assessment of this board',
    standing: (email, board) =>
      rolesOf(email, options.boards).find((r): r is MemberRole => r.kind === 'member' && r.board === board) ??
      `You are not a member of ${board}.`,
    now: async (handle, member): Promise<{ due: string } | Refused> => {
      const { stage, review } = await handle.query(boardStatusQuery);
      if (stage !== 'self-assessment' || !review)
        return {
          code: 409,
          title: 'Self-assessments are not being collected now',
          line: `The board is at the ${stage} stage. Nothing was sent.`,
        };
      if (review.received.includes(member.memberId))
        return {
          code: 409,
          title: 'You have sent your self-assessment',
          line: `Yours for review ${review.cycle} is with the board already. Nothing was sent.`,
        };
      return { due: review.selfAssessmentDeadline ? displayDate(review.selfAssessmentDeadline) : '' };
    },
    acting: (member) => ({ member: member.memberId }),
    payload: (body, acting) => ({
      ...acting,
      rating: typeof body.rating === 'string' && body.rating !== '' ? Number(body.rating) : undefined,
      comments: body.comments ?? '',
    }),
    schema: selfAssessmentSchema,
    update: submitSelfAssessmentUpdate,
    page: {
      title: 'Your self-assessment',
      legend: (item) => `How well is ${item.replace(/^board\//, '')} working?`,
      hint: (_member, name, { due }) =>
        `You assess the board as ${name}, from 1 (not well) to 5 (very well)${due ? `, by ${due}` : ''}.`,
      choice: {
        name: 'rating',
        items: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), text: String(n) })),
        missing: 'Choose a rating from 1 to 5.',
      },
      text: { name: 'comments', label: 'Comments (optional)' },
      button: 'Send my self-assessment',
    },
    done: ({ received }) => ({
      title: 'Your self-assessment is sent',
      lines: [`The board has ${received} self-assessment(s) for this review.`],
    }),
  });
}
