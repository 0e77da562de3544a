/**
 * A board's pages in the console (issue 15): the boards the signed-in person has a role on, each board's
 * stage, parent bodies' answers and Terms of Reference versions; for democratic services, proposing a board
 * (as `govflow board propose` does, through the function handed in) and uploading a revised Terms of
 * Reference (the `reviseTermsOfReference` Update `govflow tor revise` sends). The acting officer is always
 * the session's; anyone else is refused with nothing sent.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../activities/records/db';
import {
  boardStatusQuery,
  boardWorkflowId,
  reviseTermsOfReferenceUpdate,
  termsOfReferenceRevisionSchema,
  type BoardStatus,
} from '../definitions/board';
import { UserError } from '../definitions/errors';
import { compareCivilDates, type CivilDate } from '../governance/civil-date';
import { displayDate } from '../governance/display-dates';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import type { UploadedFile } from './reports';
import { htmlReply, type Render } from './views';

/** Starts a board's process as `govflow board propose` does; a UserError says why it was not started. */
export type ProposeBoard = (request: {
  standingOrders: StandingOrders;
  termsOfReference: string;
  firstMeeting: string;
  proposedOn: string;
}) => Promise<string>;

/** The Terms of Reference schema allows 200,000 characters; a file far larger is refused before decoding. */
const TOR_MAX_BYTES = 1024 * 1024;
const ANSWER_WITHIN_MS = 5_000;

type Params = { board: string };

/** The file's text, or why it is refused: a non-empty UTF-8 Markdown file. */
function markdownOf(file: unknown): { text: string } | string {
  const f = file as UploadedFile | undefined;
  if (!f || typeof f !== 'object' || !f.filename || !Buffer.isBuffer(f.data))
    return 'termsOfReference: choose a Markdown file';
  if (!/\.(md|markdown)$/i.test(f.filename)) return 'termsOfReference: must be a Markdown (.md) file';
  if (f.data.length === 0) return 'termsOfReference: the file is empty';
  if (f.data.length > TOR_MAX_BYTES) return 'termsOfReference: the file is larger than 1 MB';
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(f.data) };
  } catch {
    return 'termsOfReference: the file must be UTF-8 text';
  }
}

