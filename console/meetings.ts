/**
 * A board's meetings in the console (issue 15): the list of its meetings, and each meeting's page (when,
 * where, the agenda in order, where it stands) for anyone with a role on the board. Democratic services
 * records the meeting there: attendance and interests, each item's outcome, then the minutes, through the
 * same Updates as `govflow meeting`, with the officer (`by`) from the session. A refused Update is shown as
 * the workflow's reason on the form.
 */
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  approveMinutesUpdate,
  meetingStatusQuery,
  meetingWorkflowId,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  type MeetingStatus,
} from '../definitions/meeting';
import { SA } from '../definitions/search-attributes';
import { compareCivilDates, londonCivilDate } from '../governance/civil-date';
import { displayDate, displayDatesIn, displayDeadline } from '../governance/display-dates';
import { MEETING_ALLOWED_IN, type MeetingAction } from '../governance/meeting-stages';
import { meetingLocation } from '../governance/meetings';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import {
  INTEREST_ROWS,
  approvalOf,
  attendanceOf,
  draftMinutesOf,
  outcomeFieldId,
  outcomeOf,
  type FormBody,
  type MeetingForm,
  type Parsed,
} from './meeting-forms';
import { htmlReply, type Render } from './views';

type Params = { board: string; date: string };
/** The meetings a board page lists: a board meets a few times a year. */
const MOST = 100;
const quoted = (s: string) => `'${s.replace(/['\\]/g, '')}'`;

interface FormError {
  form: MeetingForm;
  /** The item, for an outcome form. */
  ref?: string;
  field: string;
  text: string;
  /** What was sent, to fill the form again. */
  values: FormBody;
}

