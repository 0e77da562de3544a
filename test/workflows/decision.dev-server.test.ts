import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../definitions/errors';
import { startDecision } from '../../client/processes/decision';
import { SA, decisionStatusQuery, voteUpdate, withdrawUpdate } from '../../definitions';
import { addDays, at } from '../support/dates';
import { MEETING, item } from '../support/decision-harness';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';

describe('decision Updates on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('returns a refused vote to the client with the validator’s reason, and accepts a withdrawal by the proposer', async () => {
    const taskQueue = uniqueTaskQueue('decision-dev');
    const ref = `dev-${Date.now()}`;
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      // MEETING is at least 8 weeks after today (the anchor is never earlier): the item waits for its agenda.
      const handle = await startDecision(server.client, taskQueue, item({ ref, meetingDate: MEETING }));
      await expect
        .poll(async () => (await handle.query(decisionStatusQuery)).stage, { timeout: 15_000 })
        .toBe('awaiting-agenda-publication');
      const refused = await handle
        .executeUpdate(voteUpdate, { args: [{ member: 'cllr-ada-shaw', vote: 'for' }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
        `votes are taken only on the meeting day (${MEETING}), while the item is being voted on`,
      );
      const stranger = await handle
        .executeUpdate(withdrawUpdate, { args: [{ by: 'someone@example.org', reason: 'x' }] })
        .catch((e: unknown) => e);
      expect((stranger as WorkflowUpdateFailedError).cause?.message).toContain(
        'only the proposing officer or democratic services',
      );
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(SA.route)).toBe('decide-at-board');
      expect(description.typedSearchAttributes.get(SA.keyDecision)).toBe(true);
      expect(description.typedSearchAttributes.get(SA.stage)).toBe('awaiting-agenda-publication');
      expect(
        await handle.executeUpdate(withdrawUpdate, {
          args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'Superseded' }],
        }),
      ).toBe('withdrawn');
      expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
    });
  });

  it('refuses to start an item whose meeting is in the past or whose scheme is unknown, starting nothing', async () => {
    const taskQueue = uniqueTaskQueue('decision-dev-bad');
    await expect(
      startDecision(server.client, taskQueue, item({ meetingDate: '2020-01-09' })),
    ).rejects.toThrow(/meetingDate: 2020-01-09 is not after today/);
    await expect(
      startDecision(server.client, taskQueue, item({ schemeId: 'no-such-scheme' })),
    ).rejects.toThrow(UserError);
    // A non-key item (£100,000) for a Thursday meeting asked for on the Monday of its week: too late for
    // 5 clear working days, which (no bank holiday near MEETING) meant publishing on the Wednesday before.
    await expect(
      startDecision(
        server.client,
        taskQueue,
        item({ amountGbp: 100_000, meetingDate: MEETING }),
        Date.parse(at(addDays(MEETING, -3), '10:00')),
      ),
    ).rejects.toThrow(
      `meetingDate: ${MEETING} is too soon: the agenda must be published by ${addDays(MEETING, -8)}`,
    );
    await expect(
      startDecision(server.client, taskQueue, item({ ref: 'bad ref!', title: '' })),
    ).rejects.toThrow(/ref: must be letters.*title: must not be empty/);
    const rows = [];
    for await (const row of server.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
      rows.push(row);
    expect(rows).toEqual([]);
  });
});
