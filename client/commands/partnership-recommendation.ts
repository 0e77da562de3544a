/**
 * A care-group partnership board's recommendation to the JCB (wiltshire-2009-adult ¶19) from the CLI:
 * `govflow partnership-recommendation send` puts it on the JCB's next meeting that can still meet the notice
 * rules; `status` shows where it stands and, once the JCB has decided, the outcome reported back.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import {
  partnershipRecommendationInputSchema,
  partnershipRecommendationStatusQuery,
  partnershipRecommendationWorkflowId,
  type PartnershipRecommendationInput,
  type PartnershipRecommendationStatus,
} from '../../definitions';
import { slugSchema } from '../../definitions/common';
import { UserError, parseInput } from '../../definitions/errors';
import { displayDate, displayDateTime, displayDatesIn } from '../../governance/display-dates';
import { nextJcbMeeting } from '../../governance/partnership-recommendations';
import { calendarFor } from '../../governance/standing-orders';
import { loadConfig } from '../../runtime/config';
import { registeredStandingOrders } from '../boards';
import { withClient } from '../actions/connect';
import { describeIfExists, executionOf } from '../actions/execution';
import { given, numberFlag, poundsFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { workflowIdFor } from '../actions/workflow-ids';
import { checkOfficerProposal, checkRefUnused } from '../processes/decision';
import { startPartnershipRecommendation } from '../processes/partnership-recommendation';

interface SendOptions {
  jcb?: string;
  ref?: string;
  fromBoard?: string;
  fromName?: string;
  clerkName?: string;
  clerkEmail?: string;
  title?: string;
  recommendation?: string;
  topic?: string;
  amountGbp?: string;
  wardsAffected?: string;
  exemptParagraph?: string;
  presentedBy?: string;
  json?: boolean;
}

function registerSend(group: Command): void {
  group
    .command('send')
    .description(
      "Send a partnership board's recommendation to the JCB: it goes on the JCB's next meeting that can still meet the notice rules",
    )
    .requiredOption('--jcb <id>', 'the Joint Commissioning Board (its registered standing orders)')
    .requiredOption('--ref <ref>', "the JCB's reference for the item, e.g. 2027-PB03")
    .requiredOption(
      '--from-board <id>',
      'the partnership board that recommends, e.g. learning-disabilities-pb',
    )
    .requiredOption('--from-name <name>', "the partnership board's name")
    .requiredOption('--clerk-name <name>', "the partnership board's clerk, who takes the outcome back")
    .requiredOption('--clerk-email <email>', "the clerk's email address")
    .requiredOption('--title <text>', 'the title of the item')
    .requiredOption('--recommendation <text>', 'what the partnership board recommends')
    .requiredOption('--topic <text>', "the area of the JCB's delegated scope it belongs to")
    .option('--amount-gbp <pounds>', 'the spend or saving, if any')
    .option('--wards-affected <n|all>', 'how many wards are significantly affected (default 0)')
    .option('--exempt-paragraph <1-7>', 'Schedule 12A paragraph if the recommendation is exempt')
    .requiredOption('--presented-by <email>', 'the officer who presents it to the JCB')
    .option('--json', 'print one JSON document: { workflowId, runId, meetingDate, decisionId }')
    .addHelpText(
      'after',
      example(
        'npx govflow partnership-recommendation send --jcb wiltshire-adult-jcb --ref 2027-PB03 \\\n' +
          '      --from-board learning-disabilities-pb --from-name "Learning Disabilities Partnership Board" \\\n' +
          '      --clerk-name "Partnership board clerk" --clerk-email ld.board@wiltshire.example.gov.uk \\\n' +
          '      --title "Day opportunities review" --recommendation "Commission local day opportunities" \\\n' +
          '      --topic "learning disabilities" --presented-by commissioning@wiltshire.example.gov.uk',
      ),
    )
    .action(async (o: SendOptions) => {
      const jcbId = parseInput(slugSchema, o.jcb, 'jcb');
      const item = {
        ref: o.ref,
        partnershipBoard: {
          id: o.fromBoard,
          name: o.fromName,
          clerk: { name: o.clerkName, email: o.clerkEmail },
        },
        title: o.title,
        recommendation: o.recommendation,
        topic: o.topic,
        presentedBy: o.presentedBy,
        ...given({
          amountGbp: poundsFlag(o.amountGbp, 'amountGbp'),
          wardsAffected: o.wardsAffected === 'all' ? 'all' : numberFlag(o.wardsAffected, 'wardsAffected'),
          exemptParagraph: numberFlag(o.exemptParagraph, 'exemptParagraph'),
        }),
      };
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      const parsed = parseInput(partnershipRecommendationInputSchema.omit({ standingOrders: true }), item);
      const started = await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, jcbId, 'jcb');
        const choice = nextJcbMeeting(parsed, standingOrders, Date.now(), calendarFor(standingOrders));
        if (!choice.meeting)
          throw new UserError(
            `jcb: no meeting of ${jcbId} in its standing orders can still meet the notice rules (${choice.notices.join(', ')}) publishing from ${choice.publishable}; list later meetings first`,
          );
        checkOfficerProposal({ topic: parsed.topic, meetingDate: choice.meeting }, standingOrders);
        await checkRefUnused(client, jcbId, parsed.ref, 'recommendation');
        const raw = { ...item, standingOrders } as PartnershipRecommendationInput;
        try {
          const handle = await startPartnershipRecommendation(client, loadConfig().GOVFLOW_TASK_QUEUE, raw);
          return { handle, meetingDate: choice.meeting };
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError)
            throw new UserError(
              `ref: ${partnershipRecommendationWorkflowId(jcbId, parsed.ref)} already exists; give the recommendation a new reference`,
            );
          throw error;
        }
      });
      const { handle, meetingDate } = started;
      emit(
        o.json,
        {
          workflowId: handle.workflowId,
          runId: handle.firstExecutionRunId,
          meetingDate,
          decisionId: `decision/${jcbId}/${parsed.ref}`,
        },
        () => [
          `sent: ${handle.workflowId}, for the JCB meeting on ${displayDate(meetingDate)}`,
          `  its status: npx govflow partnership-recommendation status ${jcbId}/${parsed.ref}`,
        ],
      );
    });
}

function statusLines(id: string, s: PartnershipRecommendationStatus, state: string): string[] {
  return [
    id,
    `  from:        ${s.partnershipBoard} to the JCB ${s.boardId}`,
    `  state:       ${state}`,
    `  stage:       ${s.stage}`,
    s.meetingDate ? `  JCB meeting: ${displayDate(s.meetingDate)}` : '',
    s.decisionId ? `  JCB item:    ${s.decisionId}` : '',
    s.outcome ? `  outcome:     ${s.outcome}` : '',
    `  waiting for: ${displayDatesIn(s.waitingFor)}`,
    '  steps:',
    ...s.steps.map((step) => `    ${displayDateTime(step.at)}  ${step.kind}: ${displayDatesIn(step.detail)}`),
  ].filter(Boolean);
}

function registerStatus(group: Command): void {
  group
    .command('status <recommendation>')
    .description(
      'Where a recommendation stands: the JCB meeting and item it went to, and the outcome reported back',
    )
    .option('--json', 'print one JSON document: the status query’s answer')
    .addHelpText(
      'after',
      '\n<recommendation> is partnership-recommendation/<jcb>/<ref> or <jcb>/<ref>.' +
        example('npx govflow partnership-recommendation status wiltshire-adult-jcb/2027-PB03'),
    )
    .action(async (givenId: string, o: { json?: boolean }) => {
      const workflowId = workflowIdFor('partnership-recommendation', givenId);
      const shown = await withClient(async (client, namespace) => {
        const description = await describeIfExists(client, workflowId);
        if (!description)
          throw new UserError(`recommendation: no process "${workflowId}" in namespace ${namespace}`);
        try {
          const [status, execution] = await Promise.all([
            client.workflow.getHandle(workflowId).query(partnershipRecommendationStatusQuery),
            executionOf(client, description),
          ]);
          return { status, execution };
        } catch (error) {
          if (error instanceof WorkflowNotFoundError)
            throw new UserError(`recommendation: no process "${workflowId}"`);
          throw error;
        }
      });
      emit(o.json, { ...shown.status, execution: shown.execution }, () =>
        statusLines(workflowId, shown.status, shown.execution.meaning),
      );
    });
}

export function registerPartnershipRecommendationCommands(program: Command): void {
  const group = program
    .command('partnership-recommendation')
    .description("A care-group partnership board's recommendation to the Joint Commissioning Board");
  registerSend(group);
  registerStatus(group);
}