export function meetingRoutes(
  scope: FastifyInstance,
  options: {
    client: Client;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { client, render, view } = options;
  const html = htmlReply(render);
  const message = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    lines: string[],
  ) => {
    const { board, date } = req.params as Partial<Params>;
    // A receipt leads back to the meeting; a refusal to the start.
    const link =
      status === 200 && board && date
        ? { href: `/meetings/${board}/${date}`, text: 'Back to the meeting' }
        : { href: '/', text: 'Back to the start' };
    return html(reply, status, 'message.njk', { ...view(req), title, lines, link });
  };
  const rolesOn = (req: FastifyRequest, board: string) =>
    rolesOf(req.consoleSession!.email, options.boards).filter((r) => r.board === board);
  const boardOf = (board: string) => options.boards.find((so) => so.board.id === board);

  scope.get('/meetings/:board', async (req, reply) => {
    const { board } = req.params as { board: string };
    const so = boardOf(board);
    if (!so || rolesOn(req, board).length === 0)
      return message(req, reply, 403, 'Not one of your boards', [
        'You see the meetings of the boards the standing orders give you a role on.',
      ]);
    const query = `WorkflowType = 'meeting' AND ${SA.board.name} = ${quoted(board)}`;
    const meetings: { href: string; date: string; stage: string }[] = [];
    for await (const info of client.workflow.list({ query, pageSize: MOST })) {
      const at = info.typedSearchAttributes.get(SA.meetingDate);
      const stage = info.typedSearchAttributes.get(SA.stage) ?? '';
      const date = at ? londonCivilDate(at.getTime()) : info.workflowId.split('/').pop()!;
      meetings.push({ href: `/${info.workflowId.replace(/^meeting\//, 'meetings/')}`, date, stage });
      if (meetings.length >= MOST) break;
    }
    const today = londonCivilDate(Date.now());
    const row = (m: (typeof meetings)[number]) => [
      { html: `<a class="govuk-link" href="${encodeURI(m.href)}">${displayDate(m.date)}</a>` },
      { text: m.stage },
    ];
    const upcoming = meetings.filter((m) => compareCivilDates(m.date, today) >= 0);
    const recent = meetings.filter((m) => compareCivilDates(m.date, today) < 0);
    upcoming.sort((a, b) => compareCivilDates(a.date, b.date));
    recent.sort((a, b) => compareCivilDates(b.date, a.date));
    return html(reply, 200, 'meetings.njk', {
      ...view(req),
      title: `Meetings of ${so.board.name}`,
      upcoming: upcoming.map(row),
      recent: recent.map(row),
    });
  });

  /** The meeting's page, with a form's problem when one was refused. */
  const show = async (req: FastifyRequest, reply: FastifyReply, status: number, error?: FormError) => {
    const { board, date } = req.params as Params;
    const so = boardOf(board);
    const roles = rolesOn(req, board);
    if (!so || roles.length === 0)
      return message(req, reply, 403, 'Not one of your boards', [
        'You see the meetings of the boards the standing orders give you a role on.',
      ]);
    const workflowId = meetingWorkflowId(board, date);
    let meeting: MeetingStatus;
    try {
      meeting = await client.workflow.getHandle(workflowId).query(meetingStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        return message(req, reply, 404, 'Not found', ['There is no such meeting.']);
      throw error;
    }
    const officer = roles.some((r) => r.kind === 'democratic-services' || r.kind === 'commissioning-officer');
    const clerking = roles.some((r) => r.kind === 'democratic-services');
    const titles =
      officer && meeting.agenda.some((e) => e.kind === 'exempt')
        ? await exemptTitles(client, workflowId)
        : {};
    const may = (action: MeetingAction) => clerking && MEETING_ALLOWED_IN[action].includes(meeting.stage);
    const nameOf = (id: string) => so.members.find((m) => m.id === id)?.name ?? id;
    const m = meeting.meeting;
    const outcomeOfRef = (ref: string) => meeting.outcomes.find((o) => o.ref === ref);
    const items = meeting.agenda.flatMap((e) => (e.kind === 'business' || e.kind === 'exempt' ? [e] : []));
    return html(reply, status, 'meeting.njk', {
      ...view(req),
      title: `Meeting of ${so.board.name}, ${displayDate(m.date)}`,
      action: `/meetings/${encodeURIComponent(board)}/${encodeURIComponent(date)}`,
      summary: [
        [
          'When',
          `${displayDate(m.date)}, ${m.startTime} to ${m.endTime}${m.sequence ? ` (moved from ${displayDate(m.originalDate)})` : ''}`,
        ],
        ['Where', meetingLocation(m)],
        ['How members attend', m.attendance],
        ['Where it stands', meeting.stage],
        ['Waiting for', displayDatesIn(meeting.waitingFor)],
        ...(meeting.nextDeadline ? [['Next deadline', displayDeadline(meeting.nextDeadline)]] : []),
        [
          'Agenda',
          meeting.agendaPublishedOn
            ? `published on ${displayDate(meeting.agendaPublishedOn)}`
            : 'not yet published',
        ],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      agenda: meeting.agenda.map((e) => {
        const o = 'ref' in e ? outcomeOfRef(e.ref) : undefined;
        const late = 'late' in e && e.late ? ' (late item)' : '';
        const what =
          e.kind === 'exempt'
            ? `${e.ref}: exempt, Schedule 12A paragraph ${e.paragraph}${titles[e.ref] ? `: ${titles[e.ref]}` : ''}${late}`
            : e.kind === 'business'
              ? `${e.ref}: ${e.title}${late}`
              : e.title;
        return [
          { text: String(e.number) },
          { text: what },
          { text: o ? `${o.outcome}: ${o.resolution}` : '' },
        ];
      }),
      attendance: meeting.attendance && {
        present: meeting.attendance.present.map(nameOf).join(', '),
        apologies: meeting.attendance.apologies.map(nameOf).join(', ') || 'none',
      },
      deferred: meeting.deferred.map((d) => `${d.ref}${d.to ? ` to ${displayDate(d.to)}` : ''}: ${d.reason}`),
      minutes: meeting.minutes,
      members: so.members.map((mb) => ({ value: mb.id, text: `${mb.name} (${mb.role})` })),
      partners: so.partners.map((p) => ({ id: p.id, name: p.name })),
      // A recorded vote: each voting member present, by name (the clerk marks who left for an item).
      voters:
        m.votes === 'named'
          ? so.members
              .filter((mb) => mb.voting && meeting.attendance?.present.includes(mb.id))
              .map((mb) => ({ id: mb.id, name: mb.name }))
          : undefined,
      interestRows: Array.from({ length: INTEREST_ROWS }, (_, i) => i),
      items: may('recordItemOutcome')
        ? items
            .filter((e) => !outcomeOfRef(e.ref))
            .map((e) => ({
              ref: e.ref,
              title: e.kind === 'business' ? e.title : (titles[e.ref] ?? `exempt item ${e.ref}`),
              id: outcomeFieldId(e.ref),
            }))
        : [],
      refs: items.map((e) => e.ref),
      forms: {
        attendance: may('recordAttendance'),
        draftMinutes: may('publishDraftMinutes'),
        approveMinutes: may('approveMinutes'),
      },
      error,
    });
  };

  scope.get('/meetings/:board/:date', (req, reply) => show(req, reply, 200));

  /** One of the clerk's forms: read with the session's officer as `by`, sent, and the answer shown. */
  const record = <T>(
    path: string,
    form: MeetingForm,
    update: UpdateDefinition<string, [T]>,
    read: (body: FormBody, by: string, so: StandingOrders) => Parsed<T>,
  ) =>
    scope.post(`/meetings/:board/:date/${path}`, async (req, reply) => {
      const { board, date } = req.params as Params;
      const so = boardOf(board);
      const email = req.consoleSession!.email;
      if (!so || !rolesOn(req, board).some((r) => r.kind === 'democratic-services'))
        return message(req, reply, 403, 'You cannot record this meeting', [
          `Only democratic services for ${board} records its meetings. Nothing was sent.`,
        ]);
      const body = (req.body ?? {}) as FormBody;
      // The officer acting is the session's; a form naming anyone else is someone acting as another.
      if (body.by !== undefined && body.by !== email)
        return message(req, reply, 403, 'You record only as yourself', [
          `by: you are signed in as ${email}; ${String(body.by)} is not you. Nothing was sent.`,
        ]);
      const ref = typeof body.ref === 'string' ? body.ref : undefined;
      const parsed = read(body, email, so);
      if ('problem' in parsed)
        return show(req, reply, 400, {
          form,
          ref,
          field: parsed.field,
          text: parsed.problem,
          values: sentAgain(body),
        });
      try {
        const receipt = await client.workflow
          .getHandle(meetingWorkflowId(board, date))
          .executeUpdate(update, { args: [parsed.data] });
        return message(req, reply, 200, 'Recorded', [receipt]);
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError)
          return show(req, reply, 409, {
            form,
            ref,
            field: firstField(form, ref),
            text: error.cause?.message ?? error.message,
            values: sentAgain(body),
          });
        if (error instanceof WorkflowNotFoundError)
          return message(req, reply, 404, 'Not found', ['There is no such meeting.']);
        throw error;
      }
    });
  record('attendance', 'attendance', recordAttendanceUpdate, attendanceOf);
  record('outcome', 'outcome', recordItemOutcomeUpdate, outcomeOf);
  record('minutes/draft', 'draft-minutes', publishDraftMinutesUpdate, (_body, by) => draftMinutesOf(by));
  record('minutes/approval', 'approve-minutes', approveMinutesUpdate, approvalOf);
}

/** What was sent, to fill the form again: a group of checkboxes as a list however many were ticked. */
const sentAgain = (body: FormBody): FormBody => ({
  ...body,
  present: [body.present ?? []].flat(),
  apologies: [body.apologies ?? []].flat(),
});

/** Where a refusal points: the form's first field. */
function firstField(form: MeetingForm, ref: string | undefined): string {
  if (form === 'attendance') return 'present';
  if (form === 'outcome') return outcomeFieldId(ref ?? '')('resolution');
  return form === 'draft-minutes' ? 'draft-minutes' : 'approvedAt';
}

/**
 * The titles of the meeting's exempt items, for officers only: they are in the meeting's private record (the
 * Updates that put them on the agenda), never in its status or anything published.
 */
async function exemptTitles(client: Client, workflowId: string): Promise<Record<string, string>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  const titles: Record<string, string> = {};
  for (const event of history.events ?? []) {
    const input = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    if (input?.name !== 'addItem' && input?.name !== 'addLateItem') continue;
    let payloads = input.args?.payloads ?? [];
    for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    const item =
      payloads[0] && (payloadConverter.fromPayload(payloads[0]) as { ref?: string; title?: string });
    if (item?.ref && item.title) titles[item.ref] = item.title;
  }
  return titles;
}
