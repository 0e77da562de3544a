/**
 * Migration 0003 on a register written before it: a decision the decision workflow recorded (its tally's
 * account of the count as `reasons`) has the count moved out of its reasons, and gets the day it may be
 * implemented, both from the audit log. A decision with reasons of its own keeps them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../../activities/records/db';
import { loadMigrations, migrate } from '../../activities/records/migrate';

const DECISION = 'decision/southampton-jcb/2025-016';
const OWN = 'decision/southampton-jcb/2025-019';

describe('migration 0003 on a register recorded before it', () => {
  let db: Db;
  afterAll(() => db?.close());

  it('moves the vote count out of the reasons and keeps the day it may be implemented', async () => {
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
});
