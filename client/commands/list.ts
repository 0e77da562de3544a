/** `govflow list` and `govflow queries`: the manager's view from the command line, through visibility. */
import type { Command } from 'commander';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { SA } from '../../definitions/search-attributes';
import { addDays, londonInstantMs } from '../../governance/civil-date';
import { displayDatesIn, displayDeadline } from '../../governance/display-dates';
import { loadConfig } from '../../runtime/config';
import { temporalTarget } from '../../runtime/connection';
import { withClient } from '../actions/connect';
import { dateFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { slugSchema } from '../../definitions/common';
import { UserError, parseInput } from '../../definitions/errors';
import {
  PROCESS_NAMES,
  SAVED_QUERIES,
  savedQuery,
  visibilityQuery,
  webUiLink,
  type ListFilters,
} from '../queries';

interface ListOptions {
  saved?: string;
  board?: string;
  process?: string;
  stage?: string;
  deadlineBefore?: string;
  deadlineAfter?: string;
  all?: boolean;
  limit: string;
  json?: boolean;
}

function filtersFrom(o: ListOptions): ListFilters {
  const saved = o.saved === undefined ? undefined : savedQuery(o.saved);
  if (o.saved !== undefined && !saved) {
    throw new UserError(
      `--saved: no saved query "${o.saved}"; saved queries: ${SAVED_QUERIES.map((q) => q.name).join(', ')}`,
    );
  }
  if (o.process !== undefined && !(PROCESS_NAMES as readonly string[]).includes(o.process)) {
    throw new UserError(
      `--process: "${o.process}" is not a govflow process; processes: ${PROCESS_NAMES.join(', ')}`,
    );
  }
  // Board ids and stages are slugs; refusing anything else catches typos and leaves nothing odd to escape.
  if (o.board !== undefined) parseInput(slugSchema, o.board, '--board');
  if (o.stage !== undefined && !/^[a-z]+(?:-[a-z]+)*$/.test(o.stage)) {
    throw new UserError(
      `--stage: "${o.stage}" is not a stage name (lower-case words joined by hyphens, e.g. in-call-in-window)`,
    );
  }
  return {
    saved,
    board: o.board,
    process: o.process,
    stage: o.stage,
    // Whole London days: "before 31 March" ends at midnight starting 31 March; "after" starts at the next midnight.
    deadlineBeforeMs:
      o.deadlineBefore === undefined
        ? undefined
        : londonInstantMs(dateFlag(o.deadlineBefore, '--deadline-before'), '00:00'),
    deadlineFromMs:
      o.deadlineAfter === undefined
        ? undefined
        : londonInstantMs(addDays(dateFlag(o.deadlineAfter, '--deadline-after'), 1), '00:00'),
    all: o.all,
  };
}

function row(info: WorkflowExecutionInfo) {
  const sa = info.typedSearchAttributes;
  const deadline = sa.get(SA.nextDeadline);
  return {
    workflowId: info.workflowId,
    status: info.status.name,
    board: sa.get(SA.board) ?? null,
    process: sa.get(SA.process) ?? null,
    stage: sa.get(SA.stage) ?? null,
    waitingFor: sa.get(SA.waitingFor) ?? null,
    nextDeadline: deadline ? deadline.toISOString() : null,
    deferrals: sa.get(SA.deferrals) ?? null,
    startTime: info.startTime.toISOString(),
  };
}

/** A deadline as people read it (the one formatter): a day's end reads as that day. */
function deadline(iso: string | null): string {
  return iso ? displayDeadline(iso) : '-';
}

function table(rows: ReturnType<typeof row>[]): string[] {
  const cells = rows.map((r) => [
    r.workflowId,
    r.stage ?? '-',
    deadline(r.nextDeadline),
    r.status === 'RUNNING' ? displayDatesIn(r.waitingFor ?? '-') : r.status.toLowerCase(),
  ]);
  const head = ['PROCESS', 'STAGE', 'NEXT DEADLINE (London)', 'WAITING FOR'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ');
  return [line(head), ...cells.map(line)];
}

/** The Web UI the CLI can link to: the dev server `npm start` runs, unless the cluster is elsewhere. */
function defaultUi(): string | undefined {
  return temporalTarget().external ? undefined : `http://127.0.0.1:${loadConfig().GOVFLOW_UI_PORT}`;
}

export function registerListCommands(program: Command): void {
  program
    .command('list')
    .description(
      'List processes through Temporal visibility, by board, process, stage, deadline or a saved query',
    )
    .option('--saved <name>', `a saved query: ${SAVED_QUERIES.map((q) => q.name).join(', ')}`)
    .option('--board <id>', 'only this board, e.g. southampton-jcb')
    .option('--process <name>', `only this process: ${PROCESS_NAMES.join(', ')}`)
    .option('--stage <stage>', 'only processes at this stage, e.g. in-call-in-window')
    .option('--deadline-before <YYYY-MM-DD>', 'next deadline earlier than that day (London)')
    .option('--deadline-after <YYYY-MM-DD>', 'next deadline later than that day (London)')
    .option('--all', 'include processes that have ended')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'print one JSON document: { query, workflows }')
    .addHelpText(
      'after',
      example(
        'npx govflow list --board southampton-jcb --process decision',
        'npx govflow list --saved call-in-window --json',
        'npx govflow list --deadline-after 2027-03-01 --deadline-before 2027-04-01',
      ),
    )
    .action(async (o: ListOptions) => {
      const filters = filtersFrom(o);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UserError(`--limit: "${o.limit}" must be a whole number from 1`);
      const query = visibilityQuery(filters, Date.now());
      const rows = await withClient(async (client) => {
        const found: ReturnType<typeof row>[] = [];
        for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
          found.push(row(info));
          if (found.length >= limit) break;
        }
        return found;
      });
      emit(o.json, { query, workflows: rows }, () =>
        rows.length === 0
          ? `no processes match: ${query}`
          : [...table(rows), '', `${rows.length} process(es); query: ${query}`],
      );
    });

  program
    .command('queries')
    .description('The saved queries for the Web UI’s search box, filled in for now, with links')
    .option('--ui <url>', 'the Web UI to link to (default: the one `npm start` runs, on GOVFLOW_UI_PORT)')
    .option('--json', 'print one JSON document: [{ name, title, whoActs, query, link }]')
    .addHelpText(
      'after',
      example('npx govflow queries', 'npx govflow queries --ui https://temporal.council.example --json'),
    )
    .action((o: { ui?: string; json?: boolean }) => {
      const now = Date.now();
      const ui = o.ui ?? defaultUi();
      const namespace = temporalTarget().namespace;
      const rows = SAVED_QUERIES.map((q) => {
        const query = q.query(now);
        return {
          name: q.name,
          title: q.title,
          whoActs: q.whoActs,
          query,
          link: ui ? webUiLink(ui, namespace, query) : null,
        };
      });
      emit(o.json, rows, () =>
        rows.flatMap((r) => [
          `${r.name}: ${r.title}`,
          `  who acts: ${r.whoActs}`,
          `  query:    ${r.query}`,
          ...(r.link ? [`  open:     ${r.link}`] : []),
          '',
        ]),
      );
    });
}
