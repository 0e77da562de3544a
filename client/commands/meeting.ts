/**
 * A board's meetings (issue 14): `govflow meeting start|show|add-item|sign-off|take-late|move|cancel|attend|minutes approve`.
 * Democratic services acts; every value is checked by the contract's schemas before anything is sent, and the
 * meeting's own rules (late items, notices, quorum) have the last word as refused Updates.
 */
import type { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  addItemUpdate,
  addLateItemUpdate,
  agendaItemSchema,
  approveMinutesSchema,
  approveMinutesUpdate,
  attendanceSchema,
  cancelMeetingSchema,
  cancelMeetingUpdate,
  withdrawItemSchema,
  withdrawItemUpdate,
  draftMinutesSchema,
  itemOutcomeSchema,
  lateItemSchema,
  meetingFieldsSchema,
  meetingStatusQuery,
  meetingWorkflowId,
  moveMeetingSchema,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  signOffSchema,
  signOffUpdate,
  takeUnsignedAsLateUpdate,
  unsignedAsLateSchema,
  type MeetingStatus,
} from '../../definitions';
import { slugSchema } from '../../definitions/common';
import { UserError, parseInput } from '../../definitions/errors';
import { meetingLocation } from '../../governance/meetings';
import { loadConfig } from '../../runtime/config';
import { registeredStandingOrders } from '../boards';
import { withClient } from '../actions/connect';
import { given, listFlag, numberFlag } from '../actions/flags';
import { emit, example } from '../actions/output';
import { requireRunning, sendUpdate } from '../actions/send-update';
import { workflowIdFor } from '../actions/workflow-ids';
import { startMeeting } from '../processes/meeting';

interface Arrangement {
  startTime?: string;
  endTime?: string;
  venue?: string;
  attendance?: string;
  link?: string;
}

const ID_HELP =
  '\n<meeting> is meeting/<board>/<date> or <board>/<date> (the date it was first arranged for).';

function arrangementOptions(command: Command): Command {
  return command
    .option('--start-time <HH:MM>', 'when it starts (Europe/London); the standing orders’ or 10:00 otherwise')
    .option('--end-time <HH:MM>', 'when it ends; the standing orders’ or 12:00 otherwise')
    .option('--venue <text>', 'where it is held (in person or hybrid)')
    .option('--attendance <in-person|hybrid|remote>', 'how members attend')
    .option('--link <url>', 'the remote meeting link (hybrid or remote)');
}

const arrangementOf = (o: Arrangement) =>
  given({
    startTime: o.startTime,
    endTime: o.endTime,
    venue: o.venue,
    attendance: o.attendance,
    link: o.link,
  });

/** `--vote member:for` (or against, abstain) as the contract's named votes. */
function votesOf(texts: string[]): Record<string, string> {
  const votes: Record<string, string> = {};
  listFlag(texts).forEach((text, i) => {
    const [member, vote, ...rest] = text.split(':');
    if (!member || !vote || rest.length > 0)
      throw new UserError(`votes.${i}: "${text}" is not member:vote (e.g. cllr-ada-shaw:for)`);
    if (votes[member] !== undefined) throw new UserError(`votes.${member}: "${member}" votes twice`);
    votes[member] = vote;
  });
  return votes;
}

/** `--count partner:for:against[:abstain]` as the contract's counts per partner. */
function countsOf(texts: string[]): Record<string, { for: number; against: number; abstain: number }> {
  const counts: Record<string, { for: number; against: number; abstain: number }> = {};
  listFlag(texts).forEach((text, i) => {
    const [partner, ...hands] = text.split(':');
    if (!partner || hands.length < 2 || hands.length > 3 || hands.some((h) => !/^\d{1,3}$/.test(h)))
      throw new UserError(`counts.${i}: "${text}" is not partner:for:against[:abstain] (e.g. council:3:0:1)`);
    const [inFavour, against, abstain] = hands.map(Number);
    counts[partner] = { for: inFavour!, against: against!, abstain: abstain ?? 0 };
  });
  return counts;
}

/** `--interest member:ref:what` as the contract's interest. */
function interestOf(text: string, i: number) {
  const [member, ref, ...what] = text.split(':');
  if (!member || !ref || what.length === 0)
    throw new UserError(
      `interests.${i}: "${text}" is not member:ref:interest (e.g. cllr-ben-okafor:2027-041:A relative bids)`,
    );
  return { member, ref, interest: what.join(':') };
}

