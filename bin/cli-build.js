/**
 * The compiled CLI that bin/govflow.js runs, dist/cli.js: client/cli.ts and every module of ours it imports in
 * one CommonJS file, built by esbuild, the npm packages left to `require`. It starts in a fraction of the time
 * tsx took to compile the same sources at every call (BENCHMARKS.md, "The CLI").
 *
 * `npm run build:cli` (and `npm test`, before the tests) builds it; bin/govflow.js builds it again first
 * whenever it is missing or older than one of the sources it was built from (dist/cli.inputs.json lists
 * them), so an edit is never run stale. Development keeps tsx (npm start, the worker, the scripts).
 */
'use strict';
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..');
/** One level under the root, as runtime/ and worker/ are: paths their modules take from __dirname still hold. */
const BUILD = path.join(root, 'dist', 'cli.js');
const INPUTS = path.join(root, 'dist', 'cli.inputs.json');

/**
 * Packages that take longer to load than a whole command may (the client with gRPC and the protobufs, the
 * worker with its native bridge and webpack, yaml): each is loaded when the CLI first uses one of its exports,
 * so `govflow --help` loads none of them and `govflow status` not the worker.
 */
const LAZY = /^(@temporalio\/(client|worker|testing|proto|envconfig|activity)|@grpc\/grpc-js|yaml)$/;
/**
 * Packages only our own code uses, compiled into the file (one file to read instead of a hundred). Every
 * other package stays external: @temporalio/* share @temporalio/common's classes with each other.
 */
const INLINE = /^(zod|commander|@noble\/hashes)(\/|$)/;

/** Whether dist/cli.js exists and no source it was built from has changed since. */
function isFresh() {
  try {
    const built = statSync(BUILD).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return inputs.every((file) => statSync(path.join(root, file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** A stand-in for `name` with its export names as getters that require the package on first use. */
function lazyModule(name) {
  const real = require(require.resolve(name, { paths: [root] }));
  return [
    'let loaded;',
    `const load = () => (loaded ??= require(${JSON.stringify(name)}));`,
    real.__esModule ? 'Object.defineProperty(exports, "__esModule", { value: true });' : '',
    `for (const name of ${JSON.stringify(Object.keys(real))})`,
    '  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });',
  ].join('\n');
}

/** Where each npm package comes from: compiled in (INLINE), a lazy stand-in (LAZY), else `require` as is. */
const packages = {
  name: 'govflow-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (INLINE.test(args.path)) return undefined;
      // The stand-in's own require is the real package.
      if (LAZY.test(args.path) && args.namespace !== 'lazy') return { path: args.path, namespace: 'lazy' };
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: lazyModule(args.path),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/** Writes a file whole or not at all: CLI processes started together may build at the same time. */
function replace(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Builds dist/cli.js; returns its code, and whether it could be written (a read-only install cannot). */
async function buildCli() {
  const esbuild = require('esbuild');
  const { outputFiles, metafile } = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['client/cli.ts'],
    outfile: BUILD,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [packages],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const code = outputFiles[0].text;
  // This file too: a change to how the CLI is built is a change to the build.
  const inputs = [
    ...Object.keys(metafile.inputs).filter((file) => !file.includes(':')),
    'tsconfig.json',
    'bin/cli-build.js',
  ];
  try {
    mkdirSync(path.dirname(BUILD), { recursive: true });
    replace(INPUTS, JSON.stringify({ inputs }, null, 2) + '\n');
    replace(BUILD, code);
    return { code, written: true, inputs: inputs.length };
  } catch {
    return { code, written: false, inputs: inputs.length };
  }
}

/** Runs the compiled CLI, built first when it is missing or stale. */
async function runCli() {
  if (isFresh()) return require(BUILD);
  const { code, written } = await buildCli().catch((error) => {
    // esbuild has printed where a source is wrong; one line says what that stopped.
    process.stderr.write(
      `govflow: could not build the CLI from the sources: ${error.message.split('\n')[0]}\n`,
    );
    process.exit(1);
  });
  if (written) return require(BUILD);
  // Run from memory, under the build's own file name, so its paths and package lookups are the same.
  const cli = new Module(BUILD, module);
  cli.filename = BUILD;
  cli.paths = Module._nodeModulePaths(path.dirname(BUILD));
  return cli._compile(code, BUILD);
}

module.exports = { runCli, buildCli, BUILD };

if (require.main === module) {
  buildCli()
    .then(({ code, written, inputs }) => {
      if (!written) throw new Error(`could not write ${path.relative(root, BUILD)}`);
      console.log(`wrote dist/cli.js (${(code.length / 1024).toFixed(0)} KiB from ${inputs} sources)`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
