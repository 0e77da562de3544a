/**
 * P7's deadlines after the close: the outcome report and each body's answer are due by a day; past it the
 * consultation chases whoever owes it and shows them overdue, and goes on waiting (it never concludes on a
 * silence). Holiday news moves the working-day deadlines and tells whoever had the old day.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startConsultation } from '../../client/processes/consultation';
import {
  SA,
  announceHolidaysUpdate,
  consultationStatusQuery,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  type ConsultationBodyAnswer,
  type ConsultationInput,
  type HolidayNewsInput,
} from '../../definitions';
import { MONDAY, addDays, at, quietDay } from '../support/dates';
import { sentAt, timeSkippingPerTest } from '../support/time-skipping';

const DEMOCRATIC_SERVICES = 'democratic.services@bathnes.example.org';
const COMMISSIONER = 'commissioning@bathnes.example.org';
const BOARD_CLERK = 'partnership.board@bathnes.example.org';
const CABINET_CLERK = 'cabinet.clerk@bathnes.example.org';
const PCT_CLERK = 'board.secretary@bathnes-pct.example.nhs.uk';
const OFFICERS = [DEMOCRATIC_SERVICES, COMMISSIONER];

/**
 * A Monday with no bank holiday in the ten weeks after it; two weeks' consultation closes on the Monday two
 * weeks on, with its one reminder (7 days before) on the Monday between.
 */
const OPENS = quietDay({ weekday: MONDAY, quietBefore: 0, quietAfter: 70 });
const CLOSES = addDays(OPENS, 14);

const input: ConsultationInput = {
  boardId: 'bath-nes-joint-committee',
  ref: '2008-C02',
  subject: 'Integrating adult social care with the PCT’s community services',
  affected: 'People who use adult social care, their carers, and the staff of both partners',
  methods: ['An open workshop'],
  howToRespond: 'Write to consultation@bathnes.example.org',
  periodWeeks: 2,
  reportWorkingDays: 3,
  officers: {
    democraticServices: { name: 'Democratic Services', email: DEMOCRATIC_SERVICES },
    commissioning: { name: 'Commissioning officer', email: COMMISSIONER },
  },
  bodies: {
    'partnership-board': {
      name: 'Partnership Board',
      clerk: { name: 'Board clerk', email: BOARD_CLERK },
      answerBy: { workingDays: 2 },
    },
    cabinet: {
      name: 'Cabinet of Bath & North East Somerset Council',
      clerk: { name: 'Cabinet clerk', email: CABINET_CLERK },
      partner: 'council',
      answerBy: { on: addDays(CLOSES, 10) },
    },
    'nhs-board': {
      name: 'Bath & North East Somerset PCT Board',
      clerk: { name: 'Board secretary', email: PCT_CLERK },
      partner: 'nhs',
      answerBy: { workingDays: 5 },
    },
  },
};

const answer = (body: ConsultationBodyAnswer['body'], by: string): ConsultationBodyAnswer => ({
  body,
  by,
  answer: 'noted',
});

const proclaimed = (date: string): HolidayNewsInput => ({
  source: 'Royal Proclamation (test)',
  regions: { 'england-and-wales': { added: [{ date, name: 'Proclaimed holiday' }], removed: [] } },
});

