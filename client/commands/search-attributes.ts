import type { Command } from 'commander';
import type { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../runtime/search-attributes';
import { withClient } from '../actions/connect';

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
      const added = await withClient((client, namespace) =>
        ensureSearchAttributes(client.connection as Connection, namespace),
      );
      console.log(
        added.length
          ? `registered: ${added.join(', ')}`
          : 'all govflow search attributes were already registered',
      );
    });
}
