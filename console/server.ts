/**
 * The officers' console (issue 15), started by `npm start` on GOVFLOW_CONSOLE_PORT (default 8090): the way
 * in for the people who act, signed in with OpenID Connect. Server-rendered pages (views.ts), sessions in
 * the register's database (sessions.ts), every page and action behind a session (guard.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Register } from '../activities/records/register';
import { describeRole, mailReadingRefusal, peopleOf, rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { SESSION_COOKIE, sessionGuard } from './guard';
import { ISSUER_PATH, startEmbeddedIssuer, type EmbeddedIssuer } from './issuer';
import { loginRoutes } from './login';
import { mailRoutes } from './mail-routes';
import { voteRoutes } from './vote';
import { callInRoutes } from './call-in';
import { parentDecisionRoutes } from './parent-decision';
import { decisionActionRoutes } from './decision-actions';
import { selfAssessmentRoutes } from './self-assessment';
import { meetingRoutes } from './meetings';
import { processRoutes } from './process';
import { termsOfReferenceRoutes } from './terms-of-reference';
import { REPORT_MAX_BYTES, reportRoutes } from './reports';
import { itemRoutes, proposingBoards, type ProposeItem } from './items';
import { boardRoutes, type ProposeBoard } from './boards';
import { londonCivilDate } from '../governance/civil-date';
import { CallInStore } from './call-ins';
import { SessionStore } from './sessions';
import { myTasks } from './tasks';
import { signInRoutes, type RelyingParty } from './sign-in';
import { COUNCIL_LOGO_PATH, consoleStylesheet, createRenderer, type Council, type Render } from './views';

export interface ConsoleOptions {
  register: Register;
  /** The boards whose standing orders say who may sign in and what each person does. */
  boards: readonly StandingOrders[];
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The address the browser uses, when not the listen address (behind a proxy); https makes cookies Secure. */
  publicUrl?: string;
  council: Council;
  idleMinutes: number;
  /** The council's identity provider; without it the console runs its own, with accounts in `accountsFile`. */
  identity: { relyingParty: RelyingParty } | { accountsFile: string };
  /** The embedded mail store, shown to democratic services under /mail; without it /mail is not served. */
  mailDir?: string;
  /** Where actions go (the same Updates as the CLI); without it the console takes no actions. */
  temporal?: Client;
  /** A workflow in the Temporal Web UI (client/queries.ts's webUiLink), when there is a UI to link to. */
  webUiLink?: (workflowId: string) => string;
  /** Starts a decision as `govflow decision propose` does; without it officers propose no items here. */
  proposeItem?: ProposeItem;
  /** Starts a board as `govflow board propose` does; without it no board is proposed here. */
  proposeBoard?: ProposeBoard;
  /** Where uploaded reports are kept (under the data directory); without it reports are not uploaded here. */
  reportsDir?: string;
}

export interface ConsoleServer {
  url: string;
  /** The embedded provider's accounts file, when it runs. */
  accountsFile?: string;
  close(): Promise<void>;
}

