/**
 * Register entries for every recorded kind, shaped as the workflows send them (workflows/decision/ adds
 * `ref` and `title` to every entry of a decision; a decision is identified by its workflow ID). Text that
 * must never be published for an exempt item contains SECRET, so a test can search every public output.
 */
import type { RegisterEntry } from '../../activities/contract';

export const SECRET = 'SECRET-TENDER-PRICE-4417';
export const BOARD = 'southampton-jcb';
export const MEETING = '2025-04-01';
/** Decision workflows: a public key decision, an exempt one, and one that is rescinded after call-in. */
export const BCF = `decision/${BOARD}/2025-014`;
export const CARE_HOMES = `decision/${BOARD}/2025-015`;
export const LIBRARY = `decision/${BOARD}/2025-016`;
export const WITHDRAWN = `decision/${BOARD}/2025-017`;
export const REFERRED = `decision/${BOARD}/2025-018`;

let n = 0;
/** An entry with its own step, so entries from different tests never share a key. */
export function entry(
  kind: string,
  data: Record<string, unknown>,
  processId = `wf-${kind}-${process.pid}`,
): RegisterEntry {
  n += 1;
  return {
    key: { workflowId: processId, step: `${kind}/${n}` },
    boardId: BOARD,
    processId,
    kind,
    at: '2025-03-04T10:00:00.000Z',
    data,
  };
}

const bcf = { ref: '2025-014', title: 'Better Care Fund plan 2025/26 & <b>carers</b>' };
const careHomes = { ref: '2025-015', title: `Care home contract award ${SECRET}` };
const library = { ref: '2025-016', title: 'Mobile library for care homes' };

export const boardEstablished = () =>
  entry('board-established', {
    name: 'Southampton Joint Commissioning Board',
    partners: [
      { id: 'council', name: 'Southampton City Council', kind: 'council', parentBody: { name: 'Cabinet' } },
      {
        id: 'nhs',
        name: 'NHS Hampshire and Isle of Wight ICB',
        kind: 'nhs',
        parentBody: { name: 'ICB Board' },
      },
    ],
    standingOrders: 'southampton-jcb',
    establishedOn: '2025-01-15',
    members: [
      {
        id: 'cllr-a',
        name: 'Cllr Alice <script>alert(1)</script> Shields',
        email: 'alice@example.org',
        partner: 'council',
        role: 'Cabinet member',
        voting: true,
        isCabinetMember: true,
      },
      {
        id: 'cllr-b',
        name: 'Cllr Bob Payne',
        email: 'bob@example.org',
        partner: 'council',
        role: 'Cabinet member',
      },
      {
        id: 'ned-c',
        name: 'Carol Ng',
        email: 'carol@example.org',
        partner: 'nhs',
        role: 'Non-executive director',
      },
      { id: 'dir-d', name: 'Dev Patel', partner: 'nhs', role: 'Director of finance', voting: false },
    ],
    pooledBudgets: [
      { id: 'bcf', name: 'Better Care Fund', kind: 's75', amountGbp: 25_600_000 },
      { id: 'ld', name: 'Learning disabilities', kind: 'aligned', amountGbp: 1999.99 },
    ],
  });

export const torApproved = () =>
  entry('tor-approved', {
    version: 1,
    contentHash: 'a'.repeat(64),
    approvedOn: '2025-01-15',
    approvals: [
      { parentBody: 'Cabinet', approvedOn: '2025-01-08' },
      { parentBody: 'ICB Board', approvedOn: '2025-01-15' },
    ],
  });

export const meetingScheduled = (sequence = 0, startsAt = '2025-04-01T13:00:00Z', meeting = MEETING) =>
  entry('meeting-scheduled', {
    meeting,
    title: 'Joint Commissioning Board',
    startsAt,
    endsAt: startsAt.replace('T13:', 'T15:'),
    location: 'Civic Centre, Southampton',
    sequence,
  });

