/**
 * What the public may see of the register: the Forward Plan, meetings with their agendas, and the
 * decision record. These queries never select `exempt_detail`, and an exempt item comes back with its
 * content fields absent and only the Schedule 12A notice in their place, so no page or feed built on
 * them can leak exempt text by mistake.
 */
import { PRESETS, isPresetName } from '../../governance/standing-orders';
import type { ReportKind } from '../../definitions/reports';
import type { Queryable } from './db';
import { exemptNotice } from './kinds';

/**
 * A board's name: as registered, else its preset's (a decision may run under a preset board never
 * established on this register), else its id. Writers fell back to the id when they did not know the name,
 * so a stored id is read as the name too.
 */
function nameOfBoard(boardId: string, registered: string | null): string {
  return registered ?? (isPresetName(boardId) ? PRESETS[boardId].board.name : boardId);
}

/** A text the writers made from a board id (e.g. "Meeting of <id>") reads with the board's name. */
const withBoardName = (value: string, boardId: string, name: string) =>
  value.endsWith(boardId) ? value.slice(0, value.length - boardId.length) + name : value;

export interface ExemptMark {
  paragraph: number;
  notice: string;
}

export interface PublicDocument {
  title: string;
  url: string | null;
}

export interface PublicForwardPlanEntry {
  entryId: string;
  boardId: string;
  boardName: string;
  decisionId: string | null;
  ref: string | null;
  /** planned; taken (the decision is on the record); withdrawn; referred to another decision maker. */
  status: 'planned' | 'taken' | 'withdrawn' | 'referred';
  decisionMaker: string;
  decisionDue: string;
  publishedOn: string;
  keyDecision: boolean;
  noticeRoute: 'forward-plan' | 'general-exception' | 'special-urgency';
  /** Absent when exempt. */
  title?: string;
  summary?: string | null;
  wards?: string[];
  contact?: string | null;
  /** Reg 9(1)(f): the documents to be considered (absent when exempt). */
  documents?: PublicDocument[];
  exempt: ExemptMark | null;
}

export interface PublicVote {
  partner: string;
  /** The partner's name from the board's record, when the board is known. */
  partnerName?: string;
  for: number;
  against: number;
  abstain: number;
}

export interface PublicDecision {
  decisionId: string;
  boardId: string;
  boardName: string;
  ref: string | null;
  meetingId: string | null;
  decidedOn: string;
  decidedBy: string | null;
  publishedOn: string;
  keyDecision: boolean;
  status: 'published' | 'called-in' | 'implemented' | 'rescinded';
  implementedOn: string | null;
  callInClosesOn: string | null;
  /** The first day it may be implemented if not called in. */
  implementableFrom: string | null;
  callInExemptReason: string | null;
  /** Absent when exempt. */
  interestsDeclared?: { member: string; interest: string }[];
  dispensations?: { member: string; detail: string }[];
  title?: string;
  decisionText?: string;
  outcome?: string;
  /** Empty when no reasons were recorded (a vote count is not a reason: see voteNotes). */
  reasons?: string;
  /** How the votes were counted. */
  voteNotes?: string[];
  alternativesRejected?: string[];
  votes?: PublicVote[];
  amountGbp?: number | null;
  /** After a call-in referred it back: confirmed, amended or rescinded, with reasons. */
  reconsideration?: { outcome: string; reasons: string } | null;
  exempt: ExemptMark | null;
}

export interface PublicAgendaItem {
  itemId: string;
  decisionId: string | null;
  /** Where its decision was taken, once on the record: this meeting, or a later one it was deferred to. */
  decidedAt: string | null;
  ref: string | null;
  /** Absent when exempt. */
  title?: string;
  summary?: string | null;
  exempt: ExemptMark | null;
}

export interface PublicMeeting {
  meetingId: string;
  boardId: string;
  boardName: string;
  title: string;
  meetsOn: string;
  /** Null until a time is set. */
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  /** Null until the meeting process says. */
  attendance: 'in-person' | 'hybrid' | 'remote' | null;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  agendaPublishedOn: string | null;
  agenda: PublicAgendaItem[];
  /** Null until the meeting process publishes them in draft. */
  minutes: { status: 'draft' | 'approved'; publishedOn: string | null; approvedAt: string | null } | null;
}

