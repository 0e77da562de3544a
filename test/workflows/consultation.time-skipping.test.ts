import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { openRegister } from '../../activities/records/register';
import { startConsultation } from '../../client/processes/consultation';
import {
  consultationStatusQuery,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
  type ConsultationBodyAnswer,
  type ConsultationInput,
  type ConsultationResult,
} from '../../definitions';
import { startPublicationServer } from '../../publication/server';
import { MONDAY, addDays, at, quietDay } from '../support/dates';
import { historyOf, refusal, sentAt, timeSkippingPerTest } from '../support/time-skipping';

const DEMOCRATIC_SERVICES = 'democratic.services@bathnes.example.org';
const COMMISSIONER = 'commissioning@bathnes.example.org';
const BOARD_CLERK = 'partnership.board@bathnes.example.org';
const CABINET_CLERK = 'cabinet.clerk@bathnes.example.org';
const PCT_CLERK = 'board.secretary@bathnes-pct.example.nhs.uk';

/**
 * The case: a Monday with no bank holiday in the twelve weeks after it, so the period runs plainly to the
 * Monday twelve weeks later, and the default reminders (two weeks and one week before) fall on Mondays.
 */
const OPENS = quietDay({ weekday: MONDAY, quietBefore: 0, quietAfter: 90 });
const CLOSES = addDays(OPENS, 84);
const REMINDERS = [addDays(CLOSES, -14), addDays(CLOSES, -7)];

/** Bath & NES, 2008 ¶11.7: consulting on integrating adult social care with the PCT. */
const input: ConsultationInput = {
  boardId: 'bath-nes-joint-committee',
  ref: '2008-C01',
  subject: 'Integrating adult social care with the PCT’s community services',
  affected: 'People who use adult social care, their carers, and the staff of both partners',
  methods: ['Press release', 'Leaflets for staff, partners, users and the public', 'An open workshop'],
  howToRespond: 'Write to consultation@bathnes.example.org, or come to the open workshop at the Guildhall',
  officers: {
    democraticServices: { name: 'Democratic Services', email: DEMOCRATIC_SERVICES },
    commissioning: { name: 'Commissioning officer', email: COMMISSIONER },
  },
  bodies: {
    'partnership-board': { name: 'Partnership Board', clerk: { name: 'Board clerk', email: BOARD_CLERK } },
    cabinet: {
      name: 'Cabinet of Bath & North East Somerset Council',
      clerk: { name: 'Cabinet clerk', email: CABINET_CLERK },
      partner: 'council',
    },
    'nhs-board': {
      name: 'Bath & North East Somerset PCT Board',
      clerk: { name: 'Board secretary', email: PCT_CLERK },
      partner: 'nhs',
    },
  },
};

const answer = (
  body: ConsultationBodyAnswer['body'],
  by: string,
  outcome: ConsultationBodyAnswer['answer'],
  resolution = '',
): ConsultationBodyAnswer => ({ body, by, answer: outcome, resolution });

