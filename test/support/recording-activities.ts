import { Context } from '@temporalio/activity';
import {
  commitmentOf,
  type GovernanceActivities,
  type Notification,
  type RegisterEntry,
} from '../../activities/contract';
import type { RegistrationClaim } from '../../governance/standing-orders/registration';
import type { BudgetHold } from '../../activities/contract';
import { pooledBudgetStandIn } from '../../activities/pooled-budgets';
import { meetingDeskStandIn, type MeetingDesk } from '../../activities/meetings';

/**
 * A test double of the activity contract for workflow tests: it keeps what the workflow asked for,
 * with the server time at which each call was made, and applies the idempotency rule by key.
 * The real mail and register implementations have their own tests against real servers.
 */
export function recordingActivities(real?: GovernanceActivities, desk?: MeetingDesk) {
  const notifications: (Notification & { sentAt: string })[] = [];
  const entries: RegisterEntry[] = [];
  const claims: RegistrationClaim[] = [];
  const holds: (BudgetHold & { answer: string })[] = [];
  const seen = new Set<string>();
  // To the minute: the server schedules an activity a few milliseconds after the timer that led to it.
  const serverTime = () =>
    new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString().slice(0, 16);
  const activities: GovernanceActivities = {
    async notify(notification) {
      const id = `${notification.key.workflowId}#${notification.key.step}`;
      if (seen.has(id)) return { sent: 0, duplicate: true };
      seen.add(id);
      notifications.push({ ...notification, sentAt: serverTime() });
      return real ? real.notify(notification) : { sent: notification.recipients.length, duplicate: false };
    },
    async record(entry) {
      const id = `record:${entry.key.workflowId}#${entry.key.step}`;
      if (seen.has(id)) return { duplicate: true };
      seen.add(id);
      entries.push(entry);
      return real ? real.record(entry) : { duplicate: false };
    },
    // Without real activities no board is looked up: the double accepts the claim, and keeps it. The real
    // lookup and comparison have their own tests (test/security/registered-standing-orders.test.ts).
    async checkRegistration(claim) {
      claims.push(claim);
      return real ? real.checkRegistration(claim) : { ok: true, version: 1 };
    },
    async committedToScheme({ boardId, schemeId }) {
      if (real) return real.committedToScheme({ boardId, schemeId });
      return { committedGbp: committed(boardId, schemeId) };
    },
    // Without real activities the pooled budget is held in memory by the process's own rule; every hold is kept.
    async holdPooledBudget(hold) {
      const answer = await (real ? real.holdPooledBudget(hold) : standIn(hold));
      holds.push({ ...hold, answer: answer.ok ? 'ok' : answer.reason });
      return answer;
    },
    // Items join real meeting processes through the desk given; without one, no meeting lists them and they
    // give their own agenda notice. Every listing asked for is kept either way.
    async listOnMeeting(listing) {
      const standIn = await standInMeetings.list(listing);
      return desk ? desk.list(listing) : standIn;
    },
    async deliverMeetingOutcome(delivery) {
      return (desk ?? standInMeetings).deliver(delivery);
    },
    async tellItemOfMeetingChange(delivery) {
      return (desk ?? standInMeetings).tell(delivery);
    },
    async withdrawFromMeeting(withdrawal) {
      return (desk ?? standInMeetings).withdraw(withdrawal);
    },
  };
  function committed(boardId: string, schemeId: string): number {
    return entries
      .map(commitmentOf)
      .filter((c) => c?.boardId === boardId && c.schemeId === schemeId)
      .reduce((sum, c) => sum + (c?.amountGbp ?? 0), 0);
  }
  const standIn = pooledBudgetStandIn(committed);
  const standInMeetings = meetingDeskStandIn();
  return { activities, notifications, entries, claims, holds, listings: standInMeetings.listings };
}
