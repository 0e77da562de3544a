/** Every notification kind has wording that names the process, the action and the deadline. */
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../activities/contract';
import { renderNotification, templateFor, templates } from '../../activities/mail/templates';

const KINDS = [
  'review-reminder',
  'review-started',
  'tor-approval-required',
  'board-established',
  'forward-plan-notice',
  'agenda-published',
  'vote-required',
  'decision-published',
  'call-in-window-open',
  'call-in-lodged',
  'scrutiny-meeting-required',
  'reconsideration-required',
  'deferred',
  'escalated',
  'urgency-consent-required',
  'referral',
  'implemented',
  'withdrawn',
  'rescinded',
  'general-exception-notice',
  'scrutiny-overdue',
  'recommendation-made',
  'recommendation-for-decision',
  'recommendation-concluded',
  'tor-revision-required',
  'tor-amended',
  'board-rejected',
  'board-dissolved',
  's75-review',
  'self-assessment-required',
  'review-report',
  'review-completed',
];

const notification = (kind: string): Notification => ({
  key: { workflowId: 'wf', step: kind },
  kind,
  boardId: 'wiltshire-adult-jcb',
  processTitle: 'Care <home> & "fees" review',
  recipients: [],
  action: 'Reply with <your> view',
  deadline: '2025-12-25',
});
const alice = { role: 'os-chair' as const, name: 'Alice <script>x()</script>', email: 'a@example.org' };

describe('notification templates', () => {
  it.each(KINDS)('%s has its own template naming process, action and deadline', (kind) => {
    expect(templateFor(kind)).toBe(templates[kind]);
    const mail = renderNotification(notification(kind), alice);
    expect(mail.subject).toContain('Care <home> & "fees" review');
    expect(mail.subject).toContain('Thursday 25 December 2025');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Thursday 25 December 2025');
      expect(body).toContain(templates[kind]!.lead.slice(0, 20));
    }
    expect(mail.text).toContain('What you need to do: Reply with <your> view');
    expect(mail.text).toContain('as the chair of Overview and Scrutiny');
    expect(mail.html).toContain('Reply with &lt;your&gt; view');
    expect(mail.html).toContain('Care &lt;home&gt; &amp; &quot;fees&quot; review');
    expect(mail.html).toContain('Alice &lt;script&gt;x()&lt;/script&gt;');
    expect(mail.html).not.toMatch(/<script|<home>|<your>/);
  });

  it('gives each kind a different subject', () => {
    const subjects = new Set(KINDS.map((k) => renderNotification(notification(k), alice).subject));
    expect(subjects.size).toBe(KINDS.length);
  });

  it('falls back to a generic template for an unknown kind', () => {
    const mail = renderNotification({ ...notification('something-new'), deadline: undefined }, alice);
    // It says that something happened and claims nothing more: no "Action needed" on news that needs none.
    expect(mail.subject).toBe('Governance update: Care <home> & "fees" review');
    expect(mail.text).toContain('What you need to do: Reply with <your> view');
    expect(mail.text).not.toContain('Deadline');
  });
});
