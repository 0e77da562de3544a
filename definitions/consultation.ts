import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import {
  DEFAULT_ANSWER_WORKING_DAYS,
  DEFAULT_PERIOD_WEEKS,
  DEFAULT_REPORT_WORKING_DAYS,
  DEFAULT_REMINDER_DAYS,
  REPORTED_TO,
  type AnswerBy,
  type BodyAnswer,
  type ConsultationOutcome,
  type ReportedTo,
} from '../governance/consultation';
import { governanceDate, optionalPersonText, personLine, personText } from '../governance/person-text';
import { regionSchema } from '../governance/standing-orders/schema';
import { slugSchema } from './common';
import type { ProcessStatus } from './status';

const civilDate = governanceDate('must be a real date written YYYY-MM-DD');
/** The acting officer or clerk, by email. */
const by = z.email('must be the acting person’s email address');
const person = z.object({ name: personLine(200), email: z.email() });
const workingDays = (what: string) =>
  z
    .number()
    .int('must be a whole number of working days')
    .min(1, `must be at least 1 working day ${what}`)
    .max(120, `must be at most 120 working days ${what}`);
/**
 * By when the body answers: the day of its meeting, or a number of working days after the outcome report
 * (the default when neither is given).
 */
export const consultationAnswerBySchema = z
  .object({ on: civilDate.optional(), workingDays: workingDays('after the outcome report').optional() })
  .refine((a) => (a.on === undefined) !== (a.workingDays === undefined), {
    message: 'must give either a day (on) or a number of working days after the report, not both',
  })
  .transform((a): AnswerBy => (a.on !== undefined ? { on: a.on } : { workingDays: a.workingDays! }));
/**
 * A body the outcome is reported to, and the clerk who records what it noted or decided; the Cabinet and
 * the NHS board name their partner, whose registered parent body and clerk they must be.
 */
const reportedBody = z.object({
  name: personLine(200),
  clerk: person,
  partner: slugSchema.optional(),
  answerBy: consultationAnswerBySchema.default({ workingDays: DEFAULT_ANSWER_WORKING_DAYS }),
});

/**
 * P7, a public consultation before partnership arrangements change (bath-nes-2008 ¶11.7). It opens on the
 * day it is started; the workflow is consultation/<board>/<ref>. The officers and the three bodies come
 * from the board's registered standing orders (the CLI fills them in).
 */
export const consultationInputSchema = z.object({
  boardId: slugSchema,
  ref: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-C01)'),
  /** The change consulted on, e.g. "Integrating adult social care with the PCT's community services". */
  subject: personLine(300),
  /** Who is affected, as the public page says it. */
  affected: personText(2000),
  /** How people are consulted: press release, leaflets, an open workshop (¶11.7). */
  methods: z.array(personLine(200)).min(1, 'needs at least one method (e.g. an open workshop)').max(10),
  /** How to respond: an address, a form, the workshop's time and place. */
  howToRespond: personText(2000),
  periodWeeks: z
    .number()
    .int('must be a whole number of weeks')
    .min(1, 'must be at least 1 week')
    .max(52, 'must be at most 52 weeks')
    .default(DEFAULT_PERIOD_WEEKS),
  /** Days before the closing day that reminders go out. */
  reminderDaysBefore: z
    .array(z.number().int('must be whole days').min(1, 'must be at least 1 day before').max(364))
    .max(5, 'must list at most 5 reminders')
    .default([...DEFAULT_REMINDER_DAYS]),
  /** The outcome report is due this many working days after the close; past it the officers are chased. */
  reportWorkingDays: workingDays('after the close').default(DEFAULT_REPORT_WORKING_DAYS),
  /** Whose bank holidays make a closing day no working day. */
  region: regionSchema.default('england-and-wales'),
  /** One-off holidays proclaimed or moved, as the board's standing orders list them. */
  holidayAdjustments: z
    .object({
      add: z.array(z.object({ date: civilDate, name: personLine(200) })).default([]),
      remove: z.array(z.object({ date: civilDate, reason: personLine(500).optional() })).default([]),
    })
    .default({ add: [], remove: [] }),
  officers: z.object({ democraticServices: person, commissioning: person.optional() }),
  /** The Partnership Board, the council's Cabinet and the NHS board: the outcome goes to all three. */
  bodies: z.object({ 'partnership-board': reportedBody, cabinet: reportedBody, 'nhs-board': reportedBody }),
});
export type ConsultationInput = z.input<typeof consultationInputSchema>;
export type ConsultationInputParsed = z.output<typeof consultationInputSchema>;

