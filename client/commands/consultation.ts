/**
 * P7, public consultation from the CLI: `govflow consultation start` opens one, `responses` counts responses
 * with their themes, `report` records the outcome report once it has closed, `decide` records what one of
 * the three bodies (the Partnership Board, Cabinet, the NHS board) did with it.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import {
  consultationAnswerBySchema,
  consultationBodyAnswerSchema,
  consultationInputSchema,
  consultationReportSchema,
  consultationStatusQuery,
  consultationResponsesSchema,
  consultationWorkflowId,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
  type ConsultationInput,
  type ConsultationStatus,
} from '../../definitions';
import { slugSchema } from '../../definitions/common';
import { UserError, parseInput } from '../../definitions/errors';
import { holidayCalendar } from '../../governance/bank-holidays';
import { compareCivilDates, londonCivilDate } from '../../governance/civil-date';
import { REPORTED_TO, closingDay, type AnswerBy, type ReportedTo } from '../../governance/consultation';
import type { StandingOrders } from '../../governance/standing-orders';
import { loadConfig } from '../../runtime/config';
import { registeredStandingOrders } from '../boards';
import { withClient } from '../actions/connect';
import { dateFlag, given, listFlag, numberFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { sendUpdate } from '../actions/send-update';
import { workflowIdFor } from '../actions/workflow-ids';
import { startConsultation } from '../processes/consultation';

interface StartOptions {
  board?: string;
  ref?: string;
  subject?: string;
  affected?: string;
  method?: string[];
  howToRespond?: string;
  periodWeeks?: string;
  reminderDays?: string[];
  reportWorkingDays?: string;
  partnershipBoardBy?: string;
  cabinetBy?: string;
  nhsBoardBy?: string;
  json?: boolean;
}

const BY_OPTION: Record<ReportedTo, 'partnershipBoardBy' | 'cabinetBy' | 'nhsBoardBy'> = {
  'partnership-board': 'partnershipBoardBy',
  cabinet: 'cabinetBy',
  'nhs-board': 'nhsBoardBy',
};

/** A body's deadline as typed: its meeting day (YYYY-MM-DD) or a number of working days after the report. */
function answerByFlag(value: string | undefined, body: ReportedTo): AnswerBy | undefined {
  if (value === undefined) return undefined;
  const field = `bodies.${body}.answerBy`;
  if (!/^\d{4}-/.test(value) && !/^\d+$/.test(value))
    throw new UserError(
      `${field}: "${value}" is neither a meeting day (YYYY-MM-DD) nor a number of working days after the report`,
    );
  const raw = /^\d{4}-/.test(value)
    ? { on: dateFlag(value, `${field}.on`) }
    : { workingDays: numberFlag(value, `${field}.workingDays`) };
  return parseInput(consultationAnswerBySchema, raw, field);
}

