/**
 * SMTP settings from the environment. A wrong value stops the worker at startup with the name of the
 * variable, rather than failing the first notification hours later inside a retried activity.
 */
import { z } from 'zod';
import type { Environment } from '../../runtime/config';

export interface Mailbox {
  name: string;
  address: string;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: Mailbox;
}

export const DEFAULT_FROM: Mailbox = { name: 'govflow', address: 'govflow@govflow.localhost' };

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** "Name <address>" or a bare address. */
export function parseMailbox(value: string): Mailbox | undefined {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+)>\s*$/.exec(value) ?? /^\s*()([^<>\s]+)\s*$/.exec(value);
  if (!match) return undefined;
  const address = match[2] ?? '';
  if (!z.email().safeParse(address).success) return undefined;
  return { name: (match[1] ?? '').trim() || DEFAULT_FROM.name, address };
}

const envSchema = z
  .object({
    SMTP_HOST: z.string().min(1),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_SECURE: flag.optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    GOVFLOW_MAIL_FROM: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return DEFAULT_FROM;
        const mailbox = parseMailbox(v);
        if (!mailbox)
          ctx.addIssue({ code: 'custom', message: 'expected "Name <address@domain>" or an address' });
        return mailbox ?? DEFAULT_FROM;
      }),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_USER && !env.SMTP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'required when SMTP_USER is set' });
    }
    if (env.SMTP_PASSWORD && !env.SMTP_USER) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_USER'], message: 'required when SMTP_PASSWORD is set' });
    }
  });

export class MailConfigError extends Error {
  override name = 'MailConfigError';
}

/** Reads SMTP_* and GOVFLOW_MAIL_FROM. Empty variables count as unset. */
export function smtpConfigFromEnv(env: Environment): SmtpConfig {
  const present = Object.fromEntries(
    (['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASSWORD', 'GOVFLOW_MAIL_FROM'] as const)
      // A password may legitimately begin or end with a space; nothing else may.
      .map((name) => [name, name === 'SMTP_PASSWORD' ? env[name] : env[name]?.trim()])
      .filter(([, value]) => value?.trim()),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'SMTP')}: ${i.message}`);
    throw new MailConfigError(`Invalid mail configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const secure = e.SMTP_SECURE ?? e.SMTP_PORT === 465;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    ...(e.SMTP_USER && e.SMTP_PASSWORD ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } } : {}),
    from: e.GOVFLOW_MAIL_FROM,
  };
}