const mark = (paragraph: number | null): ExemptMark | null =>
  paragraph === null ? null : { paragraph, notice: exemptNotice(paragraph) };

const isoInstant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

interface ForwardPlanRow {
  entry_id: string;
  board_id: string;
  board_name: string | null;
  decision_id: string | null;
  ref: string | null;
  status: PublicForwardPlanEntry['status'];
  title: string | null;
  summary: string | null;
  decision_maker: string;
  decision_due: string;
  published_on: string;
  key_decision: boolean;
  notice_route: PublicForwardPlanEntry['noticeRoute'];
  wards: string[];
  contact: string | null;
  documents: PublicDocument[];
  exempt_paragraph: number | null;
}

export async function forwardPlan(db: Queryable): Promise<PublicForwardPlanEntry[]> {
  const { rows } = await db.query<ForwardPlanRow>(
    `select f.entry_id, f.board_id, b.name as board_name, f.decision_id, f.ref, f.status, f.title, f.summary,
       f.decision_maker, f.decision_due::text as decision_due, f.published_on::text as published_on,
       f.key_decision, f.notice_route, f.wards, f.contact, f.documents, f.exempt_paragraph
     from forward_plan_entries f left join boards b on b.board_id = f.board_id
     order by f.decision_due, f.entry_id`,
  );
  return rows.map((r) => {
    const boardName = nameOfBoard(r.board_id, r.board_name);
    const common = {
      entryId: r.entry_id,
      boardId: r.board_id,
      boardName,
      decisionId: r.decision_id,
      ref: r.ref,
      status: r.status,
      decisionMaker: r.decision_maker === r.board_id ? boardName : r.decision_maker,
      decisionDue: r.decision_due,
      publishedOn: r.published_on,
      keyDecision: r.key_decision,
      noticeRoute: r.notice_route,
      exempt: mark(r.exempt_paragraph),
    };
    if (r.exempt_paragraph !== null) return common;
    return {
      ...common,
      title: r.title ?? '',
      summary: r.summary,
      wards: r.wards,
      contact: r.contact,
      documents: r.documents.map((d) => ({ title: d.title, url: d.url ?? null })),
    };
  });
}

interface DecisionRow {
  decision_id: string;
  board_id: string;
  board_name: string | null;
  board_partners: { id: string; name: string }[] | null;
  ref: string | null;
  meeting_id: string | null;
  title: string | null;
  decision_text: string | null;
  outcome: string;
  decided_on: string;
  decided_by: string | null;
  published_on: string;
  key_decision: boolean;
  votes: PublicVote[];
  reasons: string | null;
  alternatives_rejected: string[] | null;
  interests_declared: { member: string; interest: string }[];
  call_in_closes_on: string | null;
  call_in_exempt_reason: string | null;
  implementable_from: string | null;
  vote_notes: string[];
  dispensations: { member: string; detail: string }[];
  amount_pence: number | null;
  status: PublicDecision['status'];
  implemented_on: string | null;
  reconsideration: { outcome: string; reasons: string } | null;
  exempt_paragraph: number | null;
}

const decisionColumns = `d.decision_id, d.board_id, b.name as board_name, b.partners as board_partners, d.ref,
  d.meeting_id, d.title, d.decision_text, d.outcome, d.decided_on::text as decided_on, d.decided_by,
  d.published_on::text as published_on, d.key_decision, d.votes, d.reasons, d.alternatives_rejected,
  d.interests_declared, d.call_in_closes_on::text as call_in_closes_on, d.call_in_exempt_reason,
  d.amount_pence::float8 as amount_pence, d.status, d.implemented_on::text as implemented_on,
  d.reconsideration, d.exempt_paragraph, d.implementable_from::text as implementable_from, d.vote_notes,
  d.dispensations`;

