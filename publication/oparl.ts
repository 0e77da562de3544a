/**
 * The register as open data shaped on OParl 1.1 (https://oparl.org/spezifikation/), read only:
 *   /oparl/v1                               System
 *   /oparl/v1/body/register                 Body (the council's register)
 *   /oparl/v1/body/register/<list>?page=N   organization, person, membership, meeting, agendaItem, paper,
 *                                           consultation, file (20 a page, or ?limit=1-100)
 *   /oparl/v1/<type>/<id>                   one object, its id the register's own (so it survives a restart)
 * Persons carry a name and their memberships, never an email address. Exempt items carry their Schedule 12A
 * notice in place of their name, as on the HTML pages. An item's report is a File (the Paper's mainFile, the
 * AgendaItem's auxiliaryFile) whose accessUrl is /reports/...; an exempt item's report is never listed.
 */
import type {
  PublicBoard,
  PublicDecision,
  PublicForwardPlanEntry,
  PublicMeeting,
  PublicReport,
} from '../activities/records/public-views';
import type { Register } from '../activities/records/register';
import type { Council } from './layout';
import { decisionHref, forwardPlanHref, meetingHref } from './links';
import { reportHref } from './reports';

const SCHEMA = 'https://schema.oparl.org/1.1';
const BODY = 'register';
const PAGE_SIZE = 20;
const LISTS = [
  'organization',
  'person',
  'membership',
  'meeting',
  'agendaItem',
  'paper',
  'consultation',
  'file',
] as const;
type ListName = (typeof LISTS)[number];

export interface OparlAnswer {
  status: number;
  body: unknown;
}

type OparlObject = Record<string, unknown> & { id: string };

/** One path segment per id: an id may hold a slash ("<board>/<date>"). */
const seg = (id: string) => encodeURIComponent(id);

interface Data {
  boards: PublicBoard[];
  meetings: PublicMeeting[];
  decisions: PublicDecision[];
  plan: PublicForwardPlanEntry[];
  /** Public reports by item (never an exempt item's). */
  reports: ReadonlyMap<string, readonly PublicReport[]>;
}

/** Builds every object from one reading of the register, so ids and links agree with each other. */
class Objects {
  // Indexed once per request, so a list of n papers costs n lookups, not n scans of the register.
  private readonly decisions: Map<string, PublicDecision>;
  private readonly entries = new Map<string, PublicForwardPlanEntry>();
  private readonly meetingsOf = new Map<string, PublicMeeting[]>();

  constructor(
    private readonly base: string,
    private readonly data: Data,
  ) {
    this.decisions = new Map(data.decisions.map((d) => [d.decisionId, d]));
    for (const e of data.plan) {
      this.entries.set(e.entryId, e);
      if (e.decisionId) this.entries.set(e.decisionId, e);
    }
    for (const m of data.meetings)
      for (const item of m.agenda)
        if (item.decisionId)
          this.meetingsOf.set(item.decisionId, [...(this.meetingsOf.get(item.decisionId) ?? []), m]);
  }

  url(type: string, ...ids: string[]) {
    return `${this.base}/oparl/v1/${type}${ids.map((i) => `/${seg(i)}`).join('')}`;
  }

  bodyUrl = () => this.url('body', BODY);

  organization(b: PublicBoard): OparlObject {
    return {
      id: this.url('organization', b.boardId),
      type: `${SCHEMA}/Organization`,
      body: this.bodyUrl(),
      name: b.name,
      shortName: b.boardId,
      organizationType: 'Gremium',
      classification: 'Joint commissioning board',
      membership: b.members.map((m) => this.url('membership', b.boardId, m.memberId)),
      meeting: this.data.meetings
        .filter((m) => m.boardId === b.boardId)
        .map((m) => this.url('meeting', m.meetingId)),
      ...(b.establishedOn ? { startDate: b.establishedOn } : {}),
      ...(b.dissolvedOn ? { endDate: b.dissolvedOn } : {}),
    };
  }

