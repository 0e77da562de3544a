/**
 * P5, a board's recommendation to both parent bodies: `govflow recommendation propose` (a decision on a
 * board without delegated power makes one by itself) and `govflow parent-decision`, each body's answer.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  parentBodyDecisionSchema,
  recommendationInputSchema,
  recommendationWorkflowId,
  recordParentDecisionUpdate,
  type RecommendationInput,
} from '../../definitions';
import { loadConfig } from '../../runtime/config';
import { withClient } from '../actions/connect';
import { given, numberFlag, readDataFile } from '../actions/flags';
import { emit, example } from '../actions/output';
import { sendUpdate } from '../actions/send-update';
import { UserError, parseInput } from '../errors';
import { checkRefUnused } from '../processes/decision';
import { startRecommendation } from '../processes/recommendation';
import { loadStandingOrders } from '../standing-orders-file';

interface ProposeOptions {
  file?: string;
  standingOrders?: string;
  ref?: string;
  title?: string;
  recommendation?: string;
  meetingDate?: string;
  deadline?: string;
  exemptParagraph?: string;
  json?: boolean;
}

/** Without a file's parentBodies, both partners' parent bodies and clerks come from the standing orders. */
function fromStandingOrders(
  ref: string,
  meetingDate: unknown,
  deadline: unknown,
): Partial<RecommendationInput> {
  const so = loadStandingOrders(ref);
  return {
    boardId: so.board.id,
    parentBodies: so.partners.map((p) => ({
      partner: p.id,
      body: p.parentBody.name,
      clerk: p.clerk,
      meetingDate: meetingDate as string,
      deadline: deadline as string,
    })),
  };
}

export function registerRecommendationCommands(program: Command): void {
  const recommendation = program
    .command('recommendation')
    .description('Recommendations to both parent bodies (P5); record their answers with parent-decision');
  recommendation
    .command('propose')
    .description('Send a board’s recommendation to both parent bodies, each to decide by its deadline')
    .option(
      '--file <rec.yaml>',
      'the recommendation as YAML or JSON (boardId, ref, title, recommendation, parentBodies)',
    )
    .option(
      '--standing-orders <preset|file>',
      'take the board and both parent bodies (with their clerks) from these',
    )
    .option('--ref <ref>', 'the decision the recommendation comes from, e.g. 2027-014')
    .option('--title <text>', 'the title')
    .option('--recommendation <text>', 'what the board recommends')
    .option('--meeting-date <YYYY-MM-DD>', 'with --standing-orders: when the parent bodies meet on it')
    .option('--deadline <YYYY-MM-DD>', 'with --standing-orders: by when they must decide')
    .option('--exempt-paragraph <1-7>', 'Schedule 12A paragraph if it is exempt')
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow recommendation propose --standing-orders wiltshire-adult-jcb --ref 2027-003 --title "Joint carers strategy" \\\n' +
          '      --recommendation "Adopt the joint carers strategy 2027-2030" --meeting-date 2027-02-09 --deadline 2027-02-28',
      ),
    )
    .action(async (o: ProposeOptions) => {
      const fromFile = o.file ? readDataFile(o.file, '--file') : {};
      const raw = {
        ...(o.standingOrders ? fromStandingOrders(o.standingOrders, o.meetingDate, o.deadline) : {}),
        ...fromFile,
        ...given({
          ref: o.ref,
          title: o.title,
          recommendation: o.recommendation,
          exemptParagraph: numberFlag(o.exemptParagraph, 'exemptParagraph'),
        }),
      } as RecommendationInput;
      const input = parseInput(recommendationInputSchema, raw);
      const workflowId = recommendationWorkflowId(input.boardId, input.ref);
      const handle = await withClient(async (client) => {
        // A decision with this ref gives its own recommendation this ID: one ref, one item on a board.
        await checkRefUnused(client, input.boardId, input.ref, 'recommendation');
        try {
          return await startRecommendation(client, loadConfig().GOVFLOW_TASK_QUEUE, raw);
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) {
            throw new UserError(`ref: ${workflowId} already exists; give the recommendation a new reference`);
          }
          throw error;
        }
      });
      emit(o.json, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, () => [
        `sent to ${input.parentBodies.map((b) => b.body).join(' and ')}: ${handle.workflowId}`,
        `  record each answer with: npx govflow parent-decision ${input.boardId}/${input.ref} --partner <id> --outcome approve --by <clerk email>`,
      ]);
    });

  program
    .command('parent-decision <recommendation>')
    .description('Record a parent body’s decision on a recommendation: approve, reject or amend (its clerk)')
    .requiredOption('--partner <id>', 'the partner whose parent body decided (e.g. council, nhs)')
    .requiredOption('--outcome <approve|reject|amend>', 'the decision')
    .requiredOption('--by <email>', 'the clerk to that parent body')
    .option('--reasons <text>', 'the reasons given')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      '\n<recommendation> is recommendation/<board>/<ref> or <board>/<ref>.' +
        example(
          'npx govflow parent-decision wiltshire-adult-jcb/2027-003 --partner council --outcome approve --by cabinet.clerk@wiltshire.example.org',
        ),
    )
    .action(
      async (
        id: string,
        o: { partner: string; outcome: string; by: string; reasons?: string; json?: boolean },
      ) => {
        const payload = parseInput(parentBodyDecisionSchema, {
          partner: o.partner,
          outcome: o.outcome,
          by: o.by,
          ...given({ reasons: o.reasons }),
        });
        const { workflowId, result } = await sendUpdate(
          'recommendation',
          id,
          'parent-decision',
          recordParentDecisionUpdate,
          payload,
        );
        emit(
          o.json,
          { workflowId, action: 'parent-decision', result },
          () =>
            `${workflowId}: ${Object.entries(result)
              .map(([partner, answer]) => `${partner} ${answer}`)
              .join(', ')}`,
        );
      },
    );
}
