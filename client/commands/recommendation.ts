/**
 * P5, a board's recommendation to both parent bodies: `govflow recommendation propose` (a decision on a
 * board without delegated power makes one by itself) and `govflow parent-decision`, each body's answer.
 */
import { Option, type Command } from 'commander';
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
import { UserError, parseInput } from '../../definitions/errors';
import { checkRefUnused } from '../processes/decision';
import { startRecommendation } from '../processes/recommendation';
import { registeredStandingOrders } from '../boards';
import { slugSchema } from '../../definitions/common';
import type { StandingOrders } from '../../governance/standing-orders';

interface ProposeOptions {
  file?: string;
  board?: string;
  standingOrders?: string;
  ref?: string;
  title?: string;
  recommendation?: string;
  meetingDate?: string;
  deadline?: string;
  exemptParagraph?: string;
  json?: boolean;
}

interface ParentBodyDates {
  partner?: unknown;
  meetingDate?: unknown;
  deadline?: unknown;
  [field: string]: unknown;
}

/**
 * Both parent bodies and their clerks come from the board's registered standing orders, never from the
 * proposer (who could otherwise name anyone as the clerk who decides). The proposer gives only when each
 * body meets and by when it must answer: per partner in the file, or the same for both by flags.
 */
function parentBodiesOf(
  so: StandingOrders,
  given: ParentBodyDates[] | undefined,
  meetingDate: unknown,
  deadline: unknown,
): RecommendationInput['parentBodies'] {
  (given ?? []).forEach((b, i) => {
    for (const field of ['body', 'clerk'])
      if (b[field] !== undefined)
        throw new UserError(
          `parentBodies.${i}.${field}: comes from the board's registered standing orders; give only partner, meetingDate and deadline`,
        );
    if (!so.partners.some((p) => p.id === b.partner))
      throw new UserError(
        `parentBodies.${i}.partner: "${String(b.partner)}" is not a partner of ${so.board.id} (${so.partners.map((p) => p.id).join(', ')})`,
      );
  });
  return so.partners.map((p) => {
    const dates = given?.find((b) => b.partner === p.id);
    return {
      partner: p.id,
      body: p.parentBody.name,
      clerk: p.clerk,
      meetingDate: (dates?.meetingDate ?? meetingDate) as string,
      deadline: (dates?.deadline ?? deadline) as string,
    };
  });
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
      '--board <id>',
      'the board, proposed with govflow board propose: both parent bodies and their clerks come from its registered standing orders',
    )
    // Refused with a reason (see below), so an officer used to it learns why; not offered in --help.
    .addOption(new Option('--standing-orders <preset|file>').hideHelp())
    .option('--ref <ref>', 'the decision the recommendation comes from, e.g. 2027-014')
    .option('--title <text>', 'the title')
    .option('--recommendation <text>', 'what the board recommends')
    .option('--meeting-date <YYYY-MM-DD>', 'when both parent bodies meet on it (or per partner in the file)')
    .option('--deadline <YYYY-MM-DD>', 'by when both must decide (or per partner in the file)')
    .option('--exempt-paragraph <1-7>', 'Schedule 12A paragraph if it is exempt')
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow recommendation propose --board wiltshire-adult-jcb --ref 2027-003 --title "Joint carers strategy" \\\n' +
          '      --recommendation "Adopt the joint carers strategy 2027-2030" --meeting-date 2027-02-09 --deadline 2027-02-28',
      ),
    )
    .action(async (o: ProposeOptions) => {
      const fromFile = o.file ? readDataFile(o.file, '--file') : {};
      if (o.standingOrders !== undefined || fromFile.standingOrders !== undefined)
        throw new UserError(
          `standingOrders: a recommendation goes to the parent bodies in its board's registered standing orders; name the board with --board <id> (or boardId: in the file)`,
        );
      const boardId = parseInput(slugSchema, o.board ?? fromFile.boardId, 'board');
      const item = {
        ...fromFile,
        boardId,
        ...given({
          ref: o.ref,
          title: o.title,
          recommendation: o.recommendation,
          exemptParagraph: numberFlag(o.exemptParagraph, 'exemptParagraph'),
        }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      parseInput(recommendationInputSchema.omit({ parentBodies: true }), item);
      let raw: RecommendationInput | undefined;
      const handle = await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, boardId);
        raw = {
          ...item,
          parentBodies: parentBodiesOf(
            standingOrders,
            fromFile.parentBodies as ParentBodyDates[] | undefined,
            o.meetingDate,
            o.deadline,
          ),
        } as RecommendationInput;
        const input = parseInput(recommendationInputSchema, raw);
        const workflowId = recommendationWorkflowId(input.boardId, input.ref);
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
        `sent to ${raw!.parentBodies.map((b) => b.body).join(' and ')}: ${handle.workflowId}`,
        `  record each answer with: npx govflow parent-decision ${boardId}/${raw!.ref} --partner <id> --outcome approve --by <clerk email>`,
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
