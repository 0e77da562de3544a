/**
 * What a meeting's own process put on the record once it met (issue 14 item 9): who was present and who
 * sent apologies, per partner, and its minutes. Read from the register's audit log, where the meeting
 * process writes them ('attendance-recorded', 'meeting-held', 'minutes-draft-published', 'minutes-approved');
 * nothing else of the log is read. The minutes as recorded already carry an exempt item by its paragraph
 * only; an item that any public row marks exempt is shown here by its notice alone all the same.
 */
import { z } from 'zod';
import type { Queryable } from '../activities/records/db';
import { exemptNotice } from '../activities/records/kinds';
import type { PublicBoard, PublicMeeting } from '../activities/records/public-views';
import { PRESETS, isPresetName } from '../governance/standing-orders';
import { html, type Html } from './layout';

const names = z.array(z.string());
const attendanceSchema = z.object({ present: names, apologies: names.default([]) });
const tallySchema = z.object({ for: z.number(), against: z.number(), abstain: z.number().default(0) });
const minutesItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standing'), number: z.number(), title: z.string() }),
  z.object({ kind: z.literal('exclusion'), number: z.number(), title: z.string() }),
  z.object({ kind: z.literal('exempt'), number: z.number(), ref: z.string(), paragraph: z.number() }),
  z.object({
    kind: z.literal('business'),
    number: z.number(),
    ref: z.string(),
    title: z.string(),
    outcome: z.string(),
    perPartner: z.record(z.string(), tallySchema).nullable().default(null),
    deferred: z.string().nullable().default(null),
    resolution: z.string().nullable().default(null),
    reasons: z.array(z.string()).default([]),
    alternativesRejected: z.array(z.string()).default([]),
    interests: z.array(z.object({ member: z.string(), interest: z.string() })).default([]),
  }),
]);
const minutesSchema = z.object({
  present: names.default([]),
  apologies: names.default([]),
  items: z.array(minutesItemSchema).default([]),
  amendments: z.string().default(''),
});

/** Member ids present and sending apologies, as the clerk last recorded them. */
export type MeetingAttendance = z.infer<typeof attendanceSchema>;
export type PublicMinutes = z.infer<typeof minutesSchema>;

export interface MeetingRecord {
  attendance: MeetingAttendance | null;
  minutes: PublicMinutes | null;
}

/**
 * The meeting's record. A meeting process (meeting/<board>/<date>) keeps the id of the date it was arranged
 * for however often it moves, as the register's writers do; anything else names its meeting by date.
 */
export async function meetingRecord(db: Queryable, meetingId: string): Promise<MeetingRecord> {
  const { rows } = await db.query<{ kind: string; data: unknown }>(
    `select kind, data from audit_log
      where kind in ('attendance-recorded', 'meeting-held', 'minutes-draft-published', 'minutes-approved')
        and case when process_id like 'meeting/%' then substr(process_id, 9)
                 else board_id || '/' || (data->>'meeting') end = $1
      order by seq`,
    [meetingId],
  );
  let attendance: MeetingAttendance | null = null;
  let draft: PublicMinutes | null = null;
  let approved: PublicMinutes | null = null;
  for (const { kind, data } of rows) {
    // An entry of another shape (an older process) is left out rather than shown half-read.
    if (kind === 'attendance-recorded' || kind === 'meeting-held') {
      const read = attendanceSchema.safeParse(data);
      if (read.success && read.data.present.length) attendance = read.data;
    } else {
      const read = minutesSchema.safeParse(data);
      if (read.success)
        [draft, approved] = kind === 'minutes-approved' ? [draft, read.data] : [read.data, approved];
    }
  }
  return { attendance, minutes: approved ?? draft };
}

export interface Roster {
  partners: { id: string; name: string }[];
  members: { memberId: string; name: string; partner: string }[];
}

/** The board's partners and members as the register holds them, else as its preset names them. */
export function rosterOf(boards: PublicBoard[], boardId: string): Roster {
  const board = boards.find((b) => b.boardId === boardId);
  if (board?.members.length) return board;
  if (!isPresetName(boardId)) return { partners: board?.partners ?? [], members: [] };
  const preset = PRESETS[boardId];
  return {
    partners: preset.partners.map((p) => ({ id: p.id, name: p.name })),
    members: preset.members.map((m) => ({ memberId: m.id, name: m.name, partner: m.partner })),
  };
}

const nameList = (list: string[]) => (list.length ? list.join(', ') : 'None');

