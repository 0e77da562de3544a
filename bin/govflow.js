#!/usr/bin/env node
// Runs the compiled CLI (dist/cli.js), built again first when a source changed since: see bin/cli-build.js.
require('./cli-build')
  .runCli()
  .catch((error) => {
    process.stderr.write(`govflow: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
