/**
 * The public, read-only face of the register (started by `npm start` on GOVFLOW_HTTP_PORT, default 8080):
 *   /forward-plan  /forward-plan.json  /forward-plan.ics
 *   /decisions     /decisions.json     /decisions.rss
 *   /meetings      /meetings/<id>      (time, venue, agenda with each item's reports, attendance, minutes;
 *                                       schema.org Event JSON-LD)
 *   /recommendations                   (partnership boards' recommendations to the JCB and their outcome)
 *   /search?q=&board=&from=&to=        (decisions and the Forward Plan)
 *   /accessibility                     (the accessibility statement)
 *   /public-consultations  /public-consultations.json  (the public consultations open now)
 *   /pooled-budgets  /pooled-budgets/<board>/<year>  (section 75 pooled budgets by board and financial year)
 *   /oparl/v1                          (open data shaped on OParl 1.1: see oparl.ts)
 *   /reports/<board>/<ref>/<sha256>    (an item's report, unless the item is exempt: see reports.ts)
 *   /meetings/<id>/agenda-pack.pdf     (the published agenda with its reports as one PDF: agenda-pack.ts)
 *   /assets/council-logo               (GOVFLOW_COUNCIL_LOGO, when set)
 * The mail govflow sent lists personal addresses: it is in the officers' console, for democratic services.
 * Every request reads the register afresh, so a decision recorded a moment ago is already public.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Register } from '../activities/records/register';
import { openPublicConsultations } from '../activities/records/public-consultations';
import { publicConsultationsJson, publicConsultationsPage } from './consultations';
import { decisionsJson, decisionsRss, forwardPlanIcs, forwardPlanJson } from './feeds';
import { COUNCIL_LOGO_PATH, DEFAULT_COUNCIL, type Council } from './layout';
import { oparl } from './oparl';
import { reportFile, reportsByItem } from './reports';
import { decisionsPage, forwardPlanPage, indexPage, meetingPage, meetingsPage, notFoundPage } from './pages';
import { searchPage } from './search';
import { accessibilityPage } from './statement';
import { agendaPack, agendaPackLink, type AgendaPackOptions } from './agenda-pack';
import { exemptItemIds } from './exempt';
import { meetingRecord, rosterOf } from './meeting-record';
import { byItem, publicRecommendations, recommendationsPage } from './recommendations';
import { pooledBudgetHref, pooledBudgetPage, pooledBudgetYears, pooledBudgetsPage } from './pooled-budgets';

export interface PublicationOptions {
  register: Register;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1; set 0.0.0.0 to publish beyond this machine. */
  host?: string;
  /** The address the public reaches this server by, for links in feeds. Defaults to the listen address. */
  publicUrl?: string;
  /** The council's name, colour and logo on every page; DEFAULT_COUNCIL when not configured. */
  council?: Council;
  /** Where the console keeps items' reports (<dataDir>/reports); without it no report is linked or served. */
  reportsDir?: string;
}

export interface PublicationServer {
  url: string;
  close(): Promise<void>;
}

/** Pages carry no scripts (JSON-LD is data); the policy makes sure none can run even if escaping were ever missed. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'";

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

/** A PDF shows in the browser's own viewer, which a policy without object-src would block. */
const FILE_CSP = "default-src 'none'; object-src 'self'; base-uri 'none'";

const reportsOf = async (options: PublicationOptions) =>
  options.reportsDir ? reportsByItem(options.register.db) : new Map();

const meetingIdsOf = async (register: Register) =>
  new Set((await register.meetings()).map((m) => m.meetingId));

/** Partnership boards' recommendations, read with what the public record marks exempt. */
async function recommendationsOf(register: Register) {
  const [decisions, plan, meetings] = await Promise.all([
    register.decisions(),
    register.forwardPlan(),
    register.meetings(),
  ]);
  const exemptItems = exemptItemIds(decisions, plan, meetings);
  return {
    list: await publicRecommendations(register.db, exemptItems),
    exemptItems,
    decisions,
    plan,
    meetings,
  };
}

/** A meeting's page with what its process recorded, its items' papers and where they came from. */
async function meetingExtras(register: Register, meeting: { meetingId: string; boardId: string }) {
  const [{ list, exemptItems, plan }, boards, record] = await Promise.all([
    recommendationsOf(register),
    register.boards(),
    meetingRecord(register.db, meeting.meetingId),
  ]);
  return {
    record,
    roster: rosterOf(boards, meeting.boardId),
    exemptItems,
    recommended: byItem(list),
    documents: new Map(
      plan.flatMap((e) => (e.documents?.length ? [[e.decisionId ?? e.entryId, e.documents]] : [])),
    ),
  };
}

const packOptions = async (
  options: PublicationOptions,
  council: Council,
  baseUrl: string,
): Promise<AgendaPackOptions> => ({
  council,
  db: options.register.db,
  reports: await reportsOf(options),
  reportsDir: options.reportsDir,
  baseUrl,
});