function describeMeeting(status: MeetingStatus): string[] {
  const m = status.meeting;
  return [
    `meeting ${m.date} ${m.startTime}-${m.endTime}, ${meetingLocation(m)} (${m.attendance})${m.sequence ? `, moved from ${m.originalDate}` : ''}`,
    `  stage:       ${status.stage}`,
    `  waiting for: ${status.waitingFor}`,
    `  agenda${status.agendaPublishedOn ? ` (published ${status.agendaPublishedOn})` : ' (not yet published)'}:`,
    ...status.agenda.map((e) => {
      if (e.kind === 'exempt')
        return `    ${e.number}. ${e.ref}: exempt (Schedule 12A paragraph ${e.paragraph})${e.late ? ', late' : ''}`;
      if (e.kind === 'business')
        return `    ${e.number}. ${e.ref}: ${e.title}${e.late ? ' (late item)' : ''}`;
      return `    ${e.number}. ${e.title}`;
    }),
    ...(status.signOffs ?? []).map(
      (s) =>
        `  sign-off ${s.ref} ${s.role}: ${s.given ? `given by ${s.given.by} on ${s.given.on}` : `due ${s.due} from ${s.officer}${s.overdue ? ', OVERDUE (chased)' : ''}`}`,
    ),
    ...status.deferred.map((d) => `  deferred ${d.ref}${d.to ? ` to ${d.to}` : ''}: ${d.reason}`),
    ...status.outcomes.map((o) => `  outcome ${o.ref}: ${o.outcome}`),
    status.minutes.draftDue
      ? `  draft minutes due ${status.minutes.draftDue}${status.minutes.draftPublishedOn ? `, published ${status.minutes.draftPublishedOn}` : ''}${status.minutes.approvedAt ? `, approved ${status.minutes.approvedAt}` : ''}`
      : '',
  ].filter(Boolean);
}

