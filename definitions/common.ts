import { z } from 'zod';
import { personLine } from '../governance/person-text';

/** Board and member identifiers: lower-case words joined by hyphens, safe in workflow IDs and URLs. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lower-case letters, digits and single hyphens (e.g. southampton-jcb)',
  )
  .max(64);

/** An exempt item's Schedule 12A paragraph (LGA 1972), or null for a public item. */
export const exemptParagraphSchema = z
  .number()
  .int()
  .min(1, 'must be a Schedule 12A paragraph 1-7')
  .max(7, 'must be a Schedule 12A paragraph 1-7')
  .nullable()
  .default(null);

export const recipientSchema = z.object({
  role: z.enum([
    'member',
    'chair',
    'partner-lead',
    'os-chair',
    'os-member',
    'parent-body-clerk',
    'officer',
    'chief-executive',
    'joint-committee',
  ]),
  name: personLine(200),
  email: z.email(),
  partner: z.string().max(64).optional(),
});
