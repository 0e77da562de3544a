/**
 * Opens the real services the activities need, from the environment, with embedded defaults so
 * `npm start` works on a bare machine:
 *   - register: PostgreSQL when DATABASE_URL is set, else PGlite under <GOVFLOW_DATA_DIR>/pglite;
 *   - mail: SMTP_HOST when set, else an embedded SMTP server on 127.0.0.1:GOVFLOW_SMTP_PORT that stores
 *     each message under <GOVFLOW_DATA_DIR>/mail and takes mail only with the credentials it keeps in
 *     <GOVFLOW_DATA_DIR>/smtp-credentials.json.
 * The embedded PGlite database belongs to one process: run the worker and the publication server in the
 * same process and hand them the same `register`.
 */
import path from 'node:path';
import { z } from 'zod';
import { dataDir as dataDirOf, environment, type Environment } from '../runtime/config';
import { smtpConfigFromEnv, DEFAULT_FROM, parseMailbox } from './mail/config';
import { startEmbeddedMailServer, type EmbeddedMailServer } from './mail/embedded-server';
import { createSmtpMailer, type Mailer } from './mail/mailer';
import { openRegister, type Register } from './records/register';

export interface GovernanceServices {
  mailer: Mailer;
  register: Register;
  dataDir: string;
  /** Set when mail goes to the embedded store; the publication server lists this folder under /mail. */
  mailDir?: string;
  embeddedMail?: EmbeddedMailServer;
  close(): Promise<void>;
}

const port = z.coerce.number().int().min(0).max(65535);

export async function openGovernanceServices(env: Environment = environment()): Promise<GovernanceServices> {
  const dataDir = dataDirOf(env);
  let embeddedMail: EmbeddedMailServer | undefined;
  let mailer: Mailer;
  if (env.SMTP_HOST?.trim()) {
    mailer = createSmtpMailer(smtpConfigFromEnv(env));
  } else {
    const smtpPort = port.safeParse(env.GOVFLOW_SMTP_PORT?.trim() || 2525);
    if (!smtpPort.success)
      throw new Error(`Invalid mail configuration: GOVFLOW_SMTP_PORT: expected a port number`);
    const from = env.GOVFLOW_MAIL_FROM ? parseMailbox(env.GOVFLOW_MAIL_FROM) : DEFAULT_FROM;
    if (!from)
      throw new Error('Invalid mail configuration: GOVFLOW_MAIL_FROM: expected "Name <address@domain>"');
    embeddedMail = await startEmbeddedMailServer({
      dir: path.join(dataDir, 'mail'),
      port: smtpPort.data,
      credentialsFile: path.join(dataDir, 'smtp-credentials.json'),
    });
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: embeddedMail.port,
      secure: false,
      ignoreTls: true,
      auth: embeddedMail.credentials,
      from,
    });
  }
  let register: Register;
  try {
    const databaseUrl = env.DATABASE_URL?.trim();
    register = await openRegister(databaseUrl ? { databaseUrl } : { dataDir });
  } catch (error) {
    await mailer.close();
    await embeddedMail?.close();
    throw error;
  }
  return {
    mailer,
    register,
    dataDir,
    ...(embeddedMail ? { mailDir: embeddedMail.dir, embeddedMail } : {}),
    async close() {
      await mailer.close();
      await embeddedMail?.close();
      await register.close();
    },
  };
}
