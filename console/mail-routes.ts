/**
 * /mail, /mail/<file>, /mail/<file>/raw and /mail/<file>/html: the embedded mail store, for democratic
 * services only (governance/people.ts). 50 messages a page (?page=N); at most 2 mail requests at work and 8
 * waiting, others 503, so reading the store cannot take the console's time from everyone else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mailReadingRefusal, rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { Gate } from './gate';
import { mailListPage, messageView, readMail } from './mail';
import { htmlReply, type Render } from './views';

/** Stored mail HTML: sandboxed, its own origin, nothing loaded from anywhere. */
const MAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const MAIL_ACTIVE = 2;
const MAIL_WAITING = 8;

/** ?page=N: a whole number from 1; anything else names no page. */
function pageNumber(given: string | undefined): number | undefined {
  if (given === undefined) return 1;
  return /^[1-9][0-9]{0,5}$/.test(given) ? Number(given) : undefined;
}

export function mailRoutes(
  scope: FastifyInstance,
  options: {
    mailDir: string;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { mailDir, render, view } = options;
  const gate = new Gate(MAIL_ACTIVE, MAIL_WAITING);
  const html = htmlReply(render);
  const notFound = (req: FastifyRequest, reply: FastifyReply, what: string) =>
    html(reply, 404, 'message.njk', { ...view(req), title: 'Not found', lines: [what] });

  /** Refuses anyone but democratic services, then runs `work` if the gate admits it. */
  const guarded =
    (work: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const refusal = mailReadingRefusal(rolesOf(req.consoleSession!.email, options.boards));
      if (refusal)
        return html(reply, 403, 'message.njk', {
          ...view(req),
          title: 'You cannot see this page',
          lines: [`The mail sent lists people’s personal addresses: ${refusal}.`],
          link: { href: '/', text: 'Back to the start' },
        });
      const admitted = await gate.run(() => work(req, reply));
      if (admitted) return admitted.value;
      return reply
        .code(503)
        .header('Retry-After', '2')
        .type('text/plain; charset=utf-8')
        .send('The mail store is busy; try again shortly.\n');
    };

  scope.get<{ Querystring: { page?: string } }>(
    '/mail',
    guarded(async (req, reply) => {
      const n = pageNumber((req.query as { page?: string }).page);
      const list = n === undefined ? undefined : await mailListPage(mailDir, n);
      if (!list) return notFound(req, reply, 'There is no such page of mail.');
      return html(reply, 200, 'mail-list.njk', { ...view(req), title: 'Mail sent', dir: mailDir, list });
    }),
  );
  scope.get(
    '/mail/:name',
    guarded(async (req, reply) => {
      const { name } = req.params as { name: string };
      const mail = await readMail(mailDir, name);
      if (!mail) return notFound(req, reply, 'There is no such message.');
      const message = messageView(mail.parsed);
      return html(reply, 200, 'mail-message.njk', { ...view(req), title: message.subject, name, message });
    }),
  );
  scope.get(
    '/mail/:name/raw',
    guarded(async (req, reply) => {
      const { name } = req.params as { name: string };
      const mail = await readMail(mailDir, name);
      if (!mail) return notFound(req, reply, 'There is no such message.');
      return reply
        .type('message/rfc822')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(mail.raw);
    }),
  );
  scope.get(
    '/mail/:name/html',
    guarded(async (req, reply) => {
      const { name } = req.params as { name: string };
      const mail = await readMail(mailDir, name);
      if (!mail) return notFound(req, reply, 'There is no such message.');
      return reply
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', MAIL_HTML_CSP)
        .send(mail.parsed.html || '');
    }),
  );
}