export function registerMeetingCommands(program: Command): void {
  const meeting = program
    .command('meeting')
    .description('A board’s meetings: arrange, agenda, move, cancel, attendance, minutes');

  arrangementOptions(
    meeting
      .command('start')
      .description('Arrange a meeting of a board: every member gets one calendar invitation to it')
      .requiredOption('--board <id>', 'the board (its registered standing orders say who is invited)')
      .requiredOption('--date <YYYY-MM-DD>', 'the meeting date')
      .requiredOption('--by <email>', 'you: the board’s democratic services officer'),
  )
    .option('--json', 'print one JSON document: { workflowId, runId }')
    .addHelpText(
      'after',
      example(
        'npx govflow meeting start --board southampton-jcb --date 2027-03-11 --by democratic.services@southampton.example.org --venue "Civic Centre"',
      ),
    )
    .action(async (o: Arrangement & { board: string; date: string; by: string; json?: boolean }) => {
      const boardId = parseInput(slugSchema, o.board, 'board');
      // Checked before connecting, so a mistake is reported even when the cluster is out of reach.
      parseInput(meetingFieldsSchema.omit({ standingOrders: true }), {
        date: o.date,
        by: o.by,
        ...arrangementOf(o),
      });
      const handle = await withClient(async (client) => {
        const { standingOrders } = await registeredStandingOrders(client, boardId);
        try {
          return await startMeeting(client, loadConfig().GOVFLOW_TASK_QUEUE, {
            standingOrders,
            date: o.date,
            by: o.by,
            ...arrangementOf(o),
          } as Parameters<typeof startMeeting>[2]);
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError)
            throw new UserError(
              `date: ${meetingWorkflowId(boardId, o.date)} already exists; a board meets once on a day`,
            );
          throw error;
        }
      });
      emit(o.json, { workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, () => [
        `arranged: ${handle.workflowId}`,
        `  add items with: npx govflow meeting add-item ${boardId}/${o.date} --ref <ref> --title <title> --by ${o.by}`,
      ]);
    });

  meeting
    .command('show <meeting>')
    .description(
      'Show a meeting: when and where, its agenda in order, what was deferred, outcomes and minutes',
    )
    .option('--json', 'print the meeting’s status as one JSON document')
    .addHelpText('after', ID_HELP + example('npx govflow meeting show southampton-jcb/2027-03-11'))
    .action(async (id: string, o: { json?: boolean }) => {
      const workflowId = workflowIdFor('meeting', id);
      const status = await withClient(async (client, namespace) => {
        await requireRunning(client, 'meeting', workflowId, namespace).catch((error: unknown) => {
          // An ended meeting still answers what it came to.
          if (!(error instanceof UserError) || !/has ended/.test(error.message)) throw error;
        });
        return client.workflow.getHandle(workflowId).query(meetingStatusQuery);
      });
      emit(o.json, status, () => [workflowId, ...describeMeeting(status)]);
    });

  meeting
    .command('add-item <meeting>')
    .description(
      'Put an item on the agenda; once the agenda is out, only as a late item with the chair’s consent',
    )
    .requiredOption('--ref <ref>', 'the item’s reference, e.g. 2027-014')
    .requiredOption('--title <text>', 'its title (never published for an exempt item)')
    .requiredOption('--by <email>', 'you: democratic services')
    .option('--exempt-paragraph <1-7>', 'Schedule 12A paragraph if it is exempt')
    .option('--key-decision', 'it is a key decision (its Forward Plan notice is checked)')
    .option('--forward-plan-notice <YYYY-MM-DD>', 'the day its Forward Plan notice was given')
    .option('--private-meeting-notice <YYYY-MM-DD>', 'the day notice of a private meeting was given')
    .option('--chair <member id>', 'late item: the chair consenting')
    .option('--reasons <text>', 'late item: why it cannot wait for the next meeting (s100B(4))')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting add-item southampton-jcb/2027-03-11 --ref 2027-014 --title "Carers strategy" --by democratic.services@southampton.example.org',
        ),
    )
    .action(async (id: string, o: Record<string, string | boolean | undefined>) => {
      const item = {
        by: o.by,
        ref: o.ref,
        title: o.title,
        exemptParagraph: numberFlag(o.exemptParagraph as string | undefined, 'exemptParagraph') ?? null,
        keyDecision: o.keyDecision === true,
        notices: given({ forwardPlan: o.forwardPlanNotice, privateMeeting: o.privateMeetingNotice }),
      };
      const late = o.chair !== undefined || o.reasons !== undefined;
      const { workflowId, result } = late
        ? await sendUpdate(
            'meeting',
            id,
            'add-item',
            addLateItemUpdate,
            parseInput(lateItemSchema, { ...item, chairConsent: { chair: o.chair, reasons: o.reasons } }),
          )
        : await sendUpdate('meeting', id, 'add-item', addItemUpdate, parseInput(agendaItemSchema, item));
      emit(
        o.json as boolean | undefined,
        { workflowId, action: 'add-item', result },
        () => `${workflowId}: ${result}`,
      );
    });

  meeting
    .command('sign-off <meeting>')
    .description(
      'Sign an agenda item off (finance, legal, monitoring officer): only the officer the board names for it, before the agenda is out',
    )
    .requiredOption('--ref <ref>', 'the item’s reference, e.g. 2027-014')
    .requiredOption('--role <role>', 'the board’s sign-off, e.g. finance, legal, monitoring-officer')
    .requiredOption('--by <email>', 'you: the officer named for that sign-off')
    .option('--note <text>', 'a comment kept with the sign-off')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting sign-off southampton-jcb/2027-03-11 --ref 2027-014 --role finance --by finance@southampton.example.org',
        ),
    )
    .action(
      async (id: string, o: { ref: string; role: string; by: string; note?: string; json?: boolean }) => {
        const payload = parseInput(
          signOffSchema,
          given({ ref: o.ref, role: o.role, by: o.by, note: o.note }),
        );
        const { workflowId, result } = await sendUpdate('meeting', id, 'sign-off', signOffUpdate, payload);
        emit(o.json, { workflowId, action: 'sign-off', result }, () => `${workflowId}: ${result}`);
      },
    );

  meeting
    .command('take-late <meeting>')
    .description(
      'With the chair’s consent, take an item still missing a sign-off as a late item instead of deferring it',
    )
    .requiredOption('--ref <ref>', 'the item’s reference')
    .requiredOption('--chair <member id>', 'the chair consenting')
    .requiredOption('--reasons <text>', 'why it cannot wait for the next meeting (s100B(4))')
    .requiredOption('--by <email>', 'you: democratic services')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting take-late southampton-jcb/2027-03-11 --ref 2027-014 --chair cllr-ada-shaw --reasons "The grant must be committed this month" --by democratic.services@southampton.example.org',
        ),
    )
    .action(
      async (id: string, o: { ref: string; chair: string; reasons: string; by: string; json?: boolean }) => {
        const payload = parseInput(unsignedAsLateSchema, {
          by: o.by,
          ref: o.ref,
          chairConsent: { chair: o.chair, reasons: o.reasons },
        });
        const { workflowId, result } = await sendUpdate(
          'meeting',
          id,
          'take-late',
          takeUnsignedAsLateUpdate,
          payload,
        );
        emit(o.json, { workflowId, action: 'take-late', result }, () => `${workflowId}: ${result}`);
      },
    );

  arrangementOptions(
    meeting
      .command('move <meeting>')
      .description(
        'Move a meeting: items whose notice can no longer comply are deferred; every invitation is replaced',
      )
      .requiredOption('--date <YYYY-MM-DD>', 'the new date (the same date to change only the time or place)')
      .requiredOption('--by <email>', 'you: democratic services')
      .requiredOption('--reason <text>', 'why it moves (members are told)'),
  )
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting move southampton-jcb/2027-03-11 --date 2027-03-18 --by democratic.services@southampton.example.org --reason "Room unavailable"',
        ),
    )
    .action(
      async (id: string, o: Arrangement & { date: string; by: string; reason: string; json?: boolean }) => {
        const payload = parseInput(moveMeetingSchema, {
          by: o.by,
          date: o.date,
          reason: o.reason,
          ...arrangementOf(o),
        });
        const { workflowId, result } = await sendUpdate('meeting', id, 'move', moveMeetingUpdate, payload);
        emit(o.json, { workflowId, action: 'move', result }, () => `${workflowId}: ${result}`);
      },
    );

  meeting
    .command('cancel <meeting>')
    .description('Cancel a meeting: its items go to the next meeting and every invitation is cancelled')
    .requiredOption('--by <email>', 'you: democratic services')
    .requiredOption('--reason <text>', 'why (members are told)')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting cancel southampton-jcb/2027-03-11 --by democratic.services@southampton.example.org --reason "Not quorate"',
        ),
    )
    .action(async (id: string, o: { by: string; reason: string; json?: boolean }) => {
      const payload = parseInput(cancelMeetingSchema, { by: o.by, reason: o.reason });
      const { workflowId, result } = await sendUpdate('meeting', id, 'cancel', cancelMeetingUpdate, payload);
      emit(o.json, { workflowId, action: 'cancel', result }, () => `${workflowId}: ${result}`);
    });

  meeting
    .command('withdraw-item <meeting>')
    .description(
      'Take an item off the agenda (an agenda already out is published again with a note); a decision item is withdrawn with `decision withdraw`, which does this itself',
    )
    .requiredOption('--by <email>', 'you: democratic services')
    .requiredOption('--ref <ref>', 'the item’s reference')
    .requiredOption('--reason <text>', 'why (on the republished agenda)')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting withdraw-item southampton-jcb/2027-03-11 --by democratic.services@southampton.example.org --ref 2027-070 --reason "Report not ready"',
        ),
    )
    .action(async (id: string, o: { by: string; ref: string; reason: string; json?: boolean }) => {
      const payload = parseInput(withdrawItemSchema, { by: o.by, ref: o.ref, reason: o.reason });
      const { workflowId, result } = await sendUpdate(
        'meeting',
        id,
        'withdraw-item',
        withdrawItemUpdate,
        payload,
      );
      emit(o.json, { workflowId, action: 'withdraw-item', result }, () => `${workflowId}: ${result}`);
    });

  meeting
    .command('attend <meeting>')
    .description('Record who is present, apologies and interests declared (the clerk, on the meeting day)')
    .requiredOption('--by <email>', 'you: democratic services')
    .requiredOption('--present <ids...>', 'member ids present (comma-separated or repeated)')
    .option('--apologies <ids...>', 'member ids who sent apologies')
    .option(
      '--interest <member:ref:interest...>',
      'an interest declared in an item (the member leaves for it)',
    )
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting attend southampton-jcb/2027-03-11 --by democratic.services@southampton.example.org --present cllr-ada-shaw,dr-dev-patel --apologies finn-hughes',
        ),
    )
    .action(
      async (
        id: string,
        o: { by: string; present: string[]; apologies?: string[]; interest?: string[]; json?: boolean },
      ) => {
        const payload = parseInput(attendanceSchema, {
          by: o.by,
          present: listFlag(o.present),
          apologies: listFlag(o.apologies),
          interests: (o.interest ?? []).map(interestOf),
        });
        const { workflowId, result } = await sendUpdate(
          'meeting',
          id,
          'attend',
          recordAttendanceUpdate,
          payload,
        );
        emit(o.json, { workflowId, action: 'attend', result }, () => `${workflowId}: ${result}`);
      },
    );

  meeting
    .command('outcome <meeting>')
    .description('Record an item’s votes by show of hands, the resolution, reasons and alternatives rejected')
    .requiredOption('--by <email>', 'you: democratic services')
    .requiredOption('--ref <ref>', 'the item')
    .option(
      '--vote <member:vote...>',
      'each member’s vote: for, against or abstain (comma-separated or repeated)',
    )
    .option(
      '--count <counts...>',
      'or the hands counted per partner, where votes are not named: partner:for:against[:abstain]',
    )
    .requiredOption('--resolution <text>', 'what the board resolved (it may differ from the recommendation)')
    .requiredOption('--reasons <text>', 'the reasons for it')
    .option('--alternative <text...>', 'an alternative considered and rejected (repeat for more)')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting outcome southampton-jcb/2027-03-11 --by democratic.services@southampton.example.org --ref 2027-014 --vote cllr-ada-shaw:for,dr-dev-patel:for --resolution "Adopt the strategy" --reasons "Both partners fund it"',
        ),
    )
    .action(
      async (
        id: string,
        o: {
          by: string;
          ref: string;
          vote?: string[];
          count?: string[];
          resolution: string;
          reasons: string;
          alternative?: string[];
          json?: boolean;
        },
      ) => {
        const payload = parseInput(itemOutcomeSchema, {
          by: o.by,
          ref: o.ref,
          ...(o.vote ? { votes: votesOf(o.vote) } : {}),
          ...(o.count ? { counts: countsOf(o.count) } : {}),
          resolution: o.resolution,
          reasons: o.reasons,
          alternatives: o.alternative ?? [],
        });
        const { workflowId, result } = await sendUpdate(
          'meeting',
          id,
          'outcome',
          recordItemOutcomeUpdate,
          payload,
        );
        emit(o.json, { workflowId, action: 'outcome', result }, () => `${workflowId}: ${result}`);
      },
    );

  const minutes = meeting
    .command('minutes')
    .description('The minutes of a meeting: publish the draft, record approval');
  minutes
    .command('publish <meeting>')
    .description(
      'Publish the draft minutes (drafted from the record); govflow publishes them on their due day otherwise',
    )
    .requiredOption('--by <email>', 'you: democratic services')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting minutes publish southampton-jcb/2027-03-11 --by democratic.services@southampton.example.org',
        ),
    )
    .action(async (id: string, o: { by: string; json?: boolean }) => {
      const payload = parseInput(draftMinutesSchema, { by: o.by });
      const { workflowId, result } = await sendUpdate(
        'meeting',
        id,
        'minutes publish',
        publishDraftMinutesUpdate,
        payload,
      );
      emit(o.json, { workflowId, action: 'minutes publish', result }, () => `${workflowId}: ${result}`);
    });

  minutes
    .command('approve <meeting>')
    .description('Record that a later meeting approved the minutes, as its first business')
    .requiredOption('--by <email>', 'you: democratic services')
    .requiredOption('--at <YYYY-MM-DD>', 'the meeting that approved them')
    .option('--amendments <text>', 'amendments made before approval')
    .option('--json', 'print one JSON document: { workflowId, action, result }')
    .addHelpText(
      'after',
      ID_HELP +
        example(
          'npx govflow meeting minutes approve southampton-jcb/2027-03-11 --at 2027-04-08 --by democratic.services@southampton.example.org',
        ),
    )
    .action(async (id: string, o: { by: string; at: string; amendments?: string; json?: boolean }) => {
      const payload = parseInput(approveMinutesSchema, {
        by: o.by,
        approvedAt: o.at,
        ...given({ amendments: o.amendments }),
      });
      const { workflowId, result } = await sendUpdate(
        'meeting',
        id,
        'minutes approve',
        approveMinutesUpdate,
        payload,
      );
      emit(o.json, { workflowId, action: 'minutes approve', result }, () => `${workflowId}: ${result}`);
    });
}
