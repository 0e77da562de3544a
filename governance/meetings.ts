/**
 * A board meeting (GOVERNANCE.md "Meetings", issue 14): its arrangements, the order of its agenda, the day
 * the agenda is published, late items, quorum per item from attendance, when draft minutes are due, and what
 * moving the meeting does to each item's notice. Pure and deterministic.
 */
import type { HolidayCalendar } from './bank-holidays';
import { type CivilDate, compareCivilDates } from './civil-date';
import {
  type NoticeRule,
  type NoticeRules,
  compliesWithNotice,
  describeRule,
  noticeDeadline,
} from './notice';
import type { AttendanceMode, MeetingArrangements, StandingOrders } from './standing-orders/schema';
import { tallyVotes, type Vote } from './voting';
import { addWorkingDays } from './working-days';

/** Working days within which draft minutes are published, where the standing orders say nothing. */
export const DEFAULT_MINUTES_DRAFT_WORKING_DAYS = 10;

/** The public pages `npm start` serves, where the standing orders name no public site of their own. */
export const DEFAULT_PUBLIC_PAGES_URL = 'http://localhost:8080';

/** The meeting's page on the public site: its agenda, papers and, later, its minutes. */
export function agendaPageUrl(publicPagesUrl: string | undefined, boardId: string, date: CivilDate): string {
  return `${(publicPagesUrl ?? DEFAULT_PUBLIC_PAGES_URL).replace(/\/+$/, '')}/meetings/${boardId}/${date}`;
}

/** A meeting's time, place and way of attending, with the standing orders' and the defaults filled in. */
export interface Arrangements {
  startTime: string;
  endTime: string;
  venue?: string;
  attendance: AttendanceMode;
  link?: string;
  publicPagesUrl?: string;
  minutesDraftWorkingDays: number;
  /** Votes by show of hands counted per partner, or named where the standing orders ask. */
  votes: 'counted' | 'named';
}

/** A meeting's own arrangements over the standing orders', over the defaults (10:00 to 12:00, in person). */
export function arrangementsOf(
  so: Pick<StandingOrders, 'meetingArrangements'>,
  own: MeetingArrangements = {},
): Arrangements {
  const usual = so.meetingArrangements ?? {};
  const pick = <K extends keyof MeetingArrangements>(key: K) => own[key] ?? usual[key];
  return {
    startTime: pick('startTime') ?? '10:00',
    endTime: pick('endTime') ?? '12:00',
    venue: pick('venue'),
    attendance: pick('attendance') ?? 'in-person',
    link: pick('link'),
    publicPagesUrl: pick('publicPagesUrl'),
    minutesDraftWorkingDays: pick('minutesDraftWorkingDays') ?? DEFAULT_MINUTES_DRAFT_WORKING_DAYS,
    votes: pick('votes') ?? 'counted',
  };
}

/** What is missing for members to attend: each problem names its field. */
export function arrangementProblems(a: Arrangements): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (a.attendance !== 'remote' && !a.venue)
    problems.push({ field: 'venue', message: `an ${a.attendance} meeting needs a venue` });
  if (a.attendance !== 'in-person' && !a.link)
    problems.push({ field: 'link', message: `a ${a.attendance} meeting needs a remote meeting link` });
  if (a.endTime <= a.startTime)
    problems.push({ field: 'endTime', message: `must be after the start time ${a.startTime}` });
  return problems;
}

/** Where people go: the venue, the link, or both. */
export function meetingLocation(a: Arrangements): string {
  if (a.attendance === 'remote') return `Remote meeting: ${a.link}`;
  if (a.attendance === 'hybrid') return `${a.venue} (or join remotely: ${a.link})`;
  return a.venue ?? '';
}

/** The standing items every agenda opens with, in order. */
export const STANDING_ITEMS = [
  'Apologies for absence',
  'Declarations of interest',
  'Minutes of the previous meeting',
] as const;

export const EXCLUSION_RESOLUTION =
  'Exclusion of the press and public (Schedule 12A of the Local Government Act 1972)';

export interface AgendaItem {
  ref: string;
  title: string;
  exemptParagraph: number | null;
  /** Taken as a late item, with the chair's consent and reasons (s100B(4)). */
  late?: { reasons: string };
}

