/**
 * A member's vote on an item, on the meeting day (issue 15's first console action): the same `vote` Update
 * as `govflow vote`, with the member taken from the signed-in session. A form that names another member is
 * refused before anything is sent to Temporal; the workflow's own rules (the meeting day, an interest
 * declared) answer the rest, and its refusal is shown as it is.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decisionStatusQuery, decisionWorkflowId, voteSchema, voteUpdate } from '../definitions/decision';
import { rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { messagePage, type Render } from './views';

type Params = { board: string; ref: string };
type MemberRole = Extract<Role, { kind: 'member' }>;

export function voteRoutes(
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
  /** The session's membership of the board, or the reply refusing it. */
  const memberOf = (req: FastifyRequest, board: string): MemberRole | undefined =>
    rolesOf(req.consoleSession!.email, options.boards).find(
      (r): r is MemberRole => r.kind === 'member' && r.board === board,
    );
  const form = (req: FastifyRequest, reply: FastifyReply, status: number, error?: string) => {
    const { board, ref } = req.params as Params;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        render('vote.njk', {
          ...view(req),
          title: 'Your vote',
          item: decisionWorkflowId(board, ref),
          action: `/decisions/${encodeURIComponent(board)}/${encodeURIComponent(ref)}/vote`,
          error,
        }),
      );
  };

  scope.get('/decisions/:board/:ref/vote', async (req, reply) => {
    const { board, ref } = req.params as Params;
    if (!memberOf(req, board))
      return page(req, reply, 403, 'You cannot vote on this item', [`You are not a member of ${board}.`]);
    try {
      const status = await client.workflow
        .getHandle(decisionWorkflowId(board, ref))
        .query(decisionStatusQuery);
      if (status.stage !== 'voting')
        return page(req, reply, 409, 'This item is not being voted on', [
          `It is at the ${status.stage} stage.`,
        ]);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return page(req, reply, 404, 'Not found', ['There is no such item.']);
      throw error;
    }
    return form(req, reply, 200);
  });

  scope.post('/decisions/:board/:ref/vote', async (req, reply) => {
    const { board, ref } = req.params as Params;
    const member = memberOf(req, board);
    if (!member)
      return page(req, reply, 403, 'You cannot vote on this item', [
        `You are not a member of ${board}. Nothing was sent.`,
      ]);
    const body = (req.body ?? {}) as { vote?: unknown; member?: unknown };
    // Who votes is the session's member; a form naming anyone else is someone acting as another.
    if (body.member !== undefined && body.member !== member.memberId)
      return page(req, reply, 403, 'You vote only as yourself', [
        `member: you are signed in as ${member.memberId}; a vote for ${String(body.member)} is theirs to give. Nothing was sent.`,
      ]);
    const vote = voteSchema.safeParse({ member: member.memberId, vote: body.vote });
    if (!vote.success) return form(req, reply, 400, 'Choose for, against or abstain.');
    try {
      const receipt = await client.workflow
        .getHandle(decisionWorkflowId(board, ref))
        .executeUpdate(voteUpdate, { args: [vote.data] });
      return page(req, reply, 200, 'Your vote is recorded', [receipt]);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        return page(req, reply, 409, 'Your vote was not recorded', [error.cause?.message ?? error.message]);
      if (error instanceof WorkflowNotFoundError)
        return page(req, reply, 404, 'Not found', ['There is no such item.']);
      throw error;
    }
  });
}
