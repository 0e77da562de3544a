/**
 * What workflows ask of the outside world. Two effects, both idempotent by `key`:
 * a notification to people, and an entry in the governance register (which also feeds the public pages).
 * An activity retried after a crash calls these again with the same key and must change nothing.
 */

import type { StandingOrders } from '../governance/standing-orders/schema';
import type { RegistrationClaim } from '../governance/standing-orders/registration';
import type { AgendaItemUpdate, MeetingInput, WithdrawItemUpdate } from '../definitions/meeting';
import type { MeetingChangeUpdate, MeetingOutcomeUpdate } from '../definitions/decision';

/** Idempotency key: one per workflow and step. `step` is stable across replays (e.g. "review-reminder/28"). */
export interface EffectKey {
  workflowId: string;
  step: string;
}

export type RecipientRole =
  | 'member'
  | 'chair'
  | 'partner-lead'
  | 'os-chair'
  | 'os-member'
  | 'parent-body-clerk'
  | 'officer'
  | 'chief-executive'
  | 'joint-committee';

export interface Recipient {
  role: RecipientRole;
  name: string;
  email: string;
  /** Which partner organisation the person belongs to, where that matters for the wording. */
  partner?: string;
}

/** A calendar entry sent with a notification (RFC 5545). */
export interface CalendarInvite {
  /** Stable across updates of the same event, so calendars replace rather than duplicate it. */
  uid: string;
  /** Incremented when the event moves; a cancellation carries the next sequence too. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  summary: string;
  /** Civil date (Europe/London) for all-day deadlines, or an ISO instant with a time for meetings. */
  start: string;
  end?: string;
  location?: string;
  description?: string;
  /** Where the event's papers are, e.g. the meeting's agenda page. */
  url?: string;
}

export interface Notification {
  key: EffectKey;
  /** The template: e.g. 'review-reminder', 'review-started', 'vote-required', 'call-in-window-open'. */
  kind: string;
  boardId: string;
  /** Human words for the process this is about, e.g. "Annual effectiveness review of Southampton JCB". */
  processTitle: string;
  recipients: Recipient[];
  /** What the recipient must do, in plain words. */
  action: string;
  /** Civil date by which they must do it, if any. */
  deadline?: string;
  /** Extra facts the template shows (amounts, dates, reasons). Never exempt report text. */
  facts?: Record<string, string | number | boolean>;
  invite?: CalendarInvite;
}

export interface NotifyResult {
  /** Messages sent by this call; empty when the key had been sent before. */
  sent: number;
  duplicate: boolean;
  /**
   * Addresses the receiving server refused permanently (SMTP 5xx on RCPT), now or on an earlier attempt.
   * They are not retried; the others still get their message. Absent when none.
   */
  rejected?: string[];
}

export interface RegisterEntry {
  key: EffectKey;
  boardId: string;
  /** The workflow ID of the process the entry belongs to. */
  processId: string;
  /** What happened: e.g. 'review-scheduled', 'review-started', 'decision-published'. */
  kind: string;
  /** When it happened (ISO instant, from workflow time). */
  at: string;
  data: Record<string, unknown>;
}

export interface RecordResult {
  duplicate: boolean;
}

/** One of a process's effects: a register entry to write, or a notification to send. */
export type Effect = { record: RegisterEntry } | { notify: Notification };

/** What each effect of a batch did, in the batch's order. */
export type EffectResult = { record: RecordResult } | { notify: NotifyResult };

/**
 * The effects a stage makes one after another (its register entries and its mail), as one activity: each
 * still idempotent by its own key, so a retried batch writes and sends each once.
 */
export interface BatchedEffects {
  effects(batch: Effect[]): Promise<EffectResult[]>;
}

/** What a pooled budget scheme already carries: commitments of implemented decisions. */
export interface SchemeCommitments {
  boardId: string;
  schemeId: string;
}

/** The worker's answer to a process that checks it runs under its board's registered standing orders. */
export type RegistrationAnswer = { ok: true; version: number } | { ok: false; reason: string };

