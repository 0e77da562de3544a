/**
 * A care-group partnership board's recommendation (wiltshire-2009-adult ¶19) on the time-skipping server
 * with the real activities: it goes to the JCB's next meeting that can still meet the notice rules, the
 * JCB's decision process runs for it as a child, and the outcome reaches the partnership board's clerk by
 * real SMTP and the register's audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createSmtpMailer, type Mailer } from '../../activities/mail/mailer';
import type { Register } from '../../activities/records/register';
import { startPartnershipRecommendation } from '../../client/processes/partnership-recommendation';
import {
  decisionWorkflowId,
  partnershipRecommendationStatusQuery,
  voteUpdate,
  type PartnershipRecommendationInput,
  type PartnershipRecommendationResult,
} from '../../definitions';
import { knownBoards } from '../support/boards';
import { THURSDAY, addDays, at, quietDay } from '../support/dates';
import { everyoneFor, item, southampton } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { registerBackends } from '../support/registers';
import { startCaptureServer, type CaptureServer } from '../support/smtp';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';
import { timeSkippingPerTest } from '../support/time-skipping';

const CLERK = 'older.people.board@southampton.example.org';
const PRESENTER = 'commissioning.lead@southampton.example.org';
const REF = '2027-PB01';

/**
 * The case: a JCB meeting (2nd Thursday) with no bank holiday six weeks before it or five after. The
 * recommendation is sent on the Monday before the JCB's previous meeting, whose agenda (five clear working
 * days: published by the Wednesday of the week before) can no longer be met, so it goes to MEETING.
 */
const MEETING = quietDay({
  weekday: THURSDAY,
  daysAhead: 63,
  quietBefore: 42,
  where: (d) => southampton.meetings.includes(d),
});
const PREVIOUS = southampton.meetings[southampton.meetings.indexOf(MEETING) - 1]!;
const SENT = addDays(PREVIOUS, -3);

const input: PartnershipRecommendationInput = {
  ref: REF,
  standingOrders: southampton,
  partnershipBoard: {
    id: 'older-people-pb',
    name: 'Older People’s Partnership Board',
    clerk: { name: 'Partnership board clerk', email: CLERK },
  },
  title: 'Reablement at home after hospital discharge',
  recommendation: 'Extend the integrated reablement service to weekends, as carers asked.',
  topic: 'integrated rehabilitation and reablement',
  presentedBy: PRESENTER,
};

describe('a partnership board recommendation to the JCB, on the time-skipping server', () => {
  const [pglite] = registerBackends();
  let smtp: CaptureServer;
  let mailer: Mailer;
  let register: Register;
  beforeAll(async () => {
    smtp = await startCaptureServer();
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTls: true,
      from: { name: 'Southampton JCB', address: 'jcb@southampton.example' },
    });
    register = await pglite!.open();
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await register?.close();
    await pglite!.stop();
  });

  it('goes to the next JCB meeting that can still meet the notice, is decided there, and the outcome reaches the partnership board', async () => {
    const env = await timeSkipping();
    try {
      const taskQueue = uniqueTaskQueue('partnership-recommendation');
      const double = recordingActivities(
        createActivities({ mailer, register, boards: knownBoards(southampton) }),
      );
      const result = await withWorker(env.nativeConnection, taskQueue, double.activities, async () => {
        await env.sleep(Date.parse(at(SENT, '10:00')) - (await env.currentTimeMs()));
        const handle = await startPartnershipRecommendation(env.client, taskQueue, input);
        expect(handle.workflowId).toBe(`partnership-recommendation/southampton-jcb/${REF}`);
        const decision = env.client.workflow.getHandle(decisionWorkflowId('southampton-jcb', REF));

        // Placed while the item's decision waits for its agenda: MEETING, not the previous meeting.
        for (let i = 0; ; i++) {
          const status = await handle.query(partnershipRecommendationStatusQuery);
          if (status.stage === 'at-jcb') {
            expect(status).toMatchObject({
              process: 'partnership-recommendation',
              boardId: 'southampton-jcb',
              partnershipBoard: input.partnershipBoard.name,
              meetingDate: MEETING,
              decisionId: decision.workflowId,
            });
            expect(status.steps.find((s) => s.kind === 'meeting-chosen')?.detail).toMatch(
              new RegExp(`^${MEETING}: the first JCB meeting that still allows agenda: 5 clear working days`),
            );
            break;
          }
          expect(i).toBeLessThan(100);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }

        await env.sleep(Date.parse(at(MEETING, '10:00')) - (await env.currentTimeMs()));
        for (const v of everyoneFor) await decision.executeUpdate(voteUpdate, { args: [v] });
        return handle.result();
      });

      expect(result).toMatchObject<Partial<PartnershipRecommendationResult>>({
        outcome: 'implemented',
        meetingDate: MEETING,
        decisionId: `decision/southampton-jcb/${REF}`,
      });
      // The JCB's item ran under the recommendation's reference, for MEETING, from the presenting officer.
      expect(double.claims.map((c) => c.boardId)).toEqual(['southampton-jcb', 'southampton-jcb']);
      expect(
        double.entries.filter((e) => e.processId === `decision/southampton-jcb/${REF}`).map((e) => e.kind),
      ).toContain('decision-published');

      // The outcome reached the partnership board's clerk over SMTP, after the JCB's decision.
      const toClerk = smtp.received.filter((m) => m.envelopeTo.includes(CLERK));
      expect(toClerk.map((m) => m.parsed.subject)).toEqual([
        expect.stringMatching(/^On the JCB agenda: partnership board recommendation/),
        expect.stringMatching(/^JCB outcome: partnership board recommendation/),
      ]);
      const outcome = toClerk[1]!.parsed.text ?? '';
      expect(outcome).toContain('implemented');
      expect(outcome).toContain('Older People’s Partnership Board');
      expect(smtp.received.filter((m) => m.envelopeTo.includes(PRESENTER)).length).toBeGreaterThanOrEqual(2);

      // And the register's audit has it, after the item's own entries.
      const { rows } = await register.db.query<{ kind: string }>(
        'select kind from audit_log where workflow_id = $1 order by seq',
        [`partnership-recommendation/southampton-jcb/${REF}`],
      );
      expect(rows.map((r) => r.kind)).toEqual([
        'partnership-recommendation-received',
        'partnership-recommendation-outcome',
      ]);
    } finally {
      await env.teardown();
    }
  });
});

