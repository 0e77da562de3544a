import type { Command } from 'commander';
import { registerBoardCommands } from './board';
import { registerBoardReviewCommands } from './board-review';
import { registerBudgetCommands } from './budget';
import { registerCalendarCommands } from './calendar';
import { registerConsultationCommands } from './consultation';
import { registerDecisionCommands } from './decision';
import { registerDecisionActionCommands } from './decision-actions';
import { registerListCommands } from './list';
import { registerMeetingCommands } from './meeting';
import { registerPartnershipRecommendationCommands } from './partnership-recommendation';
import { registerRecommendationCommands } from './recommendation';
import { registerReviewCommands } from './review';
import { registerSearchAttributeCommands } from './search-attributes';
import { registerSimulateCommand } from './simulate';
import { addShowCommand, nameChoiceSources, registerStandingOrdersCommands } from './standing-orders';
import { registerStatusCommand } from './status';
import { registerTorCommands } from './tor';

/**
 * The CLI is the administrators' and engineers' tool (issue 15): it acts for whoever it names, so every
 * command's --help says so and points the people who act to the console, where they act only as themselves.
 */
export const ADMINISTRATOR_NOTE =
  "govflow acts as an administrator: the acting person you name (--member, --by, --proposed-by) is sent and recorded as given; people act as themselves, signed in, in the officers' console.\n";

/** Every command group registers itself here; each lives in its own file. */
export function registerCommands(program: Command): void {
  program.addHelpText('beforeAll', ADMINISTRATOR_NOTE);
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
  registerMeetingCommands(program);
  registerConsultationCommands(program);
  registerPartnershipRecommendationCommands(program);
  registerBudgetCommands(program);
  registerListCommands(program);
  // What officers choose from (issue 12, item 4): `standing-orders show`, also as `board show`, named in the
  // --help of every option that takes one of its choices.
  registerStandingOrdersCommands(program);
  const board = program.commands.find((c) => c.name() === 'board');
  if (board) addShowCommand(board, 'board show');
  nameChoiceSources(program);
}
