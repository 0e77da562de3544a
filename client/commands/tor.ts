/** `govflow tor decide|revise`: the P1 approval loop of a board's Terms of Reference. */
import type { Command } from 'commander';
import {
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  termsOfReferenceDecisionSchema,
  termsOfReferenceRevisionSchema,
} from '../../definitions';
import { given, numberFlag, readTextFile } from '../actions/flags';
import { emit, example } from '../actions/output';
import { sendUpdate } from '../actions/send-update';
import { parseInput } from '../../definitions/errors';

const BOARD_ARG = '\n<board> is the board id (southampton-jcb) or its workflow id (board/southampton-jcb).';

export function registerTorCommands(program: Command): void {
  const tor = program
    .command('tor')
    .description('A board’s Terms of Reference before both parent bodies (P1, and P2 amend-tor)');

  tor
    .command('decide <board>')
    .description(
      'Record a parent body’s decision on the Terms of Reference before it: approve, reject or amend',
    )
    .requiredOption('--body <council|nhs>', 'which parent body decided (the council’s or the NHS body’s)')
    .requiredOption('--outcome <approve|reject|amend>', 'its decision')
    .requiredOption('--by <email>', 'the clerk to that parent body')
    .option('--comments <text>', 'for amend: what to amend (required); otherwise optional')
    .option('--version <n>', 'the version decided on; refused unless it is the one before the parent bodies')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      BOARD_ARG +
        example(
          'npx govflow tor decide southampton-jcb --body council --outcome approve --by cabinet.clerk@southampton.example.org',
          'npx govflow tor decide southampton-jcb --body nhs --outcome amend --comments "Add the quorum rule" --by governing.body@southampton-ccg.example.nhs.uk',
        ),
    )
    .action(
      async (
        board: string,
        o: { body: string; outcome: string; by: string; comments?: string; version?: string; json?: boolean },
      ) => {
        const payload = parseInput(termsOfReferenceDecisionSchema, {
          body: o.body,
          outcome: o.outcome,
          by: o.by,
          ...given({ comments: o.comments, version: numberFlag(o.version, 'version') }),
        });
        const { workflowId, result } = await sendUpdate(
          'board',
          board,
          'tor decide',
          decideTermsOfReferenceUpdate,
          payload,
        );
        emit(o.json, { workflowId, action: 'tor decide', result }, () =>
          result
            ? `${workflowId}: Terms of Reference version ${result.version}: council ${result.decisions.council}, nhs ${result.decisions.nhs}`
            : `${workflowId}: decision recorded`,
        );
      },
    );

  tor
    .command('revise <board>')
    .description('Submit a revised Terms of Reference after an amendment request (democratic services)')
    .requiredOption('--text-file <file>', 'the revised text (hashed exactly as written)')
    .requiredOption('--by <email>', 'the democratic services officer named in the standing orders')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      BOARD_ARG +
        example(
          'npx govflow tor revise southampton-jcb --text-file tor-v2.md --by democratic.services@southampton.example.org',
        ),
    )
    .action(async (board: string, o: { textFile: string; by: string; json?: boolean }) => {
      const payload = parseInput(termsOfReferenceRevisionSchema, {
        text: readTextFile(o.textFile, 'text'),
        by: o.by,
      });
      const { workflowId, result } = await sendUpdate(
        'board',
        board,
        'tor revise',
        reviseTermsOfReferenceUpdate,
        payload,
      );
      emit(
        o.json,
        { workflowId, action: 'tor revise', result },
        () =>
          `${workflowId}: Terms of Reference version ${result.version} (SHA-256 ${result.contentHash}) goes to both parent bodies`,
      );
    });
}
