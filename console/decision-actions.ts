/**
 * The officers' and the O&S chair's actions on a decision in the console (issue 15), each the same Update as
 * its `govflow` command with the acting person from the session: the O&S chair agrees to special urgency
 * (`consentToUrgency`, by their id), democratic services record the scrutiny meeting's outcome after a call-in
 * (`recordScrutinyOutcome`) and the board's reconsideration of a decision referred back (`reconsider`), and the people of the escalation step the item is with record its answer
 * (`resolveEscalation`; the step is the item's own, never the form's).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  decisionStatusQuery,
  decisionWorkflowId,
  escalationResolutionSchema,
  escalationResolutionUpdate,
  reconsiderationSchema,
  reconsiderationUpdate,
  scrutinyOutcomeSchema,
  scrutinyOutcomeUpdate,
  urgencyConsentSchema,
  urgencyConsentUpdate,
} from '../definitions/decision';
import { escalationRefusal } from '../governance/authority';
import { ALLOWED_IN, type DecisionAction, type DecisionStage } from '../governance/decision-stages';
import { rolesOf, type Role } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { escalationStepIn } from '../governance/tasks';
import { actionFormRoutes, type Params, type Refused } from './action-form';
import type { Render } from './views';

type Options = {
  client: Client;
  boards: readonly StandingOrders[];
  render: Render;
  view: (req: FastifyRequest) => Record<string, unknown>;
};
type ChairRole = Extract<Role, { kind: 'scrutiny-chair' }>;

const decisionOf = (p: Params) => decisionWorkflowId(p.board, p.ref!);
const base = '/decisions/:board/:ref';

/** The decision's stage, when it is one the action is allowed in; else the refusal. */
async function stageFor(handle: WorkflowHandle, action: DecisionAction): Promise<DecisionStage | Refused> {
  const { stage } = await handle.query(decisionStatusQuery);
  return ALLOWED_IN[action].includes(stage)
    ? stage
    : {
        code: 409,
        title: 'This item does not wait for that now',
        line: `It is at the ${stage} stage. Nothing was sent.`,
      };
}
const allowedIn = (action: DecisionAction) => async (handle: WorkflowHandle) => {
  const stage = await stageFor(handle, action);
  return typeof stage === 'string' ? {} : stage;
};

