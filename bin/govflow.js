#!/usr/bin/env node
// Runs the compiled CLI (dist/cli.js), built again first when a source changed since: see bin/build.js.
require('./build').launch('cli');