describe('P7 public consultation, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const responses = (handle: WorkflowHandle, by: string, count: number, themes: string[]) =>
    handle.executeUpdate(recordConsultationResponsesUpdate, { args: [{ by, count, themes }] });
  const report = (handle: WorkflowHandle, by: string) =>
    handle.executeUpdate(recordConsultationReportUpdate, {
      args: [{ by, summary: 'Most respondents support integration if home care stays local.' }],
    });
  const bodyAnswer = (handle: WorkflowHandle, a: ConsultationBodyAnswer) =>
    handle.executeUpdate(recordConsultationBodyAnswerUpdate, { args: [a] });

  it('closes by itself after reminders, is reported to the three bodies, and allows the change only once all three have answered', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('consultation', async ({ notifications, entries, claims }, taskQueue) => {
      const handle = await startConsultation(env().client, taskQueue, input);
      expect(handle.workflowId).toBe('consultation/bath-nes-joint-committee/2008-C01');

      await clockTo(at(addDays(OPENS, 10), '11:00'));
      expect(await responses(handle, COMMISSIONER, 40, ['home care', 'staff transfer'])).toEqual({
        count: 40,
        themes: ['home care', 'staff transfer'],
      });
      const open = await handle.query(consultationStatusQuery);
      expect(open).toMatchObject({
        process: 'consultation',
        stage: 'open',
        opensOn: OPENS,
        closesOn: CLOSES,
        // The next thing due is the first reminder, at 09:00 London time.
        nextDeadline: new Date(at(REMINDERS[0]!, '09:00')).toISOString(),
      });
      // The outcome report waits for the close; nobody answers before the outcome is reported.
      expect(await refusal(report(handle, DEMOCRATIC_SERVICES))).toBe(
        `the consultation is open until the end of ${CLOSES}: the outcome report comes after it closes`,
      );
      expect(await refusal(bodyAnswer(handle, answer('cabinet', CABINET_CLERK, 'noted')))).toBe(
        'the outcome has not been reported to the bodies yet: it goes to them with the outcome report',
      );

      // On the closing day itself, late in the evening, a response still counts.
      await clockTo(at(CLOSES, '22:30'));
      await responses(handle, DEMOCRATIC_SERVICES, 25, ['home care', 'transport']);
      expect((await handle.query(consultationStatusQuery)).stage).toBe('open');
      // It closes by itself at midnight London time.
      await clockTo(at(addDays(CLOSES, 1), '00:01'));
      const closed = await handle.query(consultationStatusQuery);
      expect(closed).toMatchObject({
        stage: 'closed',
        responses: { count: 65, themes: ['home care', 'staff transfer', 'transport'] },
      });
      expect(closed.steps.map((s) => s.kind)).toEqual([
        'opened',
        'responses',
        'reminder',
        'reminder',
        'responses',
        'closed',
      ]);

      await clockTo(at(addDays(CLOSES, 3), '10:00'));
      expect(await report(handle, COMMISSIONER)).toEqual({
        'partnership-board': 'awaiting',
        cabinet: 'awaiting',
        'nhs-board': 'awaiting',
      });
      expect(await refusal(report(handle, COMMISSIONER))).toBe(
        'the outcome report is already recorded: it is made once',
      );

      const boardMeets = addDays(CLOSES, 10);
      await clockTo(at(boardMeets, '15:00'));
      await bodyAnswer(handle, answer('partnership-board', BOARD_CLERK, 'noted'));
      await bodyAnswer(handle, answer('cabinet', CABINET_CLERK, 'agreed', 'Cabinet agrees the integration.'));
      const twoOfThree = await handle.query(consultationStatusQuery);
      // Two of three is not enough: the change waits for the NHS board.
      expect(twoOfThree).toMatchObject({
        stage: 'reported',
        waitingFor: 'Bath & North East Somerset PCT Board to note the outcome or decide',
        bodies: { 'partnership-board': 'noted', cabinet: 'agreed', 'nhs-board': 'awaiting' },
      });
      expect(entries.map((e) => e.kind)).not.toContain('public-consultation-concluded');

      await clockTo(at(addDays(boardMeets, 2), '16:00'));
      await bodyAnswer(handle, answer('nhs-board', PCT_CLERK, 'noted'));
      expect(await handle.result()).toEqual<ConsultationResult>({
        outcome: 'change-may-be-made',
        opensOn: OPENS,
        closesOn: CLOSES,
        responses: { count: 65, themes: ['home care', 'staff transfer', 'transport'] },
        bodies: { 'partnership-board': 'noted', cabinet: 'agreed', 'nhs-board': 'noted' },
      });

      // The registered parent bodies and clerks were checked before anything was published.
      expect(claims).toEqual([
        {
          boardId: 'bath-nes-joint-committee',
          parentBodies: [
            { partner: 'council', body: input.bodies.cabinet.name, clerkEmail: CABINET_CLERK },
            { partner: 'nhs', body: input.bodies['nhs-board'].name, clerkEmail: PCT_CLERK },
          ],
        },
      ]);
      expect(entries.map((e) => [e.kind, e.key.step])).toEqual([
        ['public-consultation-opened', 'public-consultation-opened'],
        ['consultation-responses', 'consultation-responses/1'],
        ['consultation-responses', 'consultation-responses/2'],
        ['public-consultation-closed', 'public-consultation-closed'],
        ['consultation-outcome-report', 'consultation-outcome-report'],
        ['consultation-body-answer', 'consultation-body-answer/partnership-board'],
        ['consultation-body-answer', 'consultation-body-answer/cabinet'],
        ['consultation-body-answer', 'consultation-body-answer/nhs-board'],
        ['public-consultation-concluded', 'public-consultation-concluded'],
      ]);
      expect(entries[0]!.data).toMatchObject({
        ref: '2008-C01',
        subject: input.subject,
        affected: input.affected,
        howToRespond: input.howToRespond,
        opensOn: OPENS,
        closesOn: CLOSES,
      });

      notifications.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.step.localeCompare(b.key.step));
      const officers = [DEMOCRATIC_SERVICES, COMMISSIONER];
      const everyone = [...officers, BOARD_CLERK, CABINET_CLERK, PCT_CLERK];
      expect(notifications.map((n) => [n.key.step, n.recipients.map((r) => r.email), n.sentAt])).toEqual([
        ['consultation-opened', everyone, sentAt(OPENS, '10:00')],
        [`consultation-reminder/${REMINDERS[0]}`, officers, sentAt(REMINDERS[0]!, '09:00')],
        [`consultation-reminder/${REMINDERS[1]}`, officers, sentAt(REMINDERS[1]!, '09:00')],
        ['consultation-closed', officers, sentAt(addDays(CLOSES, 1), '00:00')],
        ['consultation-outcome-for-body/cabinet', [CABINET_CLERK], sentAt(addDays(CLOSES, 3), '10:00')],
        ['consultation-outcome-for-body/nhs-board', [PCT_CLERK], sentAt(addDays(CLOSES, 3), '10:00')],
        [
          'consultation-outcome-for-body/partnership-board',
          [BOARD_CLERK],
          sentAt(addDays(CLOSES, 3), '10:00'),
        ],
        ['consultation-concluded', everyone, sentAt(addDays(boardMeets, 2), '16:00')],
      ]);
      await historyOf(handle, 'consultation happy path');
    });
  });

  it('refuses officers’ and clerks’ mistakes with the field and the rule, and stays running', async () => {
    await clockTo(at(OPENS, '10:00'));
    await withDouble('consultation', async ({ entries }, taskQueue) => {
      // A one-off holiday proclaimed on the day two weeks on moves the close to the next working day.
      const handle = await startConsultation(env().client, taskQueue, {
        ...input,
        periodWeeks: 2,
        holidayAdjustments: { add: [{ date: addDays(OPENS, 14), name: 'Proclaimed holiday' }] },
      });
      expect((await handle.query(consultationStatusQuery)).closesOn).toBe(addDays(OPENS, 15));
      // Malformed: refused by the validator, naming the field.
      expect(await refusal(responses(handle, COMMISSIONER, 0, []))).toBe(
        'invalid responses: count: must be at least 1 response',
      );
      // Somebody else: refused, and the attempt audited.
      expect(await refusal(responses(handle, CABINET_CLERK, 3, []))).toBe(
        `by: only democratic services or the commissioning officer (${DEMOCRATIC_SERVICES}, ${COMMISSIONER}) may record responses; ${CABINET_CLERK} is neither`,
      );
      expect(entries.at(-1)).toMatchObject({
        kind: 'action-refused',
        data: { action: 'recordConsultationResponses', actor: CABINET_CLERK },
      });

      await clockTo(at(addDays(OPENS, 15), '23:00'));
      expect((await handle.query(consultationStatusQuery)).stage).toBe('open');
      await clockTo(at(addDays(OPENS, 16), '09:00'));
      expect((await handle.query(consultationStatusQuery)).stage).toBe('closed');
      await report(handle, DEMOCRATIC_SERVICES);
      expect(await refusal(responses(handle, COMMISSIONER, 3, []))).toBe(
        'the outcome report is in: responses are no longer recorded',
      );
      expect(await refusal(bodyAnswer(handle, answer('cabinet', CABINET_CLERK, 'agreed')))).toBe(
        'invalid answer: resolution: must say what the body resolved when it decides (agreed or not-agreed)',
      );
      expect(await refusal(bodyAnswer(handle, answer('nhs-board', CABINET_CLERK, 'noted')))).toBe(
        `by: only the clerk to ${input.bodies['nhs-board'].name} may record its note or decision; ${CABINET_CLERK} is not that clerk`,
      );
      await bodyAnswer(handle, answer('cabinet', CABINET_CLERK, 'not-agreed', 'Cabinet does not agree.'));
      expect(await refusal(bodyAnswer(handle, answer('cabinet', CABINET_CLERK, 'noted')))).toBe(
        `body: ${input.bodies.cabinet.name} has already answered (not-agreed): an answer is recorded once`,
      );
      const description = await handle.describe();
      expect(description.status.name).toBe('RUNNING');

      await bodyAnswer(handle, answer('partnership-board', BOARD_CLERK, 'noted'));
      await bodyAnswer(handle, answer('nhs-board', PCT_CLERK, 'agreed', 'The PCT Board agrees.'));
      expect((await handle.result()).outcome).toBe('change-not-agreed');
    });
  });

  it('is on the public page while open, from what it writes to a real register, and off it once closed', async () => {
    const register = await openRegister({ inMemory: true });
    const site = await startPublicationServer({ register, port: 0 });
    const listed = async () => {
      const body = (await (await fetch(`${site.url}/public-consultations.json`)).json()) as {
        publicConsultations: { consultationId: string; subject: string; closesOn: string }[];
      };
      return body.publicConsultations;
    };
    try {
      await clockTo(at(OPENS, '10:00'));
      await withDouble('consultation', async ({ entries }, taskQueue) => {
        const handle = await startConsultation(env().client, taskQueue, input);
        await clockTo(at(addDays(OPENS, 1), '10:00'));
        for (const e of entries) await register.record(e);
        expect(await listed()).toMatchObject([
          { consultationId: handle.workflowId, subject: input.subject, closesOn: CLOSES },
        ]);
        const page = await (await fetch(`${site.url}/public-consultations`)).text();
        expect(page).toContain('Integrating adult social care with the PCT’s community services');
        expect(page).toContain(input.howToRespond);

        await clockTo(at(addDays(CLOSES, 1), '09:00'));
        expect(entries.at(-1)?.kind).toBe('public-consultation-closed');
        for (const e of entries) await register.record(e);
        expect(await listed()).toEqual([]);
      });
    } finally {
      await site.close();
      await register.close();
    }
  });

  it('refuses a start without one of the three bodies, naming the field, and starts nothing', async () => {
    const { 'nhs-board': _nhs, ...two } = input.bodies;
    await expect(
      startConsultation(env().client, 'unused', { ...input, bodies: two } as unknown as ConsultationInput),
    ).rejects.toThrow(/^bodies\.nhs-board: /);
  });
});
