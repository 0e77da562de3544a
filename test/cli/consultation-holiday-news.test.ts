/**
 * `govflow calendar import` tells running processes the holiday news: public consultations are among them,
 * and one running takes the news (its reminders and the outcome report's day follow it).
 */
import { describe, expect, it } from 'vitest';
import { tellRunningProcesses } from '../../client/holiday-news';
import { startConsultation } from '../../client/processes/consultation';
import { consultationStatusQuery, type ConsultationInput } from '../../definitions';
import { holidayCalendar } from '../../governance/bank-holidays';
import { closingDay, reportDeadline } from '../../governance/consultation';
import { recordingActivities } from '../support/recording-activities';
import { devServer, isolatedNamespace, uniqueTaskQueue, withWorker } from '../support/temporal';
import { today } from './harness';

const OFFICER = { name: 'Democratic Services', email: 'democratic.services@bathnes.example.org' };

const input: ConsultationInput = {
  boardId: 'bath-nes-joint-committee',
  ref: '2027-C09',
  subject: 'Integrating adult social care with community health services',
  affected: 'People who use adult social care and their carers',
  methods: ['An open workshop'],
  howToRespond: 'Write to consultation@bathnes.example.org',
  reportWorkingDays: 5,
  officers: { democraticServices: OFFICER },
  bodies: {
    'partnership-board': { name: 'Partnership Board', clerk: OFFICER },
    cabinet: {
      name: 'Cabinet',
      clerk: { name: 'Cabinet clerk', email: 'cabinet.clerk@bathnes.example.org' },
      partner: 'council',
    },
    'nhs-board': {
      name: 'PCT Board',
      clerk: { name: 'Board secretary', email: 'board.secretary@bathnes-pct.example.nhs.uk' },
      partner: 'nhs',
    },
  },
};

describe('holiday news reaches running consultations (dev server)', () => {
  it('tells a running consultation, which moves its outcome report’s day', async () => {
    // The news goes to every running process of the namespace: this test has a namespace of its own.
    const namespace = await isolatedNamespace();
    const server = await devServer(namespace);
    try {
      const taskQueue = uniqueTaskQueue('consultation-news');
      await withWorker(
        server.workerConnection,
        taskQueue,
        recordingActivities().activities,
        async () => {
          const handle = await startConsultation(server.client, taskQueue, input);
          const england = holidayCalendar('england-and-wales');
          const closesOn = closingDay(today(), 12, england);
          const due = reportDeadline(closesOn, 5, england).on;
          await expect
            .poll(async () => (await handle.query(consultationStatusQuery)).deadlines?.[0]?.on, {
              timeout: 20_000,
            })
            .toBe(due);
          // Listed by the server's visibility store a moment after it starts.
          await expect
            .poll(async () => (await server.client.workflow.count("WorkflowType = 'consultation'")).count, {
              timeout: 20_000,
            })
            .toBe(1);

          // A holiday proclaimed on the report's last day moves it to the next working day.
          const told = await tellRunningProcesses(server.client, {
            source: 'Royal Proclamation (test)',
            regions: {
              'england-and-wales': { added: [{ date: due, name: 'Proclaimed holiday' }], removed: [] },
            },
          });
          const moved = reportDeadline(
            closesOn,
            5,
            holidayCalendar('england-and-wales', { add: [{ date: due, name: 'x' }], remove: [] }),
          ).on;
          expect(told).toEqual([
            {
              workflowId: handle.workflowId,
              outcome: 'heard',
              result: {
                region: 'england-and-wales',
                added: [due],
                removed: [],
                moved: [{ what: 'outcome report', from: due, to: moved }],
              },
            },
          ]);
          await expect
            .poll(async () => (await handle.query(consultationStatusQuery)).deadlines?.[0]?.on, {
              timeout: 20_000,
            })
            .toBe(moved);
          await handle.terminate('test over');
        },
        namespace,
      );
    } finally {
      await server.close();
    }
  });
});
