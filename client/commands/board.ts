/** `govflow board propose`: P1, a board proposed from its standing orders and draft Terms of Reference. */
import type { Command } from 'commander';
import { londonCivilDate } from '../../governance/civil-date';
import { boardInputSchema } from '../../definitions';
import { loadConfig } from '../../runtime/config';
import { withClient } from '../actions/connect';
import { given, numberFlag, readTextFile } from '../actions/flags';
import { emit, example } from '../actions/output';
import { parseInput } from '../../definitions/errors';
import { proposeBoardOnce } from '../processes/board';
import { loadStandingOrders } from '../standing-orders-file';
import { displayDate } from '../../governance/display-dates';

interface ProposeOptions {
  standingOrders: string;
  termsOfReference: string;
  firstMeeting: string;
  proposedOn?: string;
  selfAssessmentWorkingDays?: string;
  json?: boolean;
}

export function registerBoardCommands(program: Command): void {
  const board = program
    .command('board')
    .description('Establish a board (P1); then see `tor`, `self-assess`, `review-outcome`');
  board
    .command('propose')
    .description(
      'Propose a board: its first meeting considers the draft Terms of Reference, which then go to both parent bodies',
    )
    .requiredOption(
      '--standing-orders <preset|file>',
      'a preset (southampton-jcb, wiltshire-adult-jcb, bath-nes-joint-committee) or a YAML/JSON file',
    )
    .requiredOption(
      '--terms-of-reference <file>',
      'the draft Terms of Reference, a text file (hashed exactly as written)',
    )
    .requiredOption('--first-meeting <YYYY-MM-DD>', 'the first meeting, which considers the draft')
    .option(
      '--proposed-on <YYYY-MM-DD>',
      'the day it was proposed; the approval deadline runs from it (default: today)',
    )
    .option(
      '--self-assessment-working-days <n>',
      'working days members have for each review’s self-assessment (default 20)',
    )
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow board propose --standing-orders southampton-jcb --terms-of-reference tor-v1.md --first-meeting 2027-01-14',
      ),
    )
    .action(async (options: ProposeOptions) => {
      const standingOrders = loadStandingOrders(options.standingOrders);
      const request = {
        standingOrders,
        termsOfReference: readTextFile(options.termsOfReference, 'termsOfReference'),
        firstMeeting: options.firstMeeting,
        ...given({
          // Today by default, said here so the first meeting is checked against the approval deadline
          // before anything starts (left to the workflow, a meeting past it failed the board).
          proposedOn: options.proposedOn ?? londonCivilDate(Date.now()),
          selfAssessmentWorkingDays: numberFlag(
            options.selfAssessmentWorkingDays,
            'selfAssessmentWorkingDays',
          ),
        }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      parseInput(boardInputSchema, request);
      const handle = await withClient((client) =>
        proposeBoardOnce(client, loadConfig().GOVFLOW_TASK_QUEUE, request),
      );
      emit(options.json, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, () => [
        `proposed ${standingOrders.board.name}: ${handle.workflowId}`,
        `  first meeting ${displayDate(options.firstMeeting)}; then both parent bodies decide on the Terms of Reference`,
        `  record their decisions with: npx govflow tor decide ${standingOrders.board.id} --body council --outcome approve --by <clerk email>`,
      ]);
    });
}
