import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import { REGIONS } from '../governance/bank-holidays';
import { governanceDate, personLine } from '../governance/person-text';
import { recipientSchema, slugSchema } from './common';
import type { ProcessStatus } from './status';

export const effectivenessReviewInputSchema = z.object({
  boardId: slugSchema,
  boardName: personLine(200),
  /** Establishment date for the first review; the previous review's date after that. */
  from: governanceDate('must be a real date written YYYY-MM-DD'),
  intervalMonths: z.number().int().min(1).max(60).default(12),
  reminderDaysBefore: z.array(z.number().int().min(1).max(365)).max(10).default([28, 7]),
  /** Whose bank holidays decide the working days reminders and the review fall on. */
  region: z.enum(REGIONS).default('england-and-wales'),
  /** 1 for the first review after establishment. */
  cycle: z.number().int().min(1).default(1),
  recipients: z.array(recipientSchema).min(1, 'needs at least one person to notify'),
});

export type EffectivenessReviewInput = z.input<typeof effectivenessReviewInputSchema>;

export type EffectivenessReviewStage = 'awaiting-reminder' | 'awaiting-review-date' | 'review-started';

export interface EffectivenessReviewResult {
  boardId: string;
  reviewDue: string;
  startedAt: string;
  remindersSent: number[];
}

export const effectivenessReviewStatusQuery = defineQuery<ProcessStatus<EffectivenessReviewStage>>('status');

export function effectivenessReviewWorkflowId(boardId: string, cycle: number): string {
  return `review/${boardId}/${cycle}`;
}
