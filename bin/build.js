/**
 * The compiled entry points: `npx govflow` runs dist/cli.js (client/cli.ts) and `npm start` dist/start.js
 * (scripts/start.ts), each one CommonJS file of every module of ours it imports, built by esbuild, the npm
 * packages left to `require`. Each starts in a fraction of the time tsx took to compile the same sources at
 * every run (BENCHMARKS.md, sections 6 and 7).
 *
 * `npm run build` (and `npm test`, before the tests) builds both; bin/govflow.js and bin/start.js build
 * theirs again first whenever it is missing or older than one of the sources it was built from
 * (dist/<name>.inputs.json lists them), so an edit is never run stale. The tests, the bench and the other
 * scripts keep tsx.
 */
'use strict';
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.join(__dirname, '..');
/**
 * Where the compiled files are kept: dist/, or GOVFLOW_BUILD_DIR (a folder inside the project, so that the
 * npm packages they require are found; the CLI's own test builds in one of its own).
 */
const DIST = process.env.GOVFLOW_BUILD_DIR
  ? path.resolve(root, process.env.GOVFLOW_BUILD_DIR)
  : path.join(root, 'dist');
/** Each compiled entry point by name: dist/<name>.js. */
const ENTRIES = { cli: 'client/cli.ts', start: 'scripts/start.ts' };
const buildOf = (name) => path.join(DIST, `${name}.js`);
const inputsOf = (name) => path.join(DIST, `${name}.inputs.json`);

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

/** Whether dist/<name>.js exists and no source it was built from has changed since. */
function isFresh(name) {
  try {
    const built = statSync(buildOf(name)).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(inputsOf(name), 'utf8'));
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

/**
 * Our modules that find files next to themselves (the console's views, the register's migrations, the
 * project root) through `__dirname`, or name themselves through `__filename` (the workflow bundle's key),
 * which in one file under dist/ would name dist/ and the build: each such use names the module's own
 * folder or file again, relative to dist/.
 */
const ownPaths = {
  name: 'govflow-own-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const own = (file) =>
        `require('node:path').join(__dirname, ${JSON.stringify(path.relative(DIST, file))})`;
      return {
        contents: source
          .replace(/\b__dirname\b/g, own(path.dirname(args.path)))
          .replace(/\b__filename\b/g, own(args.path)),
        loader: 'ts',
      };
    });
  },
};

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

/** Builds dist/<name>.js; returns its code, and whether it could be written (a read-only install cannot). */
async function build(name) {
  const esbuild = require('esbuild');
  const { outputFiles, metafile } = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRIES[name]],
    outfile: buildOf(name),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [ownPaths, packages],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const code = outputFiles[0].text;
  // This file too: a change to how the entry is built is a change to the build.
  const inputs = [
    ...Object.keys(metafile.inputs).filter((file) => !file.includes(':')),
    'tsconfig.json',
    'bin/build.js',
  ];
  try {
    mkdirSync(DIST, { recursive: true });
    replace(inputsOf(name), JSON.stringify({ inputs }, null, 2) + '\n');
    replace(buildOf(name), code);
    return { code, written: true, inputs: inputs.length };
  } catch {
    return { code, written: false, inputs: inputs.length };
  }
}

/** Runs the compiled entry point, built first when it is missing or stale. */
async function run(name) {
  const file = buildOf(name);
  if (isFresh(name)) return require(file);
  const { code, written } = await build(name).catch((error) => {
    // esbuild has printed where a source is wrong; one line says what that stopped.
    process.stderr.write(
      `govflow: could not build ${ENTRIES[name]} from the sources: ${error.message.split('\n')[0]}\n`,
    );
    process.exit(1);
  });
  if (written) return require(file);
  // Run from memory, under the build's own file name, so its paths and package lookups are the same.
  const compiled = new Module(file, module);
  compiled.filename = file;
  compiled.paths = Module._nodeModulePaths(DIST);
  return compiled._compile(code, file);
}

/** What bin/govflow.js and bin/start.js do: run the entry point, and say in one line if that could not start. */
function launch(name) {
  run(name).catch((error) => {
    process.stderr.write(`govflow: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
}

module.exports = { launch, run, build, buildOf, inputsOf };

if (require.main === module) {
  (async () => {
    for (const name of Object.keys(ENTRIES)) {
      const { code, written, inputs } = await build(name);
      if (!written) throw new Error(`could not write ${path.relative(root, buildOf(name))}`);
      console.log(
        `wrote ${path.relative(root, buildOf(name))} (${(code.length / 1024).toFixed(0)} KiB from ${inputs} sources)`,
      );
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
