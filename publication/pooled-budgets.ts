/**
 * The pooled budgets of each board's section 75 agreement, year by year (P6: southampton-2017 ¶24,
 * bath-nes-2012 ¶3.3): the schemes, each partner's contribution, budget, committed, reserved and headroom, the
 * in-year variations, the section 75 review reported to both parent bodies and where the next year's
 * contributions stand. Read from the register's audit log, where the pooled-budget process (one run per
 * board and financial year, process pooled-budget/<board>) writes them; only amounts, scheme and partner
 * names, references and dates are read, never who recorded an entry (zod leaves the officers' addresses out).
 */
import { z } from 'zod';
import type { Queryable } from '../activities/records/db';
import type { PublicBoard } from '../activities/records/public-views';
import { londonCivilDate } from '../governance/civil-date';
import { formatGbp } from '../governance/money';
import { html, page, type Council, type Html } from './layout';
import { plainDate } from './pages';

const gbp = z.number();
const amounts = z.record(z.string(), gbp);
const figuresSchema = z.object({
  id: z.string(),
  name: z.string(),
  budgetGbp: gbp,
  reservedGbp: gbp,
  committedGbp: gbp,
  headroomGbp: gbp,
});
const openedSchema = z.object({
  financialYear: z.string(),
  schemes: z.array(figuresSchema),
  contributions: z.literal('provisional').optional(),
  agreementDueOn: z.string().optional(),
});
const monitoringSchema = z.object({ on: z.string(), schemes: z.array(figuresSchema) });
const variedSchema = z.object({ schemeId: z.string(), budgetGbp: gbp, reason: z.string() });
const byBodySchema = z.object({
  financialYear: z.string(),
  body: z.string(),
  reference: z.string(),
  contributions: z.record(z.string(), amounts),
});
const agreedSchema = z.object({ financialYear: z.string(), schemes: z.array(figuresSchema) });
const reviewSchema = z.object({
  financialYear: z.string(),
  schemes: z.array(
    figuresSchema.extend({ contributions: amounts, varianceGbp: gbp, shares: amounts.default({}) }),
  ),
  riskShare: z
    .discriminatedUnion('rule', [
      z.object({ rule: z.literal('contributions') }),
      z.object({ rule: z.literal('fixed'), percentages: amounts }),
    ])
    .optional(),
  nextYear: z.object({ financialYear: z.string(), dueOn: z.string() }).optional(),
});

type Figures = z.infer<typeof figuresSchema>;
type Review = z.infer<typeof reviewSchema>;

export interface PooledBudgetYear {
  boardId: string;
  boardName: string;
  financialYear: string;
  partners: { id: string; name: string }[];
  /** Scheme id to its kind (s75, s256, aligned), as the board's standing orders set it. */
  kinds: Record<string, string>;
  position: { asAt: string; shownBy: string; schemes: Figures[] };
  variations: { on: string; schemeId: string; fromGbp: number; toGbp: number; reason: string }[];
  /** Provisional from the opening of a year after a review until both parent bodies agree. */
  provisional: { dueOn: string } | null;
  agreedBy: { body: string; reference: string; on: string }[];
  agreedOn: string | null;
  agreedContributions: Record<string, Record<string, number>> | null;
  review: (Review & { on: string }) | null;
  /** When both parent bodies agreed the contributions of the year after the review, once they have. */
  nextYearAgreedOn: string | null;
}

const KINDS = [
  'pooled-budget-opened',
  'budget-monitoring-report',
  'budget-varied',
  'pooled-budget-contributions-agreed-by-body',
  'pooled-budget-contributions-agreed',
  'pooled-budget-year-end',
];