  person(b: PublicBoard, m: PublicBoard['members'][number]): OparlObject {
    return {
      id: this.url('person', b.boardId, m.memberId),
      type: `${SCHEMA}/Person`,
      body: this.bodyUrl(),
      name: m.name,
      membership: [this.membership(b, m)],
    };
  }

  membership(b: PublicBoard, m: PublicBoard['members'][number]): OparlObject {
    const partner = b.partners.find((p) => p.id === m.partner)?.name ?? m.partner;
    return {
      id: this.url('membership', b.boardId, m.memberId),
      type: `${SCHEMA}/Membership`,
      person: this.url('person', b.boardId, m.memberId),
      organization: this.url('organization', b.boardId),
      role: m.role,
      votingRight: m.voting,
      onBehalfOf: partner,
    };
  }

  agendaItems(m: PublicMeeting): OparlObject[] {
    return m.agenda.map((item, i) => ({
      id: this.url('agendaItem', m.meetingId, item.itemId),
      type: `${SCHEMA}/AgendaItem`,
      meeting: this.url('meeting', m.meetingId),
      number: String(i + 1),
      order: i + 1,
      name: item.exempt ? item.exempt.notice : (item.title ?? ''),
      public: item.exempt === null,
      ...(item.decisionId && item.decidedAt === m.meetingId
        ? { result: this.decisionOf(item.decisionId)?.outcome ?? 'decided' }
        : {}),
      ...(item.decisionId ? { paper: this.url('paper', item.decisionId) } : {}),
      ...(item.decisionId && !item.exempt && this.reportsOf(item.decisionId).length
        ? { auxiliaryFile: this.reportFiles(item.decisionId) }
        : {}),
      web: `${this.base}${meetingHref(m.meetingId)}`,
    }));
  }

  meeting(m: PublicMeeting): OparlObject {
    return {
      id: this.url('meeting', m.meetingId),
      type: `${SCHEMA}/Meeting`,
      name: m.title,
      meetingState: m.status === 'cancelled' ? 'cancelled' : m.agendaPublishedOn ? 'invited' : 'scheduled',
      cancelled: m.status === 'cancelled',
      start: m.startsAt ?? m.meetsOn,
      ...(m.endsAt ? { end: m.endsAt } : {}),
      ...(m.location
        ? {
            location: {
              id: `${this.url('meeting', m.meetingId)}#location`,
              type: `${SCHEMA}/Location`,
              description: m.location,
            },
          }
        : {}),
      organization: [this.url('organization', m.boardId)],
      agendaItem: this.agendaItems(m),
      web: `${this.base}${meetingHref(m.meetingId)}`,
    };
  }

  private decisionOf(id: string) {
    return this.decisions.get(id);
  }

  private entryOf(id: string) {
    return this.entries.get(id);
  }

  /**
   * The ids of every paper: one per item, its decision, its Forward Plan entry or, for an item on an agenda
   * with neither yet (not a key decision), the item itself, so every AgendaItem's paper exists.
   */
  paperIds(): string[] {
    const ids = new Set<string>(this.meetingsOf.keys());
    for (const e of this.data.plan) ids.add(e.decisionId ?? e.entryId);
    for (const d of this.data.decisions) ids.add(d.decisionId);
    return [...ids].sort();
  }

