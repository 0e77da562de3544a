import type { ZodError } from 'zod';
import { describeZodError } from './validation';

/**
 * A mistake by the person at the keyboard: reported in one line, exit code 2, no stack trace. It lives in the
 * contract layer, not in client/, because runtime/, security/, scripts and the CLI all reject bad input the same way.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** Parses with a zod schema, turning a failure into a UserError that names the field. */
export function parseInput<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  value: unknown,
  prefix = '',
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserError(describeZodError(result.error, prefix));
  return result.data;
}
