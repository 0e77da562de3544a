#!/usr/bin/env node
// `npm start`: runs scripts/start.ts compiled (dist/start.js), built again first when a source changed since:
// see bin/build.js.
require('./build').launch('start');