function toPublicDecision(r: DecisionRow): PublicDecision {
  const boardName = nameOfBoard(r.board_id, r.board_name);
  const common = {
    decisionId: r.decision_id,
    boardId: r.board_id,
    boardName,
    ref: r.ref,
    meetingId: r.meeting_id,
    decidedOn: r.decided_on,
    decidedBy: r.decided_by === r.board_id ? boardName : r.decided_by,
    publishedOn: r.published_on,
    keyDecision: r.key_decision,
    status: r.status,
    implementedOn: r.implemented_on,
    callInClosesOn: r.call_in_closes_on,
    callInExemptReason: r.call_in_exempt_reason,
    implementableFrom: r.implementable_from,
    exempt: mark(r.exempt_paragraph),
  };
  if (r.exempt_paragraph !== null) return common;
  return {
    ...common,
    title: r.title ?? '',
    decisionText: r.decision_text ?? '',
    outcome: r.outcome,
    reasons: r.reasons ?? '',
    voteNotes: r.vote_notes,
    alternativesRejected: r.alternatives_rejected ?? [],
    interestsDeclared: r.interests_declared,
    dispensations: r.dispensations,
    votes: r.votes.map((v) => {
      const name = r.board_partners?.find((p) => p.id === v.partner)?.name;
      return name ? { ...v, partnerName: name } : v;
    }),
    amountGbp: r.amount_pence === null ? null : r.amount_pence / 100,
    reconsideration: r.reconsideration,
  };
}

/** Newest first, as a register of decisions is read. */
export async function decisions(db: Queryable): Promise<PublicDecision[]> {
  const { rows } = await db.query<DecisionRow>(
    `select ${decisionColumns} from decisions d left join boards b on b.board_id = d.board_id
     order by d.published_on desc, d.decided_on desc, d.decision_id`,
  );
  return rows.map(toPublicDecision);
}

interface MeetingRow {
  meeting_id: string;
  board_id: string;
  board_name: string | null;
  title: string;
  meets_on: string;
  starts_at: string | null;
  ends_at: string | null;
  location: string | null;
  attendance: PublicMeeting['attendance'];
  status: PublicMeeting['status'];
  sequence: number;
  agenda_published_on: string | null;
  minutes_status: 'draft' | 'approved' | null;
  minutes_published_on: string | null;
  minutes_approved_at: string | null;
  agenda: {
    itemId: string;
    decisionId: string | null;
    ref: string | null;
    title: string | null;
    summary: string | null;
    exemptParagraph: number | null;
  }[];
}

function toPublicMeeting(r: MeetingRow, decidedAt: Map<string, string | null>): PublicMeeting {
  const boardName = nameOfBoard(r.board_id, r.board_name);
  return {
    meetingId: r.meeting_id,
    boardId: r.board_id,
    boardName,
    title: withBoardName(r.title, r.board_id, boardName),
    meetsOn: r.meets_on,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    location: r.location,
    attendance: r.attendance,
    status: r.status,
    sequence: r.sequence,
    agendaPublishedOn: r.agenda_published_on,
    minutes: r.minutes_status
      ? { status: r.minutes_status, publishedOn: r.minutes_published_on, approvedAt: r.minutes_approved_at }
      : null,
    agenda: r.agenda.map((item) => {
      const common = {
        itemId: item.itemId,
        decisionId: item.decisionId,
        decidedAt: decidedAt.has(item.decisionId ?? '')
          ? (decidedAt.get(item.decisionId ?? '') ?? r.meeting_id)
          : null,
        ref: item.ref,
      };
      return item.exemptParagraph !== null
        ? { ...common, exempt: mark(item.exemptParagraph) }
        : { ...common, title: item.title ?? '', summary: item.summary, exempt: null };
    }),
  };
}

const meetingColumns = `m.meeting_id, m.board_id, b.name as board_name, m.title, m.meets_on::text as meets_on,
  ${isoInstant('m.starts_at')} as starts_at, ${isoInstant('m.ends_at')} as ends_at, m.location, m.attendance, m.status,
  m.sequence, m.agenda_published_on::text as agenda_published_on, m.agenda, m.minutes_status,
  m.minutes_published_on::text as minutes_published_on, m.minutes_approved_at::text as minutes_approved_at`;

/** The meeting each decision on the record was taken at (null when the record names none). */
async function decisionMeetings(db: Queryable): Promise<Map<string, string | null>> {
  const { rows } = await db.query<{ decision_id: string; meeting_id: string | null }>(
    'select decision_id, meeting_id from decisions',
  );
  return new Map(rows.map((r) => [r.decision_id, r.meeting_id]));
}

