/** P5 from the CLI: a board's recommendation to both parent bodies, and each clerk recording the answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationWorkflowId } from '../../definitions';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, daysFromToday, reach, standingOrders, uniqueBoardId } from './harness';

const COUNCIL_CLERK = 'cabinet.clerk@wiltshire.example.org';

describe('recommendation commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a recommendation to the parent bodies named in the standing orders and records a clerk’s decision', async () => {
    const taskQueue = uniqueTaskQueue('cli-recommendation');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-rec');
    const so = standingOrders('wiltshire-adult-jcb', boardId);
    const workflowId = recommendationWorkflowId(boardId, '2027-003');
    const propose = (meetingDate: string, deadline: string, ...more: string[]) => [
      'recommendation',
      'propose',
      '--board',
      boardId,
      '--ref',
      '2027-003',
      '--title',
      'Joint carers strategy',
      '--recommendation',
      'Adopt the joint carers strategy 2027-2030',
      '--meeting-date',
      meetingDate,
      '--deadline',
      deadline,
      ...more,
    ];
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      const [deadlineFirst, noTitle] = await Promise.all([
        govflow.refused(...propose(daysFromToday(20), daysFromToday(10))),
        govflow.refused(...propose(daysFromToday(10), daysFromToday(20), '--title', ' ')),
      ]);
      expect(deadlineFirst).toBe(
        `govflow: parentBodies.0.deadline: must not be before the meeting on ${daysFromToday(20)}; parentBodies.1.deadline: must not be before the meeting on ${daysFromToday(20)}`,
      );
      expect(noTitle).toMatch(/^govflow: title: /);

      expect(await govflow.json(...propose(daysFromToday(10), daysFromToday(20)))).toMatchObject({
        workflowId,
      });
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'awaiting-decisions');

      const [badOutcome, wrongClerk, notAPartner] = await Promise.all([
        govflow.refused(
          'parent-decision',
          `${boardId}/2027-003`,
          '--partner',
          'council',
          '--outcome',
          'defer',
          '--by',
          COUNCIL_CLERK,
        ),
        govflow.refused(
          'parent-decision',
          `${boardId}/2027-003`,
          '--partner',
          'nhs',
          '--outcome',
          'approve',
          '--by',
          COUNCIL_CLERK,
        ),
        govflow.refused(
          'parent-decision',
          `${boardId}/2027-003`,
          '--partner',
          'parish',
          '--outcome',
          'approve',
          '--by',
          COUNCIL_CLERK,
        ),
      ]);
      expect(badOutcome).toBe('govflow: outcome: Invalid option: expected one of "approve"|"reject"|"amend"');
      expect(wrongClerk).toBe(
        `govflow: parent-decision refused by ${workflowId}: by: only the clerk to NHS Wiltshire Board may record its decision; ${COUNCIL_CLERK} is not that clerk`,
      );
      expect(notAPartner).toBe(
        `govflow: parent-decision refused by ${workflowId}: "parish" is not a parent body of this recommendation (parent bodies: council, nhs)`,
      );

      const approved = await govflow.json<{ result: Record<string, string> }>(
        'parent-decision',
        workflowId,
        '--partner',
        'council',
        '--outcome',
        'approve',
        '--by',
        COUNCIL_CLERK,
        '--reasons',
        'Agreed by Cabinet',
      );
      expect(approved.result).toEqual({ council: 'approve', nhs: 'no-answer' });
      const human = await govflow.run('status', workflowId);
      expect(human.stdout).toContain('  parent bodies: council approve, nhs no-answer');
      expect(human.stdout).toContain('  stage:       awaiting-decisions');
    });
  });
});
