import { ApplicationFailure, patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type {
  BatchedEffects,
  BudgetHold,
  Effect,
  GovernanceActivities,
  ItemWithdrawal,
  MeetingChangeDelivery,
  MeetingListing,
  MeetingOutcomeDelivery,
  Notification,
  RegisterEntry,
} from '../../activities/contract';
import type { RegistrationClaim } from '../../governance/standing-orders/registration';

/**
 * Mail may wait on an SMTP server for a while, and a governance notice must get through eventually:
 * retry without limit, backing off to ten minutes, so an outage delays mail but never fails a process.
 */
const notifyOptions: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};

/** Register writes are short transactions; the same unlimited retry keeps the record complete through an outage. */
const recordOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

/** A read: quick, and retried like a register write. */
const readOptions: ActivityOptions = { ...recordOptions, startToCloseTimeout: '15 seconds' };

const proxies = {
  notify: proxyActivities<Pick<GovernanceActivities, 'notify'>>(notifyOptions).notify,
  record: proxyActivities<Pick<GovernanceActivities, 'record'>>(recordOptions).record,
  effects: proxyActivities<BatchedEffects>(recordOptions).effects,
  committedToScheme:
    proxyActivities<Pick<GovernanceActivities, 'committedToScheme'>>(readOptions).committedToScheme,
  checkRegistration:
    proxyActivities<Pick<GovernanceActivities, 'checkRegistration'>>(readOptions).checkRegistration,
  holdPooledBudget:
    proxyActivities<Pick<GovernanceActivities, 'holdPooledBudget'>>(recordOptions).holdPooledBudget,
  meetings:
    proxyActivities<
      Pick<
        GovernanceActivities,
        'listOnMeeting' | 'deliverMeetingOutcome' | 'tellItemOfMeetingChange' | 'withdrawFromMeeting'
      >
    >(recordOptions),
};

/**
 * Histories from before processes checked their standing orders against the board's registration never
 * ran the check; the marker keeps them replaying.
 */
export const REGISTERED_STANDING_ORDERS = 'check-registered-standing-orders';

/**
 * Stops a process that does not run under its board's registered standing orders before it does anything
 * (a client that bypassed the CLI's own check): one line saying why, and nothing written or sent.
 */
export async function requireRegistered(claim: RegistrationClaim): Promise<void> {
  if (!patched(REGISTERED_STANDING_ORDERS)) return;
  const answer = await proxies.checkRegistration.executeWithOptions(
    { ...readOptions, summary: `Check the standing orders are ${claim.boardId}'s registered ones` },
    [claim],
  );
  if (!answer.ok)
    throw ApplicationFailure.create({
      type: 'UnregisteredStandingOrders',
      nonRetryable: true,
      message: `refused: ${answer.reason}; items take their board's registered standing orders (govflow decision propose --board)`,
    });
}

/** GBP already committed against a pooled budget scheme, from the register. */
export async function committedToScheme(boardId: string, schemeId: string): Promise<number> {
  const { committedGbp } = await proxies.committedToScheme.executeWithOptions(
    { ...readOptions, summary: `Read commitments against ${schemeId}` },
    [{ boardId, schemeId }],
  );
  return committedGbp;
}

/** A reservation, release or commitment on the board's pooled budget process, labelled in the Web UI. */
export function holdPooledBudget(hold: BudgetHold, summary: string) {
  return proxies.holdPooledBudget.executeWithOptions({ ...recordOptions, summary }, [hold]);
}

/** A decision asks its meeting to list it (starting the meeting's process if none runs yet). */
export function listOnMeeting(listing: MeetingListing, summary: string) {
  return proxies.meetings.listOnMeeting.executeWithOptions({ ...recordOptions, summary }, [listing]);
}

/** The meeting gives a decision process the clerk's record of its item. */
export function deliverMeetingOutcome(delivery: MeetingOutcomeDelivery, summary: string) {
  return proxies.meetings.deliverMeetingOutcome.executeWithOptions({ ...recordOptions, summary }, [delivery]);
}

/** A moved or cancelled meeting tells one of its items' decision processes. */
export function tellItemOfMeetingChange(delivery: MeetingChangeDelivery, summary: string) {
  return proxies.meetings.tellItemOfMeetingChange.executeWithOptions({ ...recordOptions, summary }, [
    delivery,
  ]);
}

/** A withdrawn decision takes its item off its meeting's agenda. */
export function withdrawFromMeeting(withdrawal: ItemWithdrawal, summary: string) {
  return proxies.meetings.withdrawFromMeeting.executeWithOptions({ ...recordOptions, summary }, [withdrawal]);
}

/** The Web UI's label for a notification: how many it goes to, and what it is. */
export const notifySummary = (n: Notification) => `Notify ${n.recipients.length} people: ${n.kind}`;

/** The Web UI's label for a register entry. */
export const recordSummary = (entry: RegisterEntry) => `Record ${entry.kind}`;

/** Sends a notification, labelled in the Web UI with what it is. */
export function notify(notification: Notification, summary = notifySummary(notification)) {
  return proxies.notify.executeWithOptions({ ...notifyOptions, summary }, [notification]);
}

/** Writes a register entry, labelled in the Web UI with what it is. */
export function record(entry: RegisterEntry, summary = recordSummary(entry)) {
  return proxies.record.executeWithOptions({ ...recordOptions, summary }, [entry]);
}

/**
 * Writes a stage's entries and sends its mail in one activity, in order, labelled in the Web UI with what
 * each is. Retried as a register write is (a mail outage is retried as often as a database one); it may
 * take a mail's own two minutes per notification, and heartbeats after each effect, so a dead worker is
 * noticed within a register write's 30 seconds.
 */
export function effects(batch: Effect[], summary: string) {
  const mails = batch.filter((effect) => 'notify' in effect).length;
  return proxies.effects.executeWithOptions(
    {
      ...recordOptions,
      startToCloseTimeout: `${30 + 120 * mails} seconds`,
      heartbeatTimeout: '30 seconds',
      summary,
    },
    [batch],
  );
}
