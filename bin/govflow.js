#!/usr/bin/env node
// Runs the TypeScript CLI in place through tsx, so `npx govflow` needs no build step.
require('tsx/cjs');
require('../client/cli.ts');