export async function meetings(db: Queryable): Promise<PublicMeeting[]> {
  const { rows } = await db.query<MeetingRow>(
    `select ${meetingColumns} from meetings m left join boards b on b.board_id = m.board_id
     order by m.meets_on, m.starts_at, m.meeting_id`,
  );
  const decidedAt = await decisionMeetings(db);
  return rows.map((r) => toPublicMeeting(r, decidedAt));
}

export async function meeting(db: Queryable, meetingId: string): Promise<PublicMeeting | undefined> {
  const { rows } = await db.query<MeetingRow>(
    `select ${meetingColumns} from meetings m left join boards b on b.board_id = m.board_id
     where m.meeting_id = $1`,
    [meetingId],
  );
  return rows[0] && toPublicMeeting(rows[0], await decisionMeetings(db));
}

/** A member as the public may know them: name, partner, role and vote. Never their email address. */
export interface PublicMember {
  memberId: string;
  name: string;
  partner: string;
  role: string;
  voting: boolean;
}

export interface PublicBoard {
  boardId: string;
  name: string;
  status: 'established' | 'dissolved';
  establishedOn: string | null;
  dissolvedOn: string | null;
  partners: { id: string; name: string; kind: string }[];
  members: PublicMember[];
}

/**
 * Every board the public record names: those established on the register with their members, and those
 * only named by a meeting, a Forward Plan entry or a decision (a preset board run without establishing it).
 */
export async function boards(db: Queryable): Promise<PublicBoard[]> {
  const { rows } = await db.query<{
    board_id: string;
    name: string | null;
    status: PublicBoard['status'] | null;
    established_on: string | null;
    dissolved_on: string | null;
    partners: PublicBoard['partners'] | null;
    members: PublicMember[] | null;
  }>(
    `with named as (
       select board_id from boards union select board_id from meetings
       union select board_id from forward_plan_entries union select board_id from decisions)
     select n.board_id, b.name, b.status, b.established_on::text as established_on,
       b.dissolved_on::text as dissolved_on, b.partners,
       (select jsonb_agg(jsonb_build_object('memberId', m.member_id, 'name', m.name, 'partner', m.partner,
                'role', m.role, 'voting', m.voting) order by m.member_id)
          from members m where m.board_id = n.board_id) as members
     from named n left join boards b on b.board_id = n.board_id
     order by n.board_id`,
  );
  return rows.map((r) => ({
    boardId: r.board_id,
    name: nameOfBoard(r.board_id, r.name),
    status: r.status ?? 'established',
    establishedOn: r.established_on,
    dissolvedOn: r.dissolved_on,
    partners: r.partners ?? [],
    members: r.members ?? [],
  }));
}

/** A report an officer uploaded for an item (console/reports.ts), as the public may have it. */
export interface PublicReport {
  /** The item's decision workflow id, "decision/<board>/<ref>". */
  decisionId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  uploadedOn: string;
  /** The item's report, or one of its background papers. */
  kind: ReportKind;
}

/**
 * The reports of items on the public record that nothing marks exempt: an item is public only if its
 * decision, Forward Plan entry or agenda rows name it, and none of them carries a Schedule 12A paragraph
 * (an item exempt on one page is exempt on all). A report of an item the record does not name is not public.
 */
export async function publicReports(db: Queryable): Promise<PublicReport[]> {
  const { rows } = await db.query<{
    workflow_id: string;
    sha256: string;
    file_name: string;
    media_type: string;
    bytes: number;
    uploaded_on: string;
    kind: ReportKind;
  }>(
    `with named as (
       select decision_id as id, exempt_paragraph from decisions
       union all select coalesce(decision_id, entry_id), exempt_paragraph from forward_plan_entries
       union all select a->>'decisionId', (a->>'exemptParagraph')::int
         from meetings m cross join lateral jsonb_array_elements(m.agenda) a)
     select r.workflow_id, r.sha256, r.file_name, r.media_type, r.bytes, r.kind,
       (r.uploaded_at at time zone 'UTC')::date::text as uploaded_on
     from item_reports r
     where exists (select 1 from named n where n.id = r.workflow_id)
       and not exists (select 1 from named n where n.id = r.workflow_id and n.exempt_paragraph is not null)
     order by r.workflow_id, r.uploaded_at, r.sha256`,
  );
  return rows.map((r) => ({
    decisionId: r.workflow_id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    bytes: r.bytes,
    uploadedOn: r.uploaded_on,
    kind: r.kind,
  }));
}
