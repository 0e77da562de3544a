/**
 * One person's action on a process as a console form (issue 15): the page and its POST, for the actions whose
 * whole input is a choice and a text (urgency consent, a scrutiny outcome, an escalation step's answer, a
 * self-assessment). Each action says who may act (from the standing orders, by the session's email), when the
 * process takes it, and which fields carry the acting person: those are filled from the session, and a form
 * naming anyone else is refused. Nothing reaches Temporal unless the person may act; the Update is the CLI's
 * and the workflow's own refusal is shown as it is.
 */
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import { messagePage, type Render } from './views';

export type Params = { board: string; ref?: string };
export type Refused = { code: number; title: string; line: string };

export interface ActionForm<Standing extends object, Fixed extends Record<string, string>, Args, Result> {
  /** e.g. /decisions/:board/:ref/urgency-consent */
  route: string;
  workflowId(params: Params): string;
  /** The person's standing to act on the board (an object), or why they have none (403, nothing sent). */
  standing(email: string, board: string): Standing | string;
  /** What the process fixes for this action now (escalation's step), or why it takes none (409). */
  now(handle: WorkflowHandle, standing: Standing): Promise<Fixed | Refused>;
  /** The fields that carry the acting person, from the session. */
  acting(standing: Standing, email: string): Record<string, string>;
  /** The payload from the form's fields, the acting person's and the process's. */
  payload(body: Record<string, unknown>, acting: Record<string, string>, fixed: Fixed): unknown;
  schema: { safeParse(v: unknown): { success: true; data: Args } | { success: false; error: ZodError } };
  update: UpdateDefinition<Result, [Args]>;
  page: {
    title: string;
    legend(item: string, fixed: Fixed): string;
    hint(standing: Standing, name: string, fixed: Fixed): string;
    choice?: { name: string; items: { value: string; text: string }[]; missing: string };
    text: { name: string; label: string; hint?: string };
    button: string;
  };
  done(result: Result): { title: string; lines: string[] };
  /** The title of every refusal: "You cannot ..." */
  refusal: string;
}

export function actionFormRoutes<Standing extends object, Fixed extends Record<string, string>, Args, Result>(
  scope: FastifyInstance,
  options: { client: Client; render: Render; view: (req: FastifyRequest) => Record<string, unknown> },
  spec: ActionForm<Standing, Fixed, Args, Result>,
): void {
  const { client, render, view } = options;
  const message = messagePage(render, view);
  const refuse = (req: FastifyRequest, reply: FastifyReply, r: Refused) =>
    message(req, reply, r.code, r.title, [r.line]);

  /** The person's standing and where the process stands, or the refusal to show. */
  const check = async (
    req: FastifyRequest,
  ): Promise<{ standing: Standing; fixed: Fixed; handle: WorkflowHandle } | Refused> => {
    const params = req.params as Params;
    const standing = spec.standing(req.consoleSession!.email, params.board);
    if (typeof standing === 'string')
      return { code: 403, title: spec.refusal, line: `${standing} Nothing was sent.` };
    const handle = client.workflow.getHandle(spec.workflowId(params));
    try {
      const fixed = await spec.now(handle, standing);
      return 'code' in fixed ? (fixed as Refused) : { standing, fixed: fixed as Fixed, handle };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return { code: 404, title: 'Not found', line: 'There is no such process.' };
      throw error;
    }
  };

  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    checked: { standing: Standing; fixed: Fixed },
    status: number,
    error?: { field: string; text: string },
  ) => {
    const params = req.params as Params;
    const item = spec.workflowId(params);
    const { page } = spec;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        render('action-form.njk', {
          ...view(req),
          title: page.title,
          action: req.url.split('?')[0],
          legend: page.legend(item, checked.fixed),
          hint: page.hint(checked.standing, req.consoleSession!.name, checked.fixed),
          choice: page.choice,
          text: page.text,
          button: page.button,
          values: (req.body ?? {}) as Record<string, unknown>,
          error,
        }),
      );
  };

  scope.get(spec.route, async (req, reply) => {
    const checked = await check(req);
    if ('code' in checked) return refuse(req, reply, checked);
    return form(req, reply, checked, 200);
  });

  scope.post(spec.route, async (req, reply) => {
    const checked = await check(req);
    if ('code' in checked) return refuse(req, reply, checked);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const acting = spec.acting(checked.standing, req.consoleSession!.email);
    // Who acts is the session's person, and what the process fixes is its own; a form naming others is forged.
    for (const [field, own] of Object.entries({ ...checked.fixed, ...acting }))
      if (body[field] !== undefined && body[field] !== own)
        return refuse(req, reply, {
          code: 403,
          title: 'You act only as yourself',
          line: `${field}: the form says ${String(body[field])}, but it is ${own} (from your sign-in and where the process stands). Nothing was sent.`,
        });
    const parsed = spec.schema.safeParse(spec.payload(body, acting, checked.fixed));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const choice = spec.page.choice;
      return form(req, reply, checked, 400, {
        field,
        text: choice && field === choice.name ? choice.missing : `${issue.path.join('.')}: ${issue.message}`,
      });
    }
    try {
      const result = await checked.handle.executeUpdate(spec.update, { args: [parsed.data] });
      const done = spec.done(result);
      return message(req, reply, 200, done.title, done.lines);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        return message(req, reply, 409, `${spec.page.title}: not recorded`, [
          error.cause?.message ?? error.message,
        ]);
      if (error instanceof WorkflowNotFoundError)
        return message(req, reply, 404, 'Not found', ['There is no such process.']);
      throw error;
    }
  });
}
