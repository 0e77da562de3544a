/**
 * Who may do what (the people of GOVERNANCE.md §1): each rule names the acting person and returns the reason they may
 * not act, or undefined when they may. The reason names the field that carries the person, so the CLI
 * and the Web UI show a sentence an officer can act on. Pure: the workflows, the CLI and the tests share it.
 */
import type { EscalationStepName } from './schedule';
import type { StandingOrders } from './standing-orders/schema';

export type Refusal = string | undefined;

export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

type Board = Pick<StandingOrders, 'board' | 'members'>;

/** Only a voting member of the board who has not declared an interest votes. */
export function voteRefusal(so: Board, memberId: string, declaredInterest: boolean): Refusal {
  const member = so.members.find((m) => m.id === memberId);
  if (!member) return `member: "${memberId}" is not a member of ${so.board.name}`;
  if (!member.voting) return `member: ${member.name} is not a voting member of ${so.board.name}`;
  if (declaredInterest) return `member: ${member.name} declared an interest and may not vote`;
  return undefined;
}

/** Members act for themselves (declare an interest, assess the board); nobody acts for a stranger. */
export function memberRefusal(so: Board, memberId: string): Refusal {
  return so.members.some((m) => m.id === memberId)
    ? undefined
    : `member: "${memberId}" is not a member of ${so.board.name}`;
}

/** Special urgency: only the O&S chair agrees that a decision cannot wait (2012 Regulations, reg. 11). */
export function urgencyConsentRefusal(so: Pick<StandingOrders, 'overviewAndScrutiny'>, by: string): Refusal {
  const chair = so.overviewAndScrutiny.chair.id;
  return by === chair ? undefined : `by: only the O&S chair (${chair}) may agree to special urgency`;
}

/** Only members of the O&S committee (its chair included) sign a call-in. */
export function callInRefusal(
  so: Pick<StandingOrders, 'overviewAndScrutiny'>,
  signatories: string[],
): Refusal {
  const os = so.overviewAndScrutiny;
  const ids = new Set([os.chair.id, ...os.members.map((m) => m.id)]);
  const strangers = [...new Set(signatories)].filter((m) => !ids.has(m));
  return strangers.length ? `members: not members of ${os.committee}: ${strangers.join(', ')}` : undefined;
}

/**
 * Outcomes of meetings the board's democratic services officer clerks (the scrutiny meeting, the board's
 * reconsideration) are recorded by that officer.
 */
export function democraticServicesRefusal(
  so: Pick<StandingOrders, 'officers'>,
  by: string,
  action: string,
): Refusal {
  const officer = so.officers.democraticServices.email;
  return sameEmail(by, officer)
    ? undefined
    : `by: only democratic services (${officer}) may ${action}; ${by} is not that officer`;
}

/**
 * Democratic services records the outcome of every escalation step; a chief executive may record the
 * chief executives' step and a parent body's clerk the parent bodies' step.
 */
export function escalationRefusal(
  so: Pick<StandingOrders, 'officers' | 'partners'>,
  step: EscalationStepName,
  by: string,
): Refusal {
  const allowed = [so.officers.democraticServices.email];
  if (step === 'chief-executives') allowed.push(...so.partners.map((p) => p.chiefExecutive.email));
  if (step === 'parent-bodies') allowed.push(...so.partners.map((p) => p.clerk.email));
  return allowed.some((email) => sameEmail(by, email))
    ? undefined
    : `by: ${by} may not record the ${step} step (democratic services${step === 'joint-committee' ? '' : step === 'chief-executives' ? ' or a chief executive' : ' or a parent body’s clerk'} may)`;
}

/** An item is withdrawn by the officer who proposed it or by democratic services. */
export function withdrawalRefusal(
  so: Pick<StandingOrders, 'officers'>,
  proposedBy: string,
  by: string,
): Refusal {
  return [proposedBy, so.officers.democraticServices.email].some((email) => sameEmail(by, email))
    ? undefined
    : 'by: only the proposing officer or democratic services may withdraw an item';
}

/** A parent body's decision is recorded by its clerk. */
export function clerkRefusal(body: string, clerkEmail: string, by: string, what = 'decision'): Refusal {
  return sameEmail(by, clerkEmail)
    ? undefined
    : `by: only the clerk to ${body} may record its ${what}; ${by} is not that clerk`;
}
