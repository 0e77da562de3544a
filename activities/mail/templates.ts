/**
 * One template per notification kind. Every message names the process, what the recipient must do and
 * by when, and why they are receiving it (their role), in plain text and in escaped HTML. A kind without
 * a template gets the generic one, so a new workflow step never fails for want of wording; every kind
 * the workflows send has its own (test/mail/template-kinds.test.ts), so the generic one says no more than
 * that something happened. Every date is shown by the one formatter (governance/display-dates.ts), dates
 * inside the process's own words too.
 */
import type { Notification, Recipient, RecipientRole } from '../contract';
import { displayDate, displayDateOrTime, displayDatesIn } from '../../governance/display-dates';
import { escapeHtml, money } from './html';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface KindTemplate {
  /** Subject before the process title, e.g. "Your vote is needed". */
  headline: string;
  /** One sentence on what has happened and why it matters to the reader. */
  lead: string;
}

export const templates: Record<string, KindTemplate> = {
  'deadline-moved': {
    headline: 'Deadline moved by a new bank holiday',
    lead: 'A bank holiday announced after this process started changes the working days it counts, so a day you were given has moved. Act by the new day below.',
  },
  'review-reminder': {
    headline: 'Reminder: effectiveness review due',
    lead: 'The board’s effectiveness review is coming up. Please prepare for it now so it can start on time.',
  },
  'review-started': {
    headline: 'Effectiveness review started',
    lead: 'The board’s effectiveness review has started. Your self-assessment is part of the report to both parent bodies.',
  },
  'tor-approval-required': {
    headline: 'Approval needed: Terms of Reference',
    lead: 'The draft Terms of Reference need the approval of both parent bodies before the board can be established.',
  },
  'board-established': {
    headline: 'Board established',
    lead: 'Both parent bodies have approved the Terms of Reference, and the board is now established.',
  },
  'forward-plan-notice': {
    headline: 'Forward Plan notice',
    lead: 'A key decision has been placed on the Forward Plan, giving the public notice before it is taken.',
  },
  'agenda-published': {
    headline: 'Agenda published',
    lead: 'The agenda and reports for the meeting have been published.',
  },
  'vote-required': {
    headline: 'Your vote is needed',
    lead: 'An item needs the consensus of both partners. Please attend and vote; if you have an interest to declare, do not vote.',
  },
  'decision-published': {
    headline: 'Decision published',
    lead: 'The decision record has been published. It cannot be implemented until the call-in window closes.',
  },
  'call-in-window-open': {
    headline: 'Call-in window open',
    lead: 'A decision has been published and may be called in by Overview and Scrutiny members until the window closes.',
  },
  'call-in-lodged': {
    headline: 'Call-in lodged',
    lead: 'A call-in has been lodged. The decision is frozen and may not be implemented until scrutiny has met.',
  },
  'scrutiny-meeting-required': {
    headline: 'Scrutiny meeting required',
    lead: 'A valid call-in means Overview and Scrutiny must meet to consider the decision.',
  },
  'reconsideration-required': {
    headline: 'Reconsideration required',
    lead: 'Scrutiny has referred the decision back. The decision maker must confirm, amend or rescind it, with reasons.',
  },
  deferred: {
    headline: 'Item deferred',
    lead: 'The partners did not reach consensus, so the item has been deferred to a later meeting.',
  },
  escalated: {
    headline: 'Escalated to you',
    lead: 'This item could not be resolved at the previous level and has been escalated to you.',
  },
  'urgency-consent-required': {
    headline: 'Your consent is needed for an urgent decision',
    lead: 'The decision cannot reasonably be deferred. Under the urgency rules it needs the agreement of the chair of Overview and Scrutiny.',
  },
  referral: {
    headline: 'Referred to you for decision',
    lead: 'This item is outside the board’s delegated authority and has been referred to you as the right decision maker.',
  },
  implemented: {
    headline: 'Decision implemented',
    lead: 'The call-in window has closed and the decision has taken effect.',
  },
  'meeting-scheduled': {
    headline: 'Meeting arranged',
    lead: 'A meeting has been arranged. The calendar invitation is attached.',
  },
  'meeting-moved': {
    headline: 'Meeting moved',
    lead: 'The meeting has moved. The attached invitation replaces the earlier one.',
  },
  'sign-off-chased': {
    headline: 'Sign-off overdue for an agenda item',
    lead: 'An item on the meeting’s agenda still needs your sign-off, which was due before the agenda is published. Without it the item is deferred to the next meeting.',
  },
  'meeting-cancelled': {
    headline: 'Meeting cancelled',
    lead: 'The meeting has been withdrawn. The attached cancellation removes it from your calendar.',
  },
  withdrawn: {
    headline: 'Item withdrawn',
    lead: 'The item has been withdrawn before it was decided, so it will not be taken at the meeting. The attached cancellation removes it from your calendar.',
  },
  rescinded: {
    headline: 'Decision rescinded',
    lead: 'On reconsideration after a call-in, the decision has been rescinded.',
  },
  'general-exception-notice': {
    headline: 'General exception notice',
    lead: 'A key decision is to be taken without 28 clear days’ notice on the Forward Plan, under the general exception (reg 10).',
  },
  'scrutiny-overdue': {
    headline: 'Scrutiny meeting overdue',
    lead: 'Overview and Scrutiny has not met on the call-in by its deadline. The decision stays frozen until it does.',
  },
  'recommendation-made': {
    headline: 'Recommendation for both parent bodies',
    lead: 'The board has no delegated power for this item, so it recommends it to both parent bodies, who each decide.',
  },
  'recommendation-for-decision': {
    headline: 'Decision needed: board recommendation',
    lead: 'The board has made a recommendation to your parent body, which approves, rejects or amends it.',
  },
  'recommendation-concluded': {
    headline: 'Recommendation concluded',
    lead: 'The parent bodies’ answers to the board’s recommendation have settled its outcome.',
  },
  'tor-revision-required': {
    headline: 'Revision needed: Terms of Reference',
    lead: 'A parent body has asked for amendments to the Terms of Reference. The revised version goes back to both parent bodies.',
  },
  'tor-amended': {
    headline: 'Amended Terms of Reference in force',
    lead: 'Both parent bodies have approved the amended Terms of Reference, which are now in force.',
  },
  'board-rejected': {
    headline: 'Terms of Reference rejected',
    lead: 'A parent body has rejected the draft Terms of Reference, so the board is not established.',
  },
  'board-dissolved': {
    headline: 'Board dissolved',
    lead: 'Both parent bodies have decided to dissolve the board. The delegations to it end.',
  },
  's75-review': {
    headline: 'Pooled-budget (s75) review due',
    lead: 'The annual review of the pooled-budget (s75) agreement is due with the board’s effectiveness review.',
  },
  'budget-monitoring': {
    headline: 'Pooled budget monitoring report',
    lead: 'The pooled budget’s position for the year so far: each scheme’s budget, what decisions have reserved and committed against it, and the headroom left.',
  },
  'pooled-budget-year-end': {
    headline: 'Section 75 review of the year',
    lead: 'The financial year has ended. The review of the pooled budget (contributions, commitments, variations, outturn and how any over- or underspend is shared) goes to both parent bodies, who agree next year’s contributions.',
  },
  'pooled-budget-contributions-agreed': {
    headline: 'Pooled budget contributions agreed',
    lead: 'Both parent bodies have agreed this year’s contributions to the pooled budget. Each scheme’s budget for the year is now their sum.',
  },
  'pooled-budget-contributions-chased': {
    headline: 'Reminder: agree this year’s pooled budget contributions',
    lead: 'Your body has not yet recorded its agreement of this year’s contributions after the section 75 review. Until both parent bodies agree, the pooled budget runs on last year’s contributions.',
  },
  'self-assessment-required': {
    headline: 'Your self-assessment is needed',
    lead: 'The board’s effectiveness review asks each member how well the board works. Your answer goes into the report to both parent bodies.',
  },
  'review-report': {
    headline: 'Response needed: effectiveness review report',
    lead: 'The effectiveness review report is ready. Each parent body responds to it: continue, amend the Terms of Reference, extend delegation, or dissolve.',
  },
  'review-completed': {
    headline: 'Effectiveness review complete',
    lead: 'Both parent bodies have responded to the effectiveness review report.',
  },
  'consultation-opened': {
    headline: 'Public consultation open',
    lead: 'The partners are consulting those affected jointly before partnership arrangements change. It is on the public pages with its closing date.',
  },
  'consultation-reminder': {
    headline: 'Public consultation closing soon',
    lead: 'The public consultation closes soon. Remind those affected how to respond before it does.',
  },
  'consultation-closed': {
    headline: 'Outcome report needed: public consultation closed',
    lead: 'The public consultation has closed by itself at the end of its closing day. The outcome report on the responses goes to the Partnership Board, Cabinet and the NHS board.',
  },
  'consultation-outcome-for-body': {
    headline: 'To note or decide: public consultation outcome',
    lead: 'The outcome of a public consultation is reported to your body, which notes it or decides on the change. The change waits for all three bodies.',
  },
  'consultation-report-overdue': {
    headline: 'Overdue: public consultation outcome report',
    lead: 'The outcome report on a public consultation was due and has not been recorded. The Partnership Board, Cabinet and the NHS board wait for it, and the change consulted on waits for them.',
  },
  'consultation-answer-overdue': {
    headline: 'Overdue: your body’s answer on a public consultation',
    lead: 'The outcome of a public consultation went to your body, which was to note it or decide by the day below and has not been recorded as doing so. The change consulted on waits for its answer.',
  },
  'consultation-concluded': {
    headline: 'Public consultation concluded',
    lead: 'The Partnership Board, Cabinet and the NHS board have each noted the outcome of the public consultation or decided on the change.',
  },
  'partnership-recommendation-placed': {
    headline: 'On the JCB agenda: partnership board recommendation',
    lead: 'A partnership board’s recommendation goes to the Joint Commissioning Board’s next meeting that can still meet the notice rules. Its outcome will be reported back to the partnership board.',
  },
  'partnership-recommendation-outcome': {
    headline: 'JCB outcome: partnership board recommendation',
    lead: 'The outcome of a partnership board’s recommendation to the Joint Commissioning Board is known, or why it could not be taken. Report it back to the partnership board.',
  },
};

