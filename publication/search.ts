/**
 * Search of the decisions and the Forward Plan by keyword, board and date: a GET form answered on the
 * server (no scripts), every value escaped. Only what the public views hold is searched, so an exempt
 * item is found by its reference or notice, never by its withheld text.
 */
import type { PublicDecision, PublicForwardPlanEntry } from '../activities/records/public-views';
import type { Register } from '../activities/records/register';
import { isCivilDate } from '../governance/civil-date';
import { displayDate } from '../governance/display-dates';
import { Html, html, page, type Council } from './layout';
import { decisionHref, forwardPlanHref } from './links';

export interface SearchQuery {
  keyword: string;
  board: string;
  from: string;
  to: string;
}

/** The query as given; a date that is not YYYY-MM-DD is named in `problems` and not applied. */
export function readSearchQuery(params: URLSearchParams): { query: SearchQuery; problems: string[] } {
  const get = (name: string) => (params.get(name) ?? '').trim().slice(0, 200);
  const query = { keyword: get('q'), board: get('board'), from: get('from'), to: get('to') };
  const problems: string[] = [];
  for (const [field, label] of [
    ['from', 'From'],
    ['to', 'To'],
  ] as const) {
    if (query[field] && !isCivilDate(query[field])) {
      problems.push(`${label}: enter a real date as YYYY-MM-DD (for example 2027-03-11)`);
      query[field] = '';
    }
  }
  return { query, problems };
}

interface Hit {
  kind: 'Decision' | 'Forward Plan';
  title: string;
  date: string;
  boardName: string;
  href: string;
  ref: string;
}

const matches = (keyword: string, texts: (string | null | undefined)[]) => {
  if (!keyword) return true;
  const words = keyword.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = texts.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
};

const inRange = (date: string, q: SearchQuery) => (!q.from || date >= q.from) && (!q.to || date <= q.to);

export function search(q: SearchQuery, decisions: PublicDecision[], plan: PublicForwardPlanEntry[]): Hit[] {
  const hits: Hit[] = [];
  for (const d of decisions) {
    const title = d.exempt ? d.exempt.notice : (d.title ?? '');
    if (q.board && d.boardId !== q.board) continue;
    if (!inRange(d.decidedOn, q)) continue;
    if (!matches(q.keyword, [title, d.ref, d.decisionText, d.reasons, d.boardName])) continue;
    const ref = d.ref ?? d.decisionId;
    hits.push({
      kind: 'Decision',
      title,
      date: d.decidedOn,
      boardName: d.boardName,
      href: decisionHref(d.decisionId),
      ref,
    });
  }
  for (const e of plan) {
    const title = e.exempt ? e.exempt.notice : (e.title ?? '');
    if (q.board && e.boardId !== q.board) continue;
    if (!inRange(e.decisionDue, q)) continue;
    if (!matches(q.keyword, [title, e.ref, e.summary, e.boardName, ...(e.wards ?? [])])) continue;
    const ref = e.ref ?? e.entryId;
    hits.push({
      kind: 'Forward Plan',
      title,
      date: e.decisionDue,
      boardName: e.boardName,
      href: forwardPlanHref(e.entryId),
      ref,
    });
  }
  return hits.sort((a, b) => b.date.localeCompare(a.date) || a.ref.localeCompare(b.ref));
}

export async function searchPage(
  council: Council,
  register: Register,
  params: URLSearchParams,
): Promise<string> {
  const { query, problems } = readSearchQuery(params);
  const [decisions, plan, boards] = await Promise.all([
    register.decisions(),
    register.forwardPlan(),
    register.boards(),
  ]);
  const asked = [...params.keys()].length > 0;
  const hits = asked ? search(query, decisions, plan) : [];
  const results = !asked
    ? ''
    : hits.length
      ? html`<table>
          <caption>
            ${hits.length === 1 ? '1 result' : `${hits.length} results`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Record</th>
              <th scope="col">Board</th>
              <th scope="col">Reference</th>
            </tr>
          </thead>
          <tbody>
            ${hits.map(
              (h) =>
                html`<tr>
                  <td>${displayDate(h.date)}</td>
                  <td>${h.kind}: <a href="${h.href}">${h.title}</a></td>
                  <td>${h.boardName}</td>
                  <td>${h.ref}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>No decisions or Forward Plan entries match.</p>`;
  return page(council, {
    title: 'Search decisions and the Forward Plan',
    body: html`${
        problems.length
          ? html`<div role="alert">
              <h2>There is a problem</h2>
              <ul>
                ${problems.map((p) => html`<li>${p}</li>`)}
              </ul>
            </div>`
          : ''
      }
      <form class="search" method="get" action="/search" role="search">
        <label for="q">Keywords</label>
        <input id="q" name="q" type="search" value="${query.keyword}" />
        <label for="board">Board</label>
        <select id="board" name="board">
          <option value="">All boards</option>
          ${boards.map(
            (b) =>
              html`<option value="${b.boardId}" ${b.boardId === query.board ? new Html('selected') : ''}>
                ${b.name}
              </option>`,
          )}
        </select>
        <label for="from">From (YYYY-MM-DD)</label>
        <input id="from" name="from" type="text" inputmode="numeric" value="${query.from}" />
        <label for="to">To (YYYY-MM-DD)</label>
        <input id="to" name="to" type="text" inputmode="numeric" value="${query.to}" />
        <button type="submit">Search</button>
      </form>
      ${results}`,
  });
}
