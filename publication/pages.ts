/**
 * The public HTML pages: the Forward Plan (notice of key decisions, reg 9), meeting agendas, and the
 * record of decisions (regs 12–13). Exempt items carry only their Schedule 12A notice: the views they are
 * built from (activities/records/public-views.ts) do not even hold the text.
 */
import { money } from '../activities/mail/html';
import { displayDate, displayDateTime } from '../governance/display-dates';
import type {
  PublicDecision,
  PublicForwardPlanEntry,
  PublicMeeting,
  PublicVote,
} from '../activities/records/public-views';
import { html, page, type Html } from './layout';

const routeWords: Record<PublicForwardPlanEntry['noticeRoute'], string> = {
  'forward-plan': '28 clear days’ notice',
  'general-exception': 'General exception (reg 10)',
  'special-urgency': 'Special urgency (reg 11)',
};

const statusWords: Record<PublicDecision['status'], string> = {
  published: 'Published',
  'called-in': 'Called in: not to be implemented until scrutiny has met',
  implemented: 'Implemented',
  rescinded: 'Rescinded',
};

const planStatusWords: Record<PublicForwardPlanEntry['status'], string> = {
  planned: '',
  taken: 'Decision taken',
  withdrawn: 'Withdrawn',
  referred: 'Referred to another decision maker',
};

/** A meeting's time when one is set, else its date. */
const when = (m: PublicMeeting) => (m.startsAt ? displayDateTime(m.startsAt) : displayDate(m.meetsOn));

const outcomeWords: Record<string, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  noted: 'Noted for information',
  referred: 'Referred to the decision maker',
  amended: 'Amended on reconsideration',
  rescinded: 'Rescinded on reconsideration',
};

const exemptCell = (notice: string, columns: number) =>
  html`<td colspan="${columns}" class="exempt">${notice}</td>`;

export function indexPage(): string {
  return page({
    title: 'Joint commissioning register',
    body: html`<p>The public record of the joint commissioning boards run by govflow.</p>
      <ul>
        <li>
          <a href="/forward-plan">Forward Plan</a>: key decisions to be taken, with at least 28 clear days’
          notice (<a href="/forward-plan.json">JSON</a>, <a href="/forward-plan.ics">calendar</a>)
        </li>
        <li><a href="/meetings">Meetings and agendas</a></li>
        <li>
          <a href="/decisions">Decisions</a> (<a href="/decisions.json">JSON</a>,
          <a href="/decisions.rss">RSS</a>)
        </li>
      </ul>`,
  });
}

