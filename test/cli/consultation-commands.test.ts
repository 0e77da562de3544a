/** P7 from the CLI: a public consultation opened on a registered board, responses counted, status shown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationWorkflowId } from '../../definitions';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { holidayCalendar } from '../../governance/bank-holidays';
import { addDays } from '../../governance/civil-date';
import { closingDay, reportDeadline } from '../../governance/consultation';
import { consultationStatusLines } from '../../client/commands/consultation';
import type { ConsultationStatus } from '../../definitions';
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

      expect(await govflow.refused(...start('--report-working-days', '0'))).toBe(
        'govflow: reportWorkingDays: must be at least 1 working day after the close',
      );
      expect(await govflow.refused(...start('--cabinet-by', 'soon'))).toBe(
        'govflow: bodies.cabinet.answerBy: "soon" is neither a meeting day (YYYY-MM-DD) nor a number of working days after the report',
      );
      expect(await govflow.refused(...start('--nhs-board-by', '500'))).toBe(
        'govflow: bodies.nhs-board.answerBy.workingDays: must be at most 120 working days after the outcome report',
      );
      expect(await govflow.refused(...start('--partnership-board-by', '2027-02-30'))).toBe(
        'govflow: bodies.partnership-board.answerBy.on: "2027-02-30" is not a possible calendar date',
      );
      // The rule itself has unit tests (test/governance/consultation.test.ts); today may be a weekend.
      const calendar = holidayCalendar(so.holidays.region);
      const closesOn = closingDay(today(), 4, calendar);
      // A meeting day the outcome report cannot reach: refused once the board's calendar is known, nothing started.
      expect(await govflow.refused(...start('--period-weeks', '4', '--cabinet-by', closesOn))).toBe(
        `govflow: bodies.cabinet.answerBy.on: ${closesOn} is not after the consultation closes (${closesOn}); give a later meeting day or a number of working days after the report`,
      );

      const cabinetMeets = addDays(closesOn, 21);
      expect(
        await govflow.json(
          ...start('--period-weeks', '4', '--report-working-days', '10', '--cabinet-by', cabinetMeets),
        ),
      ).toMatchObject({ workflowId });
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
      // The consultation's own status: the outcome report's day (10 working days after the close), nobody overdue.
      const reportDue = reportDeadline(closesOn, 10, calendar).on;
      const own = await govflow.run('consultation', 'status', `${boardId}/2027-C01`);
      expect(own.stdout).toContain(`${workflowId}: open`);
      expect(own.stdout).toContain(`    outcome report: by the end of ${reportDue} (due)`);
      expect(own.stdout).toContain('  overdue:       none');
      const asJson = await govflow.json<ConsultationStatus>('consultation', 'status', workflowId);
      expect(asJson.deadlines).toEqual([
        {
          for: 'outcome-report',
          what: 'outcome report',
          on: reportDue,
          at: expect.any(String),
          state: 'due',
        },
      ]);
      expect(await govflow.refused('consultation', 'status', `${boardId}/no-such-ref`)).toMatch(
        new RegExp(`^govflow: no consultation process "consultation/${boardId}/no-such-ref" in namespace `),
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

  it('shows who is overdue in `consultation status`, each deadline with its state', () => {
    const status: ConsultationStatus = {
      process: 'consultation',
      boardId: 'bath-nes-joint-committee',
      subject: 'Integrating adult social care',
      stage: 'reported',
      opensOn: '2027-02-01',
      closesOn: '2027-04-26',
      waitingFor:
        'Partnership Board (overdue: due by the end of 2027-05-28), Cabinet to note the outcome or decide',
      nextDeadline: '2027-05-28T23:00:00.000Z',
      steps: [],
      responses: { count: 65, themes: ['home care'] },
      bodies: { 'partnership-board': 'awaiting', cabinet: 'awaiting', 'nhs-board': 'noted' },
      deadlines: [
        {
          for: 'outcome-report',
          what: 'outcome report',
          on: '2027-05-24',
          at: '2027-05-24T23:00:00.000Z',
          state: 'met',
        },
        {
          for: 'partnership-board',
          what: 'answer of Partnership Board',
          on: '2027-05-28',
          at: '2027-05-28T23:00:00.000Z',
          state: 'overdue',
        },
        {
          for: 'cabinet',
          what: 'answer of Cabinet',
          on: '2027-06-10',
          at: '2027-06-10T23:00:00.000Z',
          state: 'due',
        },
      ],
    };
    const lines = consultationStatusLines('consultation/bath-nes-joint-committee/2027-C01', status);
    expect(lines).toContain('    answer of Partnership Board: by the end of 2027-05-28 (overdue)');
    expect(lines).toContain('    answer of Cabinet: by the end of 2027-06-10 (due)');
    expect(lines).toContain('  overdue:       partnership-board');
    expect(lines).toContain('  partnership-board: awaiting');
  });
});
