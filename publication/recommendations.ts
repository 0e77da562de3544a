/**
 * Partnership boards' recommendations to the Joint Commissioning Board (wiltshire-2009-adult ¶19, issue 16
 * part 3): each goes to the JCB's next meeting as its item decision/<jcb>/<ref>, and its outcome is reported
 * back. Read from the register's audit log, where the partnership-recommendation process writes
 * 'partnership-recommendation-received' and '-outcome'; nothing else of the log is read. An exempt one (by
 * its own record, or by any public row of its JCB item) shows its Schedule 12A notice and no title, text,
 * topic or outcome: only what the exempt item's notice on the agenda shows too.
 */
import type { Queryable } from '../activities/records/db';
import { exemptNotice } from '../activities/records/kinds';
import { displayDate } from '../governance/display-dates';
import { html, page, type Council, type Html } from './layout';
import { decisionHref, forwardPlanHref, meetingHref } from './links';

export interface PublicRecommendation {
  /** Its process, partnership-recommendation/<jcb>/<ref>: the id of its section on /recommendations. */
  recommendationId: string;
  jcbId: string;
  jcbName: string;
  ref: string;
  /** The JCB item it became, decision/<jcb>/<ref>. */
  decisionId: string;
  partnershipBoard: string;
  receivedOn: string;
  /** Absent when exempt. */
  title?: string;
  recommendation?: string;
  topic?: string;
  /** What the JCB made of it, once reported back (absent when exempt). */
  outcome?: string;
  /** The JCB meeting it went to, once reported back. */
  meeting: string | null;
  reported: boolean;
  exempt: { paragraph: number; notice: string } | null;
}

interface Row {
  process_id: string;
  board_id: string;
  board_name: string | null;
  received_on: string;
  received: {
    ref: string;
    title?: string;
    partnershipBoardName: string;
    recommendation?: string;
    topic?: string;
    exempt?: { paragraph: number } | null;
  };
  outcome: { outcome: string; meeting: string | null; decisionId: string | null } | null;
}

/** Every recommendation received, newest first; `exemptItems` are decision ids any public row marks exempt. */
export async function publicRecommendations(
  db: Queryable,
  exemptItems: ReadonlySet<string>,
): Promise<PublicRecommendation[]> {
  const { rows } = await db.query<Row>(
    `select r.process_id, r.board_id, b.name as board_name, r.data as received,
       (r.at at time zone 'Europe/London')::date::text as received_on,
       (select o.data from audit_log o where o.process_id = r.process_id
          and o.kind = 'partnership-recommendation-outcome' order by o.seq desc limit 1) as outcome
     from audit_log r left join boards b on b.board_id = r.board_id
     where r.kind = 'partnership-recommendation-received'
     order by r.at desc, r.process_id`,
  );
  return rows.map((r) => {
    const decisionId = r.outcome?.decisionId ?? `decision/${r.board_id}/${r.received.ref}`;
    const paragraph = r.received.exempt?.paragraph ?? (exemptItems.has(decisionId) ? 0 : null);
    const common = {
      recommendationId: r.process_id,
      jcbId: r.board_id,
      jcbName: r.board_name ?? r.board_id,
      ref: r.received.ref,
      decisionId,
      partnershipBoard: r.received.partnershipBoardName,
      receivedOn: r.received_on,
      meeting: r.outcome?.meeting ?? null,
      reported: r.outcome !== null,
    };
    if (paragraph !== null)
      return {
        ...common,
        exempt: {
          paragraph,
          notice: paragraph ? exemptNotice(paragraph) : 'Exempt under Schedule 12A',
        },
      };
    return {
      ...common,
      title: r.received.title ?? '',
      recommendation: r.received.recommendation ?? '',
      topic: r.received.topic ?? '',
      ...(r.outcome ? { outcome: r.outcome.outcome } : {}),
      exempt: null,
    };
  });
}

export const recommendationHref = (id: string) => `/recommendations#${encodeURI(id)}`;