/** For a kind without a template of its own: says that something happened, and claims nothing more. */
const generic: KindTemplate = {
  headline: 'Governance update',
  lead: 'There is news of a governance process you take part in.',
};

const roleWords: Record<RecipientRole, string> = {
  member: 'a member of the board',
  chair: 'the chair of the board',
  'partner-lead': 'a partner lead for the board',
  'os-chair': 'the chair of Overview and Scrutiny',
  'os-member': 'a member of Overview and Scrutiny',
  'parent-body-clerk': 'the clerk to a parent body',
  officer: 'a supporting officer',
  'chief-executive': 'a partner chief executive',
  'joint-committee': 'a member of the Joint Committee',
};

export function templateFor(kind: string): KindTemplate {
  return Object.hasOwn(templates, kind) ? (templates[kind] as KindTemplate) : generic;
}

/** "callInClosesOn" → "Call in closes on"; money keys lose their unit ("amountGbp" → "Amount"). */
function label(key: string): string {
  const words = key
    .replace(/(Gbp|Pence)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function factValue(key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' && key.endsWith('Gbp')) return money(Math.round(value * 100));
  if (typeof value === 'number' && key.endsWith('Pence')) return money(value);
  return displayDatesIn(String(value));
}

function receivingAs(r: Recipient): string {
  return `You are receiving this as ${roleWords[r.role] ?? 'a participant'}${r.partner ? ` (${r.partner})` : ''}.`;
}

/** The message for one recipient of a notification. */
export function renderNotification(n: Notification, recipient: Recipient): RenderedMail {
  const template = templateFor(n.kind);
  // A deadline is a civil date: the day by the end of which it must be done.
  const deadline = n.deadline ? displayDate(n.deadline) : undefined;
  const subject = `${template.headline}: ${n.processTitle}${deadline ? ` (by ${deadline})` : ''}`;
  const action = displayDatesIn(n.action);
  const facts = Object.entries(n.facts ?? {}).map(
    ([key, value]) => [label(key), factValue(key, value)] as const,
  );
  const when = n.invite ? displayDateOrTime(n.invite.start) : undefined;
  const reference = `${n.key.workflowId} / ${n.key.step}`;

  const text = [
    `Dear ${recipient.name},`,
    '',
    template.lead,
    '',
    `Process: ${n.processTitle}`,
    `What you need to do: ${action}`,
    ...(deadline ? [`Deadline: ${deadline}`] : []),
    ...(n.invite
      ? [`${n.invite.method === 'CANCEL' ? 'Cancelled' : 'In your calendar'}: ${n.invite.summary}, ${when}`]
      : []),
    ...(facts.length ? ['', ...facts.map(([k, v]) => `${k}: ${v}`)] : []),
    '',
    receivingAs(recipient),
    `Reference: ${reference}`,
    '',
    '-- ',
    `govflow, for board ${n.boardId}`,
    '',
  ].join('\n');

  const row = (k: string, v: string) =>
    `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`;
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:640px">
<h1 style="font-size:24px">${escapeHtml(template.headline)}</h1>
<p>Dear ${escapeHtml(recipient.name)},</p>
<p>${escapeHtml(template.lead)}</p>
<table style="border-collapse:collapse">
${row('Process', n.processTitle)}
${row('What you need to do', action)}
${deadline ? row('Deadline', deadline) : ''}
${n.invite ? row(n.invite.method === 'CANCEL' ? 'Cancelled' : 'In your calendar', `${n.invite.summary}, ${when}`) : ''}
${facts.map(([k, v]) => row(k, v)).join('\n')}
</table>
<p style="color:#505a5f;font-size:14px">${escapeHtml(receivingAs(recipient))}<br>Reference: ${escapeHtml(reference)}</p>
</body>
</html>
`;
  return { subject, text, html };
}
