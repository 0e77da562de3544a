/**
 * Call-ins gathering signatures in the console (migration 0004): one O&S member opens a call-in with its
 * grounds, others add their own signatures, and the call-in is lodged once when enough have signed. Who
 * signed is always the signed-in person; the store never takes it from a form.
 */
import type { Db } from '../activities/records/db';

export interface PendingCallIn {
  grounds: string;
  openedBy: string;
  /** O&S member ids, in the order they signed. */
  signatories: string[];
  lodged: boolean;
}

export class CallInStore {
  constructor(private readonly db: Db) {}

  async find(workflowId: string): Promise<PendingCallIn | undefined> {
    const { rows } = await this.db.query<{ grounds: string; opened_by: string; lodged: boolean }>(
      'select grounds, opened_by, lodged_at is not null as lodged from console_call_ins where workflow_id = $1',
      [workflowId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const signed = await this.db.query<{ member: string }>(
      'select member from console_call_in_signatures where workflow_id = $1 order by signed_at, member',
      [workflowId],
    );
    return {
      grounds: row.grounds,
      openedBy: row.opened_by,
      signatories: signed.rows.map((r) => r.member),
      lodged: row.lodged,
    };
  }

  /** Opens a call-in signed by its opener; false when one is already open for the decision. */
  async open(workflowId: string, grounds: string, member: string, email: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `insert into console_call_ins (workflow_id, grounds, opened_by) values ($1, $2, $3)
         on conflict (workflow_id) do nothing returning workflow_id`,
        [workflowId, grounds, member],
      );
      if (rows.length === 0) return false;
      await tx.query(
        'insert into console_call_in_signatures (workflow_id, member, email) values ($1, $2, $3)',
        [workflowId, member, email],
      );
      return true;
    });
  }

  /** Adds a member's signature; signing twice counts once. */
  async sign(workflowId: string, member: string, email: string): Promise<void> {
    await this.db.query(
      `insert into console_call_in_signatures (workflow_id, member, email) values ($1, $2, $3)
       on conflict (workflow_id, member) do nothing`,
      [workflowId, member, email],
    );
  }

  /**
   * Claims the lodging of a call-in not yet lodged, so two members signing at once send it only once;
   * `release` gives the claim back when the decision refuses it.
   */
  async claimLodging(workflowId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `update console_call_ins set lodged_at = now() where workflow_id = $1 and lodged_at is null
       returning workflow_id`,
      [workflowId],
    );
    return rows.length > 0;
  }

  async release(workflowId: string): Promise<void> {
    await this.db.query('update console_call_ins set lodged_at = null where workflow_id = $1', [workflowId]);
  }
}
