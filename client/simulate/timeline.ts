import { Context } from '@temporalio/activity';
import { commitmentOf, type GovernanceActivities, type RegisterEntry } from '../../activities/contract';
import { pooledBudgetStandIn } from '../../activities/pooled-budgets';
import { meetingDeskStandIn } from '../../activities/meetings';

/** One line of a rehearsal: what happened, when (server time), and in which workflow. */
export interface TimelineEntry {
  at: string;
  kind: string;
  workflowId: string;
  [detail: string]: unknown;
}

/**
 * The simulator's stand-in for the real activities: every register entry and every notification a
 * workflow (or its children) asks for becomes a timeline entry instead of a row or a mail, so a
 * rehearsal never writes the register nor sends mail. The idempotency rule of the real activities
 * is kept (one effect per key), so a retried activity does not show twice.
 */
export function timelineRecorder() {
  const entries: { seq: number; entry: TimelineEntry }[] = [];
  const seen = new Set<string>();
  const recorded: RegisterEntry[] = [];
  let seq = 0;
  const add = (entry: TimelineEntry) => entries.push({ seq: seq++, entry });
  // The time the server scheduled the activity: the workflow's own clock at that step.
  const serverTime = () => new Date(Context.current().info.scheduledTimestampMs).toISOString();

  const activities: GovernanceActivities = {
    async notify(n) {
      const id = `notify:${n.key.workflowId}#${n.key.step}`;
      if (seen.has(id)) return { sent: 0, duplicate: true };
      seen.add(id);
      add({
        at: serverTime(),
        kind: 'notification-sent',
        workflowId: n.key.workflowId,
        notification: n.kind,
        recipients: n.recipients.length,
        action: n.action,
        ...(n.deadline ? { deadline: n.deadline } : {}),
      });
      return { sent: n.recipients.length, duplicate: false };
    },
    async record(entry) {
      const id = `record:${entry.key.workflowId}#${entry.key.step}`;
      if (seen.has(id)) return { duplicate: true };
      seen.add(id);
      recorded.push(entry);
      add({
        at: new Date(entry.at).toISOString(),
        kind: entry.kind,
        workflowId: entry.processId,
        data: entry.data,
      });
      return { duplicate: false };
    },
    // A rehearsal's board is the scenario's own: its standing orders are the registered ones.
    async checkRegistration() {
      return { ok: true, version: 1 };
    },
    async committedToScheme({ boardId, schemeId }) {
      return { committedGbp: committedTo(boardId, schemeId) };
    },
    holdPooledBudget: (hold) => pooledBudget(hold),
    // A rehearsal has no meeting processes: an item is listed as its meeting would list it.
    listOnMeeting: (listing) => meetings.list(listing),
    deliverMeetingOutcome: (delivery) => meetings.deliver(delivery),
    tellItemOfMeetingChange: (delivery) => meetings.tell(delivery),
    withdrawFromMeeting: (withdrawal) => meetings.withdraw(withdrawal),
  };
  function committedTo(boardId: string, schemeId: string): number {
    const committed = recorded
      .map(commitmentOf)
      .filter((c) => c?.boardId === boardId && c.schemeId === schemeId);
    return committed.reduce((sum, c) => sum + (c?.amountGbp ?? 0), 0);
  }
  // A rehearsal's pooled budget is held in memory, by the process's own rule.
  const pooledBudget = pooledBudgetStandIn(committedTo);
  const meetings = meetingDeskStandIn();

  return {
    activities,
    /** Entries the simulator adds itself: an action the process refused, with the refusal. */
    add,
    /** Sorted by time; entries at the same instant keep the order they happened in. */
    timeline(): TimelineEntry[] {
      return [...entries]
        .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.seq - b.seq)
        .map((e) => e.entry);
    },
  };
}