/** Every board's pooled-budget years, newest first within a board. */
export async function pooledBudgetYears(db: Queryable, boards: PublicBoard[]): Promise<PooledBudgetYear[]> {
  const [{ rows }, schemes] = await Promise.all([
    db.query<{ process_id: string; board_id: string; kind: string; at: string | Date; data: unknown }>(
      `select process_id, board_id, kind, at, data from audit_log
        where process_id like 'pooled-budget/%' and kind = any($1) order by seq`,
      [KINDS],
    ),
    db.query<{ board_id: string; scheme_id: string; pool_type: string }>(
      `select board_id, scheme_id, pool_type from budget_schemes`,
    ),
  ]);
  const years = new Map<string, PooledBudgetYear>();
  /** The year each process is in: entries without a financial year belong to the one last opened. */
  const current = new Map<string, PooledBudgetYear>();
  const budgets = new Map<PooledBudgetYear, Map<string, number>>();
  const yearOf = (boardId: string, financialYear: string) => years.get(`${boardId}/${financialYear}`);
  for (const row of rows) {
    const on = londonCivilDate(new Date(row.at).toISOString());
    const year = current.get(row.process_id);
    const setBudgets = (y: PooledBudgetYear, list: Figures[]) =>
      budgets.set(y, new Map(list.map((s) => [s.id, s.budgetGbp])));
    switch (row.kind) {
      case 'pooled-budget-opened': {
        const read = openedSchema.safeParse(row.data);
        if (!read.success) break;
        const board = boards.find((b) => b.boardId === row.board_id);
        const opened: PooledBudgetYear = {
          boardId: row.board_id,
          boardName: board?.name ?? row.board_id,
          financialYear: read.data.financialYear,
          partners: board?.partners.map((p) => ({ id: p.id, name: p.name })) ?? [],
          kinds: Object.fromEntries(
            schemes.rows.filter((s) => s.board_id === row.board_id).map((s) => [s.scheme_id, s.pool_type]),
          ),
          position: { asAt: on, shownBy: 'the opening of the year', schemes: read.data.schemes },
          variations: [],
          provisional: read.data.contributions ? { dueOn: read.data.agreementDueOn ?? '' } : null,
          agreedBy: [],
          agreedOn: null,
          agreedContributions: null,
          review: null,
          nextYearAgreedOn: null,
        };
        years.set(`${row.board_id}/${opened.financialYear}`, opened);
        current.set(row.process_id, opened);
        setBudgets(opened, read.data.schemes);
        break;
      }
      case 'budget-monitoring-report': {
        const read = monitoringSchema.safeParse(row.data);
        if (!read.success || !year) break;
        year.position = {
          asAt: read.data.on,
          shownBy: 'the budget monitoring report',
          schemes: read.data.schemes,
        };
        setBudgets(year, read.data.schemes);
        break;
      }
      case 'budget-varied': {
        const read = variedSchema.safeParse(row.data);
        if (!read.success || !year) break;
        const known = budgets.get(year);
        const fromGbp = known?.get(read.data.schemeId) ?? read.data.budgetGbp;
        known?.set(read.data.schemeId, read.data.budgetGbp);
        year.variations.push({
          on,
          schemeId: read.data.schemeId,
          fromGbp,
          toGbp: read.data.budgetGbp,
          // The reason is the officer's free text: an address typed into it is not published.
          reason: read.data.reason.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '(address withheld)'),
        });
        break;
      }
      case 'pooled-budget-contributions-agreed-by-body': {
        const read = byBodySchema.safeParse(row.data);
        const y = read.success && yearOf(row.board_id, read.data.financialYear);
        if (!read.success || !y) break;
        y.agreedBy = [
          ...y.agreedBy.filter((a) => a.body !== read.data.body),
          { body: read.data.body, reference: read.data.reference, on },
        ];
        y.agreedContributions = read.data.contributions;
        break;
      }
      case 'pooled-budget-contributions-agreed': {
        const read = agreedSchema.safeParse(row.data);
        const y = read.success && yearOf(row.board_id, read.data.financialYear);
        if (!read.success || !y) break;
        y.agreedOn = on;
        y.provisional = null;
        y.position = { asAt: on, shownBy: 'both parent bodies’ agreement', schemes: read.data.schemes };
        setBudgets(y, read.data.schemes);
        break;
      }
      case 'pooled-budget-year-end': {
        const read = reviewSchema.safeParse(row.data);
        const y = read.success && yearOf(row.board_id, read.data.financialYear);
        if (!read.success || !y) break;
        y.review = { ...read.data, on };
        y.position = { asAt: on, shownBy: 'the section 75 review', schemes: read.data.schemes };
        break;
      }
    }
  }
  for (const y of years.values())
    if (y.review?.nextYear)
      y.nextYearAgreedOn = yearOf(y.boardId, y.review.nextYear.financialYear)?.agreedOn ?? null;
  return [...years.values()].sort(
    (a, b) => a.boardName.localeCompare(b.boardName) || b.financialYear.localeCompare(a.financialYear),
  );
}

