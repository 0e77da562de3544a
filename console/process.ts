/**
 * A process page (issue 15): where a process stands (its status query: stage, what it waits for, the next
 * deadline), its steps so far, and a link to the same workflow in the Temporal Web UI. Shown to anyone with
 * a role on the process's board.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SA } from '../definitions/search-attributes';
import type { ProcessStatus } from '../definitions/status';
import { displayDateTime, displayDatesIn, displayDeadline } from '../governance/display-dates';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import type { Render } from './views';

export function processRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
    /** The workflow in the Temporal Web UI, when there is one to link to. */
    webUiLink?: (workflowId: string) => string;
  },
): void {
  const { client, render, view } = options;
  scope.get('/processes/*', async (req, reply) => {
    const workflowId = (req.params as { '*': string })['*'];
    const message = (status: number, title: string, lines: string[]) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(
          render('message.njk', {
            ...view(req),
            title,
            lines,
            link: { href: '/', text: 'Back to the start' },
          }),
        );
    const handle = client.workflow.getHandle(workflowId);
    let description;
    try {
      description = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return message(404, 'Not found', ['There is no such process.']);
      throw error;
    }
    const board = description.typedSearchAttributes.get(SA.board);
    const mine = rolesOf(req.consoleSession!.email, options.boards).some((r) => r.board === board);
    if (!board || !mine)
      return message(403, 'Not one of your boards’ processes', [
        'You see the processes of the boards the standing orders give you a role on.',
      ]);
    const running = description.status.name === 'RUNNING';
    // A stopped run answers only if a worker replays it; its search attributes say where it ended.
    const status = running ? await handle.query<ProcessStatus>('status').catch(() => undefined) : undefined;
    const stage = status?.stage ?? description.typedSearchAttributes.get(SA.stage) ?? '';
    const deadline =
      status?.nextDeadline ?? description.typedSearchAttributes.get(SA.nextDeadline)?.toISOString();
    return reply.type('text/html; charset=utf-8').send(
      render('process.njk', {
        ...view(req),
        title: workflowId,
        workflowId,
        summary: [
          { key: { text: 'Process' }, value: { text: description.type } },
          { key: { text: 'Board' }, value: { text: board } },
          {
            key: { text: 'Where it stands' },
            value: { text: running ? stage : `${description.status.name.toLowerCase()} (${stage})` },
          },
          ...(status?.waitingFor
            ? [{ key: { text: 'Waiting for' }, value: { text: displayDatesIn(status.waitingFor) } }]
            : []),
          ...(running && deadline
            ? [{ key: { text: 'Next deadline' }, value: { text: displayDeadline(deadline) } }]
            : []),
        ],
        steps: (status?.steps ?? []).map((s) => [
          { text: displayDateTime(s.at) },
          { text: s.kind },
          { text: s.detail },
        ]),
        webUi: options.webUiLink?.(workflowId),
      }),
    );
  });
}
