/**
 * The typed rows each register entry kind writes, inside the transaction that added its audit row.
 * They run only when that audit row was new, so a retried activity never reaches them twice; they are
 * still upserts because a later step may legitimately restate an entity (a meeting moved, a decision
 * amended after call-in, the Forward Plan entry of a deferred item given a new date).
 *
 * Exempt items: the public columns get no report text; the text is kept in `exempt_detail`, which no
 * public query selects.
 */
import type { RegisterEntry } from '../contract';
import type { Queryable } from './db';
import { type KindData, type RecordedKind, toPence } from './kinds';

const json = (value: unknown) => JSON.stringify(value);

/** A decision is identified by its workflow unless the entry names it. */
const decisionIdOf = (entry: RegisterEntry, d: { decisionId?: string | undefined }) =>
  d.decisionId ?? entry.processId;

/** A meeting is a board's date unless the entry names it. */
const meetingIdOf = (entry: RegisterEntry, d: { meetingId?: string | undefined; meeting: string }) =>
  d.meetingId ?? `${entry.boardId}/${d.meeting}`;

/**
 * A meeting process (meeting/<board>/<date>) keeps the ID of the date it was arranged for, however often it
 * moves; its entries name the meeting's current date.
 */
const meetingOfItsProcess = (entry: RegisterEntry, d: { meeting: string }) =>
  entry.processId.startsWith('meeting/')
    ? entry.processId.slice('meeting/'.length)
    : `${entry.boardId}/${d.meeting}`;

/** One review per board and cycle unless the workflow names it. */
const reviewIdOf = (entry: RegisterEntry, cycle: number) => `${entry.boardId}/review/${cycle}`;

/** The civil date in England of an instant (en-CA formats as YYYY-MM-DD). */
const londonDate = (instant: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant));

/** SQL for the board's name, falling back to its id when the board is not (yet) on the register. */
const BOARD_NAME = (param: string) =>
  `coalesce((select name from boards where board_id = ${param}), ${param})`;

const joinReasons = (reasons: string | string[]) =>
  (Array.isArray(reasons) ? reasons.join('\n') : reasons) || null;

async function ensureMeeting(tx: Queryable, entry: RegisterEntry, meetingId: string, meetsOn: string) {
  await tx.query(
    `insert into meetings (meeting_id, board_id, meets_on, title, process_id)
     values ($1, $2, $3, 'Meeting of ' || ${BOARD_NAME('$2')}, $4) on conflict (meeting_id) do nothing`,
    [meetingId, entry.boardId, meetsOn, entry.processId],
  );
}

async function setForwardPlanStatus(tx: Queryable, decisionId: string, status: string) {
  await tx.query(`update forward_plan_entries set status = $2 where decision_id = $1 or entry_id = $1`, [
    decisionId,
    status,
  ]);
}

type Writer<K extends RecordedKind> = (
  tx: Queryable,
  entry: RegisterEntry,
  data: KindData<K>,
) => Promise<void>;

