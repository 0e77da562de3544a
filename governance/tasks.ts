/**
 * What is waiting for a person (issue 15's "My tasks"): from where each running process stands and the roles
 * the standing orders give them. Pure: the console lists the running processes and asks this.
 */
import type { Role } from './people';

/** A running process as visibility shows it (search attributes). */
export interface RunningProcess {
  workflowId: string;
  process: string;
  boardId: string;
  stage: string;
  /** ISO instant. */
  nextDeadline?: string;
}

export interface Task {
  workflowId: string;
  boardId: string;
  what: string;
  deadline?: string;
  /** A task the console does itself (the others are the CLI's, for now). */
  action?: 'vote' | 'call-in' | 'decision' | 'terms-of-reference/decision' | MeetingTaskAction;
}

type Rule = { stage: string; what: string; who: (role: Role) => boolean; action?: Task['action'] };

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
  },
  {
    stage: 'in-call-in-window',
    what: 'Call the decision in, with grounds, if you and enough colleagues sign',
    who: (r) => r.kind === 'scrutiny-chair' || r.kind === 'scrutiny-member',
    action: 'call-in',
  },
  { stage: 'called-in', what: 'Record the scrutiny meeting’s outcome', who: isDemocraticServices },
  {
    stage: 'awaiting-reconsideration',
    what: 'Record the board’s reconsideration',
    who: isDemocraticServices,
  },
  { stage: 'escalated', what: 'Record the outcome of the escalation step', who: isDemocraticServices },
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

/** A board's Terms of Reference wait for each parent body's clerk (P1). */
const BOARD_RULES: Rule[] = [
  {
    stage: 'awaiting-tor-approval',
    what: 'Record your parent body’s decision on the Terms of Reference',
    who: (r) => r.kind === 'clerk',
    action: 'terms-of-reference/decision',
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
    const mine = rule && roles.some((role) => role.board === p.boardId && rule.who(role));
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
