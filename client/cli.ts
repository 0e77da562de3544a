import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { UserError } from '../definitions/errors';
import { describeZodError } from '../definitions/validation';
import { registerCommands } from './commands';
import { terminalSafe } from './actions/output';

const program = new Command('govflow')
  .description('Run joint commissioning governance (council + NHS) as durable Temporal workflows')
  // One line for a usage mistake (exit 2), as for every other user error; --help shows the rest.
  .configureOutput({
    outputError: (message, write) => write(`govflow: ${message.replace(/^error: /, '').trim()}\n`),
  })
  .exitOverride();

registerCommands(program);

// A reader that stops early (`govflow … | head`) has all it wanted: not a failure to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** One line on stderr, exit 2; a refusal may quote what someone typed, so it is made safe for the terminal. */
function fail(message: string): never {
  process.stderr.write(`govflow: ${terminalSafe(message.replace(/\r?\n/g, ' '))}\n`);
  process.exit(2);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof UserError) fail(error.message);
  if (error instanceof ZodError) fail(describeZodError(error));
  process.stderr.write(
    `govflow: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
