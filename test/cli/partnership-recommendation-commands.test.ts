/**
 * A partnership board's recommendation to the JCB from the CLI: refused with the field named when wrong,
 * sent to the JCB's next meeting that can still meet the notice, and shown by `status`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decisionWorkflowId,
  partnershipRecommendationWorkflowId,
  type PartnershipRecommendationStatus,
} from '../../definitions';
import { compareCivilDates } from '../../governance/civil-date';
import { displayDate } from '../../governance/display-dates';
import { describeIfExists } from '../../client/actions/execution';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, reach, standingOrders, today, uniqueBoardId } from './harness';

const CLERK = 'older.people.board@southampton.example.org';

describe('partnership-recommendation commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses bad input naming the field, sends a recommendation to the next JCB meeting, and shows its status', async () => {
    const taskQueue = uniqueTaskQueue('cli-partnership-recommendation');
    const govflow = cli(taskQueue);
    const jcb = uniqueBoardId('cli-pb');
    const so = standingOrders('southampton-jcb', jcb);
    const ref = '2027-PB07';
    const workflowId = partnershipRecommendationWorkflowId(jcb, ref);
    const send = (...more: string[]) => {
      const flags: Record<string, string> = {
        '--jcb': jcb,
        '--ref': ref,
        '--from-board': 'older-people-pb',
        '--from-name': 'Older People’s Partnership Board',
        '--clerk-name': 'Partnership board clerk',
        '--clerk-email': CLERK,
        '--title': 'Reablement at home after hospital discharge',
        '--recommendation': 'Extend the integrated reablement service to weekends.',
        '--topic': 'integrated rehabilitation and reablement',
        '--presented-by': 'commissioning.lead@southampton.example.org',
      };
      for (let i = 0; i < more.length; i += 2) flags[more[i]!] = more[i + 1]!;
      return ['partnership-recommendation', 'send', ...Object.entries(flags).flat()];
    };
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      // Bad input: one line naming the field, exit 2, nothing started.
      const refusals = await Promise.all([
        govflow.refused(...send('--clerk-email', 'the clerk')),
        govflow.refused(...send('--exempt-paragraph', '9')),
        govflow.refused(...send('--ref', 'PB 07')),
        govflow.refused(...send('--wards-affected', 'several')),
        govflow.refused(...send('--jcb', 'no-such-jcb-x1')),
        govflow.refused(...send('--topic', 'reablement')),
      ]);
      expect(refusals).toEqual([
        'govflow: partnershipBoard.clerk.email: must be the clerk’s email address',
        'govflow: exemptParagraph: must be a Schedule 12A paragraph 1-7',
        'govflow: ref: must be letters, digits and hyphens (e.g. 2027-PB03)',
        'govflow: wardsAffected: "several" is not a number',
        'govflow: jcb: no board "no-such-jcb-x1" is registered; propose it first with govflow board propose (govflow list --process board lists the boards)',
        expect.stringMatching(
          new RegExp(
            `^govflow: topic: "reablement" is not in ${jcb}'s delegated scope .*did you mean "integrated rehabilitation and reablement"`,
          ),
        ),
      ]);
      expect(await describeIfExists(server.client, workflowId)).toBeUndefined();

      const sent = await govflow.json<{ workflowId: string; meetingDate: string; decisionId: string }>(
        ...send(),
      );
      expect(sent).toMatchObject({ workflowId, decisionId: decisionWorkflowId(jcb, ref) });
      expect(so.meetings).toContain(sent.meetingDate);
      expect(compareCivilDates(sent.meetingDate, today())).toBeGreaterThan(0);
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'at-jcb');

      // The workflow chose the same meeting the CLI told the officer.
      const shown = await govflow.json<PartnershipRecommendationStatus>(
        'partnership-recommendation',
        'status',
        `${jcb}/${ref}`,
      );
      expect(shown).toMatchObject({
        process: 'partnership-recommendation',
        stage: 'at-jcb',
        partnershipBoard: 'Older People’s Partnership Board',
        meetingDate: sent.meetingDate,
        decisionId: decisionWorkflowId(jcb, ref),
      });
      const human = await govflow.run('partnership-recommendation', 'status', workflowId);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain(`  JCB meeting: ${displayDate(sent.meetingDate)}`);
      expect(human.stdout).toContain(`  JCB item:    ${decisionWorkflowId(jcb, ref)}`);

      const [again, unknown] = await Promise.all([
        govflow.refused(...send()),
        govflow.refused('partnership-recommendation', 'status', `${jcb}/2027-PB99`),
      ]);
      expect(again).toBe(
        `govflow: ref: ${decisionWorkflowId(jcb, ref)} already exists; give the recommendation a new reference`,
      );
      expect(unknown).toBe(
        `govflow: recommendation: no process "partnership-recommendation/${jcb}/2027-PB99" in namespace default`,
      );
      // The JCB's item is abandoned by its parent, not ended with it: both are stopped here by hand.
      await handle.terminate('test over');
      await server.client.workflow.getHandle(decisionWorkflowId(jcb, ref)).terminate('test over');
    });
  });
});
