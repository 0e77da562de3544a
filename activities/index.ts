/**
 * The governance activities: the only code that touches the outside world. Temporal runs an activity at
 * least once — a worker that crashes after the effect but before reporting completion gets the activity
 * again — so each effect here is made idempotent by its key (workflowId, step).
 *
 * record: the audit row and the typed rows commit together, guarded by ON CONFLICT on the key
 * (see records/register.ts). Exactly once, with no window.
 *
 * notify: SMTP has no transactions with our database, so mail is made "at most a harmless duplicate":
 *   1. claim a `notifications` row for (key, recipient) in the database;
 *   2. send the message with a Message-ID derived from (key, recipient);
 *   3. mark the row sent.
 * A retry finds 'sent' rows and sends nothing for them. The remaining crash window is between the SMTP
 * server accepting the message (2) and the row being marked sent (3): a crash there leaves the row
 * 'claimed', and the retry sends that message again. It is the same message with the same Message-ID,
 * so mail stores and clients that de-duplicate by Message-ID (and the embedded store, which files by it)
 * show it once; at worst a recipient sees an identical copy, never a second, different instruction.
 * Closing the window entirely would need the SMTP server to take part in our transaction, which no
 * relay does.
 */
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { recipientSchema } from '../definitions/common';
import type {
  GovernanceActivities,
  Notification,
  NotifyResult,
  Recipient,
  RegistrationAnswer,
  BudgetHold,
  BudgetHoldAnswer,
  MeetingListing,
  MeetingOutcomeDelivery,
} from './contract';
import { heartbeat } from './effects';
import { buildCalendar } from './mail/ics';
import { type Mailer, messageIdFor } from './mail/mailer';
import { renderNotification } from './mail/templates';
import type { Register } from './records/register';
import type { BoardLookup } from './boards';
import type { PooledBudgetLedger } from './pooled-budgets';
import type { MeetingDesk } from './meetings';
import { registrationMismatch, type RegistrationClaim } from '../governance/standing-orders/registration';

export interface ActivityDeps {
  mailer: Mailer;
  register: Register;
  /** Where boards' registered standing orders are found; a worker without it refuses every check. */
  boards?: BoardLookup;
  /** Where decisions reserve and commit pooled budget money; a worker without it refuses every hold. */
  pooledBudgets?: PooledBudgetLedger;
  /** Where decisions join their meetings and meetings answer them; a worker without it refuses both. */
  meetings?: MeetingDesk;
}

const notificationSchema = z.object({
  key: z.object({ workflowId: z.string().min(1), step: z.string().min(1) }),
  kind: z.string().min(1),
  boardId: z.string().min(1),
  processTitle: z.string().min(1),
  recipients: z.array(
    z.object({ role: recipientSchema.shape.role, name: z.string().min(1), email: z.email() }),
  ),
  action: z.string().min(1),
  deadline: z.iso.date().optional(),
  invite: z
    .object({
      uid: z.string().min(1),
      sequence: z.number().int().nonnegative(),
      method: z.enum(['REQUEST', 'CANCEL']),
      summary: z.string().min(1),
      start: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
      end: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    })
    .optional(),
});

/** A permanent refusal of this recipient (SMTP 5xx on RCPT TO). Any other failure is retried. */
function isPermanentRejection(error: unknown): error is Error & { responseCode: number } {
  const e = error as { code?: string; responseCode?: number };
  return e?.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

/** Several roles may name one person; they get one message. */
function distinctRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const address = r.email.toLowerCase();
    if (seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}

export function createActivities(deps: ActivityDeps): GovernanceActivities {
  const { mailer, register } = deps;

  async function checkRegistration(claim: RegistrationClaim): Promise<RegistrationAnswer> {
    if (!deps.boards) {
      throw ApplicationFailure.create({
        type: 'NoBoardLookup',
        nonRetryable: true,
        message: 'this worker was started without a way to look up boards’ standing orders',
      });
    }
    const registered = await deps.boards(claim.boardId);
    if (!registered) return { ok: false, reason: `no board "${claim.boardId}" is registered` };
    const mismatch = registrationMismatch(registered.standingOrders, claim);
    return mismatch ? { ok: false, reason: mismatch } : { ok: true, version: registered.version };
  }

  async function notify(notification: Notification): Promise<NotifyResult> {
    const valid = notificationSchema.safeParse(notification);
    if (!valid.success) {
      throw ApplicationFailure.create({
        type: 'InvalidNotification',
        nonRetryable: true,
        message: `notification '${notification.kind}' is invalid: ${z.prettifyError(valid.error)}`,
      });
    }
    const { key } = notification;
    let sent = 0;
    let alreadySent = 0;
    const rejected: string[] = [];
    for (const recipient of distinctRecipients(notification.recipients)) {
      const messageId = messageIdFor(key, recipient.email, mailer.from);
      const mail = renderNotification(notification, recipient);
      const claim = await register.claimNotification({
        key,
        recipient,
        boardId: notification.boardId,
        kind: notification.kind,
        subject: mail.subject,
        messageId,
      });
      if (claim.status === 'sent') {
        alreadySent += 1;
        continue;
      }
      if (claim.status === 'rejected') {
        rejected.push(recipient.email);
        continue;
      }
      const invite = notification.invite;
      try {
        await mailer.send({
          messageId,
          to: { name: recipient.name, address: recipient.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'X-Govflow-Workflow-Id': key.workflowId, 'X-Govflow-Step': key.step },
          ...(invite
            ? {
                calendar: {
                  method: invite.method,
                  content: buildCalendar({
                    method: invite.method,
                    events: [
                      {
                        ...invite,
                        organizer: { name: mailer.from.name, email: mailer.from.address },
                        attendees: [{ name: recipient.name, email: recipient.email }],
                      },
                    ],
                  }),
                },
              }
            : {}),
        });
      } catch (error) {
        if (!isPermanentRejection(error)) throw error;
        await register.markNotificationRejected(
          key,
          recipient.email,
          `${error.responseCode} ${error.message}`,
        );
        rejected.push(recipient.email);
        continue;
      }
      await register.markNotificationSent(key, recipient.email);
      sent += 1;
      heartbeat({ sent, of: notification.recipients.length });
    }
    return {
      sent,
      duplicate: sent === 0 && alreadySent > 0,
      ...(rejected.length ? { rejected } : {}),
    };
  }

  async function holdPooledBudget(hold: BudgetHold): Promise<BudgetHoldAnswer> {
    if (!deps.pooledBudgets)
      throw ApplicationFailure.create({
        type: 'NoPooledBudgets',
        nonRetryable: true,
        message: 'this worker was started without a way to reach the boards’ pooled budget processes',
      });
    return deps.pooledBudgets(hold);
  }

  function meetingDesk(): MeetingDesk {
    if (!deps.meetings)
      throw ApplicationFailure.create({
        type: 'NoMeetings',
        nonRetryable: true,
        message: 'this worker was started without a way to reach the boards’ meeting processes',
      });
    return deps.meetings;
  }

  return {
    notify,
    checkRegistration,
    holdPooledBudget,
    listOnMeeting: (listing: MeetingListing) => meetingDesk().list(listing),
    deliverMeetingOutcome: (delivery: MeetingOutcomeDelivery) => meetingDesk().deliver(delivery),
    tellItemOfMeetingChange: (delivery) => meetingDesk().tell(delivery),
    withdrawFromMeeting: (withdrawal) => meetingDesk().withdraw(withdrawal),
    record: (entry) => register.record(entry),
    committedToScheme: async ({ boardId, schemeId }) => ({
      committedGbp: await register.committedTo(boardId, schemeId),
    }),
  };
}