/** A body given a meeting day must meet after the consultation closes: it considers the outcome report. */
function requireAfterClose(answerBy: Partial<Record<ReportedTo, AnswerBy>>, closesOn: string): void {
  for (const body of REPORTED_TO) {
    const by = answerBy[body];
    if (by && 'on' in by && compareCivilDates(by.on, closesOn) <= 0)
      throw new UserError(
        `bodies.${body}.answerBy.on: ${by.on} is not after the consultation closes (${closesOn}); give a later meeting day or a number of working days after the report`,
      );
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The officers and the three bodies come from the board's registered standing orders, never from the
 * officer starting it: the Partnership Board is the board itself (its democratic services officer records
 * its answer), the Cabinet and the NHS board are the partners' parent bodies and clerks.
 */
export function runBy(
  so: StandingOrders,
  answerBy: Partial<Record<ReportedTo, AnswerBy>> = {},
): Pick<ConsultationInput, 'officers' | 'bodies' | 'region' | 'holidayAdjustments'> {
  const parent = (kind: 'council' | 'nhs') => {
    const p = so.partners.find((x) => x.kind === kind);
    if (!p) throw new UserError(`board: ${so.board.id} has no ${kind} partner to report the outcome to`);
    return { name: p.parentBody.name, clerk: p.clerk, partner: p.id };
  };
  const by = (body: ReportedTo) => {
    const given = answerBy[body];
    return given ? { answerBy: given } : {};
  };
  const ds = so.officers.democraticServices;
  const democraticServices = { name: ds.name ?? 'Democratic services', email: ds.email };
  return {
    region: so.holidays.region,
    holidayAdjustments: so.holidays.adjustments,
    officers: {
      democraticServices,
      ...(so.officers.commissioning ? { commissioning: so.officers.commissioning } : {}),
    },
    bodies: {
      'partnership-board': { name: so.board.name, clerk: democraticServices, ...by('partnership-board') },
      cabinet: { ...parent('council'), ...by('cabinet') },
      'nhs-board': { ...parent('nhs'), ...by('nhs-board') },
    },
  };
}

function registerStart(consultation: Command): void {
  consultation
    .command('start')
    .description(
      'Open a public consultation today and publish it, with its closing date, on the public pages',
    )
    .requiredOption('--board <id>', 'the board whose partners consult (its registered standing orders)')
    .requiredOption('--ref <ref>', 'a reference for the consultation, e.g. 2027-C01')
    .requiredOption('--subject <text>', 'the change consulted on')
    .requiredOption('--affected <text>', 'who is affected')
    .requiredOption(
      '--method <text>',
      'how people are consulted (repeat: press release, leaflets, workshop)',
      collect,
    )
    .requiredOption('--how-to-respond <text>', 'how to respond, as the public page says it')
    .option('--period-weeks <n>', 'how long it runs, in weeks after the opening day (default 12)')
    .option('--reminder-days <n,n>', 'days before the close that reminders go out (default 14,7)', collect)
    .option(
      '--report-working-days <n>',
      'the outcome report is due this many working days after the close; then the officers are chased (default 20)',
    )
    .option(
      '--partnership-board-by <date|n>',
      'when the Partnership Board answers: its meeting day (YYYY-MM-DD) or working days after the report (default 30)',
    )
    .option('--cabinet-by <date|n>', 'when Cabinet answers: its meeting day or working days after the report')
    .option(
      '--nhs-board-by <date|n>',
      'when the NHS board answers: its meeting day or working days after the report',
    )
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow consultation start --board bath-nes-joint-committee --ref 2027-C01 \\\n' +
          '      --subject "Integrating adult social care with community health services" \\\n' +
          '      --affected "People who use adult social care and their carers" --method "Open workshop" \\\n' +
          '      --how-to-respond "Write to consultation@bathnes.example.org" --cabinet-by 2027-05-12',
      ),
    )
    .action(async (o: StartOptions) => {
      const boardId = parseInput(slugSchema, o.board, 'board');
      const reminderDaysBefore = o.reminderDays
        ? listFlag(o.reminderDays).map((d) => numberFlag(d, 'reminderDaysBefore')!)
        : undefined;
      const item = {
        boardId,
        ref: o.ref,
        subject: o.subject,
        affected: o.affected,
        methods: o.method,
        howToRespond: o.howToRespond,
        ...given({
          periodWeeks: numberFlag(o.periodWeeks, 'periodWeeks'),
          reminderDaysBefore,
          reportWorkingDays: numberFlag(o.reportWorkingDays, 'reportWorkingDays'),
        }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      const parsed = parseInput(consultationInputSchema.omit({ officers: true, bodies: true }), item);
      const answerBy = Object.fromEntries(
        REPORTED_TO.flatMap((body) => {
          const by = answerByFlag(o[BY_OPTION[body]], body);
          return by ? [[body, by]] : [];
        }),
      ) as Partial<Record<ReportedTo, AnswerBy>>;
      const handle = await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, boardId);
        const { region, adjustments } = standingOrders.holidays;
        // Today's close, as the process will count it when it opens today.
        const closesOn = closingDay(
          londonCivilDate(Date.now()),
          parsed.periodWeeks,
          holidayCalendar(region, adjustments),
        );
        requireAfterClose(answerBy, closesOn);
        const raw = { ...item, ...runBy(standingOrders, answerBy) } as ConsultationInput;
        try {
          return await startConsultation(client, loadConfig().GOVFLOW_TASK_QUEUE, raw);
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError)
            throw new UserError(
              `ref: ${consultationWorkflowId(boardId, String(o.ref))} already exists; give the consultation a new reference`,
            );
          throw error;
        }
      });
      emit(o.json, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, () => [
        `opened and published: ${handle.workflowId}`,
        `  its closing date: npx govflow status ${handle.workflowId}`,
      ]);
    });
}

