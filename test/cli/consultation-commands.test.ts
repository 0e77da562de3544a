/** P7 from the CLI: a public consultation opened on a registered board, responses counted, status shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationWorkflowId } from '../../definitions';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { holidayCalendar } from '../../governance/bank-holidays';
import { closingDay } from '../../governance/consultation';
import { cli, reach, standingOrders, today, uniqueBoardId } from './harness';

const DEMOCRATIC_SERVICES = 'democratic.services@bathnes.example.org';
const CABINET_CLERK = 'cabinet.clerk@bathnes.example.org';

describe('consultation commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens a consultation run by the board’s registered officers and bodies, records responses, and shows it in status', async () => {
    const taskQueue = uniqueTaskQueue('cli-consultation');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-consult');
    const so = standingOrders('bath-nes-joint-committee', boardId);
    const workflowId = consultationWorkflowId(boardId, '2027-C01');
    const start = (...more: string[]) => [
      'consultation',
      'start',
      '--board',
      boardId,
      '--ref',
      '2027-C01',
      '--subject',
      'Integrating adult social care with community health services',
      '--affected',
      'People who use adult social care and their carers',
      '--method',
      'Press release',
      '--method',
      'Open workshop',
      '--how-to-respond',
      'Write to consultation@bathnes.example.org',
      ...more,
    ];
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      // Bad input: one line naming the field, exit 2, nothing started.
      expect(await govflow.refused(...start('--period-weeks', '0'))).toBe(
        'govflow: periodWeeks: must be at least 1 week',
      );
      expect(await govflow.refused(...start('--subject', ' '))).toMatch(/^govflow: subject: /);
      expect(await govflow.refused(...start('--reminder-days', 'soon'))).toBe(
        'govflow: reminderDaysBefore: "soon" is not a number',
      );

      expect(await govflow.json(...start('--period-weeks', '4'))).toMatchObject({ workflowId });
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'open');
      expect(await govflow.refused(...start())).toBe(
        `govflow: ref: ${workflowId} already exists; give the consultation a new reference`,
      );

      const counted = await govflow.json<{ result: { count: number; themes: string[] } }>(
        'consultation',
        'responses',
        `${boardId}/2027-C01`,
        '--count',
        '12',
        '--theme',
        'home care',
        '--by',
        DEMOCRATIC_SERVICES,
      );
      expect(counted.result).toEqual({ count: 12, themes: ['home care'] });

      const [noCount, tooEarly, notYet] = await Promise.all([
        govflow.refused(
          'consultation',
          'responses',
          workflowId,
          '--count',
          '-3',
          '--by',
          DEMOCRATIC_SERVICES,
        ),
        govflow.refused(
          'consultation',
          'report',
          workflowId,
          '--summary',
          'Mostly for',
          '--by',
          DEMOCRATIC_SERVICES,
        ),
        govflow.refused(
          'consultation',
          'decide',
          workflowId,
          '--body',
          'cabinet',
          '--answer',
          'noted',
          '--by',
          CABINET_CLERK,
        ),
      ]);
      // The rule itself has unit tests (test/governance/consultation.test.ts); today may be a weekend.
      const closesOn = closingDay(today(), 4, holidayCalendar(so.holidays.region));
      expect(noCount).toBe('govflow: count: "-3" is not a number');
      expect(tooEarly).toBe(
        `govflow: report refused by ${workflowId}: the consultation is open until the end of ${closesOn}: the outcome report comes after it closes`,
      );
      expect(notYet).toBe(
        `govflow: decide refused by ${workflowId}: the outcome has not been reported to the bodies yet: it goes to them with the outcome report`,
      );
      expect(
        await govflow.refused(
          'consultation',
          'decide',
          workflowId,
          '--body',
          'council',
          '--answer',
          'noted',
          '--by',
          CABINET_CLERK,
        ),
      ).toBe('govflow: body: must be one of partnership-board, cabinet, nhs-board');

      const human = await govflow.run('status', `${boardId}/2027-C01`);
      expect(human.stdout).toContain(`  process:     consultation (board ${boardId})`);
      expect(human.stdout).toContain('  stage:       open');
      expect(human.stdout).toContain('  responses:   12 (themes: home care)');
      expect(human.stdout).toContain(
        '  bodies:      partnership-board awaiting, cabinet awaiting, nhs-board awaiting',
      );
      // The public side of the register has what the public page shows.
      expect(double.entries.find((e) => e.kind === 'public-consultation-opened')?.data).toMatchObject({
        closesOn,
        reportedTo: [
          so.board.name,
          'Cabinet of Bath & North East Somerset Council',
          'B&NES CCG Governing Body',
        ],
      });
    });
  });
});