async function route(
  pathname: string,
  query: URLSearchParams,
  options: PublicationOptions,
  baseUrl: string,
): Promise<Reply> {
  const { register } = options;
  const council = options.council ?? DEFAULT_COUNCIL;
  if (pathname === '/oparl/v1' || pathname.startsWith('/oparl/v1/')) {
    const answer = await oparl(pathname, query, register, baseUrl, council, await reportsOf(options));
    return {
      status: answer.status,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify(answer.body, null, 2),
      headers: { 'Access-Control-Allow-Origin': '*' },
    };
  }
  switch (pathname) {
    case '/':
      return htmlReply(indexPage(council));
    case '/accessibility':
      return htmlReply(accessibilityPage(council));
    case '/search':
      return htmlReply(await searchPage(council, register, query));
    case '/forward-plan':
      return htmlReply(
        forwardPlanPage(
          council,
          await register.forwardPlan(),
          await meetingIdsOf(register),
          await reportsOf(options),
          byItem((await recommendationsOf(register)).list),
        ),
      );
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
      return htmlReply(
        decisionsPage(
          council,
          await register.decisions(),
          await meetingIdsOf(register),
          await reportsOf(options),
          byItem((await recommendationsOf(register)).list),
        ),
      );
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
    case '/public-consultations':
      return htmlReply(publicConsultationsPage(council, await openPublicConsultations(register.db)));
    case '/public-consultations.json':
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: publicConsultationsJson(await openPublicConsultations(register.db)),
      };
    case '/meetings':
      return htmlReply(meetingsPage(council, await register.meetings()));
    case '/pooled-budgets':
      return htmlReply(
        pooledBudgetsPage(council, await pooledBudgetYears(register.db, await register.boards())),
      );
    case '/recommendations': {
      const { list, decisions, plan, meetings } = await recommendationsOf(register);
      return htmlReply(
        recommendationsPage(council, list, {
          meetings: new Set(meetings.map((m) => m.meetingId)),
          decisions: new Set(decisions.map((d) => d.decisionId)),
          planEntries: new Map(plan.map((e) => [e.decisionId ?? e.entryId, e.entryId])),
        }),
      );
    }
    case COUNCIL_LOGO_PATH:
      if (!council.logo) break;
      return {
        status: 200,
        type: council.logo.type,
        body: council.logo.bytes,
        headers: { 'Cache-Control': 'public, max-age=3600' },
      };
  }
  const packMatch = /^\/meetings\/(.+)\/agenda-pack\.pdf$/.exec(pathname);
  if (packMatch) {
    const meeting = await register.meeting(safeDecode(packMatch[1] ?? ''));
    const pack = meeting && (await agendaPack(meeting, await packOptions(options, council, baseUrl)));
    if (pack)
      return {
        status: 200,
        type: 'application/pdf',
        body: Buffer.from(pack.bytes),
        csp: FILE_CSP,
        headers: {
          'Content-Disposition': `inline; filename="agenda-pack-${meeting.meetingId.replace(/[^\w-]+/g, '-')}.pdf"`,
        },
      };
    return htmlReply(
      notFoundPage(
        council,
        meeting ? 'The agenda pack is published with the agenda.' : 'There is no such meeting.',
      ),
      404,
    );
  }
  // Meeting ids hold a slash ("<board>/<date>"): take the rest of the path, encoded or not.
  const meetingMatch = /^\/meetings\/(.+)$/.exec(pathname);
  if (meetingMatch) {
    const meeting = await register.meeting(safeDecode(meetingMatch[1] ?? ''));
    return meeting
      ? htmlReply(
          meetingPage(council, meeting, baseUrl, await reportsOf(options), {
            ...(await meetingExtras(register, meeting)),
            agendaPack: await agendaPackLink(meeting, await packOptions(options, council, baseUrl)),
          }),
        )
      : htmlReply(notFoundPage(council, 'There is no such meeting.'), 404);
  }
  if (pathname.startsWith('/pooled-budgets/')) {
    const years = await pooledBudgetYears(register.db, await register.boards());
    const year = years.find((y) => pooledBudgetHref(y) === pathname);
    return year
      ? htmlReply(pooledBudgetPage(council, year))
      : htmlReply(notFoundPage(council, 'There is no such pooled budget year.'), 404);
  }
  const reportMatch = /^\/reports\/([^/]+)\/(.+)\/([^/]+)$/.exec(pathname);
  if (reportMatch && options.reportsDir) {
    const [board, ref, sha256] = reportMatch.slice(1).map((s) => safeDecode(s ?? ''));
    const file = await reportFile(board!, ref!, sha256!, register.db, options.reportsDir);
    if (file) return { ...file, csp: FILE_CSP };
    return htmlReply(notFoundPage(council, 'There is no such report.'), 404);
  }
  return htmlReply(notFoundPage(council, 'There is no page at this address.'), 404);
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

export async function startPublicationServer(options: PublicationOptions): Promise<PublicationServer> {
  const host = options.host ?? '127.0.0.1';
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
    route(pathname, query, options, baseUrl).then(
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