/** Responses received, as democratic services or the commissioning officer counts them. */
export const consultationResponsesSchema = z.object({
  by,
  count: z
    .number()
    .int('must be a whole number of responses')
    .min(1, 'must be at least 1 response')
    .max(1_000_000),
  themes: z.array(personLine(200)).max(20, 'must list at most 20 themes').default([]),
});
export type ConsultationResponses = z.input<typeof consultationResponsesSchema>;

/** The outcome report: what the responses said, after the consultation closed. */
export const consultationReportSchema = z.object({ by, summary: personText(10000) });
export type ConsultationReport = z.input<typeof consultationReportSchema>;

/** What one of the three bodies did with the outcome: noted it, or decided on the change. */
export const consultationBodyAnswerSchema = z
  .object({
    by,
    body: z.enum(REPORTED_TO, { message: `must be one of ${REPORTED_TO.join(', ')}` }),
    answer: z.enum(['noted', 'agreed', 'not-agreed'], { message: 'must be noted, agreed or not-agreed' }),
    resolution: optionalPersonText(5000),
  })
  .refine((a) => a.answer === 'noted' || a.resolution !== '', {
    message: 'must say what the body resolved when it decides (agreed or not-agreed)',
    path: ['resolution'],
  });
export type ConsultationBodyAnswer = z.input<typeof consultationBodyAnswerSchema>;

export type ConsultationStage = 'open' | 'closed' | 'reported' | ConsultationOutcome;
export type BodyAnswers = Record<ReportedTo, BodyAnswer | 'awaiting'>;
export interface ResponseTally {
  count: number;
  /** Each theme once, in the order first recorded. */
  themes: string[];
}

/** Who owes an answer by a deadline: the officers (the outcome report) or one of the three bodies. */
export type ConsultationDue = 'outcome-report' | ReportedTo;

/** A deadline as the status shows it: its day, its instant, and whether it is still due, overdue or met. */
export interface ConsultationDeadlineStatus {
  for: ConsultationDue;
  what: string;
  on: string;
  at: string;
  state: 'due' | 'overdue' | 'met';
}

export type ConsultationStatus = ProcessStatus<ConsultationStage> & {
  subject: string;
  opensOn?: string;
  closesOn?: string;
  responses: ResponseTally;
  bodies: BodyAnswers;
  /** The outcome report's and the bodies' deadlines, once set (processes started before they were kept have none). */
  deadlines?: ConsultationDeadlineStatus[];
};

export interface ConsultationResult {
  outcome: ConsultationOutcome;
  opensOn: string;
  closesOn: string;
  responses: ResponseTally;
  bodies: BodyAnswers;
}

export const recordConsultationResponsesUpdate = defineUpdate<ResponseTally, [ConsultationResponses]>(
  'recordConsultationResponses',
);
export const recordConsultationReportUpdate = defineUpdate<BodyAnswers, [ConsultationReport]>(
  'recordConsultationReport',
);
export const recordConsultationBodyAnswerUpdate = defineUpdate<BodyAnswers, [ConsultationBodyAnswer]>(
  'recordConsultationBodyAnswer',
);
export const consultationStatusQuery = defineQuery<ConsultationStatus>('status');

export function consultationWorkflowId(boardId: string, ref: string): string {
  return `consultation/${boardId}/${ref}`;
}
