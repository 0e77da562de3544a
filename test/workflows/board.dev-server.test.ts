import { displayDate } from '../../governance/display-dates';
import { anchorDay } from '../support/dates';
import { createHash } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import { SA, boardStatusQuery, boardWorkflowId, decideTermsOfReferenceUpdate } from '../../definitions';
import { addDays, addMonths, londonCivilDate, londonInstantMs } from '../../governance/civil-date';
import { resolveStandingOrders, type StandingOrders } from '../../governance/standing-orders';
import { board } from '../../workflows';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';

/** The Southampton preset under a board id of its own, so runs never meet on the shared dev server. */
function standingOrders(boardId: string): StandingOrders {
  const so = resolveStandingOrders('southampton-jcb', anchorDay());
  return { ...so, board: { ...so.board, id: boardId } };
}
const TOR = 'Terms of Reference: dev server board\n1. Joint commissioning.';

describe('board Updates and child policy on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('returns a refused ToR decision to the client with the validator’s reason, and is found by its search attributes', async () => {
    const taskQueue = uniqueTaskQueue('board-dev');
    const boardId = `dev-board-${Date.now()}`;
    const so = standingOrders(boardId);
    const firstMeeting = addDays(londonCivilDate(Date.now()), 30);
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await proposeBoard(server.client, taskQueue, {
        standingOrders: so,
        termsOfReference: TOR,
        firstMeeting,
      });
      try {
        expect(handle.workflowId).toBe(boardWorkflowId(boardId));
        await expect
          .poll(async () => (await handle.query(boardStatusQuery)).steps.length, { timeout: 15_000 })
          .toBe(1);
        const refused = await handle
          .executeUpdate(decideTermsOfReferenceUpdate, {
            args: [{ body: 'council', outcome: 'approve', by: 'cabinet.clerk@southampton.example.org' }],
          })
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
          'no Terms of Reference are before the parent bodies now (stage: proposed)',
        );
        const malformed = await handle
          .executeUpdate(decideTermsOfReferenceUpdate, {
            args: [{ body: 'ccg' as 'nhs', outcome: 'approve', by: 'not-an-email' }],
          })
          .catch((e: unknown) => e);
        expect((malformed as WorkflowUpdateFailedError).cause?.message).toBe(
          'invalid decision: body: must be "council" or "nhs"; by: must be an email address',
        );
        // Refused Updates leave no trace: the status still shows one step and no decisions.
        const status = await handle.query(boardStatusQuery);
        expect(status.steps.map((s) => s.kind)).toEqual(['board-proposed']);
        expect(status.draft?.decisions).toEqual({ council: 'pending', nhs: 'pending' });

        const description = await handle.describe();
        expect(await description.staticSummary()).toBe(
          `Establish Southampton Joint Commissioning Board: first meeting ${displayDate(firstMeeting)}, then Cabinet of Southampton City Council and Southampton City CCG Governing Body`,
        );
        expect(description.typedSearchAttributes.get(SA.waitingFor)).toBe('first-meeting');
        const proposedOn = londonCivilDate(description.startTime.getTime());
        // The approval deadline: three months from the proposal, to the end of that day (London).
        expect(description.typedSearchAttributes.get(SA.nextDeadline)?.getTime()).toBe(
          londonInstantMs(addDays(addMonths(proposedOn, 3), 1), '00:00'),
        );
        const query = `GovflowBoard = '${boardId}' AND GovflowProcess = 'board' AND GovflowStage = 'proposed' AND GovflowWaitingFor = 'first-meeting'`;
        await expect
          .poll(
            async () => {
              const rows = [];
              for await (const row of server.client.workflow.list({ query })) rows.push(row.workflowId);
              return rows;
            },
            { timeout: 20_000, interval: 500 },
          )
          .toEqual([boardWorkflowId(boardId)]);
      } finally {
        await handle.terminate('test finished');
      }
    });
  });

  it('terminates the review clock with its board (parent close policy TERMINATE)', async () => {
    const taskQueue = uniqueTaskQueue('board-dev-child');
    const boardId = `dev-board-child-${Date.now()}`;
    const so = standingOrders(boardId);
    const contentHash = createHash('sha256').update(TOR).digest('hex');
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await server.client.workflow.start(board, {
        taskQueue,
        workflowId: boardWorkflowId(boardId),
        args: [
          {
            standingOrders: so,
            carried: {
              cycle: 1,
              establishedOn: londonCivilDate(Date.now()),
              termsOfReference: { version: 1, contentHash },
            },
          },
        ],
      });
      const review = server.client.workflow.getHandle(`review/${boardId}/1`);
      await expect
        .poll(async () => (await review.describe().catch(() => undefined))?.status.name, { timeout: 15_000 })
        .toBe('RUNNING');
      expect((await review.describe()).parentExecution?.workflowId).toBe(boardWorkflowId(boardId));
      await handle.terminate('the board is wound up by an administrator');
      await expect
        .poll(async () => (await review.describe()).status.name, { timeout: 15_000 })
        .toBe('TERMINATED');
    });
  });
});