export const forwardPlanPublic = () =>
  entry(
    'forward-plan-published',
    {
      ...bcf,
      meeting: MEETING,
      noticeBy: '2025-02-28',
      summary: 'Approve the pooled fund plan for the year.',
      amountGbp: 25_600_000,
      exempt: null,
      keyDecision: true,
      wards: ['Bargate', 'Portswood'],
    },
    BCF,
  );

export const forwardPlanExempt = () =>
  entry(
    'forward-plan-published',
    {
      ...careHomes,
      meeting: MEETING,
      noticeBy: '2025-02-28',
      summary: `Award at ${SECRET}`,
      exempt: { paragraph: 3 },
      keyDecision: true,
    },
    CARE_HOMES,
  );

export const agendaPublic = () =>
  entry(
    'agenda-published',
    { ...bcf, meeting: MEETING, summary: 'Approve the pooled fund plan for the year.', exempt: null },
    BCF,
  );

export const agendaExempt = () =>
  entry(
    'agenda-published',
    { ...careHomes, meeting: MEETING, summary: `Award at ${SECRET}`, exempt: { paragraph: 3 } },
    CARE_HOMES,
  );

const tally = (forVotes: number) => ({
  present: forVotes,
  eligible: forVotes,
  for: forVotes,
  against: 0,
  abstain: 0,
  agreed: true,
});

export const decisionPublic = (processId = BCF, title = bcf.title) =>
  entry(
    'decision-published',
    {
      ...bcf,
      title,
      meeting: MEETING,
      decidedBy: 'Southampton Joint Commissioning Board',
      published: '2025-04-02',
      summary: 'The plan is approved <img src=x onerror="window.__pwned=1">.',
      exempt: null,
      amountGbp: 25_600_000,
      schemeId: 'bcf',
      votesPerPartner: { council: tally(2), nhs: tally(1) },
      interestsDeclared: [{ memberId: 'ned-c', interest: 'Trustee of a carers’ charity' }],
      reasons: ['It meets the national conditions.', 'Both partners agreed.'],
      voteNotes: ['Southampton City Council: 2 for, 0 against', 'consensus of all partners'],
      alternativesRejected: ['Roll over last year’s plan', 'Reduce the carers’ budget'],
      specialUrgency: false,
      callIn: { windowEnds: '2025-04-09', implementableFrom: '2025-04-10' },
      urgencyConsent: null,
    },
    processId,
  );

/**
 * A decision exactly as workflows/decision/stages/publication.ts records it: the tally's account of the count
 * in `reasons`, no alternatives, the call-in window and the day it may be implemented.
 */
export const decisionFromWorkflow = (processId = LIBRARY) =>
  entry(
    'decision-published',
    {
      ...library,
      meeting: MEETING,
      decidedBy: 'Southampton Joint Commissioning Board',
      published: '2025-04-02',
      summary: 'A van visits every care home monthly.',
      exempt: null,
      amountGbp: null,
      schemeId: null,
      votesPerPartner: { council: tally(2), nhs: tally(1) },
      interestsDeclared: [],
      reasons: [
        'Southampton City Council: 2 for, 0 against, 0 abstaining of 2 entitled to vote; agrees',
        'consensus of all partners',
      ],
      specialUrgency: false,
      callIn: { windowEnds: '2025-04-09', implementableFrom: '2025-04-10' },
      urgencyConsent: null,
    },
    processId,
  );

export const decisionExempt = () =>
  entry(
    'decision-published',
    {
      ...careHomes,
      meeting: MEETING,
      decidedBy: 'Southampton Joint Commissioning Board',
      published: '2025-04-02',
      summary: 'Exempt under paragraph 3 of Schedule 12A',
      decisionText: `Award the contract at ${SECRET}`,
      exempt: { paragraph: 3 },
      votesPerPartner: { council: tally(2), nhs: tally(1) },
      interestsDeclared: [],
      reasons: [`Lowest price ${SECRET}`],
      alternativesRejected: [`Second bidder ${SECRET}`],
      specialUrgency: true,
      callIn: { exempt: true, why: 'special urgency agreed by the O&S chair (reg 11)' },
    },
    CARE_HOMES,
  );