export function boardRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    db: Db;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
    today: () => CivilDate;
    proposeBoard?: ProposeBoard;
  },
): void {
  const { client, render, view } = options;
  const html = htmlReply(render);
  const message = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, line: string) =>
    html(reply, status, 'message.njk', {
      ...view(req),
      title,
      lines: [line],
      link: { href: '/boards', text: 'Back to the boards' },
    });
  const email = (req: FastifyRequest) => req.consoleSession!.email;
  const standingOrdersOf = (board: string) => options.boards.find((so) => so.board.id === board);
  const isDemocraticServices = (req: FastifyRequest, board: string) =>
    rolesOf(email(req), options.boards).some((r) => r.kind === 'democratic-services' && r.board === board);
  /** A form naming an acting officer other than the session's is someone acting for another. */
  const actingForAnother = (req: FastifyRequest, reply: FastifyReply) => {
    const by = (req.body as Record<string, unknown> | undefined)?.by;
    return by !== undefined && by !== email(req)
      ? message(
          req,
          reply,
          403,
          'You act only as yourself',
          `by: you are signed in as ${email(req)}. Nothing was sent.`,
        )
      : undefined;
  };
  /** The board's status; undefined when it was never proposed; null when its process did not answer. */
  const statusOf = async (board: string): Promise<BoardStatus | undefined | null> => {
    try {
      return await client.connection.withDeadline(Date.now() + ANSWER_WITHIN_MS, () =>
        client.workflow.getHandle(boardWorkflowId(board)).query(boardStatusQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      console.error(`console: board ${board} did not answer`, error);
      return null;
    }
  };
  const stageText = (status: BoardStatus | undefined | null) =>
    status === undefined ? 'not proposed' : status === null ? 'not answering just now' : status.stage;

  scope.get('/boards', async (req, reply) => {
    const ids = [...new Set(rolesOf(email(req), options.boards).map((r) => r.board))];
    const rows = await Promise.all(
      ids.map(async (id) => ({
        id,
        name: standingOrdersOf(id)!.board.name,
        href: `/boards/${encodeURIComponent(id)}`,
        stage: stageText(await statusOf(id)),
      })),
    );
    return html(reply, 200, 'boards.njk', {
      ...view(req),
      title: 'Boards',
      rows,
      proposing: ids.some((id) => isDemocraticServices(req, id)) && Boolean(options.proposeBoard),
    });
  });

  // Proposing: democratic services choose one of their boards' standing orders, then the first meeting.
  const proposable = (req: FastifyRequest) =>
    options.boards.filter((so) => isDemocraticServices(req, so.board.id));
  const proposeForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    chosen?: string,
    error?: string,
  ) => {
    const choices = proposable(req);
    const so = choices.find((c) => c.board.id === chosen) ?? choices[0]!;
    const today = options.today();
    return html(reply, status, 'board-propose.njk', {
      ...view(req),
      title: 'Propose a board',
      error,
      // The summary links to the field the error names (a refusal from the start names none).
      errorField: error?.startsWith('firstMeeting:') ? 'firstMeeting' : 'termsOfReference',
      choose: choices.length > 1,
      presets: choices.map((c) => ({
        value: c.board.id,
        text: `${c.board.name} (${c.board.id})`,
        selected: c === so,
      })),
      board: so.board,
      meetings: so.meetings
        .filter((d) => compareCivilDates(d, today) > 0)
        .map((d) => ({ value: d, text: displayDate(d) })),
    });
  };
  const notOfficer = (req: FastifyRequest, reply: FastifyReply, what: string) =>
    message(
      req,
      reply,
      403,
      `You cannot ${what}`,
      `Only a board’s democratic services may. Nothing was sent.`,
    );

  scope.get('/boards/new', (req, reply) => {
    if (!options.proposeBoard || !proposable(req).length) return notOfficer(req, reply, 'propose a board');
    return proposeForm(req, reply, 200, (req.query as { standingOrders?: string }).standingOrders);
  });

  scope.post('/boards/new', async (req, reply) => {
    if (!options.proposeBoard || !proposable(req).length) return notOfficer(req, reply, 'propose a board');
    const refused = actingForAnother(req, reply);
    if (refused) return refused;
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const so = proposable(req).find((c) => c.board.id === fields.standingOrders);
    if (!so) return proposeForm(req, reply, 400, undefined, 'standingOrders: choose one of your boards');
    const tor = markdownOf(fields.termsOfReference);
    if (typeof tor === 'string') return proposeForm(req, reply, 400, so.board.id, tor);
    const firstMeeting = typeof fields.firstMeeting === 'string' ? fields.firstMeeting : '';
    if (!so.meetings.includes(firstMeeting))
      return proposeForm(
        req,
        reply,
        400,
        so.board.id,
        `firstMeeting: choose one of ${so.board.name}’s meeting dates`,
      );
    try {
      await options.proposeBoard({
        standingOrders: so,
        termsOfReference: tor.text,
        firstMeeting,
        proposedOn: options.today(),
      });
    } catch (error) {
      if (error instanceof UserError) return proposeForm(req, reply, 409, so.board.id, error.message);
      throw error;
    }
    return reply.redirect(`/boards/${encodeURIComponent(so.board.id)}`, 303);
  });

  const boardPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: number,
    error?: string,
    done?: string,
  ) => {
    const { board } = req.params as Params;
    const so = standingOrdersOf(board);
    if (!so || !rolesOf(email(req), options.boards).some((r) => r.board === board))
      return message(req, reply, 404, 'Not found', 'You have no role on a board with this id.');
    const status = await statusOf(board);
    const { rows } = await options.db.query<{ version: number; content_hash: string; approved_on: string }>(
      `select version, content_hash, to_char(approved_on, 'YYYY-MM-DD') as approved_on
       from tor_versions where board_id = $1 order by version`,
      [board],
    );
    const bodyOf = (kind: string) => so.partners.find((p) => p.kind === kind)?.parentBody.name ?? kind;
    const answers = (record: Record<string, string> | undefined) =>
      Object.entries(record ?? {}).map(([kind, answer]) => ({
        key: { text: bodyOf(kind) },
        value: { text: answer },
      }));
    return html(reply, code, 'board.njk', {
      ...view(req),
      title: so.board.name,
      board,
      stage: stageText(status),
      workflowId: boardWorkflowId(board),
      inForce: status?.termsOfReference,
      draft: status?.draft,
      draftAnswers: answers(status?.draft?.decisions),
      reviewAnswers: answers(status?.review?.outcomes),
      approved: rows.map((r) => [
        { text: String(r.version) },
        { text: r.content_hash },
        { text: displayDate(r.approved_on) },
      ]),
      canRevise: isDemocraticServices(req, board) && Boolean(status),
      action: `/boards/${encodeURIComponent(board)}/terms-of-reference`,
      error,
      done,
    });
  };

  scope.get('/boards/:board', (req, reply) => boardPage(req, reply, 200));

  scope.post('/boards/:board/terms-of-reference', async (req, reply) => {
    const { board } = req.params as Params;
    if (!isDemocraticServices(req, board)) return notOfficer(req, reply, 'revise the Terms of Reference');
    const refused = actingForAnother(req, reply);
    if (refused) return refused;
    const tor = markdownOf((req.body as Record<string, unknown> | undefined)?.termsOfReference);
    if (typeof tor === 'string') return boardPage(req, reply, 400, tor);
    const revision = termsOfReferenceRevisionSchema.safeParse({ text: tor.text, by: email(req) });
    if (!revision.success) {
      const issue = revision.error.issues[0]!;
      return boardPage(req, reply, 400, `termsOfReference: ${issue.message}`);
    }
    try {
      const result = await client.workflow
        .getHandle(boardWorkflowId(board))
        .executeUpdate(reviseTermsOfReferenceUpdate, { args: [revision.data] });
      return boardPage(
        req,
        reply,
        200,
        undefined,
        `Terms of Reference version ${result.version} (SHA-256 ${result.contentHash}) goes to both parent bodies.`,
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        return boardPage(req, reply, 409, error.cause?.message ?? error.message);
      if (error instanceof WorkflowNotFoundError)
        return boardPage(req, reply, 409, `${boardWorkflowId(board)}: the board has not been proposed`);
      throw error;
    }
  });
}
