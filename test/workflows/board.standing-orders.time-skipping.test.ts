/**
 * A board's process registers its standing orders: every process of the board takes them from here by board
 * id and version (issue 19). They change only by a governed step: democratic services register the version
 * the parent bodies approved, citing that approval; anyone else is refused and audited.
 */
import { describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import { amendStandingOrdersUpdate, standingOrdersQuery } from '../../definitions';
import type { StandingOrders } from '../../governance/standing-orders';
import { THURSDAY, addDays, anchorDay, at, quietDay } from '../support/dates';
import { refusal, sha256, southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

const { so, DEMOCRATIC_SERVICES } = southamptonPeople;
const FIRST_MEETING = quietDay({ weekday: THURSDAY, daysAhead: 14 });
const PROPOSED = addDays(FIRST_MEETING, -10);

describe('the registered standing orders of a board (time-skipping server)', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  it('registers version 1 when proposed; a governed amendment registers version 2; the wrong person or a changed board id is refused', async () => {
    expect(PROPOSED > anchorDay()).toBe(true);
    await clockTo(at(PROPOSED, '10:00'));
    await withDouble('board-so', async ({ entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: 'Terms of Reference: Southampton Joint Commissioning Board',
        firstMeeting: FIRST_MEETING,
        proposedOn: PROPOSED,
      });
      const v1 = await handle.query(standingOrdersQuery);
      expect(v1).toMatchObject({ boardId: 'southampton-jcb', version: 1, since: PROPOSED });
      expect(v1.contentHash).toBe(sha256(JSON.stringify(v1.standingOrders)));
      expect(v1.standingOrders.members.map((m) => m.id)).toEqual(so.members.map((m) => m.id));

      // A quorum of three per partner, approved by both parent bodies.
      const amended = { ...v1.standingOrders, quorum: { council: 3, nhs: 3 } };
      const amend = (by: string, standingOrders: StandingOrders = amended) =>
        handle.executeUpdate(amendStandingOrdersUpdate, {
          args: [{ by, standingOrders, approvedBy: 'Cabinet and CCG Governing Body, minute 7' }],
        });
      expect(await refusal(amend('commissioning.lead@southampton.example.org'))).toMatch(
        /democratic services/i,
      );
      expect(
        await refusal(
          amend(DEMOCRATIC_SERVICES, { ...amended, board: { ...amended.board, id: 'other-jcb' } }),
        ),
      ).toBe('standingOrders.board.id: must stay "southampton-jcb" (a board keeps its id)');
      expect(await refusal(amend(DEMOCRATIC_SERVICES, v1.standingOrders))).toBe(
        'the standing orders are identical to version 1',
      );

      await clockTo(at(addDays(PROPOSED, 2), '11:00'));
      const v2 = await amend(DEMOCRATIC_SERVICES);
      expect(v2).toEqual({ version: 2, contentHash: sha256(JSON.stringify(amended)) });
      expect(await handle.query(standingOrdersQuery)).toMatchObject({
        version: 2,
        since: addDays(PROPOSED, 2),
        contentHash: v2.contentHash,
        standingOrders: { quorum: { council: 3, nhs: 3 } },
      });
      await expect.poll(() => entries.map((e) => e.kind)).toContain('standing-orders-amended');
      expect(
        entries.filter((e) => e.kind !== 'board-proposed').map((e) => [e.kind, e.key.step, e.data]),
      ).toEqual([
        [
          'action-refused',
          'establish/refused/1',
          {
            action: 'amendStandingOrders',
            actor: 'commissioning.lead@southampton.example.org',
            reason: expect.stringMatching(/democratic services/i),
          },
        ],
        [
          'standing-orders-amended',
          'establish/standing-orders/v2',
          {
            version: 2,
            contentHash: v2.contentHash,
            approvedBy: 'Cabinet and CCG Governing Body, minute 7',
            by: DEMOCRATIC_SERVICES,
          },
        ],
      ]);
      await handle.terminate('test over');
    });
  });
});
