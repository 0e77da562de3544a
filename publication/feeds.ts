/**
 * Machine-readable forms of the register: JSON for reuse, RSS 2.0 for people who follow decisions, and
 * an iCalendar feed of the Forward Plan (METHOD:PUBLISH: a subscription, not an invitation).
 */
import { buildCalendar } from '../activities/mail/ics';
import { escapeHtml } from '../activities/mail/html';
import type { PublicDecision, PublicForwardPlanEntry } from '../activities/records/public-views';

export function forwardPlanJson(entries: PublicForwardPlanEntry[], now = new Date()): string {
  return JSON.stringify({ generatedAt: now.toISOString(), entries }, null, 2);
}

export function decisionsJson(decisions: PublicDecision[], now = new Date()): string {
  return JSON.stringify({ generatedAt: now.toISOString(), decisions }, null, 2);
}

/**
 * Text as XML 1.0 may carry it: control characters (other than tab and line breaks), U+FFFE/U+FFFF and lone
 * surrogates are dropped, so one record stored before text was checked at the door (a \f or BEL in a
 * title) cannot make the whole feed unreadable for every subscriber. Then escaped.
 */
export function xmlText(value: string): string {
  return escapeHtml(
    value.replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    ),
  );
}

/** RFC 822 date as RSS wants it; a civil date is given as midnight UTC. */
const rfc822 = (civil: string) => new Date(`${civil}T00:00:00Z`).toUTCString();

export function decisionsRss(decisions: PublicDecision[], baseUrl: string): string {
  const items = decisions.map((d) => {
    const title = d.exempt ? d.exempt.notice : (d.title ?? '');
    const description = d.exempt
      ? d.exempt.notice
      : `${d.decisionText ?? ''}\n\nReasons: ${d.reasons || 'not recorded'}`;
    const link = `${baseUrl}/decisions#${encodeURIComponent(d.decisionId)}`;
    return `  <item>
    <title>${xmlText(title)}</title>
    <link>${xmlText(link)}</link>
    <guid isPermaLink="false">${xmlText(`govflow-decision-${d.decisionId}`)}</guid>
    <pubDate>${rfc822(d.publishedOn)}</pubDate>
    <description>${xmlText(description)}</description>
  </item>`;
  });
  const latest = decisions[0] ? rfc822(decisions[0].publishedOn) : new Date(0).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Decisions of the joint commissioning boards</title>
  <link>${escapeHtml(`${baseUrl}/decisions`)}</link>
  <description>Decisions taken, with reasons, as required by regulations 12 and 13 of the 2012 Access to Information Regulations.</description>
  <language>en-gb</language>
  <lastBuildDate>${latest}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}

export function forwardPlanIcs(entries: PublicForwardPlanEntry[], baseUrl: string, now = new Date()): string {
  return buildCalendar({
    method: 'PUBLISH',
    name: 'Forward Plan',
    now,
    events: entries.map((e) => ({
      uid: `forward-plan-${e.entryId}@govflow`,
      sequence: 0,
      start: e.decisionDue,
      summary: e.exempt ? e.exempt.notice : `${e.keyDecision ? 'Key decision: ' : ''}${e.title ?? ''}`,
      description: e.exempt
        ? `${e.exempt.notice}. Decision maker: ${e.decisionMaker}.`
        : `${e.summary ?? ''}${e.summary ? '\n' : ''}Decision maker: ${e.decisionMaker}.`,
      url: `${baseUrl}/forward-plan#${encodeURIComponent(e.entryId)}`,
    })),
  });
}
