/**
 * An item's report and background papers, uploaded by an officer in the console (issues 14 and 15): a PDF,
 * Word (DOCX) or Markdown file, kept under the
 * data directory by its SHA-256 and recorded in the register (migration 0005) with who uploaded it, taken
 * from the session. Only the board's democratic services and commissioning officer upload, to an item
 * that exists.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../activities/records/db';
import { decisionWorkflowId } from '../definitions/decision';
import {
  REPORT_FILE_TYPES,
  REPORT_KINDS,
  REPORT_KIND_WORDS,
  type ReportFileType,
  type ReportKind,
} from '../definitions/reports';
import { displayDateTime } from '../governance/display-dates';
import type { StandingOrders } from '../governance/standing-orders';
import { proposingBoards } from './items';
import { htmlReply, type Render } from './views';

export const REPORT_MAX_BYTES = 10 * 1024 * 1024;

type Params = { board: string; ref: string };
/** The file field as the multipart parser hands it over (onFile in server.ts). */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** What the file is, or why it is refused: a PDF or a DOCX by its signature, Markdown as UTF-8 text. */
function fileTypeOf(file: UploadedFile): ReportFileType | string {
  const ext = path.extname(file.filename).toLowerCase();
  if (file.data.length === 0) return 'report: the file is empty';
  if (ext === '.pdf')
    return file.data.subarray(0, 5).toString('latin1') === '%PDF-'
      ? REPORT_FILE_TYPES.pdf
      : 'report: the file is named .pdf but is not a PDF';
  // A DOCX is a ZIP package; its main part is named in it.
  if (ext === '.docx')
    return file.data.subarray(0, 4).toString('latin1') === 'PK\x03\x04' &&
      file.data.includes('word/document.xml', 0, 'latin1')
      ? REPORT_FILE_TYPES.docx
      : 'report: the file is named .docx but is not a Word document';
  if (ext === '.md' || ext === '.markdown') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(file.data);
      return REPORT_FILE_TYPES.markdown;
    } catch {
      return 'report: a Markdown file must be UTF-8 text';
    }
  }
  return 'report: must be a PDF (.pdf), Word (.docx) or Markdown (.md) file';
}

export function reportRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    db: Db;
    reportsDir: string;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { client, db, render, view } = options;
  const html = htmlReply(render);
  const message = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, line: string) =>
    html(reply, status, 'message.njk', {
      ...view(req),
      title,
      lines: [line],
      link: { href: '/', text: 'Back to the start' },
    });
  /** The refusal, if the session may not upload to this item; undefined when it may. */
  const refusal = async (req: FastifyRequest, reply: FastifyReply) => {
    const { board, ref } = req.params as Params;
    if (!proposingBoards(req.consoleSession!.email, options.boards).includes(board))
      return message(
        req,
        reply,
        403,
        'You cannot upload a report here',
        `Only ${board}'s officers may. Nothing was kept.`,
      );
    try {
      await client.workflow.getHandle(decisionWorkflowId(board, ref)).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return message(req, reply, 404, 'Not found', 'There is no such item.');
      throw error;
    }
    return undefined;
  };
  const form = async (req: FastifyRequest, reply: FastifyReply, status: number, error?: string) => {
    const { board, ref } = req.params as Params;
    const workflowId = decisionWorkflowId(board, ref);
    const { rows } = await db.query<{
      file_name: string;
      sha256: string;
      uploaded_by: string;
      at: string;
      kind: ReportKind;
    }>(
      `select file_name, sha256, uploaded_by, kind, to_char(uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
       from item_reports where workflow_id = $1 order by uploaded_at`,
      [workflowId],
    );
    return html(reply, status, 'report.njk', {
      ...view(req),
      title: `The report for ${workflowId}`,
      workflowId,
      action: `/decisions/${encodeURIComponent(board)}/${encodeURIComponent(ref)}/report`,
      reports: rows.map((r) => [
        { text: REPORT_KIND_WORDS[r.kind] },
        { text: r.file_name },
        { text: r.sha256.slice(0, 12) },
        { text: r.uploaded_by },
        { text: displayDateTime(r.at) },
      ]),
      error,
    });
  };

  scope.get(
    '/decisions/:board/:ref/report',
    async (req, reply) => (await refusal(req, reply)) ?? form(req, reply, 200),
  );

  scope.post('/decisions/:board/:ref/report', async (req, reply) => {
    const refused = await refusal(req, reply);
    if (refused) return refused;
    const file = (req.body as { report?: UploadedFile } | undefined)?.report;
    if (!file || typeof file !== 'object' || !file.filename)
      return form(req, reply, 400, 'report: choose a file');
    const type = fileTypeOf(file);
    if (typeof type === 'string') return form(req, reply, 400, type);
    const kind = (req.body as { kind?: unknown } | undefined)?.kind ?? 'report';
    if (!REPORT_KINDS.includes(kind as ReportKind))
      return form(req, reply, 400, 'kind: must be the report or a background paper');
    const { board, ref } = req.params as Params;
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const dir = path.join(options.reportsDir, board, ref);
    const stored = path.join(dir, `${sha256}${type.ext}`);
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    writeFileSync(stored, file.data, { mode: 0o640 });
    await db.query(
      `insert into item_reports (workflow_id, sha256, file_name, media_type, bytes, path, uploaded_by, kind)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (workflow_id, sha256) do nothing`,
      [
        decisionWorkflowId(board, ref),
        sha256,
        path.basename(file.filename).slice(0, 200),
        type.mediaType,
        file.data.length,
        stored,
        req.consoleSession!.email,
        kind,
      ],
    );
    return form(req, reply, 200);
  });
}