  paperOf(id: string): OparlObject | undefined {
    const d = this.decisionOf(id);
    const e = this.entryOf(id);
    const meetings = this.meetingsOf.get(id) ?? [];
    const items = meetings.map((m) => m.agenda.find((i) => i.decisionId === id)!);
    if (!d && !e && !meetings.length) return undefined;
    // An item exempt on any public row is exempt in its paper too.
    const exempt = [d?.exempt, e?.exempt, ...items.map((i) => i.exempt)].find((x) => x) ?? null;
    const name = exempt ? exempt.notice : (d?.title ?? e?.title ?? items[0]?.title ?? '');
    const boardId = d?.boardId ?? e?.boardId ?? meetings[0]!.boardId;
    const reports = this.reportFiles(id);
    // The latest report is the Paper's main file; earlier ones and the background papers are auxiliary.
    const main = this.reportsOf(id)
      .map((r) => r.kind)
      .lastIndexOf('report');
    return {
      id: this.url('paper', id),
      type: `${SCHEMA}/Paper`,
      body: this.bodyUrl(),
      name,
      reference: d?.ref ?? e?.ref ?? items[0]?.ref ?? id,
      date: d?.publishedOn ?? e?.publishedOn ?? meetings[0]!.agendaPublishedOn ?? meetings[0]!.meetsOn,
      paperType: d
        ? 'Decision notice'
        : e
          ? 'Forward Plan notice of a key decision'
          : 'Item of business on a meeting’s agenda',
      underDirectionOf: [this.url('organization', boardId)],
      ...(!exempt && main >= 0 ? { mainFile: reports[main] } : {}),
      auxiliaryFile: [...this.filesOf(id), ...(exempt ? [] : reports.filter((_, i) => i !== main))],
      consultation: meetings.map((m) => ({
        id: this.url('consultation', id, m.meetingId),
        type: `${SCHEMA}/Consultation`,
        paper: this.url('paper', id),
        meeting: this.url('meeting', m.meetingId),
        agendaItem: this.url('agendaItem', m.meetingId, m.agenda.find((i) => i.decisionId === id)!.itemId),
        organization: [this.url('organization', m.boardId)],
        authoritative: true,
      })),
      ...(d && !exempt
        ? { keyword: [d.outcome ?? ''], resolution: d.decisionText, reasons: d.reasons || null }
        : {}),
      web: `${this.base}${d ? decisionHref(id) : e ? forwardPlanHref(e.entryId) : meetingHref(meetings[0]!.meetingId)}`,
    };
  }

  /** A Forward Plan entry's documents to be considered, numbered in their order. */
  filesOf(id: string): OparlObject[] {
    const e = this.entryOf(id);
    return (e?.documents ?? []).map((doc, i) => ({
      id: this.url('file', id, String(i + 1)),
      type: `${SCHEMA}/File`,
      name: doc.title,
      fileName: doc.title,
      ...(doc.url ? { accessUrl: doc.url } : {}),
      paper: [this.url('paper', id)],
    }));
  }

  private reportsOf(id: string): readonly PublicReport[] {
    return this.data.reports.get(id) ?? [];
  }

  /** An item's reports as Files, with the paper and agenda items they belong to. */
  reportFiles(id: string): OparlObject[] {
    const agendaItems = (this.meetingsOf.get(id) ?? []).map((m) =>
      this.url('agendaItem', m.meetingId, m.agenda.find((i) => i.decisionId === id)!.itemId),
    );
    return this.reportsOf(id).map((r) => ({
      id: this.url('file', id, r.sha256),
      type: `${SCHEMA}/File`,
      name: r.fileName,
      fileName: r.fileName,
      mimeType: r.mediaType.replace(/;.*$/, ''),
      size: r.bytes,
      date: r.uploadedOn,
      accessUrl: `${this.base}${reportHref(r)}`,
      downloadUrl: `${this.base}${reportHref(r)}`,
      paper: [this.url('paper', id)],
      ...(agendaItems.length ? { agendaItem: agendaItems } : {}),
    }));
  }

  list(name: ListName): OparlObject[] {
    const { boards, meetings } = this.data;
    switch (name) {
      case 'organization':
        return boards.map((b) => this.organization(b));
      case 'person':
        return boards.flatMap((b) => b.members.map((m) => this.person(b, m)));
      case 'membership':
        return boards.flatMap((b) => b.members.map((m) => this.membership(b, m)));
      case 'meeting':
        return meetings.map((m) => this.meeting(m));
      case 'agendaItem':
        return meetings.flatMap((m) => this.agendaItems(m));
      case 'paper':
        return this.paperIds().map((id) => this.paperOf(id)!);
      case 'consultation':
        return this.paperIds().flatMap((id) => this.paperOf(id)!.consultation as OparlObject[]);
      case 'file':
        return this.paperIds().flatMap((id) => [...this.filesOf(id), ...this.reportFiles(id)]);
    }
  }
}

