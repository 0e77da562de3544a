import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { describeZodError } from '../../definitions/validation';

/**
 * Clients validate before starting a process; this second check keeps a workflow started some other way
 * (tctl, another SDK) from running on bad input. It fails the workflow at once, naming the field,
 * instead of retrying a workflow task for ever.
 */
export function parseWorkflowInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(`invalid input: ${describeZodError(result.error)}`, 'InvalidInput');
  }
  return result.data;
}
