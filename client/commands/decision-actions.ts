/**
 * The actions people take on a decision once it is proposed (P3, P4): members vote and declare interests,
 * the O&S chair consents to urgency, O&S members call it in, democratic services record the scrutiny
 * outcome and the board's reconsideration, an escalation step resolves it, and an officer withdraws it. Each is one Update, validated
 * here with the workflow's own schema and then by the workflow's validator, whose reason is shown as is.
 */
import type { Command } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import type { ZodError } from 'zod';
import {
  callInSchema,
  callInUpdate,
  declareInterestSchema,
  declareInterestUpdate,
  escalationResolutionSchema,
  escalationResolutionUpdate,
  reconsiderationSchema,
  reconsiderationUpdate,
  scrutinyOutcomeSchema,
  scrutinyOutcomeUpdate,
  urgencyConsentSchema,
  urgencyConsentUpdate,
  voteSchema,
  voteUpdate,
  withdrawUpdate,
  withdrawalSchema,
} from '../../definitions';
import { emit, example } from '../actions/output';
import { listFlag } from '../actions/flags';
import { sendUpdate } from '../actions/send-update';
import { parseInput } from '../../definitions/errors';

type Options = Record<string, unknown> & { json?: boolean };

interface DecisionAction {
  name: string;
  description: string;
  /** [flags, description]; every listed option is required unless marked optional. */
  options: [string, string, 'optional'?][];
  example: string;
  run(decision: string, options: Options): Promise<{ workflowId: string; result: string }>;
}

/** Ties a schema to its Update so the payload the workflow receives is the one the schema accepted. */
function action<Out extends In, In>(
  spec: Omit<DecisionAction, 'run'> & {
    schema: { safeParse(v: unknown): { success: true; data: Out } | { success: false; error: ZodError } };
    update: UpdateDefinition<string, [In]>;
    payload(options: Options): unknown;
  },
): DecisionAction {
  return {
    ...spec,
    run: (decision, options) => {
      const payload: In = parseInput(spec.schema, spec.payload(options));
      return sendUpdate('decision', decision, spec.name, spec.update, payload);
    },
  };
}

const ID = 'southampton-jcb/2027-014';