export const callInLodged = () =>
  entry(
    'call-in-lodged',
    {
      ...bcf,
      members: ['Cllr One', 'Cllr Two', 'Cllr Three', 'Cllr Four', 'Cllr Five'],
      grounds: 'Carers were not consulted.',
      received: '2025-04-07',
      scrutinyMeetingBy: '2025-04-28',
    },
    BCF,
  );

export const scrutinyOutcome = () =>
  entry(
    'scrutiny-outcome',
    { ...bcf, outcome: 'no-further-action', reasons: 'Consultation was adequate.' },
    BCF,
  );

export const implemented = () =>
  entry(
    'implemented',
    { ...bcf, why: 'O&S took no further action', amountGbp: 1_250_000.5, schemeId: 'bcf' },
    BCF,
  );

export const reviewScheduled = () =>
  entry('review-scheduled', {
    cycle: 1,
    reviewDue: '2026-01-15',
    reminders: [{ daysBefore: 28, on: '2025-12-18' }],
  });
export const reviewStarted = () => entry('review-started', { cycle: 1, reviewDue: '2026-01-15' });
export const reviewCompleted = () =>
  entry('review-completed', {
    cycle: 1,
    reviewDue: '2026-01-15',
    completedOn: '2026-03-02',
    outcome: 'continue',
  });

export const budgetSchemeSet = () =>
  entry('budget-scheme-set', { id: 'mh', name: 'Mental health', kind: 's256', amountGbp: 4_000_000 });

/** One of each kind, in an order a board's life could produce them. */
export function everyKind(): RegisterEntry[] {
  return [
    torApproved(),
    boardEstablished(),
    budgetSchemeSet(),
    meetingScheduled(),
    forwardPlanPublic(),
    forwardPlanExempt(),
    agendaPublic(),
    agendaExempt(),
    decisionPublic(),
    decisionExempt(),
    callInLodged(),
    scrutinyOutcome(),
    implemented(),
    entry('commitment-made', {
      commitmentId: 'cm-ld-1',
      schemeId: 'ld',
      amountGbp: 500,
      committedOn: '2025-05-01',
    }),
    entry(
      'forward-plan-published',
      { ...library, meeting: '2025-05-06', summary: 'A van.', exempt: null },
      LIBRARY,
    ),
    decisionPublic(LIBRARY, library.title),
    entry('decision-reconsidered', { ...library, outcome: 'rescind', reasons: 'No budget.' }, LIBRARY),
    entry('rescinded', { ...library, reasons: 'No budget.' }, LIBRARY),
    entry(
      'forward-plan-published',
      { ref: '2025-017', title: 'Withdrawn item', meeting: '2025-05-06' },
      WITHDRAWN,
    ),
    entry(
      'withdrawn',
      { ref: '2025-017', title: 'Withdrawn item', by: 'officer@example.org', reason: 'Not ready' },
      WITHDRAWN,
    ),
    entry(
      'forward-plan-published',
      { ref: '2025-018', title: 'Referred item', meeting: '2025-05-06' },
      REFERRED,
    ),
    entry(
      'referred',
      { ref: '2025-018', title: 'Referred item', to: 'Cabinet', reasons: ['Over the limit'] },
      REFERRED,
    ),
    reviewScheduled(),
    reviewStarted(),
    reviewCompleted(),
    entry('meeting-cancelled', { meeting: '2025-06-03', sequence: 1 }),
    entry('board-dissolved', { dissolvedOn: '2027-03-31' }),
    entry('review-reminder-sent', { note: 'an unknown kind goes to the audit log only' }),
  ];
}
