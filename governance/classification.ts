/**
 * Classifying a decision (P3): key or not, in the board's delegated scope or not, exempt
 * (Local Government Act 1972 Schedule 12A, paragraphs 1-7) or public, within the spending limit
 * or not, and the route it must take, each with a human-readable reason. Pure and deterministic.
 */
import type { StandingOrders } from './standing-orders/schema';
import { formatGbp } from './money';

/** Schedule 12A Part 1 (England): descriptions of exempt information. */
export const SCHEDULE_12A_PARAGRAPHS: Readonly<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>> = {
  1: 'information relating to any individual',
  2: 'information which is likely to reveal the identity of an individual',
  3: 'information relating to the financial or business affairs of any particular person (including the authority holding that information)',
  4: 'information relating to consultations or negotiations in connection with a labour relations matter between the authority and its employees or office holders',
  5: 'information in respect of which a claim to legal professional privilege could be maintained in legal proceedings',
  6: 'information which reveals that the authority proposes to give a notice imposing requirements on a person, or to make an order or direction, under any enactment',
  7: 'information relating to action taken or to be taken in connection with the prevention, investigation or prosecution of crime',
};

export type ExemptParagraph = keyof typeof SCHEDULE_12A_PARAGRAPHS;

export function isExemptParagraph(n: unknown): n is ExemptParagraph {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 7;
}

export interface DecisionItem {
  title?: string;
  /** The spend or saving in GBP (absolute value is used); omit for a decision without money. */
  amountGbp?: number;
  /** Number of wards significantly affected, or 'all'. */
  wardsAffected?: number | 'all';
  /** The area the item belongs to, matched (case-insensitively) against the board's delegated scope. */
  topic: string;
  /** Schedule 12A paragraph if the report contains exempt information; omit or null for public. */
  exemptParagraph?: number | null;
  /** Executive (Cabinet) function; default true. Non-executive items are for the full Council side. */
  executive?: boolean;
}

export type DecisionRoute =
  'decide-at-board' | 'refer-to-cabinet' | 'refer-to-decision-maker' | 'recommend-to-parent-bodies';

export interface Classification {
  keyDecision: boolean;
  executive: boolean;
  inScope: boolean;
  exempt: boolean;
  exemptParagraph: ExemptParagraph | null;
  /** null when the item commits no money or the board has no spending limit. */
  withinSpendingLimit: boolean | null;
  /** Members who must all agree for the spending authority (e.g. the Cabinet members), if any. */
  unanimityRequired: 'cabinet-members' | 'all-voting-members' | null;
  route: DecisionRoute;
  /** Key decisions go on the Forward Plan (28 clear days by default); exempt items need the private-meeting notices. */
  notices: { forwardPlan: boolean; privateMeeting: boolean };
  reasons: string[];
}

const gbp = formatGbp;

