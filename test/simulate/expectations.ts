/**
 * What each shipped scenario must show: its final status, in this order (other entries may come
 * between) the timeline kinds that tell its story, and exactly the actions the process refuses (each
 * scenario's deliberate refusal, marked by a comment in the file): an action refused because a move
 * put it after a deadline would be a rehearsal broken by its move. A scenario added to scenarios/
 * without a line here fails the suite, so every shipped scenario is run.
 */
export const SHIPPED: Record<
  string,
  { status: string; kinds: string[]; refused: string[]; workflows?: number; runs?: number }
> = {
  'southampton-happy-path.yaml': {
    status: 'implemented',
    kinds: [
      'classified',
      'forward-plan-published',
      'agenda-published',
      'vote-recorded',
      'meeting-held',
      'consensus-reached',
      'decision-published',
      'call-in-window-closed',
      'implemented',
    ],
    refused: [],
  },
  'southampton-deferral-escalation.yaml': {
    status: 'escalated',
    kinds: [
      'forward-plan-published',
      'interest-declared',
      'vote-rejected',
      'no-consensus',
      'deferred',
      'general-exception-notice',
      'no-consensus',
      'escalated',
      'escalated',
      'escalation-exhausted',
    ],
    refused: ['vote-rejected'],
  },
  'southampton-special-urgency.yaml': {
    status: 'implemented',
    kinds: [
      'classified',
      'urgency-consent-rejected',
      'special-urgency-agreed',
      'agenda-published',
      'consensus-reached',
      'decision-published',
      'implemented',
    ],
    refused: ['urgency-consent-rejected'],
  },
  'southampton-call-in-rescinded.yaml': {
    status: 'rescinded',
    kinds: [
      'decision-published',
      'call-in-rejected',
      'call-in-lodged',
      'scrutiny-outcome',
      'decision-reconsidered',
      'rescinded',
    ],
    refused: ['call-in-rejected'],
  },
  'southampton-call-in-confirmed.yaml': {
    status: 'implemented',
    kinds: [
      'decision-published',
      'call-in-lodged',
      'scrutiny-outcome',
      'decision-reconsidered',
      'implemented',
    ],
    refused: [],
  },
  'southampton-referred-to-cabinet.yaml': {
    status: 'referred',
    kinds: ['classified', 'referred'],
    refused: [],
  },
  'southampton-board-rejected.yaml': {
    status: 'rejected',
    kinds: [
      'board-proposed',
      'tor-considered',
      'tor-sent',
      'tor-decision',
      'approve-tor-rejected',
      'tor-decision',
      'tor-rejected',
    ],
    refused: ['approve-tor-rejected'],
  },
  'wiltshire-recommendation-approved.yaml': {
    status: 'implemented',
    kinds: [
      'forward-plan-published',
      'vote-rejected',
      'consensus-reached',
      'recommendation-sent',
      'parent-body-decision',
      'parent-body-decision',
      'recommendation-concluded',
      'implemented',
    ],
    refused: ['vote-rejected'],
    workflows: 2,
  },
  'wiltshire-board-first-year.yaml': {
    status: 'established',
    kinds: [
      'board-proposed',
      'tor-approved',
      'board-established',
      'review-scheduled',
      'review-reminder',
      'review-reminder',
      'review-started',
      's75-review',
      'self-assessment-rejected',
      'review-report',
      'review-completed',
      'review-scheduled',
    ],
    refused: ['self-assessment-rejected'],
    workflows: 3,
    // Establishment and review 1 in the first run; review 2 continues as new.
    runs: 2,
  },
  'bath-nes-tor-amendment.yaml': {
    status: 'established',
    kinds: [
      'tor-considered',
      'tor-decision',
      'tor-decision',
      'tor-amendment-requested',
      'approve-tor-rejected',
      'tor-revised',
      'tor-sent',
      'tor-approved',
      'board-established',
      'review-scheduled',
    ],
    refused: ['approve-tor-rejected'],
    workflows: 2,
  },
  'southampton-meeting.yaml': {
    status: 'minutes-approved',
    kinds: [
      'meeting-scheduled',
      'agenda-item-added',
      'agenda-item-added',
      'meeting-agenda-published',
      // Moved after its agenda was out: the one invitation again, SEQUENCE 1.
      'meeting-scheduled',
      'add-item-rejected',
      'late-item-added',
      'attendance-recorded',
      'item-outcome-recorded',
      'item-outcome-recorded',
      'item-outcome-recorded',
      'item-deferred',
      'meeting-held',
      'minutes-draft-published',
      'minutes-approved',
    ],
    refused: ['add-item-rejected'],
  },
  'bath-nes-deferral-escalation.yaml': {
    status: 'referred',
    kinds: [
      'no-consensus',
      'deferred',
      'vote-rejected',
      'no-consensus',
      'escalated',
      'escalation-resolved',
      'recommendation-sent',
      'recommendation-concluded',
      'referred',
    ],
    refused: ['vote-rejected'],
    workflows: 2,
  },
  'bath-nes-pooled-budget-year-end.yaml': {
    // Open in the next financial year at until.
    status: 'open',
    kinds: [
      'pooled-budget-opened',
      'budget-reserved',
      'budget-reserved',
      'reserve-rejected',
      'budget-committed',
      'budget-monitoring-report',
      'budget-released',
      'budget-varied',
      'budget-reserved',
      'pooled-budget-year-end',
      'pooled-budget-opened',
      'pooled-budget-contributions-agreed-by-body',
      'pooled-budget-contributions-agreed',
    ],
    refused: ['reserve-rejected'],
    // The year of the start, then the next one (continued as new after the section 75 review).
    runs: 2,
  },
  'bath-nes-public-consultation.yaml': {
    status: 'change-may-be-made',
    kinds: [
      'public-consultation-opened',
      'consultation-responses',
      'report-rejected',
      'public-consultation-closed',
      'consultation-responses',
      'consultation-outcome-report',
      'consultation-body-answer',
      'consultation-body-answer',
      'consultation-body-answer',
      'public-consultation-concluded',
    ],
    refused: ['report-rejected'],
  },
  'wiltshire-partnership-board-recommendation.yaml': {
    status: 'implemented',
    kinds: [
      'partnership-recommendation-received',
      'forward-plan-published',
      'agenda-published',
      'vote-recorded',
      'consensus-reached',
      'recommendation-sent',
      'parent-body-decision',
      'parent-body-decision',
      'implemented',
      'partnership-recommendation-outcome',
    ],
    refused: [],
    // The recommendation, its JCB item (a child decision) and the item's recommendation to the parent bodies.
    workflows: 3,
  },
};

/** The kinds of `actual` that match `expected` in order, so a failure shows how far the story got. */
export function inOrder(actual: string[], expected: string[]): string[] {
  const found: string[] = [];
  let from = 0;
  for (const kind of expected) {
    const at = actual.indexOf(kind, from);
    if (at < 0) break;
    found.push(kind);
    from = at + 1;
  }
  return found;
}

/** The kinds of the timeline entries that are actions the process refused, or an action left unanswered. */
export function refusals(timeline: { kind: string; refusal?: unknown }[]): string[] {
  return timeline
    .filter((e) => typeof e.refusal === 'string' || e.kind.endsWith('-unanswered'))
    .map((e) => e.kind);
}
