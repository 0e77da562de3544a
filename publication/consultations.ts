/**
 * The public consultations open now (P7, bath-nes-2008 ¶11.7): what each is about, who is affected, when it
 * closes and how to respond; as a page and as JSON beside the other feeds. "Public consultation" throughout:
 * in the OParl data a Consultation is a paper before a meeting, something else.
 */
import type { PublicConsultation } from '../activities/records/public-consultations';
import { html, page, type Council } from './layout';
import { plainDate } from './pages';

export function publicConsultationsJson(list: PublicConsultation[], now = new Date()): string {
  return JSON.stringify({ generatedAt: now.toISOString(), publicConsultations: list }, null, 2);
}

export function publicConsultationsPage(council: Council, list: PublicConsultation[]): string {
  return page(council, {
    title: 'Public consultations',
    alternates: [
      { type: 'application/json', href: '/public-consultations.json', title: 'Public consultations (JSON)' },
    ],
    body: html`<p>
        Before the partners change how they work together, they ask the people affected. These consultations
        are open now (<a href="/public-consultations.json">JSON</a>).
      </p>
      ${
        list.length
          ? list.map(
              (c) =>
                html`<section class="record" id="${c.consultationId}">
                  <h2>${c.subject}</h2>
                  <dl>
                    <dt>Who is affected</dt>
                    <dd class="lines">${c.affected}</dd>
                    <dt>Closing date</dt>
                    <dd>${plainDate(c.closesOn)} (responses are taken until the end of that day)</dd>
                    <dt>How to respond</dt>
                    <dd class="lines">${c.howToRespond}</dd>
                    <dt>How we are consulting</dt>
                    <dd>${c.methods.join('; ')}</dd>
                    <dt>Opened</dt>
                    <dd>${plainDate(c.opensOn)}</dd>
                    <dt>Board</dt>
                    <dd>${c.boardName ?? c.boardId} (reference ${c.ref})</dd>
                    <dt>The outcome goes to</dt>
                    <dd>${c.reportedTo.join(', ')}</dd>
                  </dl>
                </section>`,
            )
          : html`<p>No public consultation is open at the moment.</p>`
      }`,
  });
}
