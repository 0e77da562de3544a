import path from 'node:path';
import type { NativeConnection, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { createActivities } from '../activities';
import { boardLookup } from '../activities/boards';
import { pooledBudgetLedger } from '../activities/pooled-budgets';
import { meetingDesk } from '../activities/meetings';
import { openGovernanceServices, type GovernanceServices } from '../activities/services';
import { startPublicationServer, type PublicationServer } from '../publication/server';
import { loadConfig } from '../runtime/config';
import { dataConverterFromEnv, keyRingFromEnv } from '../security/codec';
import { recordWorkerEncryption } from '../security/encryption-marker';
import { createGovflowWorker } from './create-worker';

export interface RunningGovflow {
  worker: Worker;
  services: GovernanceServices;
  publication: PublicationServer;
  /** Resolves when the worker has stopped. */
  finished: Promise<void>;
  /** Stops the worker (letting running activities finish), then the publication server and the services. */
  stop(): Promise<void>;
}

export interface RunGovflowOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle: WorkflowBundleOption;
  httpPort: number;
  httpHost?: string;
  /** The register and mail, when the caller opened them already (npm start does, while the dev server starts). */
  services?: GovernanceServices;
}

/**
 * The worker with the real activities (register, mail) and the public pages, in one process: the
 * embedded PGlite register belongs to one process, and both need it.
 */
export async function runGovflow(options: RunGovflowOptions): Promise<RunningGovflow> {
  // Read before anything opens: a wrong key setting stops the worker at startup, naming the variable.
  const ring = keyRingFromEnv();
  const { GOVFLOW_MAX_CACHED_WORKFLOWS: maxCachedWorkflows, council, dataDir } = loadConfig();
  // Tells every client whether this task queue encrypts, so one without the key sends nothing (security/encryption-marker.ts).
  const { namespace, taskQueue } = options;
  const warning = await recordWorkerEncryption(
    options.connection.workflowService,
    { namespace, taskQueue },
    ring,
  );
  if (warning) console.warn(`govflow: WARNING: ${warning}`);
  const dataConverter = dataConverterFromEnv();
  const services = options.services ?? (await openGovernanceServices());
  let publication: PublicationServer | undefined;
  try {
    publication = await startPublicationServer({
      register: services.register,
      port: options.httpPort,
      host: options.httpHost,
      council,
      // The console keeps items' reports here (scripts/start.ts); the public pages link the non-exempt ones.
      reportsDir: path.join(dataDir, 'reports'),
    });
    // The activities' own way to the processes they consult: boards' registrations, pooled budgets, meetings.
    const client = new Client({ connection: options.connection, namespace, dataConverter });
    const worker = await createGovflowWorker({
      connection: options.connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      workflowBundle: options.workflowBundle,
      activities: createActivities({
        mailer: services.mailer,
        register: services.register,
        boards: boardLookup(client),
        pooledBudgets: pooledBudgetLedger(client, options.taskQueue),
        meetings: meetingDesk(client, options.taskQueue),
      }),
      dataConverter,
      maxCachedWorkflows,
    });
    const finished = worker.run();
    const server = publication;
    return {
      worker,
      services,
      publication: server,
      finished,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await finished;
        await server.close();
        await services.close();
      },
    };
  } catch (error) {
    await publication?.close();
    await services.close();
    throw error;
  }
}
