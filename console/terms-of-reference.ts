/**
 * A parent body's clerk records their body's decision on a board's Terms of Reference (P1) in the console:
 * the same `decideTermsOfReference` Update as `govflow tor decide`, with the clerk (`by`) and their body
 * (`body`, the partner's kind) from the signed-in session. The form carries the version the clerk was shown,
 * so a decision on a version no longer before the parent bodies is refused by the workflow.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  boardStatusQuery,
  boardWorkflowId,
  decideTermsOfReferenceUpdate,
  termsOfReferenceDecisionSchema,
  type BoardStatus,
} from '../definitions/board';
import { rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { htmlReply, type Render } from './views';

type Params = { board: string };
type ClerkRole = Extract<Role, { kind: 'clerk' }>;

export function termsOfReferenceRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { client, render, view } = options;
  const html = htmlReply(render);
  const page = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, lines: string[]) =>
    html(reply, status, 'message.njk', {
      ...view(req),
      title,
      lines,
      link: { href: '/', text: 'Back to the start' },
    });
  /** The session's clerkship on the board, with its body's kind (council or nhs). */
  const clerkOf = (req: FastifyRequest, board: string) => {
    const role = rolesOf(req.consoleSession!.email, options.boards).find(
      (r): r is ClerkRole => r.kind === 'clerk' && r.board === board,
    );
    const kind = options.boards
      .find((so) => so.board.id === board)
      ?.partners.find((p) => p.id === role?.partner)?.kind;
    return role && kind ? { ...role, kind } : undefined;
  };
  const notClerk = (board: string) =>
    `You are not the clerk to a parent body of ${board}, so you cannot record its decision. Nothing was sent.`;
  const statusOf = async (board: string): Promise<BoardStatus | undefined> => {
    try {
      return await client.workflow.getHandle(boardWorkflowId(board)).query(boardStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  };
  const form = async (req: FastifyRequest, reply: FastifyReply, code: number, error?: string) => {
    const { board } = req.params as Params;
    const clerk = clerkOf(req, board);
    if (!clerk) return page(req, reply, 403, 'You cannot record this decision', [notClerk(board)]);
    const status = await statusOf(board);
    if (!status) return page(req, reply, 404, 'Not found', ['There is no such board.']);
    if (status.stage !== 'awaiting-tor-approval' || !status.draft)
      return page(req, reply, 409, 'No Terms of Reference are before the parent bodies', [
        `The board is at the ${status.stage} stage.`,
      ]);
    return html(reply, code, 'terms-of-reference.njk', {
      ...view(req),
      title: `${clerk.body}'s decision on the Terms of Reference`,
      body: clerk.body,
      board,
      version: status.draft.version,
      action: `/boards/${encodeURIComponent(board)}/terms-of-reference/decision`,
      error,
    });
  };

  scope.get('/boards/:board/terms-of-reference/decision', (req, reply) => form(req, reply, 200));

  scope.post('/boards/:board/terms-of-reference/decision', async (req, reply) => {
    const { board } = req.params as Params;
    const clerk = clerkOf(req, board);
    if (!clerk) return page(req, reply, 403, 'You cannot record this decision', [notClerk(board)]);
    const fields = (req.body ?? {}) as Record<string, unknown>;
    // The body and the clerk are the session's; a form naming others is someone acting for another body.
    for (const [field, own] of [
      ['body', clerk.kind],
      ['by', req.consoleSession!.email],
    ] as const)
      if (fields[field] !== undefined && fields[field] !== own)
        return page(req, reply, 403, 'You record only your own body’s decision', [
          `${field}: you are signed in as the clerk to ${clerk.body} (${clerk.kind}); ${String(fields[field])} is not yours to record. Nothing was sent.`,
        ]);
    const decision = termsOfReferenceDecisionSchema.safeParse({
      body: clerk.kind,
      by: req.consoleSession!.email,
      outcome: fields.outcome,
      comments: typeof fields.comments === 'string' ? fields.comments : '',
      ...(typeof fields.version === 'string' && fields.version ? { version: Number(fields.version) } : {}),
    });
    if (!decision.success) {
      const issue = decision.error.issues[0]!;
      return form(
        req,
        reply,
        400,
        issue.path[0] === 'outcome'
          ? 'Choose approve, reject or amend.'
          : `${issue.path.join('.')}: ${issue.message}`,
      );
    }
    try {
      const draft = await client.workflow
        .getHandle(boardWorkflowId(board))
        .executeUpdate(decideTermsOfReferenceUpdate, { args: [decision.data] });
      return page(req, reply, 200, 'The decision is recorded', [
        draft
          ? `Terms of Reference version ${draft.version}: council ${draft.decisions.council}, nhs ${draft.decisions.nhs}.`
          : 'Recorded.',
      ]);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        return page(req, reply, 409, 'The decision was not recorded', [
          error.cause?.message ?? error.message,
        ]);
      if (error instanceof WorkflowNotFoundError)
        return page(req, reply, 404, 'Not found', ['There is no such board.']);
      throw error;
    }
  });
}
