/**
 * What is waiting for a person (issue 15's "My tasks"): from where each running process stands and the roles
 * the standing orders give them. Pure: the console lists the running processes and asks this.
 */
import type { Role } from './people';
import { ESCALATION_STEPS, type EscalationStepName } from './schedule';

/** A running process as visibility shows it (search attributes). */
export interface RunningProcess {
  workflowId: string;
  process: string;
  boardId: string;
  stage: string;
  /** ISO instant. */
  nextDeadline?: string;
  /** What it waits for, in plain words (an escalated item names its step there). */
  waitingFor?: string;
  /** The people (ids in the standing orders) it still waits for, when it says: the members yet to self-assess. */
  waitingOn?: readonly string[];
}

export interface Task {
  workflowId: string;
  boardId: string;
  what: string;
  deadline?: string;
  /** A task the console does itself (the others are the CLI's, for now). */
  action?:
    | 'vote'
    | 'call-in'
    | 'decision'
    | 'terms-of-reference/decision'
    | MeetingTaskAction
    | 'urgency-consent'
    | 'scrutiny-outcome'
    | 'reconsideration'
    | 'escalation'
    | 'self-assessment';
}

type Rule = {
  stage: string;
  what: string;
  who: (role: Role, process: RunningProcess) => boolean;
  action?: Task['action'];
};

/**
 * The escalation step an item is with, from what it waits for ("the chief-executives step to resolve it
 * by ..."); undefined when it names none.
 */
export function escalationStepIn(waitingFor: string | undefined): EscalationStepName | undefined {
  return ESCALATION_STEPS.find((step) => waitingFor?.includes(`the ${step} step`));
}

/**
 * Democratic services records every escalation step's answer; the step's own people (the chief executives,
 * the parent bodies' clerks) record theirs (authority.ts escalationRefusal).
 */
function answersEscalation(role: Role, item: RunningProcess): boolean {
  const step = escalationStepIn(item.waitingFor);
  return (
    role.kind === 'democratic-services' ||
    (step === 'chief-executives' && role.kind === 'chief-executive') ||
    (step === 'parent-bodies' && role.kind === 'clerk')
  );
}

const isDemocraticServices = (r: Role) => r.kind === 'democratic-services';

/** Who acts on a decision at each stage that waits for a person (GOVERNANCE.md P3, P4). */
const DECISION_RULES: Rule[] = [
  {
    stage: 'voting',
    what: 'Vote on the item at today’s meeting',
    who: (r) => r.kind === 'member' && r.voting,
    action: 'vote',
  },
  {
    stage: 'awaiting-urgency-consent',
    what: 'Agree, or not, that the decision cannot wait (special urgency)',
    who: (r) => r.kind === 'scrutiny-chair',
    action: 'urgency-consent',
  },
  {
    stage: 'in-call-in-window',
    what: 'Call the decision in, with grounds, if you and enough colleagues sign',
    who: (r) => r.kind === 'scrutiny-chair' || r.kind === 'scrutiny-member',
    action: 'call-in',
  },
  {
    stage: 'called-in',
    what: 'Record the scrutiny meeting’s outcome',
    who: isDemocraticServices,
    action: 'scrutiny-outcome',
  },
  {
    stage: 'awaiting-reconsideration',
    what: 'Record the board’s reconsideration',
    who: isDemocraticServices,
    action: 'reconsideration',
  },
  {
    stage: 'escalated',
    what: 'Record the outcome of the escalation step',
    who: answersEscalation,
    action: 'escalation',
  },
];

/** A recommendation waits for each parent body's clerk to record their body's decision (P5). */
const RECOMMENDATION_RULES: Rule[] = [
  {
    stage: 'awaiting-decisions',
    what: 'Record your parent body’s decision on the recommendation',
    who: (r) => r.kind === 'clerk',
    action: 'decision',
  },
];

/**
 * A board's Terms of Reference wait for each parent body's clerk (P1); its effectiveness review for each
 * member's self-assessment, voting or not (P2; the board workflow's memberRefusal).
 */
const BOARD_RULES: Rule[] = [
  {
    stage: 'awaiting-tor-approval',
    what: 'Record your parent body’s decision on the Terms of Reference',
    who: (r) => r.kind === 'clerk',
    action: 'terms-of-reference/decision',
  },
  {
    stage: 'self-assessment',
    what: 'Send your self-assessment of the board for its effectiveness review',
    who: (r, p) => r.kind === 'member' && (p.waitingOn?.includes(r.memberId) ?? true),
    action: 'self-assessment',
  },
];

/** A meeting's forms on its page: the day's record, and the minutes. */
type MeetingTaskAction = '#record' | '#minutes';

/**
 * A meeting on its day, and after it, waits for democratic services: the record of attendance, interests and
 * each item's outcome, then the draft minutes, then the minutes' approval at a later meeting (issue 14).
 */
const MEETING_RULES: Rule[] = [
  {
    stage: 'in-session',
    what: 'Record the meeting’s attendance, interests and each item’s outcome',
    who: isDemocraticServices,
    action: '#record',
  },
  {
    stage: 'minutes-due',
    what: 'Publish the meeting’s draft minutes',
    who: isDemocraticServices,
    action: '#minutes',
  },
  {
    stage: 'minutes-drafted',
    what: 'Record the approval of the minutes at the next meeting',
    who: isDemocraticServices,
    action: '#minutes',
  },
];

const RULES: Record<string, Rule[]> = {
  decision: DECISION_RULES,
  meeting: MEETING_RULES,
  recommendation: RECOMMENDATION_RULES,
  board: BOARD_RULES,
};

export function tasksFor(roles: readonly Role[], processes: readonly RunningProcess[]): Task[] {
  return processes.flatMap((p) => {
    const rule = RULES[p.process]?.find((r) => r.stage === p.stage);
    const mine = rule && roles.some((role) => role.board === p.boardId && rule.who(role, p));
    if (!rule || !mine) return [];
    return [
      {
        workflowId: p.workflowId,
        boardId: p.boardId,
        what: rule.what,
        ...(p.nextDeadline ? { deadline: p.nextDeadline } : {}),
        ...(rule.action ? { action: rule.action } : {}),
      },
    ];
  });
}
