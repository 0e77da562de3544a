import type { Command } from 'commander';
import { registerBoardCommands } from './board';
import { registerBoardReviewCommands } from './board-review';
import { registerCalendarCommands } from './calendar';
import { registerDecisionCommands } from './decision';
import { registerDecisionActionCommands } from './decision-actions';
import { registerListCommands } from './list';
import { registerRecommendationCommands } from './recommendation';
import { registerReviewCommands } from './review';
import { registerSearchAttributeCommands } from './search-attributes';
import { registerSimulateCommand } from './simulate';
import { registerStatusCommand } from './status';
import { registerTorCommands } from './tor';

/** Every command group registers itself here; each lives in its own file. */
export function registerCommands(program: Command): void {
  registerCalendarCommands(program);
  registerReviewCommands(program);
  registerStatusCommand(program);
  registerSearchAttributeCommands(program);
  registerSimulateCommand(program);
  // Officers' actions in P1-P5 and the manager's view (issue 6).
  registerBoardCommands(program);
  registerTorCommands(program);
  registerBoardReviewCommands(program);
  registerDecisionCommands(program);
  registerDecisionActionCommands(program);
  registerRecommendationCommands(program);
  registerListCommands(program);
}
