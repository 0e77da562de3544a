/**
 * The govflow worker as production wires it (worker/run.ts: real register, real SMTP mailer, public pages,
 * the encrypting data converter when a key is set), run as a child process so a test can SIGKILL it in
 * the middle of an activity and start it again. Configured by the environment exactly as `npm run worker`
 * is (TEMPORAL_ADDRESS, GOVFLOW_TASK_QUEUE, GOVFLOW_WORKFLOW_BUNDLE, DATABASE_URL or GOVFLOW_DATA_DIR,
 * SMTP_HOST/SMTP_PORT, GOVFLOW_HTTP_PORT, GOVFLOW_ENCRYPTION_KEY…), plus three test-only settings:
 *
 *   GOVFLOW_TEST_STALL=<point>:<step>[:<n>]  hang (and print "STALLED …") at one point inside an activity:
 *     mail-before-send     the n-th message of notification <step> is claimed in the register, not yet sent
 *     mail-after-accept    the n-th message was accepted by the SMTP server (250), not yet marked sent
 *     notify-after-effects every message of <step> is sent and marked; the activity has not reported back
 *     record-after-commit  the register entry <step> is committed; the activity has not reported back
 *   GOVFLOW_TEST_LOG_LEVEL  the Temporal runtime's log level (default WARN), logged to stdout
 *   GOVFLOW_TEST_MUTATE     removes a protection, to show the tests fail without it (never set by the suite):
 *     resend-sent   the register's notification claim forgets what was sent, so a retry sends everything again
 *     record-again  a retried attempt records under a key of its own, so it writes a second entry
 *
 * Prints "READY <public pages url>" once the worker polls.
 */
import { meetingDeskStandIn } from '../../../activities/meetings';
import { readFile } from 'node:fs/promises';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { knownBoards } from '../../support/boards';
import { londonCivilDate } from '../../../governance/civil-date';
import { resolveStandingOrders } from '../../../governance/standing-orders';
import { Context } from '@temporalio/activity';
import type { GovernanceActivities, RegisterEntry } from '../../../activities/contract';
import type { Register } from '../../../activities/records/register';
import type { Mailer } from '../../../activities/mail/mailer';
import { openGovernanceServices } from '../../../activities/services';
import { startPublicationServer } from '../../../publication/server';
import { dataConverterFromEnv } from '../../../security/codec';
import { createGovflowWorker } from '../../../worker/create-worker';

const [point, stallStep, nth] = (process.env.GOVFLOW_TEST_STALL ?? '').split(':');
const stallAt = Number(nth ?? 1);

function stall(detail: string): Promise<never> {
  process.stdout.write(`STALLED ${point} ${stallStep} ${detail}\n`);
  return new Promise<never>(() => undefined);
}

function withStalls(mailer: Mailer): Mailer {
  const sentPerStep = new Map<string, number>();
  return {
    from: mailer.from,
    close: () => mailer.close(),
    async send(mail) {
      const step = mail.headers?.['X-Govflow-Step'] ?? '';
      const n = (sentPerStep.get(step) ?? 0) + 1;
      sentPerStep.set(step, n);
      const here = step === stallStep && n === stallAt;
      if (here && point === 'mail-before-send') await stall(`${mail.to.address} ${mail.messageId}`);
      const result = await mailer.send(mail);
      if (here && point === 'mail-after-accept') await stall(`${mail.to.address} ${mail.messageId}`);
      return result;
    },
  };
}

function mutate(register: Register): Register {
  if (mutation === 'resend-sent') {
    return Object.assign(Object.create(register) as Register, {
      claimNotification: async (claim: Parameters<Register['claimNotification']>[0]) => ({
        ...(await register.claimNotification(claim)),
        status: 'claimed' as const,
      }),
    });
  }
  if (mutation === 'record-again') {
    return Object.assign(Object.create(register) as Register, {
      record: (entry: RegisterEntry) => {
        const { attempt } = Context.current().info;
        return register.record(
          attempt === 1
            ? entry
            : { ...entry, key: { ...entry.key, step: `${entry.key.step}#retry-${attempt}` } },
        );
      },
    });
  }
  return register;
}

function withActivityStalls(activities: GovernanceActivities): GovernanceActivities {
  return {
    ...activities,
    async notify(n) {
      const result = await activities.notify(n);
      if (point === 'notify-after-effects' && n.key.step === stallStep) await stall(JSON.stringify(result));
      return result;
    },
    async record(entry) {
      const result = await activities.record(entry);
      if (point === 'record-after-commit' && entry.key.step === stallStep)
        await stall(JSON.stringify(result));
      return result;
    },
  };
}

const mutation = process.env.GOVFLOW_TEST_MUTATE ?? '';

async function main(): Promise<void> {
  const level = (process.env.GOVFLOW_TEST_LOG_LEVEL ?? 'WARN') as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) =>
      process.stdout.write(`[${entry.level}] ${entry.message} ${JSON.stringify(entry.meta ?? {})}\n`),
    ),
    telemetryOptions: { logging: { forward: {}, filter: { core: level, other: level } } },
  });
  const dataConverter = dataConverterFromEnv();
  const services = await openGovernanceServices(process.env);
  const publication = await startPublicationServer({
    register: services.register,
    port: Number(process.env.GOVFLOW_HTTP_PORT ?? 0),
  });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await createGovflowWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.GOVFLOW_TASK_QUEUE!,
    workflowBundle: { code: await readFile(process.env.GOVFLOW_WORKFLOW_BUNDLE!, 'utf8') },
    activities: withActivityStalls(
      createActivities({
        mailer: withStalls(services.mailer),
        register: mutate(services.register),
        // Southampton as registered today, which is what the reliability tests' items carry (harness.ts).
        boards: knownBoards(resolveStandingOrders('southampton-jcb', londonCivilDate(Date.now()))),
        // Items are listed on meetings kept in memory: the reliability suite counts the decision's own effects.
        meetings: meetingDeskStandIn(),
      }),
    ),
    dataConverter,
  });
  const running = worker.run();
  process.stdout.write(`READY ${publication.url}\n`);
  const stop = () => worker.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await running;
  await publication.close();
  await services.close();
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker-process: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
