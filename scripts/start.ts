import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { consoleBoards } from '../console/directory';
import { startConsoleServer } from '../console/server';
import { proposeDecision } from '../client/processes/decision';
import { proposeBoardOnce } from '../client/processes/board';
import { webUiLink } from '../client/queries';
import { UserError } from '../definitions/errors';
import { londonCivilDate } from '../governance/civil-date';
import { loadConfig } from '../runtime/config';
import { temporalTarget } from '../runtime/connection';
import { startDevServer, type RunningDevServer } from '../runtime/dev-server';
import { dataConverterFromEnv, describeEncryption } from '../security/codec';
import { ensureSearchAttributes } from '../runtime/search-attributes';
import { INSTALL_ADVICE, describeBinary, resolveTemporalBinaries } from '../runtime/temporal-binaries';
import { projectRoot } from '../runtime/paths';
import { openGovernanceServices } from '../activities/services';
import { runGovflow } from '../worker/run';
import { cachedWorkflowBundle } from './workflow-bundle';

const say = (line: string) => console.log(`govflow: ${line}`);

/**
 * `npm start`: the whole system on one machine. The Temporal dev server (SQLite under .data/, Web UI),
 * every govflow search attribute, the worker with the real register and mail, the public pages and the
 * officers' console (signed in through the council's OpenID provider, or the embedded one).
 * With TEMPORAL_ADDRESS set it runs only the worker (and pages) against that cluster.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = temporalTarget();
  const encryption = describeEncryption();
  // The workflow bundle (made again only when a workflow source changed) while the dev server starts.
  const bundling = cachedWorkflowBundle(path.join(projectRoot, 'workflows', 'index.ts'), { log: say });
  bundling.catch(() => undefined);
  // The register (PGlite, migrations) and mail open while the dev server starts too.
  const opening = openGovernanceServices();
  opening.catch(() => undefined);
  let server: RunningDevServer | undefined;
  if (!target.external) {
    const binaries = await resolveTemporalBinaries({ log: say });
    say(describeBinary('Temporal CLI', binaries.cli));
    const dbFile = path.join(config.dataDir, 'temporal.db');
    server = await startDevServer({
      binary: binaries.cli,
      ip: config.GOVFLOW_TEMPORAL_IP,
      port: config.GOVFLOW_TEMPORAL_PORT,
      uiPort: config.GOVFLOW_UI_PORT,
      dbFile,
      namespace: target.namespace,
      log: say,
    });
    say(`Temporal dev server on ${server.address}, history kept in ${dbFile}`);
  } else {
    say(`using the Temporal cluster at ${target.connectionOptions.address}, namespace ${target.namespace}`);
  }

  const connection = await Connection.connect(target.connectionOptions);
  const added = await ensureSearchAttributes(connection, target.namespace);
  if (added.length) say(`registered search attributes: ${added.join(', ')}`);

  const workflowBundle = await bundling;
  const workerConnection = await NativeConnection.connect(target.connectionOptions);
  const govflow = await runGovflow({
    connection: workerConnection,
    namespace: target.namespace,
    taskQueue: config.GOVFLOW_TASK_QUEUE,
    workflowBundle,
    httpPort: config.GOVFLOW_HTTP_PORT,
    httpHost: config.GOVFLOW_HTTP_HOST,
    services: await opening,
  });
  const client = new Client({
    connection,
    namespace: target.namespace,
    dataConverter: dataConverterFromEnv(),
  });
  const boards = await consoleBoards(client, config.GOVFLOW_TASK_QUEUE, londonCivilDate(Date.now()));
  const issuer = config.GOVFLOW_OIDC_ISSUER;
  const consoleServer = await startConsoleServer({
    register: govflow.services.register,
    boards,
    port: config.GOVFLOW_CONSOLE_PORT,
    host: config.GOVFLOW_CONSOLE_HOST,
    publicUrl: config.GOVFLOW_CONSOLE_URL,
    council: config.council,
    idleMinutes: config.GOVFLOW_CONSOLE_IDLE_MINUTES,
    identity: issuer
      ? {
          relyingParty: {
            issuer,
            clientId: config.GOVFLOW_OIDC_CLIENT_ID!,
            clientSecret: config.GOVFLOW_OIDC_CLIENT_SECRET!,
          },
        }
      : { accountsFile: path.join(config.dataDir, 'console-accounts.json') },
    mailDir: govflow.services.mailDir,
    temporal: client,
    webUiLink: server?.uiUrl
      ? (id) => webUiLink(server.uiUrl!, target.namespace, `WorkflowId = '${id.replace(/'/g, '')}'`)
      : undefined,
    reportsDir: path.join(config.dataDir, 'reports'),
    proposeItem: async (item) => (await proposeDecision(client, config.GOVFLOW_TASK_QUEUE, item)).workflowId,
    proposeBoard: async (board) =>
      (await proposeBoardOnce(client, config.GOVFLOW_TASK_QUEUE, board)).workflowId,
  });

  console.log(
    [
      '',
      'govflow is running.',
      server?.uiUrl ? `  Temporal Web UI:  ${server.uiUrl}/namespaces/${target.namespace}/workflows` : '',
      `  Public pages:     ${govflow.publication.url}/forward-plan  ${govflow.publication.url}/decisions`,
      `  Open data:        ${govflow.publication.url}/oparl/v1  (OParl 1.1 JSON)`,
      `  Console:          ${consoleServer.url}  (for the people of ${boards.map((b) => b.board.id).join(', ')})`,
      consoleServer.accountsFile
        ? `  Console accounts: ${consoleServer.accountsFile}  (each person's email and password, e.g. ${boards[0]?.officers.democraticServices.email})`
        : `  Console sign-in:  ${issuer}`,
      govflow.services.mailDir
        ? `  Mail sent:        ${consoleServer.url}/mail  (democratic services; files in ${govflow.services.mailDir})`
        : '',
      `  Task queue:       ${config.GOVFLOW_TASK_QUEUE}`,
      `  Encryption:       ${encryption.line}`,
      '',
      'Start a process from another terminal, for example:',
      '  npx govflow review start --board southampton-jcb --name "Southampton JCB" --from 2026-12-01 \\',
      '      --notify democratic.services@southampton.example.org',
      '  npx govflow status review-clock/southampton-jcb/1',
      '',
      'Ctrl-C stops the worker, then the server; everything resumes where it was on the next start.',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );

  let stopping = false;
  const stop = async (why: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    say(`${why}: stopping the worker, then the server`);
    await consoleServer.close();
    await govflow.stop();
    await connection.close();
    await workerConnection.close();
    await server?.stop();
    say('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A worker without its server would retry in silence for ever: say so, stop, and exit non-zero.
  void server?.lost?.then((how) => {
    // The worker's shutdown waits on polls to a server that is gone: give it a bounded time.
    setTimeout(() => process.exit(1), 15_000).unref();
    void stop(`the Temporal dev server ${how}; start govflow again with npm start`, 1);
  });
  await govflow.finished;
}

main().catch((error: unknown) => {
  if (error instanceof UserError) {
    console.error(`govflow: ${error.message}`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`govflow: could not start: ${message}`);
  if (/Temporal binaries|download/i.test(message)) console.error(INSTALL_ADVICE);
  process.exit(1);
});
