/**
 * A parent body's clerk records their body's decision on a board's recommendation (P5) in the console: the
 * same `recordParentDecision` Update as `govflow parent-decision`, with the clerk (`by`) and their body
 * (`partner`) taken from the signed-in session. A form naming another body, a person who is not a clerk to
 * one of the board's parent bodies, and a request without a session are refused with nothing sent.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  parentBodyDecisionSchema,
  recommendationStatusQuery,
  recommendationWorkflowId,
  recordParentDecisionUpdate,
} from '../definitions/recommendation';
import { rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { messagePage, type Render } from './views';

type Params = { board: string; ref: string };
type ClerkRole = Extract<Role, { kind: 'clerk' }>;

export function parentDecisionRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { client, render, view } = options;
  const page = messagePage(render, view);
  const clerkOf = (req: FastifyRequest, board: string): ClerkRole | undefined =>
    rolesOf(req.consoleSession!.email, options.boards).find(
      (r): r is ClerkRole => r.kind === 'clerk' && r.board === board,
    );
  const notClerk = (board: string) =>
    `You are not the clerk to a parent body of ${board}, so you cannot record its decision. Nothing was sent.`;
  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    clerk: ClerkRole,
    status: number,
    error?: string,
  ) => {
    const { board, ref } = req.params as Params;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        render('parent-decision.njk', {
          ...view(req),
          title: `${clerk.body}'s decision`,
          body: clerk.body,
          item: recommendationWorkflowId(board, ref),
          action: `/recommendations/${encodeURIComponent(board)}/${encodeURIComponent(ref)}/decision`,
          error,
        }),
      );
  };

  scope.get('/recommendations/:board/:ref/decision', async (req, reply) => {
    const { board, ref } = req.params as Params;
    const clerk = clerkOf(req, board);
    if (!clerk) return page(req, reply, 403, 'You cannot record this decision', [notClerk(board)]);
    try {
      const status = await client.workflow
        .getHandle(recommendationWorkflowId(board, ref))
        .query(recommendationStatusQuery);
      if (status.stage !== 'awaiting-decisions')
        return page(req, reply, 409, 'This recommendation takes no decisions now', [
          `It is at the ${status.stage} stage.`,
        ]);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return page(req, reply, 404, 'Not found', ['There is no such recommendation.']);
      throw error;
    }
    return form(req, reply, clerk, 200);
  });

  scope.post('/recommendations/:board/:ref/decision', async (req, reply) => {
    const { board, ref } = req.params as Params;
    const clerk = clerkOf(req, board);
    if (!clerk) return page(req, reply, 403, 'You cannot record this decision', [notClerk(board)]);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The body and the clerk are the session's; a form naming others is someone acting for another body.
    for (const [field, own] of [
      ['partner', clerk.partner],
      ['by', req.consoleSession!.email],
    ] as const)
      if (body[field] !== undefined && body[field] !== own)
        return page(req, reply, 403, 'You record only your own body’s decision', [
          `${field}: you are signed in as the clerk to ${clerk.body} (${clerk.partner}); ${String(body[field])} is not yours to record. Nothing was sent.`,
        ]);
    const decision = parentBodyDecisionSchema.safeParse({
      partner: clerk.partner,
      by: req.consoleSession!.email,
      outcome: body.outcome,
      reasons: typeof body.reasons === 'string' ? body.reasons : '',
    });
    if (!decision.success) {
      const issue = decision.error.issues[0]!;
      return form(
        req,
        reply,
        clerk,
        400,
        issue.path[0] === 'outcome'
          ? 'Choose approve, reject or amend.'
          : `${issue.path.join('.')}: ${issue.message}`,
      );
    }
    try {
      const perPartner = await client.workflow
        .getHandle(recommendationWorkflowId(board, ref))
        .executeUpdate(recordParentDecisionUpdate, { args: [decision.data] });
      return page(req, reply, 200, 'The decision is recorded', [
        ...Object.entries(perPartner).map(([partner, outcome]) => `${partner}: ${outcome}`),
      ]);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        return page(req, reply, 409, 'The decision was not recorded', [
          error.cause?.message ?? error.message,
        ]);
      if (error instanceof WorkflowNotFoundError)
        return page(req, reply, 404, 'Not found', ['There is no such recommendation.']);
      throw error;
    }
  });
}
