/**
 * Call-in by O&S members in the console (issue 15): one member opens it with grounds, others add their own
 * signatures within the call-in window, and when the standing orders' `signatoriesRequired` have signed the
 * console lodges it through the same `lodgeCallIn` Update as `govflow call-in`, with the members who signed.
 * The signatures wait in the register (call-ins.ts); each is the signed-in person's, never a form field's.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callInSchema, callInUpdate, decisionStatusQuery, decisionWorkflowId } from '../definitions/decision';
import type { ProcessStatus } from '../definitions/status';
import { displayDeadline } from '../governance/display-dates';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import type { CallInStore } from './call-ins';
import { htmlReply, type Render } from './views';

type Params = { board: string; ref: string };
const WINDOW = 'in-call-in-window';

export function callInRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    store: CallInStore;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { client, store, render, view } = options;
  const html = htmlReply(render);
  const page = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, lines: string[]) =>
    html(reply, status, 'message.njk', {
      ...view(req),
      title,
      lines,
      link: { href: req.url.split('?')[0], text: 'Back to the call-in' },
    });
  /** The session's O&S membership (the chair signs as a member) of the board's committee. */
  const signatory = (req: FastifyRequest, board: string) =>
    rolesOf(req.consoleSession!.email, options.boards).find(
      (r) => (r.kind === 'scrutiny-member' || r.kind === 'scrutiny-chair') && r.board === board,
    ) as { id: string; committee: string } | undefined;
  const required = (board: string) =>
    options.boards.find((so) => so.board.id === board)?.callIn.signatoriesRequired ?? Infinity;
  const status = async (workflowId: string): Promise<ProcessStatus | undefined> => {
    try {
      return await client.workflow.getHandle(workflowId).query(decisionStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  };

  const show = async (req: FastifyRequest, reply: FastifyReply, code: number, error?: string) => {
    const { board, ref } = req.params as Params;
    const me = signatory(req, board);
    if (!me)
      return page(req, reply, 403, 'You cannot call this decision in', [
        `Only members of the board's Overview and Scrutiny committee may; you are not one. Nothing was sent.`,
      ]);
    const workflowId = decisionWorkflowId(board, ref);
    const [now, pending] = await Promise.all([status(workflowId), store.find(workflowId)]);
    if (!now) return page(req, reply, 404, 'Not found', ['There is no such item.']);
    if (now.stage !== WINDOW && !pending?.lodged)
      return page(req, reply, 409, 'This decision cannot be called in', [
        `It is at the ${now.stage} stage, not in its call-in window. Nothing was sent.`,
      ]);
    const base = `/decisions/${encodeURIComponent(board)}/${encodeURIComponent(ref)}/call-in`;
    return html(reply, code, 'call-in.njk', {
      ...view(req),
      title: 'Call-in',
      item: workflowId,
      committee: me.committee,
      windowEnds: now.stage === WINDOW && now.nextDeadline ? displayDeadline(now.nextDeadline) : undefined,
      required: required(board),
      pending,
      signed: pending?.signatories.includes(me.id) ?? false,
      openAction: base,
      signAction: `${base}/sign`,
      error,
    });
  };

  /** Lodges the call-in once enough have signed; the decision's own refusal is shown as it is. */
  const lodgeIfEnough = async (req: FastifyRequest, reply: FastifyReply, workflowId: string) => {
    const { board } = req.params as Params;
    const pending = (await store.find(workflowId))!;
    if (pending.signatories.length < required(board) || !(await store.claimLodging(workflowId)))
      return show(req, reply, 200);
    const call = callInSchema.parse({ members: pending.signatories, grounds: pending.grounds });
    try {
      const receipt = await client.workflow
        .getHandle(workflowId)
        .executeUpdate(callInUpdate, { args: [call] });
      return page(req, reply, 200, 'The call-in is lodged', [
        `${receipt}: ${pending.signatories.join(', ')}.`,
        'The decision is frozen until the scrutiny meeting.',
      ]);
    } catch (error) {
      await store.release(workflowId);
      if (error instanceof WorkflowUpdateFailedError)
        return page(req, reply, 409, 'The call-in was not lodged', [error.cause?.message ?? error.message]);
      throw error;
    }
  };

  /** The checks every POST passes before anything is kept: O&S membership and the window. */
  const refusal = async (
    req: FastifyRequest,
  ): Promise<{ me: { id: string } } | { code: number; title: string; line: string }> => {
    const { board, ref } = req.params as Params;
    const me = signatory(req, board);
    if (!me)
      return {
        code: 403,
        title: 'You cannot call this decision in',
        line: `You are not a member of the board's Overview and Scrutiny committee. Nothing was sent.`,
      };
    const now = await status(decisionWorkflowId(board, ref));
    if (!now) return { code: 404, title: 'Not found', line: 'There is no such item.' };
    if (now.stage !== WINDOW)
      return {
        code: 409,
        title: 'This decision cannot be called in',
        line: `It is at the ${now.stage} stage, not in its call-in window. Nothing was sent.`,
      };
    return { me };
  };

  scope.get('/decisions/:board/:ref/call-in', (req, reply) => show(req, reply, 200));

  scope.post('/decisions/:board/:ref/call-in', async (req, reply) => {
    const checked = await refusal(req);
    if ('code' in checked) return page(req, reply, checked.code, checked.title, [checked.line]);
    const { board, ref } = req.params as Params;
    const workflowId = decisionWorkflowId(board, ref);
    const grounds = callInSchema.shape.grounds.safeParse(
      (req.body as { grounds?: unknown } | undefined)?.grounds,
    );
    if (!grounds.success) return show(req, reply, 400, 'Give the grounds for the call-in.');
    const opened = await store.open(workflowId, grounds.data, checked.me.id, req.consoleSession!.email);
    if (!opened) return show(req, reply, 409, 'A call-in is already open: add your signature to it.');
    return lodgeIfEnough(req, reply, workflowId);
  });

  scope.post('/decisions/:board/:ref/call-in/sign', async (req, reply) => {
    const checked = await refusal(req);
    if ('code' in checked) return page(req, reply, checked.code, checked.title, [checked.line]);
    const { board, ref } = req.params as Params;
    const workflowId = decisionWorkflowId(board, ref);
    if (!(await store.find(workflowId)))
      return show(req, reply, 409, 'No call-in is open: open one with its grounds.');
    await store.sign(workflowId, checked.me.id, req.consoleSession!.email);
    return lodgeIfEnough(req, reply, workflowId);
  });
}
