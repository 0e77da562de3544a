import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { GovernanceActivities, Notification, RegisterEntry } from '../activities/contract';

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
  committedToScheme:
    proxyActivities<Pick<GovernanceActivities, 'committedToScheme'>>(readOptions).committedToScheme,
};

/** GBP already committed against a pooled budget scheme, from the register. */
export async function committedToScheme(boardId: string, schemeId: string): Promise<number> {
  const { committedGbp } = await proxies.committedToScheme.executeWithOptions(
    { ...readOptions, summary: `Read commitments against ${schemeId}` },
    [{ boardId, schemeId }],
  );
  return committedGbp;
}

/** Sends a notification, labelled in the Web UI with what it is. */
export function notify(
  notification: Notification,
  summary = `Notify ${notification.recipients.length} people: ${notification.kind}`,
) {
  return proxies.notify.executeWithOptions({ ...notifyOptions, summary }, [notification]);
}

/** Writes a register entry, labelled in the Web UI with what it is. */
export function record(entry: RegisterEntry, summary = `Record ${entry.kind}`) {
  return proxies.record.executeWithOptions({ ...recordOptions, summary }, [entry]);
}