type Unnumbered =
  | { kind: 'standing'; title: string }
  | { kind: 'business'; ref: string; title: string; late: boolean }
  | { kind: 'exclusion'; title: string }
  | { kind: 'exempt'; ref: string; paragraph: number; late: boolean };

export type AgendaEntry = Unnumbered & { number: number };

/**
 * The agenda in order: the standing items; then the business in the order it was added; then, when there
 * are exempt items, the resolution to exclude the press and public and the exempt items after it. An exempt
 * item is listed by its reference and paragraph only.
 */
export function agendaOrder(items: readonly AgendaItem[]): AgendaEntry[] {
  const entries: Unnumbered[] = STANDING_ITEMS.map((title) => ({ kind: 'standing' as const, title }));
  for (const i of items)
    if (i.exemptParagraph === null)
      entries.push({ kind: 'business', ref: i.ref, title: i.title, late: i.late !== undefined });
  const exempt = items.filter((i) => i.exemptParagraph !== null);
  if (exempt.length > 0) entries.push({ kind: 'exclusion', title: EXCLUSION_RESOLUTION });
  for (const i of exempt)
    entries.push({ kind: 'exempt', ref: i.ref, paragraph: i.exemptParagraph!, late: i.late !== undefined });
  return entries.map((e, n) => ({ ...e, number: n + 1 }));
}

/** The day the agenda is published: the latest working day that still gives the agenda rule's clear days. */
export function agendaPublicationDay(
  meeting: CivilDate,
  rules: Pick<NoticeRules, 'agenda'>,
  calendar: HolidayCalendar,
): CivilDate {
  return noticeDeadline(meeting, rules.agenda, calendar);
}

/** Whether an item added on `today` is a late item: the agenda is out, or its day has passed. */
export function isLateItem(today: CivilDate, publicationDay: CivilDate, agendaPublished: boolean): boolean {
  return agendaPublished || compareCivilDates(today, publicationDay) > 0;
}

/** Why a late item's consent does not stand (s100B(4): the chair's, with the reasons), or undefined. */
export function lateItemConsentProblem(
  so: Pick<StandingOrders, 'chair' | 'members'>,
  consent: { chair: string; reasons: string } | undefined,
): string | undefined {
  const rule = 'a late item needs the chair’s consent with the reasons it cannot wait (LGA 1972 s100B(4))';
  if (!consent) return `chairConsent: ${rule}`;
  if (consent.chair !== so.chair) {
    const chair = so.members.find((m) => m.id === so.chair)?.name ?? so.chair;
    return `chairConsent.chair: only the chair (${chair}, "${so.chair}") may consent to a late item; "${consent.chair}" is not the chair`;
  }
  if (consent.reasons.trim().length < 10)
    return `chairConsent.reasons: ${rule}; say why it cannot wait for the next meeting`;
  return undefined;
}

export interface ItemQuorum {
  quorate: boolean;
  perPartner: Record<string, { eligible: number; required: number; met: boolean }>;
  reasons: string[];
}

/**
 * Quorum for one item, from who is present: members who declared an interest in the item leave for it and
 * do not count. Each partner's quorum is the voting rule's (governance/voting.ts).
 */
export function quorumForItem(
  so: StandingOrders,
  present: readonly string[],
  interested: readonly string[],
): ItemQuorum {
  const tally = tallyVotes({ present, votes: {}, interests: interested }, so);
  const perPartner = Object.fromEntries(
    Object.values(tally.perPartner).map((t) => [
      t.partner,
      { eligible: t.eligible, required: t.quorum.required, met: t.quorum.met },
    ]),
  );
  const quorate = tally.outcome !== 'inquorate';
  return {
    quorate,
    perPartner,
    reasons: quorate
      ? Object.values(tally.perPartner).map(
          (t) => `${t.partner}: ${t.eligible} entitled to vote present, quorum ${t.quorum.required}`,
        )
      : tally.reasons.filter((r) => r.includes('inquorate')),
  };
}