/** Classifies an item under a board's standing orders. Throws RangeError on an invalid item. */
export function classifyDecision(item: DecisionItem, so: StandingOrders): Classification {
  if (typeof item.topic !== 'string' || item.topic.trim() === '')
    throw new RangeError('topic: must name the area the item belongs to');
  if (item.amountGbp !== undefined && !Number.isFinite(item.amountGbp))
    throw new RangeError('amountGbp: must be a number');
  const wards = item.wardsAffected;
  if (wards !== undefined && wards !== 'all' && !(Number.isInteger(wards) && wards >= 0)) {
    throw new RangeError('wardsAffected: must be a whole number >= 0 or "all"');
  }
  const para = item.exemptParagraph ?? null;
  if (para !== null && !isExemptParagraph(para))
    throw new RangeError('exemptParagraph: must be a paragraph of Schedule 12A, 1 to 7');

  const reasons: string[] = [];
  const amount = item.amountGbp === undefined ? undefined : Math.abs(item.amountGbp);
  const executive = item.executive ?? true;

  // Key decision.
  const { thresholdGbp, wardsThreshold } = so.keyDecision;
  const byAmount = amount !== undefined && amount >= thresholdGbp;
  const byWards = wards === 'all' || (typeof wards === 'number' && wards >= wardsThreshold);
  const keyDecision = byAmount || byWards;
  if (byAmount)
    reasons.push(
      `key decision: ${gbp(amount)} is at or above the key-decision threshold of ${gbp(thresholdGbp)}`,
    );
  if (byWards)
    reasons.push(
      `key decision: it significantly affects ${wards === 'all' ? 'all' : wards} wards (threshold ${wardsThreshold})`,
    );
  if (!keyDecision) {
    reasons.push(
      `not a key decision: ${amount === undefined ? 'no spend or saving' : `${gbp(amount)} is below ${gbp(thresholdGbp)}`} and ${wards === undefined ? 'no wards named' : `${wards} ward(s) affected, fewer than ${wardsThreshold}`}`,
    );
  }

  // Scope.
  const topic = item.topic.trim().toLowerCase();
  const inScope = so.delegation.scope.some((s) => s.trim().toLowerCase() === topic);
  reasons.push(
    inScope
      ? `"${item.topic}" is within the board's scope`
      : `"${item.topic}" is outside the board's scope (${so.delegation.scope.join(', ') || 'none'})`,
  );

  // Exempt or public.
  const exempt = para !== null;
  reasons.push(
    exempt
      ? `exempt under Schedule 12A paragraph ${para}: ${SCHEDULE_12A_PARAGRAPHS[para]}; needs ${so.notice.privateMeeting.days} clear days' notice of a private meeting and a confirmation ${so.notice.privateMeetingConfirmation.days} clear days before`
      : 'public item',
  );

  // Spending limit.
  const limit = so.spendingLimit.amountGbp;
  let withinSpendingLimit: boolean | null = null;
  if (amount !== undefined && amount > 0 && limit !== null) {
    withinSpendingLimit = amount <= limit;
    reasons.push(
      withinSpendingLimit
        ? `${gbp(amount)} is within the spending limit of ${gbp(limit)}`
        : `${gbp(amount)} is above the spending limit of ${gbp(limit)}`,
    );
  }
  const unanimityRequired =
    withinSpendingLimit === true && so.spendingLimit.unanimity !== 'none' ? so.spendingLimit.unanimity : null;

  // Route.
  let route: DecisionRoute;
  if (!so.delegation.delegatedPower) {
    route = 'recommend-to-parent-bodies';
    reasons.push(
      `the board has no delegated power: it recommends, and ${so.partners.map((p) => p.parentBody.name).join(' and ')} each decide`,
    );
  } else if (!inScope) {
    route = 'refer-to-decision-maker';
    reasons.push(
      "outside the delegated scope: noted for information, with the board's considerations minuted, and referred to the relevant decision maker",
    );
  } else if (withinSpendingLimit === false) {
    route = 'refer-to-cabinet';
    const council = so.partners.find((p) => p.kind === 'council');
    reasons.push(`above the spending limit: referred to ${council?.parentBody.name ?? 'Cabinet'}`);
  } else {
    route = 'decide-at-board';
    reasons.push('decided at the board by consensus of both partners');
    if (unanimityRequired === 'cabinet-members') {
      const n = so.members.filter((m) => m.isCabinetMember).length;
      reasons.push(`the spending authority needs all ${n} Cabinet members on the board to agree`);
    } else if (unanimityRequired === 'all-voting-members') {
      reasons.push('the spending authority needs every voting member present to agree');
    }
  }
  if (!executive)
    reasons.push("non-executive function: taken under the Council's (not Cabinet's) delegation");

  return {
    keyDecision,
    executive,
    inScope,
    exempt,
    exemptParagraph: para,
    withinSpendingLimit,
    unanimityRequired,
    route,
    notices: { forwardPlan: keyDecision, privateMeeting: exempt },
    reasons,
  };
}