export const DECISION_ACTIONS: DecisionAction[] = [
  action({
    name: 'vote',
    description: 'Record a member’s vote by show of hands, on the meeting day',
    options: [
      ['--member <id>', 'the member’s id in the standing orders'],
      ['--vote <for|against|abstain>', 'how they voted'],
    ],
    example: `npx govflow vote ${ID} --member cllr-ada-shaw --vote for`,
    schema: voteSchema,
    update: voteUpdate,
    payload: (o) => ({ member: o.member, vote: o.vote }),
  }),
  action({
    name: 'declare-interest',
    description: 'Record a member’s declared interest before the vote; they then do not vote',
    options: [
      ['--member <id>', 'the member’s id in the standing orders'],
      ['--interest <text>', 'the interest, as it goes in the decision record'],
    ],
    example: `npx govflow declare-interest ${ID} --member dr-eve-morgan --interest "Partner in a practice bidding for the contract"`,
    schema: declareInterestSchema,
    update: declareInterestUpdate,
    payload: (o) => ({ member: o.member, interest: o.interest }),
  }),
  action({
    name: 'consent-urgency',
    description: 'Record the O&S chair’s agreement that a key decision is urgent (special urgency, reg 11)',
    options: [
      ['--by <id>', 'the O&S chair’s id in the standing orders'],
      ['--reason <text>', 'why the decision cannot reasonably be deferred'],
    ],
    example: `npx govflow consent-urgency ${ID} --by cllr-gil-turner --reason "Provider exit on 1 December"`,
    schema: urgencyConsentSchema,
    update: urgencyConsentUpdate,
    payload: (o) => ({ by: o.by, reason: o.reason }),
  }),
  action({
    name: 'call-in',
    description: 'Lodge a call-in by O&S members within the call-in window; the decision is frozen',
    options: [
      ['--members <ids...>', 'the O&S members who sign it (space- or comma-separated ids)'],
      ['--grounds <text>', 'the grounds for the call-in'],
    ],
    example: `npx govflow call-in ${ID} --members cllr-hana-ali,cllr-ian-brooks,cllr-jo-carter,cllr-kit-dawson,cllr-lee-evans --grounds "Consultation was inadequate"`,
    schema: callInSchema,
    update: callInUpdate,
    payload: (o) => ({ members: listFlag(o.members as string[] | undefined), grounds: o.grounds }),
  }),
  action({
    name: 'scrutiny-outcome',
    description:
      'Record what O&S decided on a call-in: no further action, refer back, or refer to full Council',
    options: [
      ['--by <email>', 'democratic services, who clerk the scrutiny meeting'],
      ['--outcome <no-further-action|refer-back|refer-to-council>', 'the committee’s decision'],
      ['--reasons <text>', 'the committee’s concerns: needed to refer it back or to Council', 'optional'],
    ],
    example: `npx govflow scrutiny-outcome ${ID} --by democratic.services@southampton.example.org --outcome refer-back --reasons "Consult the carers' forum first"`,
    schema: scrutinyOutcomeSchema,
    update: scrutinyOutcomeUpdate,
    payload: (o) => ({ by: o.by, outcome: o.outcome, reasons: o.reasons }),
  }),
  action({
    name: 'reconsider',
    description: 'Record the board’s reconsideration of a decision referred back: confirm, amend or rescind',
    options: [
      ['--by <email>', 'democratic services, who clerk the board'],
      ['--outcome <confirm|amend|rescind>', 'what the board decided'],
      ['--reasons <text>', 'the board’s reasons'],
    ],
    example: `npx govflow reconsider ${ID} --by democratic.services@southampton.example.org --outcome confirm --reasons "The forum was consulted on 3 March"`,
    schema: reconsiderationSchema,
    update: reconsiderationUpdate,
    payload: (o) => ({ by: o.by, outcome: o.outcome, reasons: o.reasons }),
  }),
  action({
    name: 'resolve-escalation',
    description: 'Record the answer of the escalation step now holding a disputed item (P4)',
    options: [
      ['--by <email>', 'democratic services; a chief executive or a parent body’s clerk for their step'],
      ['--step <joint-committee|chief-executives|parent-bodies>', 'the step that answers'],
      ['--outcome <agreed|not-agreed>', 'agreed: the decision is published; not agreed: the next step'],
      ['--resolution <text>', 'what was agreed', 'optional'],
    ],
    example: `npx govflow resolve-escalation ${ID} --by democratic.services@southampton.example.org --step chief-executives --outcome agreed --resolution "Phased award agreed"`,
    schema: escalationResolutionSchema,
    update: escalationResolutionUpdate,
    payload: (o) => ({ by: o.by, step: o.step, outcome: o.outcome, resolution: o.resolution }),
  }),
  action({
    name: 'withdraw',
    description: 'Withdraw an item before it is decided (the proposing officer or democratic services)',
    options: [
      ['--by <email>', 'the proposing officer or democratic services'],
      ['--reason <text>', 'why it is withdrawn'],
    ],
    example: `npx govflow withdraw ${ID} --by commissioning.lead@southampton.example.org --reason "Superseded by 2027-019"`,
    schema: withdrawalSchema,
    update: withdrawUpdate,
    payload: (o) => ({ by: o.by, reason: o.reason }),
  }),
];

export function registerDecisionActionCommands(program: Command): void {
  for (const spec of DECISION_ACTIONS) {
    const command = program.command(`${spec.name} <decision>`).description(spec.description);
    for (const [flags, description, optional] of spec.options) {
      if (optional) command.option(flags, description);
      else command.requiredOption(flags, description);
    }
    command
      .option('--json', 'print one JSON document: { workflowId, action, result }')
      .addHelpText(
        'after',
        `\n<decision> is decision/<board>/<ref> or <board>/<ref>.${example(spec.example)}`,
      )
      .action(async (decision: string, options: Options) => {
        const { workflowId, result } = await spec.run(decision, options);
        emit(options.json, { workflowId, action: spec.name, result }, () => `${workflowId}: ${result}`);
      });
  }
}
