import { environment } from '../runtime/config';
import { INSTALL_ADVICE, describeBinary, resolveTemporalBinaries } from '../runtime/temporal-binaries';

/** `npm run setup`: finds or installs the Temporal binaries and says which it uses. */
async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const started = Date.now();
  const binaries = await resolveTemporalBinaries({ log: (line) => console.log(`setup: ${line}`) });
  const lines = [
    describeBinary('Temporal CLI', binaries.cli),
    describeBinary('Temporal test server', binaries.testServer),
  ];
  for (const line of lines) console.log(`setup: ${line}`);
  if (!quiet) console.log(`setup: done in ${((Date.now() - started) / 1000).toFixed(2)} s`);
  const missing = binaries.cli.kind === 'sdk-download' || binaries.testServer.kind === 'sdk-download';
  if (missing) {
    console.error(INSTALL_ADVICE);
    // CI must never pass on a machine that could not provide the real servers.
    if (environment().CI === 'true') process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`setup: ${error instanceof Error ? error.message : String(error)}`);
  console.error(INSTALL_ADVICE);
  process.exit(1);
});
