/**
 * An officer proposes an item in the console (issue 15): the choices come from the board's standing orders
 * (scope topics, pooled budget schemes, meeting dates after today), and before anything starts the officer
 * sees the item's statutory timeline as governance/item-timeline.ts computes it. Proposing starts the
 * decision through the same function as `govflow decision propose` (handed in by npm start), with the
 * proposing officer taken from the session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decisionInputSchema, type DecisionInput } from '../definitions/decision';
import { UserError } from '../definitions/errors';
import { compareCivilDates, londonCivilDate } from '../governance/civil-date';
import { displayDate } from '../governance/display-dates';
import { itemTimeline, type ItemTimeline } from '../governance/item-timeline';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { htmlReply, type Render } from './views';

/** Starts a decision as `govflow decision propose` does; a UserError names what is wrong. Returns its ID. */
export type ProposeItem = (input: DecisionInput) => Promise<string>;

type Params = { board: string };
type Form = Record<string, string>;

const FIELDS = [
  'ref',
  'title',
  'summary',
  'topic',
  'amountGbp',
  'wardsAffected',
  'exemptParagraph',
  'schemeId',
  'meetingDate',
] as const;

/** The officers who propose items: democratic services and the commissioning officer. */
export function proposingBoards(email: string, boards: readonly StandingOrders[]): string[] {
  return rolesOf(email, boards)
    .filter((r) => r.kind === 'democratic-services' || r.kind === 'commissioning-officer')
    .map((r) => r.board);
}

function itemOf(form: Form, so: StandingOrders, proposedBy: string): DecisionInput {
  const amount = form.amountGbp?.replace(/[£,\s]/g, '');
  const wards = form.wardsAffected?.trim() || '0';
  return {
    ref: form.ref?.trim() ?? '',
    standingOrders: so,
    title: form.title ?? '',
    summary: form.summary ?? '',
    topic: form.topic ?? '',
    ...(amount ? { amountGbp: Number(amount) } : {}),
    wardsAffected: wards === 'all' ? 'all' : Number(wards),
    exemptParagraph: form.exemptParagraph ? Number(form.exemptParagraph) : null,
    ...(form.schemeId ? { schemeId: form.schemeId } : {}),
    meetingDate: form.meetingDate ?? '',
    proposedBy,
  };
}

function timelineRows(t: ItemTimeline) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Route', `${t.route}${t.keyDecision ? ', key decision' : ''}: ${t.reasons.join('; ')}`),
    ...(t.notice
      ? [
          row('Forward Plan by', displayDate(t.notice.forwardPlanBy)),
          row('Notice', `${t.notice.route}: ${t.notice.reasons.join('; ')}`),
        ]
      : [row('Forward Plan', 'not needed: not a key decision')]),
    row(
      'Agenda published by',
      `${displayDate(t.agendaBy)}${t.agendaTooLate ? ' (too late: choose a later meeting)' : ''}`,
    ),
    row('Decision', displayDate(t.decision)),
    ...(t.callIn === undefined
      ? [row('Call-in', 'none at this board: the item is referred or recommended elsewhere')]
      : t.callIn.exempt
        ? [row('Call-in', 'exempt: special urgency needs the O&S chair’s agreement')]
        : [
            row('End of call-in', displayDate(t.callIn.windowEnds)),
            row('Implementable from', displayDate(t.callIn.implementableFrom)),
          ]),
  ];
}

export function itemRoutes(
  scope: FastifyInstance,
  options: {
    proposeItem: ProposeItem;
    boards: readonly StandingOrders[];
    render: Render;
    view: (req: FastifyRequest) => Record<string, unknown>;
  },
): void {
  const { render, view } = options;
  const html = htmlReply(render);
  /** The board, when the signed-in person proposes its items. */
  const boardFor = (req: FastifyRequest): StandingOrders | undefined => {
    const { board } = req.params as Params;
    if (!proposingBoards(req.consoleSession!.email, options.boards).includes(board)) return undefined;
    return options.boards.find((so) => so.board.id === board);
  };
  const refuse = (req: FastifyRequest, reply: FastifyReply) =>
    html(reply, 403, 'message.njk', {
      ...view(req),
      title: 'You cannot propose items to this board',
      lines: ['Only its democratic services and commissioning officers may. Nothing was started.'],
      link: { href: '/', text: 'Back to the start' },
    });
  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    so: StandingOrders,
    status: number,
    extra: { values?: Form; error?: string; timeline?: ItemTimeline },
  ) => {
    const today = londonCivilDate(Date.now());
    const values = extra.values ?? {};
    const option = (value: string, text: string, current?: string) => ({
      value,
      text,
      selected: value === (current ?? ''),
    });
    return html(reply, status, 'item.njk', {
      ...view(req),
      title: `Propose an item to ${so.board.name}`,
      action: `/boards/${encodeURIComponent(so.board.id)}/items`,
      values,
      error: extra.error,
      timeline: extra.timeline ? timelineRows(extra.timeline) : undefined,
      topics: [option('', 'Choose a topic'), ...so.delegation.scope.map((t) => option(t, t, values.topic))],
      schemes: [
        option('', 'None'),
        ...so.pooledBudgets.map((b) => option(b.id, `${b.name} (${b.id})`, values.schemeId)),
      ],
      meetings: [
        option('', 'Choose a meeting'),
        ...so.meetings
          .filter((m) => compareCivilDates(m, today) > 0)
          .map((m) => option(m, displayDate(m), values.meetingDate)),
      ],
      paragraphs: [
        option('', 'None: a public item'),
        ...[1, 2, 3, 4, 5, 6, 7].map((n) => option(String(n), `Paragraph ${n}`, values.exemptParagraph)),
      ],
    });
  };

  scope.get('/boards/:board/items/new', (req, reply) => {
    const so = boardFor(req);
    return so ? form(req, reply, so, 200, {}) : refuse(req, reply);
  });

  scope.post('/boards/:board/items', async (req, reply) => {
    const so = boardFor(req);
    if (!so) return refuse(req, reply);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      FIELDS.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string) : '']),
    ) as Form;
    // The proposing officer is the session's; the form has no say in it.
    const raw = itemOf(values, so, req.consoleSession!.email);
    const parsed = decisionInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return form(req, reply, so, 400, { values, error: `${issue.path.join('.')}: ${issue.message}` });
    }
    const timeline = itemTimeline(parsed.data, so, Date.now());
    if (body.step !== 'propose') return form(req, reply, so, 200, { values, timeline });
    try {
      const workflowId = await options.proposeItem(raw);
      return html(reply, 200, 'message.njk', {
        ...view(req),
        title: 'The item is proposed',
        lines: [`${workflowId}: for the meeting on ${displayDate(parsed.data.meetingDate)}.`],
        link: {
          href: `/${workflowId.replace(/^decision\//, 'decisions/')}/report`,
          text: 'Upload its report',
        },
      });
    } catch (error) {
      if (error instanceof UserError)
        return form(req, reply, so, 400, { values, timeline, error: error.message });
      throw error;
    }
  });
}
