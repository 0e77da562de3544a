/**
 * What `npm run demo` puts on the stack: the three seed arrangements as boards at different points of
 * establishment, and items at different stages, so a newcomer sees a populated Web UI, register and mail.
 * Dates are relative to the day it runs; references are fixed, so a second run finds everything in place.
 * Each process says the stage its story needs: the demo reports the story only when the process is there.
 */
import { addDays, compareCivilDates, type CivilDate } from '../../governance/civil-date';
import type { PresetName, StandingOrders } from '../../governance/standing-orders';
import type { PartnerKind } from '../../definitions';

export interface DemoBoard {
  preset: PresetName;
  story: string;
  proposedDaysAgo: number;
  /** Negative: the first meeting has been held. */
  firstMeetingInDays: number;
  torDecisions: { body: PartnerKind; outcome: 'approve' | 'amend'; comments?: string }[];
  /** The stage(s) the story is told at. */
  expectStages: string[];
}

export const DEMO_BOARDS: DemoBoard[] = [
  {
    preset: 'southampton-jcb',
    story: 'established: both parent bodies approved the Terms of Reference; the 12-month review clock runs',
    proposedDaysAgo: 21,
    firstMeetingInDays: -7,
    torDecisions: [
      { body: 'council', outcome: 'approve' },
      { body: 'nhs', outcome: 'approve' },
    ],
    expectStages: ['awaiting-review'],
  },
  {
    preset: 'wiltshire-adult-jcb',
    story: 'the NHS board asked for amendments: democratic services must submit version 2',
    proposedDaysAgo: 14,
    firstMeetingInDays: -3,
    torDecisions: [
      { body: 'council', outcome: 'approve' },
      {
        body: 'nhs',
        outcome: 'amend',
        comments: 'Add the quorum rule for each partner and the dispute route to the Joint Committee',
      },
    ],
    expectStages: ['revision-requested'],
  },
  {
    preset: 'bath-nes-joint-committee',
    story: 'proposed: the first meeting will consider the draft Terms of Reference',
    proposedDaysAgo: 0,
    firstMeetingInDays: 21,
    torDecisions: [],
    expectStages: ['proposed'],
  },
];

export type Votes = 'all-for' | 'council-for-nhs-against';

export interface DemoItem {
  preset: PresetName;
  ref: string;
  story: string;
  title: string;
  summary: string;
  topic: string;
  amountGbp?: number;
  exemptParagraph?: number;
  /** 'today': the demo holds the meeting now, so votes, publication and call-in can be shown. */
  /**
   * `inDays`: a meeting that many days on, whatever the board's calendar (a special meeting); `boardMeetingFrom`:
   * the board's first published meeting that many days on or later, whose agenda the item joins.
   */
  meeting:
    'today' | { inDays: number } | { boardMeetingFrom: number } | 'next-meeting-with-forward-plan-notice';
  votes?: Votes;
  callIn?: boolean;
  /** For a recommendation to the parent bodies: which clerks answer, and how. */
  parentDecisions?: { partner: string; outcome: 'approve' | 'reject' | 'amend' }[];
  /** The stage(s) the story is told at. */
  expectStages: string[];
}

