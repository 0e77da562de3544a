import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';

/** The test server does not advertise this capability; the warning is about real servers, not a rehearsal. */
const IRRELEVANT = /activity_failure_include_heartbeat/;

/**
 * Sends every Temporal log line (the native core's included, which otherwise prints to stdout) to
 * stderr at WARN and above, so `--json` prints exactly one document and the table stays readable.
 */
export function installQuietRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => {
      if (!IRRELEVANT.test(entry.message))
        process.stderr.write(`govflow simulate: [${entry.level}] ${entry.message}\n`);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
    },
  });
}
