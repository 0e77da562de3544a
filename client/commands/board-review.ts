/** `govflow self-assess` and `govflow review-outcome`: a board's effectiveness review (P2). */
import type { Command } from 'commander';
import {
  REVIEW_OUTCOMES,
  decideReviewOutcomeUpdate,
  reviewOutcomeDecisionSchema,
  selfAssessmentSchema,
  submitSelfAssessmentUpdate,
} from '../../definitions';
import { given, numberFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { sendUpdate } from '../actions/send-update';
import { parseInput } from '../../definitions/errors';

const BOARD_ARG = '\n<board> is the board id (southampton-jcb) or its workflow id (board/southampton-jcb).';

export function registerBoardReviewCommands(program: Command): void {
  program
    .command('self-assess <board>')
    .description(
      'Record a member’s self-assessment for the board’s effectiveness review (a rating from 1 to 5)',
    )
    .requiredOption('--member <id>', 'the member’s id in the standing orders')
    .requiredOption('--rating <1-5>', 'how well the board works, from 1 (poorly) to 5 (very well)')
    .option('--comments <text>', 'anything the member wants the review report to say')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      BOARD_ARG +
        example(
          'npx govflow self-assess southampton-jcb --member dr-dev-patel --rating 4 --comments "Papers arrive late"',
        ),
    )
    .action(
      async (board: string, o: { member: string; rating: string; comments?: string; json?: boolean }) => {
        const payload = parseInput(selfAssessmentSchema, {
          member: o.member,
          rating: numberFlag(o.rating, 'rating'),
          ...given({ comments: o.comments }),
        });
        const { workflowId, result } = await sendUpdate(
          'board',
          board,
          'self-assess',
          submitSelfAssessmentUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'self-assess', result },
          () =>
            `${workflowId}: ${result.received} self-assessment(s) received; outstanding: ${result.outstanding.join(', ') || 'none'}`,
        );
      },
    );

  program
    .command('review-outcome <board>')
    .description(
      'Record a parent body’s response to the review report: continue, amend the ToR, extend delegation, or dissolve',
    )
    .requiredOption('--body <council|nhs>', 'which parent body responded')
    .requiredOption(`--outcome <${REVIEW_OUTCOMES.join('|')}>`, 'its response')
    .requiredOption('--by <email>', 'the clerk to that parent body')
    .option('--comments <text>', 'for amend-tor: what to amend (required); otherwise optional')
    .option('--extension <text>', 'for extend-delegation: what is extended (required)')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      BOARD_ARG +
        example(
          'npx govflow review-outcome southampton-jcb --body council --outcome continue --by cabinet.clerk@southampton.example.org',
          'npx govflow review-outcome southampton-jcb --body nhs --outcome extend-delegation --extension "joint posts, financial alignment" --by governing.body@southampton-ccg.example.nhs.uk',
        ),
    )
    .action(
      async (
        board: string,
        o: {
          body: string;
          outcome: string;
          by: string;
          comments?: string;
          extension?: string;
          json?: boolean;
        },
      ) => {
        const payload = parseInput(reviewOutcomeDecisionSchema, {
          body: o.body,
          outcome: o.outcome,
          by: o.by,
          ...given({ comments: o.comments, extension: o.extension }),
        });
        const { workflowId, result } = await sendUpdate(
          'board',
          board,
          'review-outcome',
          decideReviewOutcomeUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'review-outcome', result },
          () => `${workflowId}: review response recorded: council ${result.council}, nhs ${result.nhs}`,
        );
      },
    );
}
