/** `govflow decision propose`: P3, an item for a board meeting, from a YAML/JSON item file and/or flags. */
import { displayDate } from '../../governance/display-dates';
import { Option, type Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { decisionInputSchema, decisionWorkflowId, type DecisionInput } from '../../definitions';
import type { StandingOrders } from '../../governance/standing-orders';
import { slugSchema } from '../../definitions/common';
import { loadConfig } from '../../runtime/config';
import { withClient } from '../actions/connect';
import { given, numberFlag, poundsFlag, readDataFile } from '../actions/flags';
import { emit, example } from '../actions/output';
import { UserError, parseInput } from '../../definitions/errors';
import { checkOfficerProposal, checkRefUnused, startDecision } from '../processes/decision';
import { registeredStandingOrders } from '../boards';

interface ProposeOptions {
  file?: string;
  board?: string;
  standingOrders?: string;
  ref?: string;
  title?: string;
  summary?: string;
  topic?: string;
  amountGbp?: string;
  wardsAffected?: string;
  exemptParagraph?: string;
  schemeId?: string;
  meetingDate?: string;
  proposedBy?: string;
  outOfScope?: boolean;
  json?: boolean;
}

/**
 * The board the item is for: --board, else the file's `board`. An item never brings standing orders of its
 * own: it runs under its board's registered ones, or whoever proposed it would decide who may vote on it.
 */
function boardFor(o: ProposeOptions, fromFile: Record<string, unknown>): string {
  if (o.standingOrders !== undefined || fromFile.standingOrders !== undefined) {
    throw new UserError(
      `standingOrders: an item runs under its board's registered standing orders, never its own; name the board with --board <id> (or board: in the item file)`,
    );
  }
  const board = o.board ?? fromFile.board;
  if (board === undefined) throw new UserError('board: give --board <id>, or board: in the item file');
  return parseInput(slugSchema, board, 'board');
}

/** Everything of the item but its standing orders, which come from the board. */
const itemSchema = decisionInputSchema.omit({ standingOrders: true });

/** Numbers from flags; "all" is a valid number of wards. */
function wards(value: string | undefined): number | 'all' | undefined {
  return value === 'all' ? 'all' : numberFlag(value, 'wardsAffected');
}

function exemptParagraph(value: string | undefined): number | null | undefined {
  return value === 'none' ? null : numberFlag(value, 'exemptParagraph');
}

export function registerDecisionCommands(program: Command): void {
  const decision = program
    .command('decision')
    .description('Items for board meetings (P3); then see vote, declare-interest, call-in, withdraw, ...');
  decision
    .command('propose')
    .description(
      'Propose an item for a meeting: it is classified, given notice, put on the agenda and voted on',
    )
    .option(
      '--file <item.yaml>',
      'the item as YAML or JSON (fields as below, plus board and outOfScope: true); flags override it',
    )
    .option(
      '--board <id>',
      'the board, proposed with govflow board propose: the item runs under its registered standing orders',
    )
    // Refused with a reason (see below), so an officer used to it learns why; not offered in --help.
    .addOption(new Option('--standing-orders <preset|file>').hideHelp())
    .option(
      '--ref <ref>',
      'the board’s reference for the item, e.g. 2027-014 (the workflow is decision/<board>/<ref>)',
    )
    .option('--title <text>', 'the item’s title')
    .option('--summary <text>', 'the public summary (an exempt item only ever publishes its paragraph)')
    .option(
      '--topic <text>',
      'the area of the board’s delegated scope the item belongs to: one of the scope topics in its standing orders',
    )
    .option(
      '--out-of-scope',
      'the topic is outside the board’s delegated scope on purpose: the item is only noted and referred to the decision maker',
    )
    .option('--amount-gbp <n>', 'money committed or saved, in pounds')
    .option('--wards-affected <n|all>', 'how many wards are significantly affected (default 0)')
    .option('--exempt-paragraph <1-7|none>', 'Schedule 12A paragraph if the item is exempt (confidential)')
    .option('--scheme-id <id>', 'the pooled budget scheme the money is committed against')
    .option(
      '--meeting-date <YYYY-MM-DD>',
      'the meeting the item is planned for: one of the board’s meetings in its standing orders, after today',
    )
    .option('--proposed-by <email>', 'the proposing officer, told of every step')
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow decision propose --file items/2027-014.yaml',
        'npx govflow decision propose --board southampton-jcb --ref 2027-014 --title "Reablement contract" \\\n' +
          '      --summary "Award a three-year contract" --topic "integrated rehabilitation and reablement" \\\n' +
          '      --amount-gbp 800000 --meeting-date 2027-03-11 --proposed-by commissioning.lead@southampton.example.org',
      ),
    )
    .action(async (o: ProposeOptions) => {
      const { outOfScope: fileOutOfScope, ...fromFile } = o.file ? readDataFile(o.file, '--file') : {};
      if (fileOutOfScope !== undefined && typeof fileOutOfScope !== 'boolean') {
        throw new UserError(`outOfScope: must be true or false, not ${JSON.stringify(fileOutOfScope)}`);
      }
      const { board: _board, ...item } = fromFile;
      const boardId = boardFor(o, fromFile);
      const raw = {
        ...item,
        ...given({
          ref: o.ref,
          title: o.title,
          summary: o.summary,
          topic: o.topic,
          amountGbp: poundsFlag(o.amountGbp, 'amountGbp'),
          wardsAffected: wards(o.wardsAffected),
          exemptParagraph: exemptParagraph(o.exemptParagraph),
          schemeId: o.schemeId,
          meetingDate: o.meetingDate,
          proposedBy: o.proposedBy,
        }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      const input = parseInput(itemSchema, raw);
      const workflowId = decisionWorkflowId(boardId, input.ref);
      let standingOrders: StandingOrders | undefined;
      const handle = await withClient(async (client) => {
        const registered = await registeredStandingOrders(client, boardId);
        standingOrders = registered.standingOrders;
        checkOfficerProposal(input, standingOrders, {
          outOfScope: o.outOfScope === true || fileOutOfScope === true,
        });
        await checkRefUnused(client, boardId, input.ref);
        try {
          return await startDecision(client, loadConfig().GOVFLOW_TASK_QUEUE, {
            ...raw,
            standingOrders,
          } as DecisionInput);
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) {
            throw new UserError(`ref: ${workflowId} already exists; give the item a new reference`);
          }
          throw error;
        }
      });
      emit(o.json, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, () => [
        `proposed ${input.ref} for ${standingOrders!.board.name} on ${displayDate(input.meetingDate)}: ${handle.workflowId}`,
        `  see where it stands: npx govflow status ${handle.workflowId}`,
      ]);
    });
}