function registerActions(consultation: Command): void {
  const idHelp = '\n<consultation> is consultation/<board>/<ref> or <board>/<ref>.';
  consultation
    .command('responses <consultation>')
    .description(
      'Record responses received: how many, and their themes (democratic services or commissioning)',
    )
    .requiredOption('--count <n>', 'how many responses')
    .option('--theme <text>', 'a theme the responses raise (repeat for more)', collect)
    .requiredOption('--by <email>', 'the officer recording them')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      idHelp +
        example(
          'npx govflow consultation responses bath-nes-joint-committee/2027-C01 --count 40 --theme "home care" \\\n' +
            '      --by democratic.services@bathnes.example.org',
        ),
    )
    .action(async (id: string, o: { count: string; theme?: string[]; by: string; json?: boolean }) => {
      const payload = parseInput(consultationResponsesSchema, {
        by: o.by,
        count: numberFlag(o.count, 'count'),
        themes: o.theme ?? [],
      });
      const { workflowId, result } = await sendUpdate(
        'consultation',
        id,
        'responses',
        recordConsultationResponsesUpdate,
        payload,
      );
      emit(
        o.json,
        { workflowId, action: 'responses', result },
        () =>
          `${workflowId}: ${result.count} responses${result.themes.length ? ` (themes: ${result.themes.join('; ')})` : ''}`,
      );
    });
  consultation
    .command('report <consultation>')
    .description('Record the outcome report after it has closed; it goes to the three bodies')
    .requiredOption('--summary <text>', 'what the responses said')
    .requiredOption('--by <email>', 'the officer recording it')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      idHelp +
        example(
          'npx govflow consultation report bath-nes-joint-committee/2027-C01 --summary "Most support it" \\\n' +
            '      --by democratic.services@bathnes.example.org',
        ),
    )
    .action(async (id: string, o: { summary: string; by: string; json?: boolean }) => {
      const payload = parseInput(consultationReportSchema, { by: o.by, summary: o.summary });
      const { workflowId, result } = await sendUpdate(
        'consultation',
        id,
        'report',
        recordConsultationReportUpdate,
        payload,
      );
      emit(
        o.json,
        { workflowId, action: 'report', result },
        () => `${workflowId}: outcome reported to ${REPORTED_TO.join(', ')}`,
      );
    });
  consultation
    .command('decide <consultation>')
    .description('Record that one of the three bodies noted the outcome, or what it decided (its clerk)')
    .requiredOption('--body <body>', `the body: ${REPORTED_TO.join(', ')}`)
    .requiredOption('--answer <noted|agreed|not-agreed>', 'noted, or its decision on the change')
    .option('--resolution <text>', 'what it resolved (needed when it decides)')
    .requiredOption('--by <email>', 'the clerk to that body')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      idHelp +
        example(
          'npx govflow consultation decide bath-nes-joint-committee/2027-C01 --body cabinet --answer noted \\\n' +
            '      --by cabinet.clerk@bathnes.example.org',
        ),
    )
    .action(
      async (
        id: string,
        o: { body: string; answer: string; resolution?: string; by: string; json?: boolean },
      ) => {
        const payload = parseInput(consultationBodyAnswerSchema, {
          by: o.by,
          body: o.body,
          answer: o.answer,
          ...given({ resolution: o.resolution }),
        });
        const { workflowId, result } = await sendUpdate(
          'consultation',
          id,
          'decide',
          recordConsultationBodyAnswerUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'decide', result },
          () =>
            `${workflowId}: ${Object.entries(result)
              .map(([body, answer]) => `${body} ${answer}`)
              .join(', ')}`,
        );
      },
    );
}

/** The status in lines: its period, responses, each body's answer, and each deadline with who is overdue. */
export function consultationStatusLines(workflowId: string, s: ConsultationStatus): string[] {
  const { count, themes } = s.responses;
  const deadlines = s.deadlines ?? [];
  const overdue = deadlines.filter((d) => d.state === 'overdue');
  return [
    `${workflowId}: ${s.stage}`,
    `  subject:       ${s.subject}`,
    ...(s.opensOn && s.closesOn ? [`  open:          ${s.opensOn} to the end of ${s.closesOn}`] : []),
    `  responses:     ${count}${themes.length ? ` (themes: ${themes.join('; ')})` : ''}`,
    `  waiting for:   ${s.waitingFor}`,
    ...(s.nextDeadline ? [`  next deadline: ${s.nextDeadline}`] : []),
    ...REPORTED_TO.map((body) => `  ${body}: ${s.bodies[body]}`),
    ...(deadlines.length ? ['  deadlines:'] : []),
    ...deadlines.map((d) => `    ${d.what}: by the end of ${d.on} (${d.state})`),
    `  overdue:       ${overdue.length ? overdue.map((d) => d.for).join(', ') : 'none'}`,
  ];
}

function registerStatus(consultation: Command): void {
  consultation
    .command('status <consultation>')
    .description(
      'Where a consultation stands: its deadlines (the outcome report, each body’s answer) and who is overdue',
    )
    .option('--json', 'print one JSON document: the status query’s answer')
    .addHelpText(
      'after',
      '\n<consultation> is consultation/<board>/<ref> or <board>/<ref>.' +
        example('npx govflow consultation status bath-nes-joint-committee/2027-C01'),
    )
    .action(async (id: string, o: { json?: boolean }) => {
      const workflowId = workflowIdFor('consultation', id);
      const status = await withClient(async (client, namespace) => {
        try {
          const description = await client.workflow.getHandle(workflowId).describe();
          if (description.type !== 'consultation')
            throw new UserError(`"${workflowId}" is a ${description.type} process, not a consultation`);
        } catch (error) {
          if (error instanceof WorkflowNotFoundError)
            throw new UserError(`no consultation process "${workflowId}" in namespace ${namespace}`);
          throw error;
        }
        return client.workflow.getHandle(workflowId).query(consultationStatusQuery);
      });
      emit(o.json, status, () => consultationStatusLines(workflowId, status));
    });
}

export function registerConsultationCommands(program: Command): void {
  const consultation = program
    .command('consultation')
    .description('Public consultation before partnership arrangements change (P7)');
  registerStart(consultation);
  registerActions(consultation);
  registerStatus(consultation);
}