describe('P7 public consultation deadlines, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const report = (handle: WorkflowHandle) =>
    handle.executeUpdate(recordConsultationReportUpdate, {
      args: [{ by: DEMOCRATIC_SERVICES, summary: 'Most respondents support integration.' }],
    });
  const bodyAnswer = (handle: WorkflowHandle, a: ConsultationBodyAnswer) =>
    handle.executeUpdate(recordConsultationBodyAnswerUpdate, { args: [a] });
  /** The report's Update is answered before the process has sent it on and set the bodies' days. */
  const reported = async (handle: WorkflowHandle) => {
    for (let tries = 0; (await handle.query(consultationStatusQuery)).stage !== 'reported'; tries++) {
      if (tries > 100) throw new Error('the outcome was never reported to the bodies');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const waitingFor = async (handle: WorkflowHandle) =>
    (await handle.describe()).typedSearchAttributes.get(SA.waitingFor);

  it('chases a late outcome report and a late body, shows them overdue, and concludes only when all three answer', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('consultation-deadlines', async ({ notifications, entries }, taskQueue) => {
      const handle = await startConsultation(env().client, taskQueue, input);

      // The report is due by the end of the third working day after the close (the Thursday), shown from the start.
      const reportDue = addDays(CLOSES, 3);
      await clockTo(at(OPENS, '11:00'));
      expect(await handle.query(consultationStatusQuery)).toMatchObject({
        stage: 'open',
        deadlines: [{ for: 'outcome-report', on: reportDue, state: 'due' }],
      });
      await clockTo(at(reportDue, '23:00'));
      expect(await handle.query(consultationStatusQuery)).toMatchObject({
        stage: 'closed',
        nextDeadline: new Date(at(addDays(reportDue, 1), '00:00')).toISOString(),
        deadlines: [{ for: 'outcome-report', on: reportDue, state: 'due' }],
      });
      expect(notifications.map((n) => n.kind)).not.toContain('consultation-report-overdue');
      // The close asked for the report by that day.
      expect(notifications.find((n) => n.kind === 'consultation-closed')?.deadline).toBe(reportDue);

      // Past it: the officers are chased, the register says so, and it still waits for the report.
      await clockTo(at(addDays(reportDue, 1), '09:00'));
      const late = await handle.query(consultationStatusQuery);
      expect(late).toMatchObject({
        stage: 'closed',
        waitingFor: `the outcome report from democratic services or the commissioning officer (overdue: due by the end of ${reportDue})`,
        nextDeadline: new Date(at(addDays(reportDue, 1), '00:00')).toISOString(),
        deadlines: [{ for: 'outcome-report', on: reportDue, state: 'overdue' }],
      });
      expect(await waitingFor(handle)).toBe('outcome-report (overdue)');
      const chased = notifications.find((n) => n.kind === 'consultation-report-overdue')!;
      expect([chased.recipients.map((r) => r.email), chased.sentAt, chased.deadline]).toEqual([
        OFFICERS,
        sentAt(addDays(reportDue, 1), '00:00'),
        reportDue,
      ]);
      expect(entries.find((e) => e.kind === 'consultation-report-overdue')?.data).toMatchObject({
        dueOn: reportDue,
      });

      // The report comes late, on the Monday: the bodies get their own days.
      const reportedOn = addDays(CLOSES, 7);
      await clockTo(at(reportedOn, '10:00'));
      await report(handle);
      await reported(handle);
      const boardDue = addDays(reportedOn, 2);
      const cabinetDue = addDays(CLOSES, 10);
      const nhsDue = addDays(reportedOn, 7);
      expect((await handle.query(consultationStatusQuery)).deadlines).toMatchObject([
        { for: 'outcome-report', state: 'met' },
        { for: 'partnership-board', on: boardDue, state: 'due' },
        { for: 'cabinet', on: cabinetDue, state: 'due' },
        { for: 'nhs-board', on: nhsDue, state: 'due' },
      ]);
      const toBody = (body: string) =>
        notifications.find((n) => n.key.step === `consultation-outcome-for-body/${body}`)?.deadline;
      expect([toBody('partnership-board'), toBody('cabinet'), toBody('nhs-board')]).toEqual([
        boardDue,
        cabinetDue,
        nhsDue,
      ]);

      await clockTo(at(addDays(reportedOn, 1), '15:00'));
      await bodyAnswer(handle, answer('cabinet', CABINET_CLERK));
      // The Partnership Board lets its day pass: its clerk and democratic services are chased.
      await clockTo(at(addDays(boardDue, 1), '09:00'));
      const overdue = await handle.query(consultationStatusQuery);
      expect(overdue).toMatchObject({
        stage: 'reported',
        waitingFor: `Partnership Board (overdue: due by the end of ${boardDue}), Bath & North East Somerset PCT Board to note the outcome or decide`,
        nextDeadline: new Date(at(addDays(boardDue, 1), '00:00')).toISOString(),
      });
      expect(await waitingFor(handle)).toBe('partnership-board (overdue),nhs-board');
      const chasedBoard = notifications.filter((n) => n.kind === 'consultation-answer-overdue');
      expect(chasedBoard.map((n) => [n.key.step, n.recipients.map((r) => r.email), n.sentAt])).toEqual([
        [
          'consultation-answer-overdue/partnership-board',
          [BOARD_CLERK, DEMOCRATIC_SERVICES],
          sentAt(addDays(boardDue, 1), '00:00'),
        ],
      ]);
      expect(entries.filter((e) => e.kind === 'consultation-answer-overdue').map((e) => e.data.body)).toEqual(
        ['partnership-board'],
      );

      await clockTo(at(addDays(reportedOn, 4), '11:00'));
      await bodyAnswer(handle, answer('nhs-board', PCT_CLERK));
      // Long past its day, the board is still waited for: the consultation never concludes on a silence.
      await clockTo(at(addDays(nhsDue, 20), '10:00'));
      expect((await handle.query(consultationStatusQuery)).stage).toBe('reported');
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await bodyAnswer(handle, answer('partnership-board', BOARD_CLERK));
      expect((await handle.result()).outcome).toBe('change-may-be-made');
      expect((await handle.query(consultationStatusQuery)).deadlines?.map((d) => d.state)).toEqual([
        'met',
        'met',
        'met',
        'met',
      ]);
      // Chased once each: the report and the Partnership Board.
      expect(notifications.filter((n) => n.kind.endsWith('-overdue')).map((n) => n.key.step)).toEqual([
        'consultation-report-overdue',
        'consultation-answer-overdue/partnership-board',
      ]);
    });
  });

  it('moves a reminder and a body’s working-day deadline when holidays are announced, and tells the clerk', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('consultation-news', async ({ notifications, entries }, taskQueue) => {
      const handle = await startConsultation(env().client, taskQueue, input);
      // A holiday on the reminder's Monday brings the reminder forward to the Friday before.
      await clockTo(at(addDays(OPENS, 1), '10:00'));
      const reminderNews = await handle.executeUpdate(announceHolidaysUpdate, {
        args: [proclaimed(addDays(OPENS, 7))],
      });
      expect(reminderNews).toEqual({
        region: 'england-and-wales',
        added: [addDays(OPENS, 7)],
        removed: [],
        moved: [{ what: 'reminder 7 days before the close', from: addDays(OPENS, 7), to: addDays(OPENS, 4) }],
      });
      await clockTo(at(addDays(OPENS, 4), '12:00'));
      expect(notifications.filter((n) => n.kind === 'consultation-reminder').map((n) => n.sentAt)).toEqual([
        sentAt(addDays(OPENS, 4), '09:00'),
      ]);

      // Reported on the Tuesday after the close: the PCT Board has five working days, to the next Tuesday.
      const reportedOn = addDays(CLOSES, 1);
      await clockTo(at(reportedOn, '10:00'));
      await report(handle);
      await reported(handle);
      const nhsDue = addDays(reportedOn, 7);
      const news = await handle.executeUpdate(announceHolidaysUpdate, {
        args: [proclaimed(addDays(reportedOn, 2))],
      });
      expect(news.moved).toEqual(
        expect.arrayContaining([
          {
            what: 'answer of Bath & North East Somerset PCT Board',
            from: nhsDue,
            to: addDays(nhsDue, 1),
          },
        ]),
      );
      // The Cabinet's meeting day does not move with the working days.
      expect(news.moved.map((m) => m.what)).not.toContain(
        'answer of Cabinet of Bath & North East Somerset Council',
      );
      await clockTo(at(addDays(reportedOn, 1), '09:00'));
      const moved = notifications.find(
        (n) => n.kind === 'deadline-moved' && n.recipients.some((r) => r.email === PCT_CLERK),
      )!;
      expect([moved.recipients.map((r) => r.email), moved.deadline]).toEqual([
        [PCT_CLERK, DEMOCRATIC_SERVICES],
        addDays(nhsDue, 1),
      ]);
      const status = await handle.query(consultationStatusQuery);
      expect(status.deadlines?.find((d) => d.for === 'nhs-board')).toMatchObject({
        on: addDays(nhsDue, 1),
        state: 'due',
      });
      expect(status.steps.filter((s) => s.kind === 'deadline-moved').map((s) => s.detail)).toContain(
        `answer of Bath & North East Somerset PCT Board: from ${nhsDue} to ${addDays(nhsDue, 1)}`,
      );
      expect(entries.filter((e) => e.kind === 'holidays-announced')).toHaveLength(2);

      // Not chased on the old day, only after the new one.
      await bodyAnswer(handle, answer('partnership-board', BOARD_CLERK));
      await bodyAnswer(handle, answer('cabinet', CABINET_CLERK));
      await clockTo(at(nhsDue, '23:30'));
      expect(notifications.map((n) => n.kind)).not.toContain('consultation-answer-overdue');
      await clockTo(at(addDays(nhsDue, 2), '09:00'));
      expect(
        notifications.filter((n) => n.kind === 'consultation-answer-overdue').map((n) => n.sentAt),
      ).toEqual([sentAt(addDays(nhsDue, 2), '00:00')]);
      await bodyAnswer(handle, answer('nhs-board', PCT_CLERK));
      expect((await handle.result()).outcome).toBe('change-may-be-made');
    });
  });
});
