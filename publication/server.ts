/**
 * The public, read-only face of the register (started by `npm start` on GOVFLOW_HTTP_PORT, default 8080):
 *   /forward-plan  /forward-plan.json  /forward-plan.ics
 *   /decisions     /decisions.json     /decisions.rss
 *   /meetings      /meetings/<id>      (agenda)
 *   /mail          /mail/<file>        (the embedded mail store, when there is one: 50 messages a page
 *                                       (?page=N), at most 2 mail requests at work and 8 waiting, others 503)
 * Every request reads the register afresh, so a decision recorded a moment ago is already public.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Register } from '../activities/records/register';
import { decisionsJson, decisionsRss, forwardPlanIcs, forwardPlanJson } from './feeds';
import { Gate } from './gate';
import { mailListPage, mailPage, readMail } from './mail-pages';
import { decisionsPage, forwardPlanPage, indexPage, meetingPage, meetingsPage, notFoundPage } from './pages';

export interface PublicationOptions {
  register: Register;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1; set 0.0.0.0 to publish beyond this machine. */
  host?: string;
  /** The embedded mail store to show under /mail; without it /mail is not served. */
  mailDir?: string;
  /** The address the public reaches this server by, for links in feeds. Defaults to the listen address. */
  publicUrl?: string;
}

export interface PublicationServer {
  url: string;
  close(): Promise<void>;
}

/** Pages carry no scripts; the policy makes sure none can run even if escaping were ever missed. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/** Stored mail HTML: sandboxed, its own origin, nothing loaded from anywhere. */
const MAIL_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";

interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  csp?: string;
  headers?: Record<string, string>;
}

/** A malformed %-escape names no meeting; it must not become a server error. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

const htmlReply = (body: string, status = 200): Reply => ({ status, type: 'text/html; charset=utf-8', body });

/** /mail?page=N: a whole number from 1; anything else names no page. */
function mailPageNumber(query: URLSearchParams): number | undefined {
  const given = query.get('page');
  if (given === null) return 1;
  return /^[1-9][0-9]{0,5}$/.test(given) ? Number(given) : undefined;
}

async function route(
  pathname: string,
  query: URLSearchParams,
  options: PublicationOptions,
  baseUrl: string,
): Promise<Reply> {
  const { register, mailDir } = options;
  const view = { showMail: Boolean(mailDir) };
  switch (pathname) {
    case '/':
      return htmlReply(indexPage(view));
    case '/forward-plan':
      return htmlReply(forwardPlanPage(await register.forwardPlan(), view));
    case '/forward-plan.json':
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: forwardPlanJson(await register.forwardPlan()),
      };
    case '/forward-plan.ics':
      return {
        status: 200,
        type: 'text/calendar; charset=utf-8',
        body: forwardPlanIcs(await register.forwardPlan(), baseUrl),
        headers: { 'Content-Disposition': 'inline; filename="forward-plan.ics"' },
      };
    case '/decisions':
      return htmlReply(decisionsPage(await register.decisions(), view));
    case '/decisions.json':
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: decisionsJson(await register.decisions()),
      };
    case '/decisions.rss':
      return {
        status: 200,
        type: 'application/rss+xml; charset=utf-8',
        body: decisionsRss(await register.decisions(), baseUrl),
      };
    case '/meetings':
      return htmlReply(meetingsPage(await register.meetings(), view));
    case '/mail': {
      if (!mailDir) break;
      const number = mailPageNumber(query);
      const listed = number === undefined ? undefined : await mailListPage(mailDir, number);
      return listed
        ? htmlReply(listed)
        : htmlReply(notFoundPage('There is no such page of mail.', view), 404);
    }
  }
  // Meeting ids hold a slash ("<board>/<date>"): take the rest of the path, encoded or not.
  const meetingMatch = /^\/meetings\/(.+)$/.exec(pathname);
  if (meetingMatch) {
    const meeting = await register.meeting(safeDecode(meetingMatch[1] ?? ''));
    return meeting
      ? htmlReply(meetingPage(meeting, view))
      : htmlReply(notFoundPage('There is no such meeting.', view), 404);
  }
  const mailMatch = /^\/mail\/([^/]+)(\/raw|\/html)?$/.exec(pathname);
  if (mailMatch && mailDir) {
    const name = mailMatch[1] ?? '';
    const mail = await readMail(mailDir, name);
    if (!mail) return htmlReply(notFoundPage('There is no such message.', view), 404);
    if (mailMatch[2] === '/raw') {
      return {
        status: 200,
        type: 'message/rfc822',
        body: mail.raw,
        headers: { 'Content-Disposition': `attachment; filename="${name}"` },
      };
    }
    if (mailMatch[2] === '/html') {
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: mail.parsed.html || '',
        csp: MAIL_HTML_CSP,
      };
    }
    return htmlReply(mailPage(name, mail.parsed));
  }
  return htmlReply(notFoundPage('There is no page at this address.', view), 404);
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    'Content-Type': reply.type,
    'Content-Security-Policy': reply.csp ?? PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    ...reply.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

/** Mail pages parse stored messages (up to 10 MB each): a few at a time, the rest told to come back. */
const MAIL_ACTIVE = 2;
const MAIL_WAITING = 8;
const BUSY: Reply = {
  status: 503,
  type: 'text/plain; charset=utf-8',
  body: 'The mail store is busy; try again shortly.\n',
  headers: { 'Retry-After': '2' },
};

export async function startPublicationServer(options: PublicationOptions): Promise<PublicationServer> {
  const host = options.host ?? '127.0.0.1';
  const mailGate = new Gate(MAIL_ACTIVE, MAIL_WAITING);
  let baseUrl = options.publicUrl?.replace(/\/$/, '') ?? '';
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, {
        status: 405,
        type: 'text/plain; charset=utf-8',
        body: 'Read only\n',
        headers: { Allow: 'GET, HEAD' },
      });
      return;
    }
    let pathname: string;
    let query: URLSearchParams;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      pathname = url.pathname.replace(/(.)\/$/, '$1');
      query = url.searchParams;
    } catch {
      send(req, res, { status: 400, type: 'text/plain; charset=utf-8', body: 'Bad request\n' });
      return;
    }
    const reply = /^\/mail(\/|$)/.test(pathname)
      ? mailGate
          .run(() => route(pathname, query, options, baseUrl))
          .then((admitted) => admitted?.value ?? BUSY)
      : route(pathname, query, options, baseUrl);
    reply.then(
      (reply) => send(req, res, reply),
      (error: unknown) => {
        // The register may be briefly unreachable; say so rather than hang, and keep serving.
        console.error('publication: request failed', pathname, error);
        send(req, res, {
          status: 503,
          type: 'text/plain; charset=utf-8',
          body: 'The register is unavailable; try again shortly.\n',
        });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!baseUrl) baseUrl = url;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
