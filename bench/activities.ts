import type { GovernanceActivities } from '../activities/contract';

/**
 * Activities that do nothing, for the benchmarks: what is measured is the workflow and Temporal, not
 * mail or the register. The govflow contract answers as the real one would on a first delivery; the
 * baseline's `noop` takes and returns nothing.
 */
export function noopActivities(): GovernanceActivities & { noop(): Promise<void> } {
  return {
    async notify(notification) {
      return { sent: notification.recipients.length, duplicate: false };
    },
    async record() {
      return { duplicate: false };
    },
    async committedToScheme() {
      return { committedGbp: 0 };
    },
    async checkRegistration() {
      return { ok: true as const, version: 1 };
    },
    async holdPooledBudget() {
      return { ok: true as const };
    },
    async listOnMeeting() {
      return { ok: true as const, receipt: 'listed' };
    },
    async deliverMeetingOutcome() {
      return { ok: true as const, receipt: 'taken' };
    },
    async tellItemOfMeetingChange() {
      return { ok: true as const, receipt: 'told' };
    },
    async withdrawFromMeeting() {
      return { ok: true as const, receipt: 'withdrawn' };
    },
    async noop() {},
  };
}