/**
 * What a decision asks of its board's pooled budget process (pooled-budget/<board>): to reserve money when
 * agreed (starting the process for the year if none runs yet), give it back, or commit it when implemented.
 */
export type BudgetHold =
  | {
      action: 'reserve';
      holder: string;
      schemeId: string;
      amountGbp: number;
      /** Whose budget it is, and the year to open if the board's pooled budget process is not running. */
      standingOrders: StandingOrders;
      startYear: number;
    }
  | { action: 'release'; boardId: string; holder: string; reason: string }
  | { action: 'commit'; boardId: string; holder: string };

/** Taken, or refused with the pooled budget's reason (e.g. the headroom is gone). */
export type BudgetHoldAnswer = { ok: true } | { ok: false; reason: string };

/**
 * A decision asks its meeting (meeting/<board>/<date>) to list it, starting the meeting's process when none
 * runs yet; `updateId` makes a retried request one listing.
 */
export interface MeetingListing {
  meeting: MeetingInput;
  item: AgendaItemUpdate;
  updateId: string;
}

/** The meeting gives a decision process the clerk's record of its item. */
export interface MeetingOutcomeDelivery {
  decisionId: string;
  outcome: MeetingOutcomeUpdate;
  updateId: string;
}

/** The meeting tells a decision it moved, or sent the decision's item to the next meeting. */
export interface MeetingChangeDelivery {
  decisionId: string;
  change: MeetingChangeUpdate;
  updateId: string;
}

/** A withdrawn decision's item leaves its meeting's agenda. */
export interface ItemWithdrawal {
  meetingId: string;
  withdrawal: WithdrawItemUpdate;
  updateId: string;
}

/** Done (the other process's receipt), or refused with its reason. */
export type ProcessAnswer = { ok: true; receipt: string } | { ok: false; reason: string };

export interface GovernanceActivities {
  /** A decision joins its meeting's agenda (issue 14). */
  listOnMeeting(listing: MeetingListing): Promise<ProcessAnswer>;
  /** The meeting's record of an item reaches the item's decision process. */
  deliverMeetingOutcome(delivery: MeetingOutcomeDelivery): Promise<ProcessAnswer>;
  /** A moved or cancelled meeting tells each of its items' decision processes. */
  tellItemOfMeetingChange(delivery: MeetingChangeDelivery): Promise<ProcessAnswer>;
  /** A withdrawn decision takes its item off its meeting's agenda. */
  withdrawFromMeeting(withdrawal: ItemWithdrawal): Promise<ProcessAnswer>;
  /** A reservation, release or commitment on the board's pooled budget process (P6). */
  holdPooledBudget(hold: BudgetHold): Promise<BudgetHoldAnswer>;
  /** Read-only: whether the claim matches the board's registered standing orders (issue 19, item 1). */
  checkRegistration(claim: RegistrationClaim): Promise<RegistrationAnswer>;
  notify(notification: Notification): Promise<NotifyResult>;
  record(entry: RegisterEntry): Promise<RecordResult>;
  /** Read-only, so safe to repeat: the GBP already committed against a scheme. */
  committedToScheme(scheme: SchemeCommitments): Promise<{ committedGbp: number }>;
}

/**
 * The register's rule for when money is committed: an implemented decision with an amount and a scheme.
 * Shared by the register and the in-memory stand-ins, so a rehearsal counts money as production does.
 */
export function commitmentOf(
  entry: RegisterEntry,
): { boardId: string; schemeId: string; amountGbp: number } | undefined {
  const { amountGbp, schemeId } = entry.data as { amountGbp?: unknown; schemeId?: unknown };
  if (
    entry.kind !== 'implemented' ||
    typeof amountGbp !== 'number' ||
    amountGbp <= 0 ||
    typeof schemeId !== 'string'
  )
    return undefined;
  return { boardId: entry.boardId, schemeId, amountGbp };
}