export const DEMO_ITEMS: DemoItem[] = [
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-101',
    story: 'key decision on the Forward Plan, waiting for its agenda',
    title: 'Integrated rehabilitation and reablement service: new contract',
    summary: 'Award a three-year contract for integrated rehabilitation and reablement.',
    topic: 'integrated rehabilitation and reablement',
    amountGbp: 800_000,
    meeting: 'next-meeting-with-forward-plan-notice',
    expectStages: ['awaiting-agenda-publication'],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-102',
    story: 'too late for notice: waiting for the O&S chair to agree special urgency',
    title: 'Hospital discharge beds for the winter',
    summary: 'Commission 40 step-down beds to keep discharges moving this winter.',
    topic: 'hospital discharge',
    amountGbp: 1_200_000,
    meeting: { inDays: 2 },
    expectStages: ['awaiting-urgency-consent'],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-103',
    story: 'agreed today by both partners: in its call-in window',
    title: 'Carers’ breaks grant scheme',
    summary: 'Extend the carers’ breaks grant scheme for a further year.',
    topic: 'carers support',
    amountGbp: 300_000,
    meeting: 'today',
    votes: 'all-for',
    expectStages: ['in-call-in-window'],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-104',
    story: 'agreed today, then called in by five O&S members: frozen until O&S meets',
    title: 'Telecare service redesign',
    summary: 'Move telecare monitoring to a digital platform.',
    topic: 'care technology',
    amountGbp: 250_000,
    meeting: 'today',
    votes: 'all-for',
    callIn: true,
    expectStages: ['called-in'],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-105',
    story: 'the partners did not agree today: deferred to the next meeting',
    title: 'Community mental health crisis café',
    summary: 'Fund an evening crisis café run with the voluntary sector.',
    topic: 'mental health',
    amountGbp: 150_000,
    meeting: 'today',
    votes: 'council-for-nhs-against',
    // Deferred to the next meeting: waiting for it (or escalated, on a day after the last meeting listed).
    expectStages: [
      'deferred',
      'awaiting-notice-period',
      'awaiting-agenda-publication',
      'awaiting-meeting',
      'escalated',
    ],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-106',
    story: 'exempt item (Schedule 12A paragraph 3): private-meeting notices',
    title: 'Joint equipment store: provider negotiations',
    summary: 'Commercial terms for the joint equipment store contract.',
    topic: 'joint equipment service',
    amountGbp: 400_000,
    exemptParagraph: 3,
    meeting: { boardMeetingFrom: 42 },
    expectStages: ['awaiting-notice-period'],
  },
  {
    preset: 'southampton-jcb',
    ref: 'DEMO-107',
    story: 'outside the board’s delegation: noted and referred to the decision maker',
    title: 'Highways maintenance programme',
    summary: 'Resurfacing programme for 2027/28.',
    topic: 'highways maintenance',
    amountGbp: 90_000,
    meeting: { inDays: 30 },
    expectStages: ['referred'],
  },
  {
    preset: 'wiltshire-adult-jcb',
    ref: 'DEMO-201',
    story:
      'agreed today by a board that only recommends: Cabinet approved, the NHS board has still to decide',
    title: 'Older people’s day opportunities',
    summary: 'Recommend a joint specification for older people’s day opportunities.',
    topic: 'older people',
    amountGbp: 200_000,
    meeting: 'today',
    votes: 'all-for',
    parentDecisions: [{ partner: 'council', outcome: 'approve' }],
    expectStages: ['awaiting-parent-bodies'],
  },
  {
    preset: 'bath-nes-joint-committee',
    ref: 'DEMO-301',
    story: 'on the agenda of a meeting next month',
    title: 'Joint working framework: annual refresh',
    summary: 'Refresh the framework for joint working between the partners.',
    topic: 'joint working framework',
    meeting: { boardMeetingFrom: 30 },
    expectStages: ['awaiting-agenda-publication'],
  },
];

/** The first published meeting at least 35 days away (room for 28 clear days' Forward Plan notice), else six weeks on. */
export function meetingDateFor(item: DemoItem, so: StandingOrders, today: CivilDate): CivilDate {
  if (item.meeting === 'today') return today;
  if (item.meeting === 'next-meeting-with-forward-plan-notice') {
    const earliest = addDays(today, 35);
    return so.meetings.find((m) => compareCivilDates(m, earliest) >= 0) ?? addDays(today, 42);
  }
  if ('inDays' in item.meeting) return addDays(today, item.meeting.inDays);
  const from = addDays(today, item.meeting.boardMeetingFrom);
  return so.meetings.find((m) => compareCivilDates(m, from) >= 0) ?? from;
}

/** A first meeting still to come is the board's first published meeting from that day; one held is that day. */
export function firstMeetingFor(plan: DemoBoard, so: StandingOrders, today: CivilDate): CivilDate {
  const day = addDays(today, plan.firstMeetingInDays);
  if (plan.firstMeetingInDays <= 0) return day;
  return so.meetings.find((m) => compareCivilDates(m, day) >= 0) ?? day;
}

export function termsOfReferenceText(so: StandingOrders): string {
  return [
    `# ${so.board.name}: Terms of Reference (draft)`,
    '',
    `1. Purpose. ${so.board.name} commissions jointly for ${so.partners.map((p) => p.name).join(' and ')}.`,
    `2. Membership. ${so.members.length} members: ${so.members.map((m) => `${m.name} (${m.role})`).join('; ')}.`,
    `3. Decisions. By consensus of both partners (${so.consensus.rule}); ${so.delegation.delegatedPower ? `delegated power over: ${so.delegation.scope.join(', ')}` : 'recommendations to both parent bodies'}.`,
    `4. Review. First review ${so.review.firstAfterMonths} months after establishment, then every ${so.review.recurringEveryMonths} months.`,
    '',
  ].join('\n');
}

/**
 * The standing orders an item is proposed under: the board's own, with the item's meeting added when the
 * demo holds one on a day the board does not usually meet (today's, or one a few days off), so every
 * meeting the public pages show is one of the board's.
 */
export function withMeeting(so: StandingOrders, meetingDate: CivilDate): StandingOrders {
  if (so.meetings.includes(meetingDate)) return so;
  return { ...so, meetings: [...so.meetings, meetingDate].sort(compareCivilDates) };
}

/** The memo the demo puts on what it starts: it acts only on its own processes, never on an officer's. */
export const DEMO_MEMO = { startedBy: 'npm run demo' } as const;
