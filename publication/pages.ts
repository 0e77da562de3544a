/**
 * The public HTML pages: the Forward Plan (notice of key decisions, reg 9), meetings with their agendas,
 * and the record of decisions (regs 12–13). Exempt items carry only their Schedule 12A notice: the views
 * they are built from (activities/records/public-views.ts) do not even hold the text. What the register
 * does not hold is said to be "not recorded", never guessed.
 */
import { money } from '../activities/mail/html';
import { displayDate, displayDateTime } from '../governance/display-dates';
import type {
  PublicDocument,
  PublicDecision,
  PublicForwardPlanEntry,
  PublicMeeting,
  PublicReport,
  PublicVote,
} from '../activities/records/public-views';
import { html, page, type Council, type Html } from './layout';
import { attendanceWords, decisionHref, meetingHref, meetingEvent } from './links';
import { reportList } from './reports';
import { attendanceTable, minutesText, type MeetingRecord, type Roster } from './meeting-record';
import { recommendedBy, type PublicRecommendation } from './recommendations';

/** The public reports by item (publication/reports.ts): never an exempt item's. */
type Reports = ReadonlyMap<string, readonly PublicReport[]>;
const NO_REPORTS: Reports = new Map();
/** Partnership boards' recommendations by the JCB item they became (publication/recommendations.ts). */
type Recommended = ReadonlyMap<string, PublicRecommendation>;
const NONE_RECOMMENDED: Recommended = new Map();
const reportsOf = (reports: Reports, decisionId: string | null) =>
  (decisionId && reports.get(decisionId)) || [];

const routeWords: Record<PublicForwardPlanEntry['noticeRoute'], string> = {
  'forward-plan': '28 clear days’ notice on the Forward Plan',
  'general-exception': 'General exception (reg 10): less than 28 clear days’ notice',
  'special-urgency': 'Special urgency (reg 11): agreed by the chair of overview and scrutiny',
};

const planStatusWords: Record<PublicForwardPlanEntry['status'], string> = {
  planned: 'To be decided',
  taken: 'Decision taken',
  withdrawn: 'Withdrawn',
  referred: 'Referred to another decision maker',
};

const outcomeWords: Record<string, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  noted: 'Noted for information',
  referred: 'Referred to the decision maker',
  amended: 'Amended on reconsideration',
  rescinded: 'Rescinded on reconsideration',
};

/** The escalation steps a decision may be resolved at (governance/standing-orders DEFAULT_ESCALATION). */
const escalationWords: Record<string, string> = {
  'joint-committee': 'The joint committee of both partners, on escalation',
  'chief-executives': 'The chief executives of both partners, on escalation',
  'parent-bodies': 'The parent bodies of both partners, on escalation',
};

/** Schedule 12A, Part 1: what each paragraph describes (reg 5 lets the notice say which, not the text). */
const schedule12A: Record<number, string> = {
  1: 'information relating to any individual',
  2: 'information which is likely to reveal the identity of an individual',
  3: 'information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'information relating to consultations or negotiations in connection with a labour relations matter',
  5: 'information in respect of which a claim to legal professional privilege could be maintained',
  6: 'information which reveals that the authority proposes to give a notice imposing requirements, or to make an order or direction',
  7: 'information relating to the prevention, investigation or prosecution of crime',
};

/** A date in a list or table cell, without the weekday. */
export const plainDate = (date: string) => displayDate(date).replace(/^[A-Za-z]+ /, '');

/** A meeting's time when one is set, else its date. */
const when = (m: PublicMeeting) => (m.startsAt ? displayDateTime(m.startsAt) : displayDate(m.meetsOn));

const row = (term: string, value: Html | string) =>
  html`<dt>${term}</dt>
    <dd>${value}</dd>`;

export function indexPage(council: Council): string {
  return page(council, {
    title: 'Joint commissioning register',
    body: html`<p>The public record of the joint commissioning boards ${council.name} takes part in.</p>
      <ul>
        <li>
          <a href="/forward-plan">Forward Plan</a>: key decisions to be taken, with at least 28 clear days’
          notice (<a href="/forward-plan.json">JSON</a>, <a href="/forward-plan.ics">calendar</a>)
        </li>
        <li><a href="/meetings">Meetings and agendas</a></li>
        <li>
          <a href="/public-consultations">Public consultations</a> open now: who is affected, how to respond
          and the closing date (<a href="/public-consultations.json">JSON</a>)
        </li>
        <li>
          <a href="/decisions">Decisions</a> (<a href="/decisions.json">JSON</a>,
          <a href="/decisions.rss">RSS</a>)
        </li>
        <li>
          <a href="/recommendations">Recommendations from partnership boards</a> to the Joint Commissioning
          Board, and what it made of them
        </li>
        <li>
          <a href="/pooled-budgets">Pooled budgets</a>: the section 75 schemes by board and financial year,
          each partner’s contribution, the in-year variations and the section 75 review
        </li>
        <li><a href="/search">Search decisions and the Forward Plan</a></li>
        <li><a href="/oparl/v1">Open data</a>: the whole register as JSON in the shape of OParl 1.1</li>
        <li><a href="/accessibility">Accessibility statement</a></li>
      </ul>`,
  });
}