export function decisionActionRoutes(scope: FastifyInstance, options: Options): void {
  const roleOn = (email: string, board: string) =>
    rolesOf(email, options.boards).filter((r) => r.board === board);
  const democraticServices = (email: string, board: string, action: string) =>
    roleOn(email, board).some((r) => r.kind === 'democratic-services')
      ? { email }
      : `Only democratic services for ${board} ${action}; you are not that officer.`;

  actionFormRoutes(scope, options, {
    route: `${base}/urgency-consent`,
    workflowId: decisionOf,
    refusal: 'You cannot agree to special urgency',
    standing: (email, board) =>
      roleOn(email, board).find((r): r is ChairRole => r.kind === 'scrutiny-chair') ??
      `Only the chair of ${board}'s Overview and Scrutiny committee agrees that a decision is urgent; you are not.`,
    now: allowedIn('consentToUrgency'),
    acting: (chair) => ({ by: chair.id }),
    payload: (body, acting) => ({ ...acting, reason: body.reason }),
    schema: urgencyConsentSchema,
    update: urgencyConsentUpdate,
    page: {
      title: 'Special urgency',
      legend: (item) => `Agree that ${item} cannot wait`,
      hint: (chair, name) =>
        `You agree as ${name}, chair of the ${chair.committee}. If you do not agree before the meeting, the item is deferred.`,
      text: { name: 'reason', label: 'Why the decision cannot reasonably be deferred' },
      button: 'Agree the decision is urgent',
    },
    done: (receipt) => ({ title: 'Your agreement is recorded', lines: [receipt] }),
  });

  actionFormRoutes(scope, options, {
    route: `${base}/scrutiny-outcome`,
    workflowId: decisionOf,
    refusal: 'You cannot record the scrutiny outcome',
    standing: (email, board) =>
      democraticServices(email, board, 'record the scrutiny meeting’s outcome, as its clerk'),
    now: allowedIn('recordScrutinyOutcome'),
    acting: ({ email }) => ({ by: email }),
    payload: (body, acting) => ({ ...acting, outcome: body.outcome, reasons: body.reasons ?? '' }),
    schema: scrutinyOutcomeSchema,
    update: scrutinyOutcomeUpdate,
    page: {
      title: 'Scrutiny outcome',
      legend: (item) => `What the scrutiny meeting decided on the call-in of ${item}`,
      hint: (_email, name) => `You record it as ${name}, democratic services.`,
      choice: {
        name: 'outcome',
        items: [
          { value: 'no-further-action', text: 'No further action: the decision takes effect' },
          { value: 'refer-back', text: 'Refer it back to the board for reconsideration' },
          { value: 'refer-to-council', text: 'Refer it to full Council' },
        ],
        missing: 'Choose what the scrutiny meeting decided.',
      },
      text: {
        name: 'reasons',
        label: 'The committee’s reasons (needed to refer it back or to full Council)',
      },
      button: 'Record the outcome',
    },
    done: (receipt) => ({ title: 'The scrutiny outcome is recorded', lines: [receipt] }),
  });

  actionFormRoutes(scope, options, {
    route: `${base}/reconsideration`,
    workflowId: decisionOf,
    refusal: 'You cannot record the reconsideration',
    standing: (email, board) =>
      democraticServices(email, board, 'record the board’s reconsideration, as its clerk'),
    now: allowedIn('reconsider'),
    acting: ({ email }) => ({ by: email }),
    payload: (body, acting) => ({ ...acting, outcome: body.outcome, reasons: body.reasons }),
    schema: reconsiderationSchema,
    update: reconsiderationUpdate,
    page: {
      title: 'Reconsideration',
      legend: (item) => `What the board decided on reconsidering ${item}`,
      hint: (_standing, name) => `You record it as ${name}, democratic services.`,
      choice: {
        name: 'outcome',
        items: [
          { value: 'confirm', text: 'Confirm the decision' },
          { value: 'amend', text: 'Amend it' },
          { value: 'rescind', text: 'Rescind it' },
        ],
        missing: 'Choose confirm, amend or rescind.',
      },
      text: { name: 'reasons', label: 'The board’s reasons' },
      button: 'Record the reconsideration',
    },
    done: (receipt) => ({ title: 'The reconsideration is recorded', lines: [receipt] }),
  });

  actionFormRoutes(scope, options, {
    route: `${base}/escalation`,
    workflowId: decisionOf,
    refusal: 'You cannot record this escalation step',
    standing: (email, board) => {
      const so = options.boards.find((b) => b.board.id === board);
      const kinds: Role['kind'][] = ['democratic-services', 'chief-executive', 'clerk'];
      return so && roleOn(email, board).some((r) => kinds.includes(r.kind))
        ? { so, email }
        : `Only democratic services, the chief executives and the parent bodies' clerks of ${board} record an escalation step; you are none of them.`;
    },
    now: async (handle, { so, email }) => {
      const stage = await stageFor(handle, 'resolveEscalation');
      if (typeof stage !== 'string') return stage;
      const step = escalationStepIn((await handle.query(decisionStatusQuery)).waitingFor);
      if (!step)
        return { code: 409, title: 'No escalation step is named', line: 'The item names no step now.' };
      // The step names who answers it (authority.ts), before anything is sent.
      const refusal = escalationRefusal(so, step, email);
      return refusal
        ? {
            code: 403,
            title: 'You cannot record this escalation step',
            line: `${refusal}. Nothing was sent.`,
          }
        : { step };
    },
    acting: ({ email }) => ({ by: email }),
    payload: (body, acting, { step }) => ({
      ...acting,
      step,
      outcome: body.outcome,
      resolution: body.resolution ?? '',
    }),
    schema: escalationResolutionSchema,
    update: escalationResolutionUpdate,
    page: {
      title: 'Escalation',
      legend: (item, { step }) => `The ${step} step’s answer on ${item}`,
      hint: (_standing, name) =>
        `You record it as ${name}. Agreed: the decision is published. Not agreed: the item goes to the next step.`,
      choice: {
        name: 'outcome',
        items: [
          { value: 'agreed', text: 'Agreed' },
          { value: 'not-agreed', text: 'Not agreed' },
        ],
        missing: 'Choose agreed or not agreed.',
      },
      text: { name: 'resolution', label: 'What was agreed (optional)' },
      button: 'Record the answer',
    },
    done: (receipt) => ({ title: 'The escalation step’s answer is recorded', lines: [receipt] }),
  });
}