function page(objects: OparlObject[], listUrl: string, number: number, size: number): OparlAnswer {
  const totalPages = Math.max(1, Math.ceil(objects.length / size));
  if (number > totalPages) return notFound('There is no such page of this list.');
  const at = (n: number) => `${listUrl}?page=${n}${size === PAGE_SIZE ? '' : `&limit=${size}`}`;
  return {
    status: 200,
    body: {
      data: objects.slice((number - 1) * size, number * size),
      pagination: { totalElements: objects.length, elementsPerPage: size, currentPage: number, totalPages },
      links: {
        first: at(1),
        ...(number > 1 ? { prev: at(number - 1) } : {}),
        ...(number < totalPages ? { next: at(number + 1) } : {}),
        last: at(totalPages),
      },
    },
  };
}

const notFound = (message: string): OparlAnswer => ({ status: 404, body: { error: message } });

/** page and limit: whole numbers (limit 1-100); anything else is refused with the field named. */
function paging(query: URLSearchParams): { number: number; size: number } | string {
  const number = query.get('page') ?? '1';
  const size = query.get('limit') ?? String(PAGE_SIZE);
  if (!/^[1-9]\d{0,5}$/.test(number)) return 'page: must be a whole number from 1';
  if (!/^[1-9]\d{0,2}$/.test(size) || Number(size) > 100)
    return 'limit: must be a whole number from 1 to 100';
  return { number: Number(number), size: Number(size) };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export async function oparl(
  pathname: string,
  query: URLSearchParams,
  register: Register,
  base: string,
  council: Council,
  reports: ReadonlyMap<string, readonly PublicReport[]> = new Map(),
): Promise<OparlAnswer> {
  const parts = pathname.split('/').slice(3).map(decode);
  if (parts.some((p) => p === undefined)) return notFound('There is no such object.');
  const [type, ...ids] = parts as string[];
  const [boards, meetings, decisions, plan] = await Promise.all([
    register.boards(),
    register.meetings(),
    register.decisions(),
    register.forwardPlan(),
  ]);
  const o = new Objects(base, { boards, meetings, decisions, plan, reports });
  if (type === undefined) {
    return {
      status: 200,
      body: {
        id: `${base}/oparl/v1`,
        type: `${SCHEMA}/System`,
        oparlVersion: `${SCHEMA}/`,
        name: `${council.name} public register`,
        body: `${base}/oparl/v1/bodies`,
        website: `${base}/`,
        product: 'govflow',
      },
    };
  }
  const bodyObject = {
    id: o.bodyUrl(),
    type: `${SCHEMA}/Body`,
    system: `${base}/oparl/v1`,
    name: council.name,
    website: `${base}/`,
    ...Object.fromEntries(LISTS.map((l) => [l, `${o.bodyUrl()}/${l}`])),
    // Required by OParl; the boards have no terms of office, so there is none to list.
    legislativeTerm: [],
    web: `${base}/`,
  };
  if (type === 'bodies' && ids.length === 0) {
    const paged = paging(query);
    return typeof paged === 'string'
      ? { status: 400, body: { error: paged } }
      : page([bodyObject], `${base}/oparl/v1/bodies`, paged.number, paged.size);
  }
  if (type === 'body' && ids[0] === BODY) {
    if (ids.length === 1) return { status: 200, body: bodyObject };
    const list = ids[1] as ListName;
    if (ids.length === 2 && (LISTS as readonly string[]).includes(list)) {
      const paged = paging(query);
      return typeof paged === 'string'
        ? { status: 400, body: { error: paged } }
        : page(o.list(list), `${o.bodyUrl()}/${list}`, paged.number, paged.size);
    }
    return notFound('There is no such list.');
  }
  const found = (LISTS as readonly string[]).includes(type)
    ? o.list(type as ListName).find((x) => x.id === o.url(type, ...ids))
    : undefined;
  return found ? { status: 200, body: found } : notFound('There is no such object.');
}