/** Present and apologies per partner: the quorum of a joint board is counted partner by partner. */
export function attendanceTable(a: MeetingAttendance, roster: Roster): Html {
  const member = (id: string) => roster.members.find((m) => m.memberId === id);
  const partnerIds = [
    ...new Set([
      ...roster.partners.map((p) => p.id),
      ...[...a.present, ...a.apologies].map((id) => member(id)?.partner ?? ''),
    ]),
  ];
  const rows = partnerIds.flatMap((partner) => {
    const of = (ids: string[]) =>
      ids.filter((id) => (member(id)?.partner ?? '') === partner).map((id) => member(id)?.name ?? id);
    const present = of(a.present);
    const apologies = of(a.apologies);
    if (!present.length && !apologies.length && !roster.partners.some((p) => p.id === partner)) return [];
    const name = roster.partners.find((p) => p.id === partner)?.name ?? (partner || 'Not recorded');
    return [
      html`<tr>
        <th scope="row">${name}</th>
        <td>${nameList(present)}</td>
        <td>${nameList(apologies)}</td>
      </tr>`,
    ];
  });
  return html`<table>
    <caption>
      Members present and apologies, by partner
    </caption>
    <thead>
      <tr>
        <th scope="col">Partner</th>
        <th scope="col">Present</th>
        <th scope="col">Apologies</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

const outcomeWords: Record<string, string> = {
  consensus: 'Agreed by both partners',
  'no-consensus': 'Not agreed: the partners did not reach consensus',
  inquorate: 'Not taken: the meeting was inquorate for the item',
  'not taken': 'Not taken at this meeting',
};

type Item = PublicMinutes['items'][number];

function minutesItem(item: Item, m: PublicMeeting, exemptItems: ReadonlySet<string>): Html {
  if (item.kind === 'standing' || item.kind === 'exclusion')
    return html`<li value="${item.number}">${item.title}</li>`;
  const exempt = item.kind === 'exempt' || exemptItems.has(`decision/${m.boardId}/${item.ref}`);
  const notice = m.agenda.find((a) => a.ref === item.ref)?.exempt?.notice;
  if (exempt)
    return html`<li value="${item.number}" class="exempt">
      ${notice ?? (item.kind === 'exempt' ? exemptNotice(item.paragraph) : 'Exempt under Schedule 12A')}
    </li>`;
  const list = (label: string, lines: string[]) =>
    lines.length
      ? html`<dt>${label}</dt>
          <dd>
            <ul>
              ${lines.map((l) => html`<li>${l}</li>`)}
            </ul>
          </dd>`
      : '';
  return html`<li value="${item.number}">
    <strong>${item.title}</strong>
    <dl>
      <dt>Outcome</dt>
      <dd>
        ${outcomeWords[item.outcome] ?? item.outcome}${item.deferred ? `; deferred: ${item.deferred}` : ''}
      </dd>
      ${
        item.resolution
          ? html`<dt>Resolved</dt>
              <dd class="lines">${item.resolution}</dd>`
          : ''
      }
      ${list(
        'Votes',
        Object.entries(item.perPartner ?? {}).map(
          ([p, t]) => `${p}: ${t.for} for, ${t.against} against, ${t.abstain} abstaining`,
        ),
      )}
      ${list('Reasons', item.reasons.slice(0, 1))}
      ${list('Alternatives considered and rejected', item.alternativesRejected)}
      ${list(
        'Interests declared',
        item.interests.map((i) => `${i.member}: ${i.interest}`),
      )}
    </dl>
  </li>`;
}

/** The minutes' text as recorded: the business in agenda order, exempt items by their notice only. */
export function minutesText(
  minutes: PublicMinutes,
  m: PublicMeeting,
  exemptItems: ReadonlySet<string>,
  roster: Roster,
): Html {
  const partnerName = (id: string) => roster.partners.find((p) => p.id === id)?.name ?? id;
  const items = minutes.items.map((item) =>
    item.kind === 'business' && item.perPartner
      ? {
          ...item,
          perPartner: Object.fromEntries(
            Object.entries(item.perPartner).map(([p, t]) => [partnerName(p), t]),
          ),
        }
      : item,
  );
  return html`<p>Present: ${nameList(minutes.present)}. Apologies: ${nameList(minutes.apologies)}.</p>
    <ol class="minutes">
      ${items.map((item) => minutesItem(item, m, exemptItems))}
    </ol>
    ${minutes.amendments ? html`<p class="lines">Amended on approval: ${minutes.amendments}</p>` : ''}`;
}