/** Reg 9(1)(e)-(g): the documents, where to read them, and the contact officer. */
function documentsRows(e: PublicForwardPlanEntry, meetingIds: Set<string>, reports: Reports): Html {
  const meetingId = `${e.boardId}/${e.decisionDue}`;
  const meeting = meetingIds.has(meetingId)
    ? html`<a href="${meetingHref(meetingId)}">the agenda of the meeting on ${plainDate(e.decisionDue)}</a>`
    : html`the agenda of the meeting, when it is published`;
  const uploaded = reportsOf(reports, e.decisionId ?? e.entryId);
  const documents = e.documents?.length
    ? html`<ul>
        ${e.documents.map((d) => html`<li>${d.url ? html`<a href="${d.url}">${d.title}</a>` : d.title}</li>`)}
      </ul>`
    : uploaded.length
      ? ''
      : html`The report to the decision maker (no other document is recorded).`;
  return html`${row('Documents to be considered', html`${documents}${uploaded.length ? reportList(uploaded) : ''}`)}
  ${row(
    'How to get them',
    html`Published with ${meeting}, at least five clear working days before it. Other documents may be
    submitted to the decision maker by writing to the contact officer.`,
  )}
  ${row('Contact officer', e.contact ?? 'Not recorded')}`;
}

function forwardPlanSection(
  e: PublicForwardPlanEntry,
  meetingIds: Set<string>,
  reports: Reports,
  recommended: Recommended,
): Html {
  const from = recommendedBy(recommended, e.decisionId);
  const common = html`${row('Reference', e.ref ?? e.entryId)} ${row('Decision maker', e.decisionMaker)}
  ${row('Decision due', displayDate(e.decisionDue))} ${row('Notice', routeWords[e.noticeRoute])}
  ${row('Status', planStatusWords[e.status])}`;
  if (e.exempt) {
    return html`<section class="record" id="${e.entryId}" aria-labelledby="${e.entryId}-h">
      <h2 id="${e.entryId}-h" class="exempt">${e.exempt.notice}</h2>
      <dl>
        ${common}
        ${row(
          'Private meeting',
          `The public may be excluded while this item is considered, because it would disclose ${schedule12A[e.exempt.paragraph] ?? 'exempt information'} (paragraph ${e.exempt.paragraph} of Schedule 12A to the Local Government Act 1972). Representations about this may be made to democratic services.`,
        )}
        ${row('Notice published', plainDate(e.publishedOn))}
      </dl>
    </section>`;
  }
  return html`<section class="record" id="${e.entryId}" aria-labelledby="${e.entryId}-h">
    <h2 id="${e.entryId}-h">${e.title}</h2>
    <dl>
      ${common} ${row('Key decision', e.keyDecision ? 'Yes' : 'No')} ${from ? row('Origin', from) : ''}
      ${row('Matter', e.summary ?? 'No summary recorded.')}
      ${row('Wards affected', e.wards?.length ? e.wards.join(', ') : 'Not recorded')}
      ${documentsRows(e, meetingIds, reports)} ${row('Notice published', plainDate(e.publishedOn))}
    </dl>
  </section>`;
}

export function forwardPlanPage(
  council: Council,
  entries: PublicForwardPlanEntry[],
  meetingIds: Set<string>,
  reports: Reports = NO_REPORTS,
  recommended: Recommended = NONE_RECOMMENDED,
): string {
  return page(council, {
    title: 'Forward Plan',
    alternates: [
      { type: 'application/json', href: '/forward-plan.json', title: 'Forward Plan (JSON)' },
      { type: 'text/calendar', href: '/forward-plan.ics', title: 'Forward Plan (calendar)' },
    ],
    body: html`<p>
        Key decisions the boards intend to take. Each is published here at least 28 clear days before the
        decision unless the general exception or special urgency rules applied.
      </p>
      <p>
        Also as <a href="/forward-plan.json">JSON</a> and as a <a href="/forward-plan.ics">calendar</a>;
        <a href="/search">search</a> it with the decisions.
      </p>
      ${
        entries.length
          ? entries.map((e) => forwardPlanSection(e, meetingIds, reports, recommended))
          : html`<p>No decisions are on the Forward Plan.</p>`
      }`,
  });
}