export function forwardPlanPage(entries: PublicForwardPlanEntry[]): string {
  const rows = entries.map((e) =>
    e.exempt
      ? html`<tr id="${e.entryId}">
          <td>${displayDate(e.decisionDue)}</td>
          ${exemptCell(e.exempt.notice, 3)}
          <td>${e.decisionMaker}</td>
          <td>${displayDate(e.publishedOn)}</td>
        </tr>`
      : html`<tr id="${e.entryId}">
          <td>${displayDate(e.decisionDue)}</td>
          <td>
            ${e.title}${e.keyDecision ? html` <span class="tag">Key decision</span>` : ''}${
              planStatusWords[e.status] ? html`<br /><strong>${planStatusWords[e.status]}</strong>` : ''
            }
          </td>
          <td>
            ${e.summary ?? ''}${e.wards?.length ? html`<br /><span class="hint">Wards: ${e.wards.join(', ')}</span>` : ''}
          </td>
          <td>${routeWords[e.noticeRoute]}</td>
          <td>
            ${e.decisionMaker}${e.boardName ? html`<br /><span class="hint">${e.boardName}</span>` : ''}
          </td>
          <td>${displayDate(e.publishedOn)}</td>
        </tr>`,
  );
  return page({
    title: 'Forward Plan',
    alternates: [
      { type: 'application/json', href: '/forward-plan.json', title: 'Forward Plan (JSON)' },
      { type: 'text/calendar', href: '/forward-plan.ics', title: 'Forward Plan (calendar)' },
    ],
    body: html`<p>
        Key decisions the boards intend to take. Each is published here at least 28 clear days before the
        decision unless the general exception or special urgency rules applied.
      </p>
      ${
        entries.length
          ? html`<table>
              <caption>
                Decisions to be taken
              </caption>
              <thead>
                <tr>
                  <th scope="col">Decision due</th>
                  <th scope="col">Matter</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Notice</th>
                  <th scope="col">Decision maker</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No decisions are on the Forward Plan.</p>`
      }
      <p>
        Also as <a href="/forward-plan.json">JSON</a> and as a <a href="/forward-plan.ics">calendar</a>.
      </p>`,
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

function decisionSection(d: PublicDecision): Html {
  const facts = html`<dt>Decided</dt>
    <dd>${displayDate(d.decidedOn)}</dd>
    <dt>Published</dt>
    <dd>${displayDate(d.publishedOn)}</dd>
    <dt>Status</dt>
    <dd>${statusWords[d.status]}${d.implementedOn ? ` on ${displayDate(d.implementedOn)}` : ''}</dd>
    ${
      d.decidedBy
        ? html`<dt>Decided by</dt>
            <dd>${d.decidedBy}</dd>`
        : ''
    }
    ${
      d.callInClosesOn
        ? html`<dt>Call-in period ends</dt>
            <dd>${displayDate(d.callInClosesOn)}</dd>`
        : ''
    }
    ${
      d.callInExemptReason
        ? html`<dt>Not subject to call-in</dt>
            <dd>${d.callInExemptReason}</dd>`
        : ''
    }`;
  if (d.exempt) {
    return html`<section id="${d.decisionId}" aria-labelledby="${d.decisionId}-h">
      <h2 id="${d.decisionId}-h" class="exempt">${d.exempt.notice}</h2>
      <dl>${facts}</dl>
    </section>`;
  }
  return html`<section id="${d.decisionId}" aria-labelledby="${d.decisionId}-h">
    <h2 id="${d.decisionId}-h">${d.title}</h2>
    <dl>
      <dt>Board</dt>
      <dd>${d.boardName ?? d.boardId}</dd>
      <dt>Outcome</dt>
      <dd>
        ${outcomeWords[d.outcome ?? ''] ?? d.outcome}${d.keyDecision ? html` <span class="tag">Key decision</span>` : ''}
      </dd>
      ${facts}
      ${
        d.amountGbp !== null && d.amountGbp !== undefined
          ? html`<dt>Amount</dt>
              <dd>${money(Math.round(d.amountGbp * 100))}</dd>`
          : ''
      }
    </dl>
    <h3>Decision</h3>
    <p>${d.decisionText}</p>
    <h3>Reasons</h3>
    <p class="lines">${d.reasons || 'None recorded.'}</p>
    ${
      d.reconsideration
        ? html`<h3>Reconsidered after call-in</h3>
            <p class="lines">${d.reconsideration.outcome}: ${d.reconsideration.reasons}</p>`
        : ''
    }
    <h3>Alternatives considered and rejected</h3>
    ${
      d.alternativesRejected?.length
        ? html`<ul>
            ${d.alternativesRejected.map((a) => html`<li>${a}</li>`)}
          </ul>`
        : html`<p>None recorded.</p>`
    }
    <h3>Interests declared</h3>
    ${
      d.interestsDeclared?.length
        ? html`<ul>
            ${d.interestsDeclared.map((i) => html`<li>${i.member}: ${i.interest}</li>`)}
          </ul>`
        : html`<p>None.</p>`
    }
    ${d.votes?.length ? votesTable(d.votes) : ''}
  </section>`;
}

export function decisionsPage(list: PublicDecision[]): string {
  return page({
    title: 'Decisions',
    alternates: [
      { type: 'application/rss+xml', href: '/decisions.rss', title: 'Decisions (RSS)' },
      { type: 'application/json', href: '/decisions.json', title: 'Decisions (JSON)' },
    ],
    body: html`<p>
        The record of decisions taken, newest first, with reasons, alternatives rejected, interests declared
        and the votes of each partner.
      </p>
      ${list.length ? list.map(decisionSection) : html`<p>No decisions have been published.</p>`}
      <p>Also as <a href="/decisions.json">JSON</a> and <a href="/decisions.rss">RSS</a>.</p>`,
  });
}

export function meetingsPage(list: PublicMeeting[]): string {
  return page({
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
                    <a href="/meetings/${m.meetingId.split('/').map(encodeURIComponent).join('/')}"
                      >${m.title}</a
                    >${m.status === 'cancelled' ? html` <strong>(cancelled)</strong>` : ''}
                  </td>
                  <td>${m.location ?? ''}</td>
                  <td>
                    ${m.agendaPublishedOn ? `Published ${displayDate(m.agendaPublishedOn)}` : 'Not yet published'}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>No meetings have been arranged.</p>`,
  });
}

export function meetingPage(m: PublicMeeting): string {
  const items = m.agenda.map(
    (item, i) =>
      html`<tr>
        <th scope="row">${i + 1}</th>
        ${
          item.exempt
            ? html`<td class="exempt">${item.exempt.notice}</td>`
            : html`<td>
                ${item.title}${item.decisionId ? html` (<a href="/decisions#${item.decisionId}">decision</a>)` : ''}${
                  item.summary ? html`<br /><span class="hint">${item.summary}</span>` : ''
                }
              </td>`
        }
      </tr>`,
  );
  return page({
    title: m.title,
    body: html`${m.status === 'cancelled' ? html`<p><strong>This meeting has been cancelled.</strong></p>` : ''}
      <dl>
        <dt>Board</dt>
        <dd>${m.boardName ?? m.boardId}</dd>
        <dt>When</dt>
        <dd>${when(m)}${m.endsAt ? ` to ${displayDateTime(m.endsAt)}` : ''}</dd>
        ${
          m.location
            ? html`<dt>Where</dt>
                <dd>${m.location}</dd>`
            : ''
        }
        <dt>Agenda published</dt>
        <dd>${m.agendaPublishedOn ? displayDate(m.agendaPublishedOn) : 'Not yet published'}</dd>
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
                </tr>
              </thead>
              <tbody>
                ${items}
              </tbody>
            </table>`
          : html`<p>The agenda has not been published yet.</p>`
      }`,
  });
}

export function notFoundPage(what: string): string {
  return page({
    title: 'Page not found',
    body: html`<p>${what}</p>
      <p><a href="/">Go to the register</a></p>`,
  });
}