export const writers: { [K in RecordedKind]: Writer<K> } = {
  async 'board-established'(tx, entry, d) {
    await tx.query(
      `insert into boards (board_id, name, partners, standing_orders, status, established_on, process_id)
       values ($1, $2, $3::jsonb, $4, 'established', $5, $6)
       on conflict (board_id) do update set name = excluded.name, partners = excluded.partners,
         standing_orders = excluded.standing_orders, status = 'established',
         established_on = excluded.established_on, dissolved_on = null, process_id = excluded.process_id`,
      [entry.boardId, d.name, json(d.partners), d.standingOrders ?? null, d.establishedOn, entry.processId],
    );
    for (const m of d.members) {
      await tx.query(
        `insert into members (board_id, member_id, name, email, partner, role, voting)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (board_id, member_id) do update set name = excluded.name, email = excluded.email,
           partner = excluded.partner, role = excluded.role, voting = excluded.voting`,
        [entry.boardId, m.id, m.name, m.email ?? null, m.partner, m.role, m.voting],
      );
    }
    for (const scheme of d.pooledBudgets) await writers['budget-scheme-set'](tx, entry, scheme);
  },

  async 'board-dissolved'(tx, entry, d) {
    await tx.query(`update boards set status = 'dissolved', dissolved_on = $2 where board_id = $1`, [
      entry.boardId,
      d.dissolvedOn,
    ]);
  },

  async 'tor-approved'(tx, entry, d) {
    await tx.query(
      `insert into tor_versions (board_id, version, content_hash, approved_on, approvals, process_id)
       values ($1, $2, $3, $4, $5::jsonb, $6) on conflict (board_id, version) do nothing`,
      [entry.boardId, d.version, d.contentHash, d.approvedOn, json(d.approvals), entry.processId],
    );
  },

  async 'meeting-scheduled'(tx, entry, d) {
    // A move arrives with a higher sequence; an older invite arriving late must not undo it.
    await tx.query(
      `insert into meetings (meeting_id, board_id, meets_on, title, starts_at, ends_at, location, status,
         sequence, process_id, attendance)
       values ($1, $2, $3, coalesce($4, 'Meeting of ' || ${BOARD_NAME('$2')}), $5, $6, $7, 'scheduled', $8, $9,
         $10)
       on conflict (meeting_id) do update set meets_on = excluded.meets_on, title = excluded.title,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, location = excluded.location,
         status = 'scheduled', sequence = excluded.sequence,
         attendance = coalesce(excluded.attendance, meetings.attendance)
       where meetings.sequence <= excluded.sequence`,
      [
        meetingIdOf(entry, d),
        entry.boardId,
        d.meeting,
        d.title ?? null,
        d.startsAt ?? null,
        d.endsAt ?? null,
        d.location ?? null,
        d.sequence,
        entry.processId,
        d.attendance ?? null,
      ],
    );
  },

  async 'meeting-agenda-published'(tx, entry, d) {
    const meetingId = meetingOfItsProcess(entry, d);
    await ensureMeeting(tx, entry, meetingId, d.meeting);
    // The items in the agenda's order; an exempt one by its paragraph only (its title never reaches here).
    const items = d.agenda.flatMap((e) =>
      e.kind === 'business' || e.kind === 'exempt'
        ? [
            {
              itemId: `${meetingId}#${e.ref}`,
              decisionId: `decision/${entry.boardId}/${e.ref}`,
              ref: e.ref,
              title: e.kind === 'business' ? e.title : null,
              summary: null,
              exemptParagraph: e.kind === 'exempt' ? e.paragraph : null,
            },
          ]
        : [],
    );
    await tx.query(
      `update meetings set agenda = $2::jsonb, agenda_published_on = $3::date where meeting_id = $1`,
      [meetingId, json(items), d.publishedOn],
    );
  },

  async 'minutes-draft-published'(tx, entry, d) {
    await tx.query(
      `update meetings set minutes_status = 'draft', minutes_published_on = $2::date
       where meeting_id = $1 and minutes_status is distinct from 'approved'`,
      [meetingOfItsProcess(entry, d), d.publishedOn],
    );
  },

  async 'minutes-approved'(tx, entry, d) {
    await tx.query(
      `update meetings set minutes_status = 'approved', minutes_approved_at = $2::date,
         minutes_published_on = coalesce(minutes_published_on, $2::date)
       where meeting_id = $1`,
      [meetingOfItsProcess(entry, d), d.approvedAt],
    );
  },

  async 'meeting-cancelled'(tx, entry, d) {
    const meetingId = meetingIdOf(entry, d);
    await ensureMeeting(tx, entry, meetingId, d.meeting);
    await tx.query(
      `update meetings set status = 'cancelled', sequence = greatest(sequence, $2) where meeting_id = $1`,
      [meetingId, d.sequence],
    );
  },

  async 'agenda-published'(tx, entry, d) {
    const meetingId = meetingIdOf(entry, d);
    const decisionId = decisionIdOf(entry, d);
    await ensureMeeting(tx, entry, meetingId, d.meeting);
    const item = {
      itemId: d.itemId ?? decisionId,
      decisionId,
      ref: d.ref ?? null,
      title: d.exempt ? null : d.title,
      summary: d.exempt ? null : (d.summary ?? null),
      exemptParagraph: d.exempt?.paragraph ?? null,
    };
    // Replace this item if it is already on the agenda, keeping the order of the others.
    await tx.query(
      `update meetings set
         agenda = coalesce((select jsonb_agg(x.value order by x.n) from jsonb_array_elements(agenda)
                            with ordinality as x(value, n) where x.value->>'itemId' <> $2), '[]'::jsonb)
                  || jsonb_build_array($3::jsonb),
         agenda_published_on = greatest(agenda_published_on, $4::date)
       where meeting_id = $1`,
      [meetingId, item.itemId, json(item), d.publishedOn ?? londonDate(entry.at)],
    );
  },

  async 'forward-plan-published'(tx, entry, d) {
    const decisionId = decisionIdOf(entry, d);
    const exempt = d.exempt?.paragraph ?? null;
    await tx.query(
      `insert into forward_plan_entries (entry_id, board_id, decision_id, ref, title, summary, decision_maker,
         decision_due, published_on, key_decision, notice_route, wards, contact, exempt_paragraph,
         exempt_detail, status, process_id, documents)
       values ($1, $2, $3, $4, $5, $6, coalesce($7, ${BOARD_NAME('$2')}), $8, $9, $10, $11, $12::jsonb, $13,
         $14, $15::jsonb, 'planned', $16, $17::jsonb)
       on conflict (entry_id) do update set decision_id = excluded.decision_id, ref = excluded.ref,
         title = excluded.title, summary = excluded.summary, decision_maker = excluded.decision_maker,
         decision_due = excluded.decision_due, published_on = excluded.published_on,
         key_decision = excluded.key_decision, notice_route = excluded.notice_route, wards = excluded.wards,
         contact = excluded.contact, exempt_paragraph = excluded.exempt_paragraph,
         exempt_detail = excluded.exempt_detail, status = 'planned', documents = excluded.documents`,
      [
        d.entryId ?? decisionId,
        entry.boardId,
        decisionId,
        d.ref ?? null,
        exempt ? null : d.title,
        exempt ? null : (d.summary ?? null),
        d.decisionMaker ?? null,
        d.decisionDue ?? d.meeting,
        d.publishedOn ?? londonDate(entry.at),
        d.keyDecision,
        d.noticeRoute,
        json(d.wards),
        d.contact ?? null,
        exempt,
        exempt ? json({ title: d.title, summary: d.summary ?? null }) : null,
        entry.processId,
        json(d.documents),
      ],
    );
  },

  async 'decision-published'(tx, entry, d) {
    const decisionId = decisionIdOf(entry, d);
    const exempt = d.exempt?.paragraph ?? null;
    const votes =
      d.votes ??
      Object.entries(d.votesPerPartner ?? {}).map(([partner, t]) => ({
        partner,
        for: t.for,
        against: t.against,
        abstain: t.abstain,
      }));
    const names = new Map(
      (
        await tx.query<{ member_id: string; name: string }>(
          `select member_id, name from members where board_id = $1`,
          [entry.boardId],
        )
      ).rows.map((m) => [m.member_id, m.name]),
    );
    const memberName = (i: { member?: string | undefined; memberId?: string | undefined }) =>
      i.member ?? names.get(i.memberId ?? '') ?? i.memberId ?? 'A member';
    const interests = d.interestsDeclared.map((i) => ({
      member: memberName(i),
      interest: i.interest ?? 'Declared an interest',
    }));
    const dispensations = d.dispensations.map((x) => ({ member: memberName(x), detail: x.detail }));
    // The workflow's tally explains the count in `reasons`: a count is not why the board decided.
    const reasonsAreTheCount = !d.voteNotes && Boolean(d.votesPerPartner);
    const voteNotes = d.voteNotes ?? (reasonsAreTheCount ? [d.reasons].flat() : []);
    const callIn = d.callIn ?? undefined;
    const callInClosesOn = d.callInClosesOn ?? (callIn && 'windowEnds' in callIn ? callIn.windowEnds : null);
    const callInExemptReason = d.callInExemptReason ?? (callIn && 'why' in callIn ? callIn.why : null);
    const decisionText = d.decisionText ?? d.summary ?? '';
    const reasons = reasonsAreTheCount ? null : joinReasons(d.reasons);
    const implementableFrom =
      callIn && 'implementableFrom' in callIn ? (callIn.implementableFrom ?? null) : null;
    await tx.query(
      `insert into decisions (decision_id, board_id, ref, meeting_id, title, decision_text, outcome, decided_on,
         decided_by, published_on, key_decision, votes, reasons, alternatives_rejected, interests_declared,
         call_in_closes_on, call_in_exempt_reason, amount_pence, scheme_id, exempt_paragraph, exempt_detail,
         process_id, vote_notes, dispensations, implementable_from)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
         coalesce($11, exists (select 1 from forward_plan_entries where decision_id = $1 and key_decision)),
         $12::jsonb, $13, $14::jsonb, $15::jsonb, $16, $17, $18, $19, $20, $21::jsonb, $22, $23::jsonb,
         $24::jsonb, $25)
       on conflict (decision_id) do update set ref = excluded.ref, meeting_id = excluded.meeting_id,
         title = excluded.title, decision_text = excluded.decision_text, outcome = excluded.outcome,
         decided_on = excluded.decided_on, decided_by = excluded.decided_by,
         published_on = excluded.published_on, key_decision = excluded.key_decision, votes = excluded.votes,
         reasons = excluded.reasons, alternatives_rejected = excluded.alternatives_rejected,
         interests_declared = excluded.interests_declared, call_in_closes_on = excluded.call_in_closes_on,
         call_in_exempt_reason = excluded.call_in_exempt_reason, amount_pence = excluded.amount_pence,
         scheme_id = excluded.scheme_id, exempt_paragraph = excluded.exempt_paragraph,
         exempt_detail = excluded.exempt_detail, status = 'published', vote_notes = excluded.vote_notes,
         dispensations = excluded.dispensations, implementable_from = excluded.implementable_from`,
      [
        decisionId,
        entry.boardId,
        d.ref ?? null,
        d.meetingId ?? (d.meeting ? `${entry.boardId}/${d.meeting}` : null),
        exempt ? null : d.title,
        exempt ? null : decisionText,
        d.outcome,
        d.decidedOn ?? d.meeting,
        d.decidedBy ?? null,
        d.publishedOn ?? d.published,
        d.keyDecision ?? null,
        json(votes),
        exempt ? null : reasons,
        exempt ? null : json(d.alternativesRejected),
        json(interests),
        callInClosesOn,
        callInExemptReason,
        d.amountGbp === null || d.amountGbp === undefined ? null : toPence(d.amountGbp),
        d.schemeId ?? null,
        exempt,
        exempt
          ? json({ title: d.title, decisionText, reasons, alternativesRejected: d.alternativesRejected })
          : null,
        entry.processId,
        exempt ? '[]' : json(voteNotes),
        json(dispensations),
        implementableFrom,
      ],
    );
    await setForwardPlanStatus(tx, decisionId, 'taken');
  },

  async 'call-in-lodged'(tx, entry, d) {
    const decisionId = decisionIdOf(entry, d);
    const lodgedOn = (d.lodgedOn ?? d.received) as string;
    await tx.query(
      `insert into call_ins (call_in_id, decision_id, lodged_on, signatories, grounds, valid,
         scrutiny_meeting_by, process_id)
       values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) on conflict (call_in_id) do nothing`,
      [
        d.callInId ?? `${decisionId}/call-in/${lodgedOn}`,
        decisionId,
        lodgedOn,
        json(d.signatories ?? d.members),
        d.grounds,
        d.valid,
        d.scrutinyMeetingBy ?? null,
        entry.processId,
      ],
    );
    if (d.valid) {
      await tx.query(`update decisions set status = 'called-in' where decision_id = $1`, [decisionId]);
    }
  },

  async 'scrutiny-outcome'(tx, entry, d) {
    const decisionId = decisionIdOf(entry, d);
    await tx.query(
      `insert into scrutiny_outcomes (call_in_id, decision_id, met_on, outcome, reasons, process_id)
       values (coalesce($1, (select call_in_id from call_ins where decision_id = $2
                             order by lodged_on desc, call_in_id desc limit 1), $2 || '/call-in'),
               $2, $3, $4, $5, $6)
       on conflict (call_in_id) do update set met_on = excluded.met_on, outcome = excluded.outcome,
         reasons = excluded.reasons`,
      [
        d.callInId ?? null,
        decisionId,
        d.metOn ?? londonDate(entry.at),
        d.outcome,
        d.reasons,
        entry.processId,
      ],
    );
    // "No further action": the decision stands and the standstill is over.
    if (d.outcome === 'no-further-action') {
      await tx.query(
        `update decisions set status = 'published' where decision_id = $1 and status = 'called-in'`,
        [decisionId],
      );
    }
  },

  async 'decision-reconsidered'(tx, entry, d) {
    await tx.query(
      `update decisions set reconsideration = $2::jsonb,
         status = case when $3 = 'rescind' then 'rescinded' else 'published' end,
         outcome = case $3 when 'amend' then 'amended' when 'rescind' then 'rescinded' else outcome end
       where decision_id = $1`,
      [decisionIdOf(entry, d), json({ outcome: d.outcome, reasons: d.reasons }), d.outcome],
    );
  },

  async rescinded(tx, entry, d) {
    await tx.query(
      `update decisions set status = 'rescinded', outcome = 'rescinded' where decision_id = $1`,
      [decisionIdOf(entry, d)],
    );
  },

  async implemented(tx, entry, d) {
    const decisionId = decisionIdOf(entry, d);
    const on = d.implementedOn ?? londonDate(entry.at);
    await tx.query(
      `update decisions set status = 'implemented', implemented_on = $2 where decision_id = $1`,
      [decisionId, on],
    );
    // Implementing a decision that spends from a pooled budget commits the money against the scheme.
    if (d.amountGbp && d.schemeId) {
      await writers['commitment-made'](tx, entry, {
        commitmentId: `${decisionId}/commitment`,
        schemeId: d.schemeId,
        decisionId,
        amountGbp: d.amountGbp,
        committedOn: on,
        ...(d.why ? { description: d.why } : {}),
      });
    }
  },

  async withdrawn(tx, entry, d) {
    await setForwardPlanStatus(tx, decisionIdOf(entry, d), 'withdrawn');
  },

  async referred(tx, entry, d) {
    await setForwardPlanStatus(tx, decisionIdOf(entry, d), 'referred');
  },

  async 'review-scheduled'(tx, entry, d) {
    await tx.query(
      `insert into reviews (review_id, board_id, cycle, due_on, process_id) values ($1, $2, $3, $4, $5)
       on conflict (review_id) do update set due_on = excluded.due_on`,
      [d.reviewId ?? reviewIdOf(entry, d.cycle), entry.boardId, d.cycle, d.reviewDue, entry.processId],
    );
  },

  async 'review-started'(tx, entry, d) {
    await tx.query(
      `insert into reviews (review_id, board_id, cycle, due_on, started_on, process_id)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (review_id) do update set due_on = excluded.due_on, started_on = excluded.started_on`,
      [
        d.reviewId ?? reviewIdOf(entry, d.cycle),
        entry.boardId,
        d.cycle,
        d.reviewDue,
        d.startedOn ?? londonDate(entry.at),
        entry.processId,
      ],
    );
  },

  async 'review-completed'(tx, entry, d) {
    await tx.query(
      `insert into reviews (review_id, board_id, cycle, due_on, completed_on, outcome, summary, process_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (review_id) do update set completed_on = excluded.completed_on,
         outcome = excluded.outcome, summary = excluded.summary`,
      [
        d.reviewId ?? reviewIdOf(entry, d.cycle),
        entry.boardId,
        d.cycle,
        d.reviewDue,
        d.completedOn,
        d.outcome,
        d.summary ?? null,
        entry.processId,
      ],
    );
  },

  async 'budget-scheme-set'(tx, entry, d) {
    await tx.query(
      `insert into budget_schemes (board_id, scheme_id, name, pool_type, budget_pence)
       values ($1, $2, $3, $4, $5)
       on conflict (board_id, scheme_id) do update set name = excluded.name, pool_type = excluded.pool_type,
         budget_pence = excluded.budget_pence`,
      [entry.boardId, d.id, d.name, d.kind, toPence(d.amountGbp)],
    );
  },

  async 'commitment-made'(tx, entry, d) {
    await tx.query(
      `insert into commitments (commitment_id, board_id, scheme_id, decision_id, amount_pence, committed_on,
         description, process_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (commitment_id) do nothing`,
      [
        d.commitmentId,
        entry.boardId,
        d.schemeId,
        d.decisionId ?? null,
        toPence(d.amountGbp),
        d.committedOn,
        d.description ?? null,
        entry.processId,
      ],
    );
  },
};
