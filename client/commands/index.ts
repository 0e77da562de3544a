import type { Command } from 'commander';
import { registerCalendarCommands } from './calendar';

/** Every command group registers itself here; each lives in its own file. */
export function registerCommands(program: Command): void {
  void program;
  registerCalendarCommands(program);
}
