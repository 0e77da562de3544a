import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { optionalPersonText, personText } from '../governance/person-text';
import { slugSchema } from './common';

const ref = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'must be letters, digits and hyphens (e.g. 2027-014)');

/** An officer signs an agenda item off (issue 14 item 4): finance, legal, the monitoring officer. */
export const signOffSchema = z.object({
  ref,
  /** The board's sign-off, e.g. "finance". */
  role: slugSchema,
  /** The officer the board names for that sign-off, by email. */
  by: z.email('must be the signing officer’s email address'),
  note: optionalPersonText(2000),
});

/** The chair consents to take an item still missing a sign-off as a late item rather than defer it. */
export const unsignedAsLateSchema = z.object({
  by: z.email('must be the acting officer’s email address'),
  ref,
  chairConsent: z.object({ chair: slugSchema, reasons: personText(2000) }),
});

export type SignOffUpdate = z.input<typeof signOffSchema>;
export type UnsignedAsLateUpdate = z.input<typeof unsignedAsLateSchema>;

export const signOffUpdate = defineUpdate<string, [SignOffUpdate]>('signOff');
export const takeUnsignedAsLateUpdate = defineUpdate<string, [UnsignedAsLateUpdate]>('takeUnsignedAsLate');

/** One item's sign-off as the meeting's status shows it: due, given (by whom, when) or overdue. */
export interface ItemSignOff {
  ref: string;
  role: string;
  officer: string;
  due: string;
  given?: { by: string; on: string; note?: string };
  /** Its due day has passed without it: the officer has been chased. */
  overdue: boolean;
}