/** "Recommended by <partnership board>" for a JCB item, linking to the recommendation; nothing if exempt. */
export function recommendedBy(
  byItem: ReadonlyMap<string, PublicRecommendation>,
  decisionId: string | null,
): Html | '' {
  const r = decisionId ? byItem.get(decisionId) : undefined;
  if (!r || r.exempt) return '';
  return html`Recommended by <a href="${recommendationHref(r.recommendationId)}">${r.partnershipBoard}</a>`;
}

export const byItem = (list: PublicRecommendation[]) => new Map(list.map((r) => [r.decisionId, r]));

const outcomeWords: Record<string, string> = {
  implemented: 'Agreed by the JCB and implemented',
  referred: 'Referred by the JCB to another decision maker',
  escalated: 'Not agreed at the JCB: resolved on escalation',
  rescinded: 'Agreed, then rescinded after call-in',
  withdrawn: 'Withdrawn before the JCB decided it',
  'no-meeting': 'No JCB meeting could take it in time: to be sent again',
  'not-decided': 'Not decided by the JCB',
};

interface Known {
  meetings: ReadonlySet<string>;
  decisions: ReadonlySet<string>;
  /** Forward Plan entry ids by the decision they are for. */
  planEntries: ReadonlyMap<string, string>;
}

function section(r: PublicRecommendation, known: Known): Html {
  const meetingId = r.meeting ? `${r.jcbId}/${r.meeting}` : null;
  const row = (term: string, value: Html | string) =>
    html`<dt>${term}</dt>
      <dd>${value}</dd>`;
  const item = known.decisions.has(r.decisionId)
    ? html`<a href="${decisionHref(r.decisionId)}">Decision notice ${r.ref}</a>`
    : known.planEntries.has(r.decisionId)
      ? html`<a href="${forwardPlanHref(known.planEntries.get(r.decisionId)!)}"
          >Forward Plan entry ${r.ref}</a
        >`
      : `Item ${r.ref}`;
  const facts = html`${row('From', r.partnershipBoard)} ${row('To', r.jcbName)}
  ${row('Received', displayDate(r.receivedOn))}
  ${row(
    'JCB meeting',
    meetingId && known.meetings.has(meetingId)
      ? html`<a href="${meetingHref(meetingId)}">${displayDate(r.meeting!)}</a>`
      : r.meeting
        ? displayDate(r.meeting)
        : 'Its next meeting that can still give the notice the item needs',
  )}
  ${row('JCB item', item)}`;
  const id = r.recommendationId;
  if (r.exempt)
    return html`<section class="record" id="${id}" aria-labelledby="${id}-h">
      <h2 id="${id}-h" class="exempt">${r.exempt.notice}</h2>
      <dl>${facts} ${row('Reported back', r.reported ? 'Yes' : 'Not yet')}</dl>
    </section>`;
  return html`<section class="record" id="${id}" aria-labelledby="${id}-h">
    <h2 id="${id}-h">${r.title}</h2>
    <dl>
      ${row('Recommendation', html`<span class="lines">${r.recommendation}</span>`)}
      ${row('Topic', r.topic ?? '')} ${facts}
      ${row(
        'Outcome reported back',
        r.outcome ? (outcomeWords[r.outcome] ?? r.outcome) : 'Not yet: the JCB has still to decide it',
      )}
    </dl>
  </section>`;
}

export function recommendationsPage(council: Council, list: PublicRecommendation[], known: Known): string {
  return page(council, {
    title: 'Recommendations from partnership boards',
    body: html`<p>
        The partnership boards for each care group make recommendations to the Joint Commissioning Board. Each
        goes to the board’s next meeting that can still give the public the notice it needs, and what the
        board decides is reported back to the partnership board. Newest first.
      </p>
      ${
        list.length
          ? list.map((r) => section(r, known))
          : html`<p>No partnership board has made a recommendation.</p>`
      }`,
  });
}