describe('a partnership board recommendation the JCB cannot take, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  it('with no JCB meeting that can still meet the notice, reports that back instead of failing', async () => {
    await clockTo(at(SENT, '10:00'));
    // The JCB's listed meetings end with the previous one, whose agenda can no longer be published.
    const ending = { ...southampton, meetings: southampton.meetings.filter((m) => m <= PREVIOUS) };
    await withDouble('partnership-recommendation', async ({ notifications, entries }, taskQueue) => {
      const handle = await startPartnershipRecommendation(env().client, taskQueue, {
        ...input,
        standingOrders: ending,
      });
      const result = await handle.result();
      expect(result).toEqual<PartnershipRecommendationResult>({
        outcome: 'no-meeting',
        reasons: [
          `no meeting of ${southampton.board.name} in its standing orders can still meet the notice rules (agenda: 5 clear working days) publishing from ${SENT}; send ${REF} again once later meetings are listed`,
        ],
      });
      expect((await handle.query(partnershipRecommendationStatusQuery)).stage).toBe('no-meeting');
      expect(entries.map((e) => e.kind)).toEqual([
        'partnership-recommendation-received',
        'partnership-recommendation-outcome',
      ]);
      expect(notifications.map((n) => [n.kind, n.recipients.map((r) => r.email)])).toEqual([
        [
          'partnership-recommendation-outcome',
          [CLERK, PRESENTER, southampton.officers.democraticServices.email],
        ],
      ]);
      // No JCB item was started.
      expect(
        await env()
          .client.workflow.getHandle(decisionWorkflowId('southampton-jcb', REF))
          .describe()
          .catch(() => null),
      ).toBeNull();
    });
  });

  it('with its reference already an item of the JCB, reports that back and leaves the item alone', async () => {
    await clockTo(at(SENT, '10:00'));
    await withDouble('partnership-recommendation', async ({ notifications }, taskQueue) => {
      const existing = await env().client.workflow.start('decision', {
        taskQueue,
        workflowId: decisionWorkflowId('southampton-jcb', REF),
        args: [item({ ref: REF, meetingDate: MEETING })],
      });
      const handle = await startPartnershipRecommendation(env().client, taskQueue, input);
      expect(await handle.result()).toEqual<PartnershipRecommendationResult>({
        outcome: 'not-decided',
        meetingDate: MEETING,
        decisionId: existing.workflowId,
        reasons: [`the JCB already has an item ${REF}: give the recommendation a new reference`],
      });
      expect((await existing.describe()).status.name).toBe('RUNNING');
      expect(notifications.map((n) => n.kind)).toContain('partnership-recommendation-outcome');
      await existing.terminate('test over');
    });
  });
});
