/**
 * The manager's view: Temporal visibility queries over govflow's search attributes (definitions/SA).
 * Saved queries are written for the Web UI's search box (docs/cli-and-ui.md lists them) and back
 * `govflow list --saved <name>`. Visibility has no "now()", so queries about time are made for a moment:
 * `govflow queries` prints them filled in for today.
 */
import { SA } from '../definitions/search-attributes';
import type { ProcessName } from '../definitions/search-attributes';

export const PROCESS_NAMES = [
  'board',
  'board-review',
  'decision',
  'recommendation',
  'deferral',
  'consultation',
  'meeting',
  'pooled-budget',
  'partnership-recommendation',
] as const satisfies readonly ProcessName[];

const DAY_MS = 24 * 3600 * 1000;

/**
 * A string literal for a visibility query: backslashes and quotes escaped, so a value can never end the literal
 * and add clauses of its own. (govflow's values are slugs; the CLI refuses anything else before it gets here.)
 */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An instant as visibility wants it (RFC 3339, UTC, to the second). */
export function instant(ms: number): string {
  return literal(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
}

const running = `ExecutionStatus = 'Running'`;
const a = {
  board: SA.board.name,
  process: SA.process.name,
  stage: SA.stage.name,
  nextDeadline: SA.nextDeadline.name,
  deferrals: SA.deferrals.name,
};

export interface SavedQuery {
  name: string;
  title: string;
  /** Who the manager chases about what the query finds. */
  whoActs: string;
  query(now: number): string;
}

export const SAVED_QUERIES: readonly SavedQuery[] = [
  {
    name: 'call-in-window',
    title: 'Decisions in their call-in window',
    whoActs: 'O&S members may call them in; officers must not implement them yet',
    query: () => `${a.process} = 'decision' AND ${a.stage} = 'in-call-in-window' AND ${running}`,
  },
  {
    name: 'reviews-due-30-days',
    title: 'Effectiveness reviews due in the next 30 days (or overdue)',
    whoActs: 'democratic services prepare the review; members will be asked for self-assessments',
    query: (now) =>
      `${a.process} = 'board-review' AND ${a.nextDeadline} <= ${instant(now + 30 * DAY_MS)} AND ${running}`,
  },
  {
    name: 'escalations-open',
    title: 'Escalations open (decisions and boards)',
    whoActs:
      'the escalation step named in GovflowWaitingFor: joint committee, chief executives or parent bodies',
    query: () => `${a.stage} = 'escalated' AND ${running}`,
  },
  {
    name: 'deferred-twice',
    title: 'Decisions deferred twice or more',
    whoActs: 'the Chair and partner leads: one more failure to agree escalates the item',
    query: () => `${a.process} = 'decision' AND ${a.deferrals} >= 2 AND ${running}`,
  },
  {
    name: 'urgency-consent-needed',
    title: 'Key decisions waiting for the O&S chair to agree special urgency',
    whoActs: 'the O&S chair, before the meeting, or the item is deferred',
    query: () => `${a.stage} = 'awaiting-urgency-consent' AND ${running}`,
  },
  {
    name: 'called-in',
    title: 'Decisions called in (frozen) or referred back for reconsideration',
    whoActs: 'O&S must meet on them; then the board confirms, amends or rescinds',
    query: () =>
      `${a.process} = 'decision' AND ${a.stage} IN ('called-in', 'awaiting-reconsideration') AND ${running}`,
  },
  {
    name: 'parent-bodies-to-decide',
    title: 'Waiting for a parent body: Terms of Reference, review reports and recommendations',
    whoActs: 'the clerks to Cabinet and the NHS board put them to their meetings',
    query: () =>
      `${a.process} IN ('board', 'recommendation') AND ${a.stage} IN ('awaiting-tor-approval', 'awaiting-review-outcome', 'awaiting-decisions') AND ${running}`,
  },
  {
    name: 'deadlines-next-7-days',
    title: 'Anything with a deadline in the next 7 days',
    whoActs: 'whoever GovflowWaitingFor names',
    query: (now) =>
      `${a.nextDeadline} >= ${instant(now)} AND ${a.nextDeadline} <= ${instant(now + 7 * DAY_MS)} AND ${running}`,
  },
];

export function savedQuery(name: string): SavedQuery | undefined {
  return SAVED_QUERIES.find((q) => q.name === name);
}

export interface ListFilters {
  saved?: SavedQuery;
  board?: string;
  process?: string;
  stage?: string;
  /** Instants (ms): the next deadline is before / not before them. */
  deadlineBeforeMs?: number;
  deadlineFromMs?: number;
  /** Include processes that have ended. */
  all?: boolean;
}

/** One visibility query from a saved query and filters, every value escaped; running processes unless `all`. */
export function visibilityQuery(filters: ListFilters, now: number): string {
  const clauses: string[] = [];
  if (filters.saved) clauses.push(filters.saved.query(now));
  if (filters.board !== undefined) clauses.push(`${a.board} = ${literal(filters.board)}`);
  if (filters.process !== undefined) clauses.push(`${a.process} = ${literal(filters.process)}`);
  if (filters.stage !== undefined) clauses.push(`${a.stage} = ${literal(filters.stage)}`);
  if (filters.deadlineFromMs !== undefined)
    clauses.push(`${a.nextDeadline} >= ${instant(filters.deadlineFromMs)}`);
  if (filters.deadlineBeforeMs !== undefined)
    clauses.push(`${a.nextDeadline} < ${instant(filters.deadlineBeforeMs)}`);
  // Only govflow's processes: each sets GovflowProcess when it starts.
  if (filters.process === undefined && !filters.saved) clauses.push(`${a.process} IS NOT NULL`);
  if (!filters.all && !clauses.some((c) => c.includes('ExecutionStatus'))) clauses.push(running);
  return clauses.join(' AND ');
}

/** A link to the Web UI's workflow list filtered by `query`. */
export function webUiLink(uiBase: string, namespace: string, query: string): string {
  return `${uiBase.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
}
