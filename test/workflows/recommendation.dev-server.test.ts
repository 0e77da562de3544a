import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecommendation } from '../../client/processes/recommendation';
import {
  SA,
  recommendationStatusQuery,
  recordParentDecisionUpdate,
  type RecommendationInput,
} from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';

const COUNCIL_CLERK = 'cabinet.clerk@bathnes.example.org';
const NHS_CLERK = 'board.secretary@bathnes-pct.example.nhs.uk';

describe('recommendation Updates on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('returns a refused decision to the client with the validator’s reason, and accepts the right clerk’s', async () => {
    const taskQueue = uniqueTaskQueue('recommendation-dev');
    const boardId = `dev-rec-${Date.now()}`;
    const today = londonCivilDate(Date.now());
    const input: RecommendationInput = {
      boardId,
      ref: '2026-101',
      title: 'Community equipment contract',
      recommendation: 'That both parent bodies extend the community equipment contract by one year.',
      parentBodies: [
        {
          partner: 'council',
          body: 'Cabinet of Bath and North East Somerset Council',
          clerk: { name: 'Cabinet clerk', email: COUNCIL_CLERK },
          meetingDate: addDays(today, 20),
          deadline: addDays(today, 30),
        },
        {
          partner: 'nhs',
          body: 'NHS Bath and North East Somerset PCT Board',
          clerk: { name: 'Board secretary', email: NHS_CLERK },
          meetingDate: addDays(today, 25),
          deadline: addDays(today, 40),
        },
      ],
    };
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      const handle = await startRecommendation(server.client, taskQueue, input);
      try {
        await expect
          .poll(async () => (await handle.query(recommendationStatusQuery)).stage, { timeout: 15_000 })
          .toBe('awaiting-decisions');
        const refused = await handle
          .executeUpdate(recordParentDecisionUpdate, {
            args: [{ partner: 'nhs', outcome: 'approve', by: COUNCIL_CLERK }],
          })
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
          `by: only the clerk to NHS Bath and North East Somerset PCT Board may record its decision; ${COUNCIL_CLERK} is not that clerk`,
        );
        expect(
          await handle.executeUpdate(recordParentDecisionUpdate, {
            args: [{ partner: 'council', outcome: 'approve', by: COUNCIL_CLERK }],
          }),
        ).toEqual({
          council: 'approve',
          nhs: 'no-answer',
        });
        const description = await handle.describe();
        expect(description.typedSearchAttributes.get(SA.process)).toBe('recommendation');
        expect(description.typedSearchAttributes.get(SA.partnerOutcome)).toBe('council:approve,nhs:pending');
        expect(description.typedSearchAttributes.get(SA.waitingFor)).toBe('nhs');
        expect(await description.staticSummary()).toBe(
          'Recommendation 2026-101 to Cabinet of Bath and North East Somerset Council and NHS Bath and North East Somerset PCT Board: Community equipment contract',
        );
      } finally {
        await handle.terminate('test finished');
      }
    });
  });
});