/** The last day draft minutes may be published: N working days after the meeting. */
export function minutesDraftDue(
  meeting: CivilDate,
  workingDays: number,
  calendar: HolidayCalendar,
): CivilDate {
  return addWorkingDays(meeting, workingDays, calendar);
}

/** The notices an item already has, by the day each was given. */
export interface ItemNotices {
  ref: string;
  exempt: boolean;
  keyDecision: boolean;
  /** Taken as a late item with the chair's consent: the agenda rule does not apply to it. */
  late: boolean;
  forwardPlan?: CivilDate;
  privateMeeting?: CivilDate;
  agenda?: CivilDate;
}

export type NoticeAfterMove =
  { ref: string; complies: true } | { ref: string; complies: false; reason: string };

/**
 * What moving a meeting to `to` means for an item's notices, published no earlier than `today`: a notice
 * already given still complies if it gives the rule's clear days before the new date; one not yet given,
 * or given too late for the new date, complies if it can still be given in time. Otherwise the item is
 * deferred, with the reason.
 */
export function noticeAfterMove(
  item: ItemNotices,
  to: CivilDate,
  today: CivilDate,
  rules: NoticeRules,
  calendar: HolidayCalendar,
): NoticeAfterMove {
  const needed: [string, NoticeRule, CivilDate | undefined][] = [];
  if (item.keyDecision) needed.push(['the Forward Plan notice', rules.forwardPlan, item.forwardPlan]);
  if (item.exempt)
    needed.push(['the notice of a private meeting', rules.privateMeeting, item.privateMeeting]);
  if (!item.late) needed.push(['the agenda', rules.agenda, item.agenda]);
  for (const [what, rule, given] of needed) {
    if (given && compliesWithNotice(given, to, rule, calendar)) continue;
    // Not given yet, or given too late for the new date: it can still be given (again) in time.
    const by = noticeDeadline(to, rule, calendar);
    if (compareCivilDates(today, by) <= 0) continue;
    const reason = given
      ? `${what} was given on ${given}, which is not ${describeRule(rule)} before ${to}, and it is too late to give it again (by ${by})`
      : `${what} needs ${describeRule(rule)} before ${to}: it had to be given by ${by}`;
    return { ref: item.ref, complies: false, reason };
  }
  return { ref: item.ref, complies: true };
}

/** The board's next meeting after `date`, where its calendar has one: where deferred items go. */
export function nextMeetingAfter(meetings: readonly CivilDate[], date: CivilDate): CivilDate | undefined {
  return [...meetings].sort(compareCivilDates).find((m) => compareCivilDates(m, date) > 0);
}

/** A show of hands counted per partner rather than by name. */
export interface PartnerCount {
  for: number;
  against: number;
  abstain: number;
}

/**
 * Counts per partner as the named votes the voting rule counts: each partner's members entitled to vote on
 * the item (present, voting, no interest declared) take the counted hands in turn, so quorum and consensus
 * are judged exactly as for named votes. A count that is more hands than members entitled is a problem,
 * named by its field.
 */
export function votesFromCounts(
  so: Pick<StandingOrders, 'members' | 'partners'>,
  present: readonly string[],
  interested: readonly string[],
  counts: Readonly<Record<string, PartnerCount>>,
): { votes: Record<string, Vote> } | { problem: string } {
  const votes: Record<string, Vote> = {};
  for (const [partner, count] of Object.entries(counts)) {
    if (!so.partners.some((p) => p.id === partner))
      return { problem: `counts.${partner}: "${partner}" is not a partner of the board` };
    const entitled = so.members.filter(
      (m) => m.partner === partner && m.voting && present.includes(m.id) && !interested.includes(m.id),
    );
    const hands = count.for + count.against + count.abstain;
    if (hands > entitled.length)
      return {
        problem: `counts.${partner}: ${hands} hands counted, but only ${entitled.length} ${partner} member(s) present are entitled to vote on the item`,
      };
    const order: Vote[] = [
      ...Array<Vote>(count.for).fill('for'),
      ...Array<Vote>(count.against).fill('against'),
      ...Array<Vote>(count.abstain).fill('abstain'),
    ];
    order.forEach((vote, i) => (votes[entitled[i]!.id] = vote));
  }
  return { votes };
}