function votesTable(votes: PublicVote[]): Html {
  return html`<table>
    <caption>
      Votes by partner
    </caption>
    <thead>
      <tr>
        <th scope="col">Partner</th>
        <th scope="col">For</th>
        <th scope="col">Against</th>
        <th scope="col">Abstained</th>
      </tr>
    </thead>
    <tbody>
      ${votes.map(
        (v) =>
          html`<tr>
            <th scope="row">${v.partnerName ?? v.partner}</th>
            <td>${v.for}</td>
            <td>${v.against}</td>
            <td>${v.abstain}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Reg 13 and the call-in rules: whether it is frozen, and the day it may be implemented. */
function callInWords(d: PublicDecision): string {
  if (d.status === 'rescinded') return 'Rescinded: it will not be implemented.';
  if (d.status === 'implemented')
    return `Implemented${d.implementedOn ? ` on ${displayDate(d.implementedOn)}` : ''}.`;
  if (d.status === 'called-in')
    return 'Called in: it may not be implemented until overview and scrutiny has considered it.';
  if (d.callInExemptReason)
    return `Not subject to call-in (${d.callInExemptReason}): it may be implemented at once.`;
  if (d.callInClosesOn) {
    const from = d.implementableFrom ? `from ${displayDate(d.implementableFrom)}` : 'after that day';
    return `Open to call-in until the end of ${displayDate(d.callInClosesOn)}. If it is not called in, it may be implemented ${from}.`;
  }
  return 'Not recorded.';
}

const decisionMaker = (d: PublicDecision) =>
  d.decidedBy ? (escalationWords[d.decidedBy] ?? d.decidedBy) : d.boardName;

function decisionSection(
  d: PublicDecision,
  meetingIds: Set<string>,
  reports: Reports,
  recommended: Recommended,
): Html {
  const from = recommendedBy(recommended, d.decisionId);
  const maker = decisionMaker(d);
  const facts = html`${row('Reference', d.ref ?? d.decisionId)} ${row('Decision maker', maker)}
  ${maker === d.boardName ? '' : row('Board', d.boardName)}
  ${
    d.meetingId && meetingIds.has(d.meetingId)
      ? row('Meeting', html`<a href="${meetingHref(d.meetingId)}">${plainDate(d.decidedOn)}</a>`)
      : ''
  }
  ${row('Decided', displayDate(d.decidedOn))} ${row('Published', displayDate(d.publishedOn))}
  ${row('Call-in', callInWords(d))}`;
  if (d.exempt) {
    return html`<section class="record" id="${d.decisionId}" aria-labelledby="${d.decisionId}-h">
      <h2 id="${d.decisionId}-h" class="exempt">${d.exempt.notice}</h2>
      <dl>${facts}</dl>
    </section>`;
  }
  const list = (items: Html[], none: string) =>
    items.length
      ? html`<ul>
          ${items}
        </ul>`
      : html`<p>${none}</p>`;
  return html`<section class="record" id="${d.decisionId}" aria-labelledby="${d.decisionId}-h">
    <h2 id="${d.decisionId}-h">${d.title}</h2>
    <dl>
      ${row(
        'Outcome',
        html`${outcomeWords[d.outcome ?? ''] ?? d.outcome}${d.keyDecision ? html` <span class="tag">Key decision</span>` : ''}`,
      )}
      ${facts} ${from ? row('Origin', from) : ''}
      ${d.amountGbp !== null && d.amountGbp !== undefined ? row('Amount', money(Math.round(d.amountGbp * 100))) : ''}
      ${reportsOf(reports, d.decisionId).length ? row('Report', reportList(reportsOf(reports, d.decisionId))) : ''}
    </dl>
    <h3>Decision</h3>
    <p>${d.decisionText}</p>
    <h3>Reasons</h3>
    <p class="lines">${d.reasons || 'Not recorded: the register holds no statement of the reasons.'}</p>
    ${
      d.reconsideration
        ? html`<h3>Reconsidered after call-in</h3>
            <p class="lines">${d.reconsideration.outcome}: ${d.reconsideration.reasons}</p>`
        : ''
    }
    <h3>Alternatives considered and rejected</h3>
    ${list(
      (d.alternativesRejected ?? []).map((a) => html`<li>${a}</li>`),
      'Not recorded.',
    )}
    <h3>Interests declared</h3>
    ${list(
      (d.interestsDeclared ?? []).map((i) => html`<li>${i.member}: ${i.interest}</li>`),
      'None declared.',
    )}
    <h3>Dispensations</h3>
    ${list(
      (d.dispensations ?? []).map((x) => html`<li>${x.member}: ${x.detail}</li>`),
      'None recorded.',
    )}
    ${d.votes?.length ? votesTable(d.votes) : ''}
    ${
      d.voteNotes?.length
        ? html`<h3>How the votes were counted</h3>
            <ul>
              ${d.voteNotes.map((n) => html`<li>${n}</li>`)}
            </ul>`
        : ''
    }
  </section>`;
}

export function decisionsPage(
  council: Council,
  list: PublicDecision[],
  meetingIds: Set<string>,
  reports: Reports = NO_REPORTS,
  recommended: Recommended = NONE_RECOMMENDED,
): string {
  return page(council, {
    title: 'Decisions',
    alternates: [
      { type: 'application/rss+xml', href: '/decisions.rss', title: 'Decisions (RSS)' },
      { type: 'application/json', href: '/decisions.json', title: 'Decisions (JSON)' },
    ],
    body: html`<p>
        The record of decisions taken, newest first, with reasons, alternatives rejected, interests declared,
        call-in and the votes of each partner.
      </p>
      <p>
        Also as <a href="/decisions.json">JSON</a> and <a href="/decisions.rss">RSS</a>;
        <a href="/search">search</a> them with the Forward Plan.
      </p>
      ${
        list.length
          ? list.map((d) => decisionSection(d, meetingIds, reports, recommended))
          : html`<p>No decisions have been published.</p>`
      }`,
  });
}

const where = (m: PublicMeeting) => m.location ?? 'Not yet published';

export function meetingsPage(council: Council, list: PublicMeeting[]): string {
  return page(council, {
    title: 'Meetings',
    body: list.length
      ? html`<table>
          <caption>
            Board meetings
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Meeting</th>
              <th scope="col">Where</th>
              <th scope="col">Agenda</th>
            </tr>
          </thead>
          <tbody>
            ${list.map(
              (m) =>
                html`<tr>
                  <td>${when(m)}</td>
                  <td>
                    <a href="${meetingHref(m.meetingId)}">${m.title}</a>${
                      m.status === 'cancelled' ? html` <strong>(cancelled)</strong>` : ''
                    }
                  </td>
                  <td>${where(m)}</td>
                  <td>
                    ${m.agendaPublishedOn ? `Published on ${plainDate(m.agendaPublishedOn)}` : 'Not yet published'}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>No meetings have been arranged.</p>`,
  });
}

/** An item's decision: taken here, or at the later meeting it was deferred to, once on the record. */
function itemDecision(m: PublicMeeting, item: PublicMeeting['agenda'][number]): Html | string {
  if (!item.decisionId || !item.decidedAt) return 'Not yet decided';
  const link = html`<a href="${decisionHref(item.decisionId)}">Decision</a>`;
  if (item.decidedAt === m.meetingId) return link;
  return html`Deferred to <a href="${meetingHref(item.decidedAt)}">a later meeting</a>; ${link}`;
}

/** Where the meeting's minutes stand, as its process recorded them. */
function minutesWords({ minutes }: PublicMeeting): string {
  if (!minutes) return 'Not yet published';
  if (minutes.status === 'approved') return `Approved at the meeting on ${plainDate(minutes.approvedAt!)}`;
  return `Published in draft on ${plainDate(minutes.publishedOn!)}; to be approved as the first business of the next meeting`;
}

/** What a meeting page shows beyond the meeting's own row, each read from the register by the server. */
export interface MeetingExtras {
  /** Attendance and minutes as the meeting's process recorded them. */
  record?: MeetingRecord;
  roster?: Roster;
  /** Items any public row marks exempt (publication/exempt.ts). */
  exemptItems?: ReadonlySet<string>;
  recommended?: Recommended;
  /** Reg 9(1)(f): each item's documents to be considered, from its Forward Plan entry, by decision id. */
  documents?: ReadonlyMap<string, PublicDocument[]>;
  /** The agenda pack (publication/agenda-pack.ts), once the agenda is published. */
  agendaPack?: { href: string; pages: number };
}

/** The agenda pack's link, with its length so a reader knows what they will open. */
const agendaPackLink = (pack: { href: string; pages: number }) =>
  html`<a href="${pack.href}">Agenda pack (PDF, ${pack.pages} pages)</a>`;

/** An item's own papers: its reports and documents, or plainly none; an exempt item's are never public. */
function itemPapers(item: PublicMeeting['agenda'][number], reports: Reports, extras: MeetingExtras): Html {
  if (item.exempt) return html`<span class="hint">Its report is not for publication.</span>`;
  const uploaded = reportsOf(reports, item.decisionId);
  const documents = (item.decisionId && extras.documents?.get(item.decisionId)) || [];
  if (!uploaded.length && !documents.length)
    return html`<span class="hint">No report has been published for this item.</span>`;
  return html`${uploaded.length ? reportList(uploaded) : ''}
  ${
    documents.length
      ? html`<ul class="documents">
          ${documents.map(
            (d) =>
              html`<li>
                Document to be considered: ${d.url ? html`<a href="${d.url}">${d.title}</a>` : d.title}
              </li>`,
          )}
        </ul>`
      : ''
  }`;
}

export function meetingPage(
  council: Council,
  m: PublicMeeting,
  baseUrl: string,
  reports: Reports = NO_REPORTS,
  extras: MeetingExtras = {},
): string {
  const items = m.agenda.map((item, i) => {
    const from = recommendedBy(extras.recommended ?? NONE_RECOMMENDED, item.decisionId);
    return html`<tr>
      <th scope="row">${i + 1}</th>
      ${
        item.exempt
          ? html`<td class="exempt">${item.exempt.notice}</td>`
          : html`<td>
              ${item.title}${item.summary ? html`<br /><span class="hint">${item.summary}</span>` : ''}
              ${from ? html`<br />${from}` : ''}
            </td>`
      }
      <td>${itemPapers(item, reports, extras)}</td>
      <td>${itemDecision(m, item)}</td>
    </tr>`;
  });
  const { attendance, minutes } = extras.record ?? { attendance: null, minutes: null };
  const roster = extras.roster ?? { partners: [], members: [] };
  const time = m.startsAt
    ? `${displayDateTime(m.startsAt)}${m.endsAt ? ` to ${displayDateTime(m.endsAt).replace(/^.* at /, '')}` : ''}`
    : 'Not yet published';
  return page(council, {
    title: m.title,
    jsonLd: meetingEvent(m, baseUrl),
    body: html`${m.status === 'cancelled' ? html`<p><strong>This meeting has been cancelled.</strong></p>` : ''}
      <dl>
        ${row('Board', m.boardName)} ${row('Date', displayDate(m.meetsOn))} ${row('Time', time)}
        ${row('Venue', where(m))}
        ${row('Attendance', m.attendance ? attendanceWords[m.attendance] : 'Not yet published')}
        ${row('Agenda published', m.agendaPublishedOn ? displayDate(m.agendaPublishedOn) : 'Not yet published')}
      </dl>
      <h2>Agenda</h2>
      ${
        m.agenda.length
          ? html`<table>
              <caption>
                Items of business
              </caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Business</th>
                  <th scope="col">Reports and papers</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                ${items}
              </tbody>
            </table>`
          : html`<p>The agenda has not been published yet.</p>`
      }
      <h2>Reports and minutes</h2>
      <dl>
        ${row(
          'Reports',
          m.agendaPublishedOn
            ? `Published with the agenda on ${plainDate(m.agendaPublishedOn)}: each item’s are in its row of the agenda`
            : 'Not yet published: they are published with the agenda, at least five clear working days before the meeting',
        )}
        ${extras.agendaPack ? row('Agenda pack', agendaPackLink(extras.agendaPack)) : ''}
        ${row('Minutes', minutesWords(m))}
      </dl>
      <h2>Who attended</h2>
      ${
        attendance
          ? attendanceTable(attendance, roster)
          : html`<p>Not yet recorded: the clerk records who is present, and apologies, at the meeting.</p>`
      }
      ${
        minutes && m.minutes
          ? html`<h2>${m.minutes.status === 'approved' ? 'Minutes' : 'Minutes (draft)'}</h2>
              ${minutesText(minutes, m, extras.exemptItems ?? new Set(), roster)}`
          : ''
      }`,
  });
}

export function notFoundPage(council: Council, what: string): string {
  return page(council, {
    title: 'Page not found',
    body: html`<p>${what}</p>
      <p><a href="/">Go to the register</a></p>`,
  });
}
