import type { Command } from 'commander';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { connectClient, temporalTarget } from '../../runtime/connection';

/** `govflow search-attributes register`: once per namespace on a real cluster (npm start does it on the dev server). */
export function registerSearchAttributeCommands(program: Command): void {
  program
    .command('search-attributes')
    .description('Manage the search attributes managers filter on in the Web UI')
    .command('register')
    .description('Register every govflow search attribute the namespace lacks (idempotent)')
    .addHelpText(
      'after',
      '\nExample:\n  TEMPORAL_ADDRESS=temporal.council.example:7233 TEMPORAL_NAMESPACE=govflow npx govflow search-attributes register',
    )
    .action(async () => {
      const { connection } = await connectClient();
      try {
        const added = await ensureSearchAttributes(connection, temporalTarget().namespace);
        console.log(
          added.length
            ? `registered: ${added.join(', ')}`
            : 'all govflow search attributes were already registered',
        );
      } finally {
        await connection.close();
      }
    });
}