export const pooledBudgetHref = (y: { boardId: string; financialYear: string }) =>
  `/pooled-budgets/${encodeURIComponent(y.boardId)}/${encodeURIComponent(y.financialYear)}`;

const KIND_NAMES: Record<string, string> = {
  s75: 'Section 75 pooled fund',
  s256: 'Section 256 transfer',
  aligned: 'Aligned budget',
};
const total = (schemes: Figures[]) => schemes.reduce((t, s) => t + s.budgetGbp, 0);

export function pooledBudgetsPage(council: Council, years: PooledBudgetYear[]): string {
  return page(council, {
    title: 'Pooled budgets',
    body: html`<p>
        The money the partners pool or align under each board’s section 75 agreement, financial year by
        financial year (1 April to 31 March): the schemes, each partner’s contribution, what decisions have
        committed and reserved, the in-year variations and the section 75 review reported to both parent
        bodies.
      </p>
      ${
        years.length
          ? html`<table>
              <caption>
                Pooled budgets by board and financial year
              </caption>
              <thead>
                <tr>
                  <th scope="col">Board</th>
                  <th scope="col">Financial year</th>
                  <th scope="col">Schemes</th>
                  <th scope="col">Total budget</th>
                  <th scope="col">Section 75 review</th>
                </tr>
              </thead>
              <tbody>
                ${years.map(
                  (y) =>
                    html`<tr>
                      <td>${y.boardName}</td>
                      <td><a href="${pooledBudgetHref(y)}">${y.financialYear}</a></td>
                      <td>${y.position.schemes.length}</td>
                      <td>${formatGbp(total(y.position.schemes))}</td>
                      <td>
                        ${y.review ? `Reported on ${plainDate(y.review.on)}` : 'Not yet (after 31 March)'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>No pooled budget is on record yet.</p>`
      }`,
  });
}

/** A year's page: the position, contributions, variations, review and next year's contributions. */
export function pooledBudgetPage(council: Council, y: PooledBudgetYear): string {
  const partner = (id: string) => y.partners.find((p) => p.id === id)?.name ?? id;
  const scheme = (id: string) => y.position.schemes.find((s) => s.id === id)?.name ?? id;
  return page(council, {
    title: `Pooled budgets ${y.financialYear}: ${y.boardName}`,
    body: html`<p><a href="/pooled-budgets">All pooled budgets</a></p>
      ${positionTable(y)} ${contributionsSection(y, partner)} ${variationsSection(y, scheme)}
      ${reviewSection(y, partner)}`,
  });
}

function positionTable(y: PooledBudgetYear): Html {
  return html`<table>
    <caption>
      The schemes as ${y.position.shownBy} showed them on ${plainDate(y.position.asAt)}
    </caption>
    <thead>
      <tr>
        <th scope="col">Scheme</th>
        <th scope="col">Kind</th>
        <th scope="col">Budget</th>
        <th scope="col">Committed</th>
        <th scope="col">Reserved</th>
        <th scope="col">Headroom</th>
      </tr>
    </thead>
    <tbody>
      ${y.position.schemes.map(
        (s) =>
          html`<tr>
            <th scope="row">${s.name}</th>
            <td>${KIND_NAMES[y.kinds[s.id] ?? ''] ?? 'Not recorded'}</td>
            <td>${formatGbp(s.budgetGbp)}</td>
            <td>${formatGbp(s.committedGbp)}</td>
            <td>${formatGbp(s.reservedGbp)}</td>
            <td>${formatGbp(s.headroomGbp)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The year's contributions: as reviewed, else as both bodies agreed, else where their agreement stands. */
function contributionsSection(y: PooledBudgetYear, partner: (id: string) => string): Html {
  const shown = y.review
    ? Object.fromEntries(y.review.schemes.map((s) => [s.id, s.contributions]))
    : y.agreedOn
      ? y.agreedContributions
      : null;
  const status = y.agreedOn
    ? html`Both parent bodies agreed this year’s contributions on ${plainDate(y.agreedOn)}.`
    : y.provisional
      ? html`Provisional: the year runs on last year’s contributions until both parent bodies agree this
        year’s${y.provisional.dueOn ? html` (due by ${plainDate(y.provisional.dueOn)})` : ''}.`
      : html`As the section 75 agreement sets them.`;
  return html`<h2>Contributions</h2>
    <p>${status}</p>
    ${
      y.agreedBy.length
        ? html`<ul>
            ${y.agreedBy.map(
              (a) =>
                html`<li>${partner(a.body)} agreed on ${plainDate(a.on)} (reference ${a.reference})</li>`,
            )}
          </ul>`
        : ''
    }
    ${shown ? contributionsTable(y, shown, partner) : ''}`;
}

/** The partners named in `amounts`, in the board's order (the register's JSON keeps no key order). */
function partnerColumns(y: PooledBudgetYear, amounts: Record<string, number>[]): string[] {
  const named = new Set(amounts.flatMap((a) => Object.keys(a)));
  return [
    ...y.partners.map((p) => p.id).filter((id) => named.has(id)),
    ...[...named].filter((id) => !y.partners.some((p) => p.id === id)),
  ];
}

function contributionsTable(
  y: PooledBudgetYear,
  shown: Record<string, Record<string, number>>,
  partner: (id: string) => string,
): Html {
  const ids = partnerColumns(y, Object.values(shown));
  return html`<table>
    <caption>
      Each partner’s contribution
    </caption>
    <thead>
      <tr>
        <th scope="col">Scheme</th>
        ${ids.map((id) => html`<th scope="col">${partner(id)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${y.position.schemes.map(
        (s) =>
          html`<tr>
            <th scope="row">${s.name}</th>
            ${ids.map((id) => html`<td>${formatGbp(shown[s.id]?.[id] ?? 0)}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function variationsSection(y: PooledBudgetYear, scheme: (id: string) => string): Html {
  return html`<h2>In-year variations</h2>
    ${
      y.variations.length
        ? html`<table>
            <caption>
              Changes to a scheme’s budget the board agreed during the year
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Scheme</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              ${y.variations.map(
                (v) =>
                  html`<tr>
                    <td>${plainDate(v.on)}</td>
                    <td>${scheme(v.schemeId)}</td>
                    <td>${formatGbp(v.fromGbp)}</td>
                    <td>${formatGbp(v.toGbp)}</td>
                    <td>${v.reason}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>None recorded.</p>`
    }`;
}

function reviewSection(y: PooledBudgetYear, partner: (id: string) => string): Html {
  const r = y.review;
  if (!r)
    return html`<h2>Section 75 review</h2>
      <p>The review of the year goes to both parent bodies after 31 March.</p>`;
  const ids = partnerColumns(
    y,
    r.schemes.map((s) => s.shares),
  );
  const rule =
    r.riskShare?.rule === 'fixed'
      ? `fixed shares (${Object.entries(r.riskShare.percentages)
          .map(([p, pct]) => `${partner(p)} ${pct}%`)
          .join(', ')})`
      : 'in proportion to contributions';
  const next = r.nextYear;
  return html`<h2>Section 75 review</h2>
    <p>
      Reported to both parent bodies on ${plainDate(r.on)}. Any overspend or underspend is shared ${rule}.
    </p>
    <table>
      <caption>
        Outturn of ${y.financialYear}
      </caption>
      <thead>
        <tr>
          <th scope="col">Scheme</th>
          <th scope="col">Budget</th>
          <th scope="col">Outturn</th>
          <th scope="col">Overspend or underspend</th>
          ${ids.map((id) => html`<th scope="col">${partner(id)}’s share</th>`)}
        </tr>
      </thead>
      <tbody>
        ${r.schemes.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.name}</th>
              <td>${formatGbp(s.budgetGbp)}</td>
              <td>${formatGbp(s.committedGbp)}</td>
              <td>
                ${
                  s.varianceGbp > 0
                    ? `Overspent by ${formatGbp(s.varianceGbp)}`
                    : s.varianceGbp < 0
                      ? `Underspent by ${formatGbp(-s.varianceGbp)}`
                      : 'On budget'
                }
              </td>
              ${ids.map((id) => html`<td>${formatGbp(s.shares[id] ?? 0)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    ${next ? nextYearStatus(y, next) : ''}`;
}

function nextYearStatus(y: PooledBudgetYear, next: { financialYear: string; dueOn: string }): Html {
  const agreedOn = y.nextYearAgreedOn;
  return html`<h2>Contributions for ${next.financialYear}</h2>
    <p>
      ${
        agreedOn
          ? html`Agreed: both parent bodies agreed them on ${plainDate(agreedOn)}.`
          : html`Provisional: ${next.financialYear} runs on ${y.financialYear}’s contributions until both
            parent bodies agree (due by ${plainDate(next.dueOn)}).`
      }
    </p>`;
}
