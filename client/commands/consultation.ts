/**
 * P7, public consultation from the CLI: `govflow consultation start` opens one, `responses` counts responses
 * with their themes, `report` records the outcome report once it has closed, `decide` records what one of
 * the three bodies (the Partnership Board, Cabinet, the NHS board) did with it.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  consultationBodyAnswerSchema,
  consultationInputSchema,
  consultationReportSchema,
  consultationResponsesSchema,
  consultationWorkflowId,
  recordConsultationBodyAnswerUpdate,
  recordConsultationReportUpdate,
  recordConsultationResponsesUpdate,
  type ConsultationInput,
} from '../../definitions';
import { slugSchema } from '../../definitions/common';
import { UserError, parseInput } from '../../definitions/errors';
import { REPORTED_TO } from '../../governance/consultation';
import type { StandingOrders } from '../../governance/standing-orders';
import { loadConfig } from '../../runtime/config';
import { registeredStandingOrders } from '../boards';
import { withClient } from '../actions/connect';
import { given, listFlag, numberFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { sendUpdate } from '../actions/send-update';
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
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The officers and the three bodies come from the board's registered standing orders, never from the
 * officer starting it: the Partnership Board is the board itself (its democratic services officer records
 * its answer), the Cabinet and the NHS board are the partners' parent bodies and clerks.
 */
export function runBy(
  so: StandingOrders,
): Pick<ConsultationInput, 'officers' | 'bodies' | 'region' | 'holidayAdjustments'> {
  const parent = (kind: 'council' | 'nhs') => {
    const p = so.partners.find((x) => x.kind === kind);
    if (!p) throw new UserError(`board: ${so.board.id} has no ${kind} partner to report the outcome to`);
    return { name: p.parentBody.name, clerk: p.clerk, partner: p.id };
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
      'partnership-board': { name: so.board.name, clerk: democraticServices },
      cabinet: parent('council'),
      'nhs-board': parent('nhs'),
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
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow consultation start --board bath-nes-joint-committee --ref 2027-C01 \\\n' +
          '      --subject "Integrating adult social care with community health services" \\\n' +
          '      --affected "People who use adult social care and their carers" --method "Open workshop" \\\n' +
          '      --how-to-respond "Write to consultation@bathnes.example.org"',
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
        ...given({ periodWeeks: numberFlag(o.periodWeeks, 'periodWeeks'), reminderDaysBefore }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      parseInput(consultationInputSchema.omit({ officers: true, bodies: true }), item);
      const handle = await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, boardId);
        const raw = { ...item, ...runBy(standingOrders) } as ConsultationInput;
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

export function registerConsultationCommands(program: Command): void {
  const consultation = program
    .command('consultation')
    .description('Public consultation before partnership arrangements change (P7)');
  registerStart(consultation);
  registerActions(consultation);
}
