/**
 * The register on both engines it runs on: embedded PGlite and a real PostgreSQL server.
 * Every write is keyed by (workflowId, step); running it again must change nothing at all.
 * The tests in a block share one database and run in order: the first records a board's whole life.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createSmtpMailer } from '../../activities/mail/mailer';
import { loadMigrations, migrate } from '../../activities/records/migrate';
import { openRegister, type Register } from '../../activities/records/register';
import {
  BCF,
  boardEstablished,
  CARE_HOMES,
  decisionPublic,
  entry,
  everyKind,
  forwardPlanExempt,
  LIBRARY,
  meetingScheduled,
  reviewStarted,
  SECRET,
} from '../support/register-entries';
import { countRows, registerBackends, snapshot } from '../support/registers';

describe.each(registerBackends())('register on $name', (backend) => {
  let register: Register;
  const q = async (sql: string, params: unknown[] = []) =>
    (await register.db.query<Record<string, unknown>>(sql, params)).rows;

  beforeAll(async () => {
    if (backend.available) register = await backend.open();
  });
  afterAll(async () => {
    await register?.close();
    await backend.stop();
  });

  it.skipIf(!backend.available)('has applied every migration, and migrating again applies none', async () => {
    const rows = await q('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    expect(rows.length).toBeGreaterThan(0);
    expect(await migrate(register.db)).toEqual([]);
  });

  it.skipIf(!backend.available)(
    'records every kind once; the second run of each changes nothing',
    async () => {
      // Through the activity the worker registers; record() never uses this mailer.
      const mailer = createSmtpMailer({
        host: '127.0.0.1',
        port: 1,
        secure: false,
        from: { name: 'x', address: 'x@example.org' },
      });
      const { record } = createActivities({ mailer, register });
      for (const e of everyKind()) {
        expect(await record(e), `${e.kind} first run`).toEqual({ duplicate: false });
        const before = await snapshot(register);
        expect(await record(e), `${e.kind} second run`).toEqual({ duplicate: true });
        expect(await snapshot(register), `${e.kind} second run changed the register`).toEqual(before);
      }
      expect(await countRows(register)).toEqual({
        boards: 1,
        members: 4,
        tor_versions: 1,
        meetings: 2,
        forward_plan_entries: 5,
        decisions: 3,
        call_ins: 1,
        scrutiny_outcomes: 1,
        reviews: 1,
        budget_schemes: 3,
        commitments: 2,
        notifications: 0,
        audit_log: everyKind().length,
      });
    },
  );

  it.skipIf(!backend.available)('writes the board, its members and its pooled budgets', async () => {
    expect(
      await q(`select name, status, established_on::text as on, dissolved_on::text as off from boards`),
    ).toEqual([
      {
        name: 'Southampton Joint Commissioning Board',
        status: 'dissolved',
        on: '2025-01-15',
        off: '2027-03-31',
      },
    ]);
    expect(await q(`select member_id, partner, voting from members order by member_id`)).toEqual([
      { member_id: 'cllr-a', partner: 'council', voting: true },
      { member_id: 'cllr-b', partner: 'council', voting: true },
      { member_id: 'dir-d', partner: 'nhs', voting: false },
      { member_id: 'ned-c', partner: 'nhs', voting: true },
    ]);
    expect(
      await q(`select scheme_id, pool_type, budget_pence::text as p from budget_schemes order by 1`),
    ).toEqual([
      { scheme_id: 'bcf', pool_type: 's75', p: '2560000000' },
      { scheme_id: 'ld', pool_type: 'aligned', p: '199999' },
      { scheme_id: 'mh', pool_type: 's256', p: '400000000' },
    ]);
    expect(await q(`select version, content_hash from tor_versions`)).toEqual([
      { version: 1, content_hash: 'a'.repeat(64) },
    ]);
  });

  it.skipIf(!backend.available)(
    'writes a decision record from what the decision workflow sends',
    async () => {
      const [bcf] = await q(
        `select ref, status, implemented_on::text as implemented, meeting_id, decided_on::text as decided,
         published_on::text as published, decided_by, key_decision, votes, reasons, interests_declared,
         call_in_closes_on::text as closes, alternatives_rejected
       from decisions where decision_id = $1`,
        [BCF],
      );
      expect(bcf).toEqual({
        ref: '2025-014',
        status: 'implemented',
        implemented: '2025-03-04',
        meeting_id: 'southampton-jcb/2025-04-01',
        decided: '2025-04-01',
        published: '2025-04-02',
        decided_by: 'Southampton Joint Commissioning Board',
        key_decision: true,
        votes: [
          { partner: 'council', for: 2, against: 0, abstain: 0 },
          { partner: 'nhs', for: 1, against: 0, abstain: 0 },
        ],
        reasons: 'It meets the national conditions.\nBoth partners agreed.',
        interests_declared: [{ member: 'Carol Ng', interest: 'Trustee of a carers’ charity' }],
        closes: '2025-04-09',
        alternatives_rejected: ['Roll over last year’s plan', 'Reduce the carers’ budget'],
      });
      expect(
        await q(`select call_in_exempt_reason as why from decisions where decision_id = $1`, [CARE_HOMES]),
      ).toEqual([{ why: 'special urgency agreed by the O&S chair (reg 11)' }]);
      expect(
        await q(`select status, outcome, reconsideration from decisions where decision_id = $1`, [LIBRARY]),
      ).toEqual([
        {
          status: 'rescinded',
          outcome: 'rescinded',
          reconsideration: { outcome: 'rescind', reasons: 'No budget.' },
        },
      ]);
      // Implementing a decision with an amount and a scheme commits the money against the scheme.
      expect(
        await q(
          `select commitment_id, scheme_id, amount_pence::text as p, decision_id from commitments order by 1`,
        ),
      ).toEqual([
        { commitment_id: 'cm-ld-1', scheme_id: 'ld', p: '50000', decision_id: null },
        { commitment_id: `${BCF}/commitment`, scheme_id: 'bcf', p: '125000050', decision_id: BCF },
      ]);
    },
  );

  it.skipIf(!backend.available)(
    'writes call-ins, scrutiny outcomes, the Forward Plan, reviews and meetings',
    async () => {
      expect(
        await q(`select call_in_id, signatories, scrutiny_meeting_by::text as by from call_ins`),
      ).toEqual([
        {
          call_in_id: `${BCF}/call-in/2025-04-07`,
          signatories: ['Cllr One', 'Cllr Two', 'Cllr Three', 'Cllr Four', 'Cllr Five'],
          by: '2025-04-28',
        },
      ]);
      expect(await q(`select call_in_id, outcome, met_on::text as met from scrutiny_outcomes`)).toEqual([
        { call_in_id: `${BCF}/call-in/2025-04-07`, outcome: 'no-further-action', met: '2025-03-04' },
      ]);
      const board = 'Southampton Joint Commissioning Board';
      expect(
        await q(
          `select ref, status, decision_maker, decision_due::text as due from forward_plan_entries order by ref`,
        ),
      ).toEqual([
        { ref: '2025-014', status: 'taken', decision_maker: board, due: '2025-04-01' },
        { ref: '2025-015', status: 'taken', decision_maker: board, due: '2025-04-01' },
        { ref: '2025-016', status: 'taken', decision_maker: board, due: '2025-05-06' },
        { ref: '2025-017', status: 'withdrawn', decision_maker: board, due: '2025-05-06' },
        { ref: '2025-018', status: 'referred', decision_maker: board, due: '2025-05-06' },
      ]);
      expect(
        await q(
          `select review_id, due_on::text as due, started_on::text as started, completed_on::text as done, outcome from reviews`,
        ),
      ).toEqual([
        {
          review_id: 'southampton-jcb/review/1',
          due: '2026-01-15',
          started: '2025-03-04',
          done: '2026-03-02',
          outcome: 'continue',
        },
      ]);
      expect(
        await q(
          `select meeting_id, status, sequence, starts_at is not null as timed, agenda from meetings order by meets_on`,
        ),
      ).toEqual([
        {
          meeting_id: 'southampton-jcb/2025-04-01',
          status: 'scheduled',
          sequence: 0,
          timed: true,
          agenda: [
            {
              itemId: BCF,
              decisionId: BCF,
              ref: '2025-014',
              title: 'Better Care Fund plan 2025/26 & <b>carers</b>',
              summary: 'Approve the pooled fund plan for the year.',
              exemptParagraph: null,
            },
            {
              itemId: CARE_HOMES,
              decisionId: CARE_HOMES,
              ref: '2025-015',
              title: null,
              summary: null,
              exemptParagraph: 3,
            },
          ],
        },
        {
          meeting_id: 'southampton-jcb/2025-06-03',
          status: 'cancelled',
          sequence: 1,
          timed: false,
          agenda: [],
        },
      ]);
      expect(await q(`select kind from audit_log where kind = 'review-reminder-sent'`)).toHaveLength(1);
    },
  );

  it.skipIf(!backend.available)('keeps exempt text out of every public column', async () => {
    const publicColumns = await q(
      `select row_to_json(t)::text as text from (
         select decision_id, title, decision_text, reasons, alternatives_rejected, votes from decisions
         where exempt_paragraph is not null) t
       union all
       select row_to_json(t)::text from (
         select entry_id, title, summary, decision_maker from forward_plan_entries where exempt_paragraph is not null) t
       union all
       select agenda::text from meetings`,
    );
    expect(publicColumns.length).toBe(4);
    for (const row of publicColumns) expect(row.text).not.toContain(SECRET);
    // The confidential record is kept, apart from the public columns, for the authority itself.
    const detail = await q(`select exempt_detail::text as d from decisions where exempt_paragraph = 3`);
    expect(detail[0]?.d).toContain(SECRET);
    const views = JSON.stringify([
      await register.decisions(),
      await register.forwardPlan(),
      await register.meetings(),
    ]);
    expect(views).not.toContain(SECRET);
    expect(views).toContain('Exempt under paragraph 3 of Schedule 12A');
  });

  it.skipIf(!backend.available)('keeps a refused action in the audit log only', async () => {
    const before = await countRows(register);
    const refusal = entry('action-refused', {
      action: 'vote',
      actor: 'cllr-zed-unknown',
      reason: 'member: "cllr-zed-unknown" is not a member of the board',
    });
    expect(await register.record(refusal)).toEqual({ duplicate: false });
    expect(await register.record(refusal)).toEqual({ duplicate: true });
    const rows = await q(`select kind, data from audit_log where workflow_id = $1 and step = $2`, [
      refusal.key.workflowId,
      refusal.key.step,
    ]);
    expect(rows).toEqual([{ kind: 'action-refused', data: refusal.data }]);
    const after = await countRows(register);
    expect(after).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });

  it.skipIf(!backend.available)('rejects an update, a delete or a truncate of the audit log', async () => {
    const before = await countRows(register);
    await expect(register.db.query(`update audit_log set kind = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(register.db.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(register.db.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
    expect(await countRows(register)).toEqual(before);
  });

  it.skipIf(!backend.available)('refuses invalid data without retrying and without writing', async () => {
    const before = await snapshot(register);
    const bad = entry('decision-published', { ...decisionPublic().data, votes: 'show of hands' });
    const error = await register.record(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    expect((error as ApplicationFailure).message).toMatch(/votes/);
    const badExempt = entry('forward-plan-published', {
      ...forwardPlanExempt().data,
      exempt: { paragraph: 9 },
    });
    await expect(register.record(badExempt)).rejects.toThrow(/exempt\.paragraph/);
    const noDate = entry('forward-plan-published', { title: 'When?' });
    await expect(register.record(noDate)).rejects.toThrow(/decisionDue: needs decisionDue or meeting/);
    const badKey = { ...reviewStarted(), key: { workflowId: '', step: 's' } };
    await expect(register.record(badKey)).rejects.toThrow(/key\.workflowId/);
    expect(await snapshot(register)).toEqual(before);
  });

  it.skipIf(!backend.available)('refuses a key reused for a different entry', async () => {
    const first = entry('note', { text: 'first' });
    await register.record(first);
    const error = await register.record({ ...first, data: { text: 'second' } }).catch((e: unknown) => e);
    expect((error as ApplicationFailure).type).toBe('RegisterKeyReused');
  });

  it.skipIf(!backend.available)('rolls back the audit row when a typed row fails', async () => {
    const before = await snapshot(register);
    // Ends before it starts: only the database's check constraint catches this one.
    const backwards = entry('meeting-scheduled', {
      meeting: '2025-05-01',
      startsAt: '2025-05-01T15:00:00Z',
      endsAt: '2025-05-01T13:00:00Z',
    });
    await expect(register.record(backwards)).rejects.toThrow(/check constraint/);
    expect(await snapshot(register)).toEqual(before);
  });

  it.skipIf(!backend.available)('moves a meeting on a higher sequence and ignores a stale one', async () => {
    const moving = (sequence: number, meeting: string) => {
      const e = meetingScheduled(sequence, `${meeting}T13:00:00Z`, meeting);
      return { ...e, data: { ...e.data, meetingId: 'jcb-june' } };
    };
    await register.record(moving(0, '2025-06-03'));
    await register.record(moving(2, '2025-06-10'));
    await register.record(moving(1, '2025-06-05'));
    expect(await register.meeting('jcb-june')).toMatchObject({
      meetsOn: '2025-06-10',
      startsAt: '2025-06-10T13:00:00Z',
      sequence: 2,
      status: 'scheduled',
    });
  });

  it.skipIf(!backend.available)(
    'lets only one of several concurrent runs of the same step write',
    async () => {
      const same = entry('commitment-made', {
        commitmentId: 'cm-concurrent',
        schemeId: 'bcf',
        amountGbp: 10,
        committedOn: '2025-05-01',
      });
      const results = await Promise.all([
        register.record(same),
        register.record(same),
        register.record(same),
      ]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await q(`select 1 from commitments where commitment_id = 'cm-concurrent'`)).toHaveLength(1);
    },
  );

  it.skipIf(!backend.available)('publishes views that agree with what was recorded', async () => {
    const decisions = await register.decisions();
    expect(decisions.find((d) => d.decisionId === BCF)).toMatchObject({
      ref: '2025-014',
      outcome: 'approved',
      amountGbp: 25_600_000,
      decidedOn: '2025-04-01',
      status: 'implemented',
      exempt: null,
    });
    const exempt = decisions.find((d) => d.decisionId === CARE_HOMES);
    expect(exempt?.exempt).toEqual({ paragraph: 3, notice: 'Exempt under paragraph 3 of Schedule 12A' });
    expect(exempt).not.toHaveProperty('title');
    const plan = await register.forwardPlan();
    expect(plan).toHaveLength(5);
    expect(plan.find((p) => p.entryId === BCF)).toMatchObject({
      wards: ['Bargate', 'Portswood'],
      decisionDue: '2025-04-01',
      status: 'taken',
    });
    const meeting = await register.meeting('southampton-jcb/2025-04-01');
    expect(meeting?.agenda.map((i) => i.title ?? i.exempt?.notice)).toEqual([
      'Better Care Fund plan 2025/26 & <b>carers</b>',
      'Exempt under paragraph 3 of Schedule 12A',
    ]);
  });
});

describe('PGlite register on disk', () => {
  it('keeps what was recorded across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govflow-restart-'));
    try {
      const first = await openRegister({ dataDir: dir });
      const e = boardEstablished();
      await first.record(e);
      await first.close();
      const second = await openRegister({ dataDir: dir });
      expect(await second.record(e)).toEqual({ duplicate: true });
      expect((await countRows(second)).members).toBe(4);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
