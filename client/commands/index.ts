import type { Command } from 'commander';
import { registerCalendarCommands } from './calendar';
import { registerReviewCommands } from './review';
import { registerSearchAttributeCommands } from './search-attributes';
import { registerSimulateCommand } from './simulate';
import { registerStatusCommand } from './status';

/** Every command group registers itself here; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerCalendarCommands(program);
  registerReviewCommands(program);
  registerStatusCommand(program);
  registerSearchAttributeCommands(program);
  registerSimulateCommand(program);
}