/** Pages load nothing from elsewhere and run no script; forms post only here. */
const CONSOLE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export async function startConsoleServer(options: ConsoleOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const render = createRenderer(options.council);
  const sessions = new SessionStore(options.register.db, options.idleMinutes);
  const stylesheet = consoleStylesheet(options.council);
  const app = Fastify({ logger: false });
  let baseUrl = options.publicUrl?.replace(/\/$/, '') ?? '';
  let issuer: EmbeddedIssuer | undefined;
  const secure = () => baseUrl.startsWith('https:');

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', CONSOLE_CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
  app.get('/assets/console.css', (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(stylesheet),
  );
  const logo = options.council.logo;
  if (logo)
    app.get(COUNCIL_LOGO_PATH, (_req, reply) =>
      reply.type(logo.type).header('Cache-Control', 'public, max-age=3600').send(logo.bytes),
    );
  if ('accountsFile' in options.identity) {
    await app.register(
      async (scope) => {
        // The provider reads its own request bodies.
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
        const handler = (req: FastifyRequest, reply: FastifyReply) => {
          reply.hijack();
          const raw = req.raw as IncomingMessage & { originalUrl?: string };
          raw.originalUrl = raw.url;
          raw.url = raw.url!.slice(ISSUER_PATH.length) || '/';
          issuer!.handle(raw, reply.raw);
        };
        scope.all('/', handler);
        scope.all('/*', handler);
      },
      { prefix: ISSUER_PATH },
    );
    loginRoutes(app, { issuer: () => issuer!, sessions, render });
  }
  signInRoutes(app, {
    sessions,
    render,
    boards: () => options.boards,
    baseUrl: () => baseUrl,
    relyingParty: () => ('relyingParty' in options.identity ? options.identity.relyingParty : issuer!),
  });
  await app.register(async (scope) => pages(scope, options, render, sessions, secure));

  await app.listen({ port: options.port, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!baseUrl) baseUrl = url;
  if ('accountsFile' in options.identity) {
    issuer = await startEmbeddedIssuer({
      baseUrl,
      accountsFile: options.identity.accountsFile,
      people: peopleOf(options.boards),
      renderError: (message) =>
        render('message.njk', {
          title: 'Sign-in problem',
          lines: [message],
          link: { href: '/sign-in', text: 'Sign in' },
        }),
    });
  }
  return { url, accountsFile: issuer?.accountsFile, close: () => app.close() };
}

/** The person's tasks; null (the page says so) when Temporal cannot be asked just now. */
async function tasksOrNothing(client: Client, roles: Role[]) {
  try {
    return await myTasks(client, roles);
  } catch (error) {
    console.error('console: could not list tasks', error);
    return null;
  }
}

/** The pages behind a session. */
async function pages(
  scope: FastifyInstance,
  options: ConsoleOptions,
  render: Render,
  sessions: SessionStore,
  secure: () => boolean,
): Promise<void> {
  // A report upload's fields land in the body like a form's (the CSRF token among them), its file as a
  // { filename, data } read within the limit.
  await scope.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: REPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: true,
    onFile: async (part) => {
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        data: await part.toBuffer(),
      };
    },
  });
  scope.addHook('preHandler', sessionGuard(sessions, render, secure));
  const view = (req: FastifyRequest) => {
    const session = req.consoleSession!;
    const roles = rolesOf(session.email, options.boards);
    const proposing = options.proposeItem ? proposingBoards(session.email, options.boards)[0] : undefined;
    const navigation = [
      { href: '/', text: 'Start', active: req.url === '/' },
      ...(proposing
        ? [
            {
              href: `/boards/${proposing}/items/new`,
              text: 'Propose an item',
              active: req.url.endsWith('/items/new'),
            },
          ]
        : []),
      ...(options.temporal
        ? [
            {
              href: '/boards',
              text: 'Boards',
              active: req.url.startsWith('/boards') && !req.url.endsWith('/items/new'),
            },
          ]
        : []),
      // The meetings of the person's first board (each board's are at /meetings/<board>).
      ...(options.temporal && roles[0]
        ? [{ href: `/meetings/${roles[0].board}`, text: 'Meetings', active: req.url.startsWith('/meetings') }]
        : []),
      ...(options.mailDir && !mailReadingRefusal(roles)
        ? [{ href: '/mail', text: 'Mail sent', active: req.url.startsWith('/mail') }]
        : []),
    ];
    return {
      person: { email: session.email, name: session.name },
      csrfToken: session.csrfToken,
      roles,
      navigation,
    };
  };
  if (options.mailDir) mailRoutes(scope, { mailDir: options.mailDir, boards: options.boards, render, view });
  if (options.temporal) {
    const acting = { client: options.temporal, boards: options.boards, render, view };
    voteRoutes(scope, acting);
    callInRoutes(scope, { ...acting, store: new CallInStore(options.register.db) });
    parentDecisionRoutes(scope, acting);
    decisionActionRoutes(scope, acting);
    selfAssessmentRoutes(scope, acting);
    termsOfReferenceRoutes(scope, acting);
    processRoutes(scope, { ...acting, webUiLink: options.webUiLink });
    meetingRoutes(scope, acting);
    boardRoutes(scope, {
      ...acting,
      db: options.register.db,
      today: () => londonCivilDate(Date.now()),
      proposeBoard: options.proposeBoard,
    });
  }
  if (options.temporal && options.reportsDir)
    reportRoutes(scope, {
      client: options.temporal,
      db: options.register.db,
      reportsDir: options.reportsDir,
      boards: options.boards,
      render,
      view,
    });
  if (options.proposeItem)
    itemRoutes(scope, { proposeItem: options.proposeItem, boards: options.boards, render, view });
  scope.get('/', async (req, reply) => {
    const v = view(req);
    return reply.type('text/html; charset=utf-8').send(
      render('start.njk', {
        ...v,
        title: 'Start',
        roles: v.roles.map((r) => describeRole(r, options.boards)),
        tasks: options.temporal ? await tasksOrNothing(options.temporal, v.roles) : undefined,
      }),
    );
  });
  scope.post('/sign-out', async (req, reply) => {
    await sessions.close(req.cookies[SESSION_COOKIE]!);
    reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secure() });
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
  scope.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(
        render('message.njk', {
          ...view(req),
          title: 'Page not found',
          lines: ['There is no page at this address.'],
        }),
      ),
  );
}
