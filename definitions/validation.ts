import type { ZodError } from 'zod';

/** One clause per problem, each naming the field and the rule it broke: "recipients: needs at least one person". */
export function describeZodError(error: ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
