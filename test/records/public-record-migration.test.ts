/**
 * Migrations 0003 and 0004 on a register written before them. 0003: a decision the decision workflow recorded (its tally's
 * account of the count as `reasons`) has the count moved out of its reasons, and gets the day it may be
 * implemented, both from the audit log. A decision with reasons of its own keeps them. 0004: a meeting gets
 * the attendance (in person, hybrid, remote) its latest scheduling entry named.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../../activities/records/db';
import { loadMigrations, migrate } from '../../activities/records/migrate';

const DECISION = 'decision/southampton-jcb/2025-016';
const OWN = 'decision/southampton-jcb/2025-019';

describe('the public record migrations on a register recorded before them', () => {
  let db: Db;
  afterAll(() => db?.close());

  it('0003 moves the vote count out of the reasons and keeps the day it may be implemented', async () => {
    db = await openPglite(undefined);
    const all = loadMigrations();
    const before = all.filter((m) => m.version < '0003');
    expect(before.length).toBeLessThan(all.length);
    await migrate(db, before);
    const insert = async (id: string, data: object, reasons: string) => {
      await db.query(
        `insert into audit_log (workflow_id, step, board_id, process_id, kind, at, data)
         values ($1, 'decision-published', 'southampton-jcb', $1, 'decision-published', now(), $2::jsonb)`,
        [id, JSON.stringify(data)],
      );
      await db.query(
        `insert into decisions (decision_id, board_id, outcome, decided_on, published_on, key_decision, reasons,
           title, decision_text, process_id)
         values ($1, 'southampton-jcb', 'approved', '2025-04-01', '2025-04-02', false, $2, 'T', 'D', $1)`,
        [id, reasons],
      );
    };
    await insert(
      DECISION,
      {
        votesPerPartner: { council: { for: 2, against: 0, abstain: 0 } },
        callIn: { windowEnds: '2025-04-09', implementableFrom: '2025-04-10' },
      },
      'Council: 2 for, 0 against\nconsensus of all partners',
    );
    await insert(OWN, { votes: [{ partner: 'council', for: 2, against: 0 }] }, 'It meets the conditions.');
    expect(await migrate(db)).toEqual(all.filter((m) => m.version >= '0003').map((m) => m.version));
    const { rows } = await db.query<{
      decision_id: string;
      reasons: string | null;
      vote_notes: string[];
      implementable_from: string | null;
    }>(
      `select decision_id, reasons, vote_notes, implementable_from::text as implementable_from
       from decisions order by decision_id`,
    );
    expect(rows).toEqual([
      {
        decision_id: DECISION,
        reasons: null,
        vote_notes: ['Council: 2 for, 0 against', 'consensus of all partners'],
        implementable_from: '2025-04-10',
      },
      { decision_id: OWN, reasons: 'It meets the conditions.', vote_notes: [], implementable_from: null },
    ]);
  });

  it('0004 gives a meeting recorded before it the attendance its latest scheduling entry named', async () => {
    const old = await openPglite(undefined);
    try {
      const all = loadMigrations();
      await migrate(
        old,
        all.filter((m) => m.version < '0004'),
      );
      const schedule = async (step: string, data: object) =>
        old.query(
          `insert into audit_log (workflow_id, step, board_id, process_id, kind, at, data)
           values ('meeting/southampton-jcb/2025-05-06', $1, 'southampton-jcb', 'meeting/southampton-jcb/2025-05-06',
             'meeting-scheduled', now(), $2::jsonb)`,
          [step, JSON.stringify(data)],
        );
      await schedule('meeting-scheduled/0', { meeting: '2025-05-06', attendance: 'in-person', sequence: 0 });
      await schedule('meeting-scheduled/1', { meeting: '2025-05-06', attendance: 'hybrid', sequence: 1 });
      await old.query(
        `insert into meetings (meeting_id, board_id, meets_on, title, process_id)
         values ('southampton-jcb/2025-05-06', 'southampton-jcb', '2025-05-06', 'JCB', 'm'),
                ('southampton-jcb/2025-06-03', 'southampton-jcb', '2025-06-03', 'JCB', 'm')`,
      );
      await migrate(old);
      const { rows } = await old.query<{ meeting_id: string; attendance: string | null }>(
        'select meeting_id, attendance from meetings order by meeting_id',
      );
      expect(rows).toEqual([
        { meeting_id: 'southampton-jcb/2025-05-06', attendance: 'hybrid' },
        { meeting_id: 'southampton-jcb/2025-06-03', attendance: null },
      ]);
    } finally {
      await old.close();
    }
  });
});
