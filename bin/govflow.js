#!/usr/bin/env node
// Runs the compiled CLI (dist/cli.js), built again first when a source changed since: see bin/build.js.
require('./build')
  .run('cli')
  .catch((error) => {
    process.stderr.write(`govflow: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
