import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import {
  addItemUpdate,
  addLateItemUpdate,
  announceHolidaysUpdate,
  approveMinutesUpdate,
  cancelMeetingUpdate,
  meetingStatusQuery,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
  type MeetingInput,
  type MeetingResult,
} from '../../definitions';
import { compareCivilDates } from '../../governance/civil-date';
import { THURSDAY, addDays, anchorDay, at, presetFrom, quietDay } from '../support/dates';
import type { recordingActivities } from '../support/recording-activities';
import { historyOf, refusal, sentAt, timeSkippingPerTest } from '../support/time-skipping';

/**
 * The case: a Thursday far enough ahead with no bank holiday for five weeks either side, so every day follows
 * from plain counting. The meeting is arranged three weeks before; it moves a week later; the agenda's 5
 * clear working days before a Thursday make it due on the Wednesday of the week before.
 */
const MEETING = quietDay({ weekday: THURSDAY, daysAhead: 42 });
const ARRANGED = addDays(MEETING, -21);
const MOVED = addDays(MEETING, 7);
const AGENDA_DAY = addDays(MOVED, -8);
/** Ten working days after a Thursday, with no holiday: the Thursday two weeks on. */
const MINUTES_DUE = addDays(MOVED, 14);
const NEXT_MEETING = addDays(MOVED, 28);

const so = presetFrom('southampton-jcb', anchorDay());
const CLERK = so.officers.democraticServices.email;
const MEMBERS = so.members.map((m) => m.email);
const LINK = 'https://meet.example.org/southampton-jcb';
const PAGES = 'https://democracy.southampton.example.org';

const input: MeetingInput = {
  standingOrders: so,
  date: MEETING,
  by: CLERK,
  venue: 'Civic Centre, Committee Room 1',
  attendance: 'hybrid',
  link: LINK,
  publicPagesUrl: PAGES,
};

const item = (ref: string, title: string, exemptParagraph: number | null = null) => ({
  by: CLERK,
  ref,
  title,
  exemptParagraph,
  // An exempt item's notice of a private meeting was given (by its decision) 35 days before the meeting.
  notices: exemptParagraph ? { privateMeeting: addDays(MEETING, -35) } : {},
});

describe('a meeting of a board, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  async function run(
    body: (handle: WorkflowHandle, double: ReturnType<typeof recordingActivities>) => Promise<void>,
  ) {
    await clockTo(at(ARRANGED, '10:00'));
    await withDouble('meeting', async (double, taskQueue) => {
      const handle = await startMeeting(env().client, taskQueue, input, ARRANGED);
      await body(handle, double);
    });
  }
  /** Sends an Update and returns its receipt (a refusal rejects). */
  const update = (handle: WorkflowHandle, def: { name: string }, payload: unknown) =>
    handle.executeUpdate<string, [unknown]>(def.name, { args: [payload] });

  it('sends one agenda and one invitation per member, replaces it when moved, and takes quorum per item', async () => {
    await run(async (handle, { notifications, entries }) => {
      expect(handle.workflowId).toBe(`meeting/southampton-jcb/${MEETING}`);
      expect(await update(handle, addItemUpdate, item('2027-041', 'Exempt contract award', 3))).toMatch(
        /2027-041 is item 5 of the agenda/,
      );
      expect(await update(handle, addItemUpdate, item('2027-040', 'Joint carers strategy'))).toBe(
        `2027-040 is item 4 of the agenda for ${MEETING}`,
      );
      // The wrong officer is refused, with the refusal audited, and the meeting runs on.
      expect(
        await refusal(update(handle, addItemUpdate, { ...item('2027-049', 'Other'), by: MEMBERS[0] })),
      ).toMatch(/^by: only democratic services .* may add items to the agenda/);

      await clockTo(at(addDays(MEETING, -14), '10:00'));
      expect(
        await update(handle, moveMeetingUpdate, {
          by: CLERK,
          date: MOVED,
          reason: 'The Civic Centre is closed for works',
        }),
      ).toBe(`moved to ${MOVED}`);

      await clockTo(at(AGENDA_DAY, '09:30'));
      // Once the agenda is out an item is late: it needs the chair's consent, and only the chair's.
      expect(await refusal(update(handle, addItemUpdate, item('2027-042', 'Winter pressures')))).toMatch(
        /^ref: the agenda for .* is out \(published .*\); an item added now can only be a late item, with the chair’s consent and reasons \(addLateItem\)$/,
      );

      await clockTo(at(MOVED, '10:00'));
      const late = {
        ...item('2027-042', 'Winter pressures funding'),
        chairConsent: { chair: 'dr-dev-patel', reasons: 'The winter grant must be committed this month.' },
      };
      expect(await refusal(update(handle, addLateItemUpdate, late))).toMatch(
        /^chairConsent\.chair: only the chair/,
      );
      expect(
        await update(handle, addLateItemUpdate, {
          ...late,
          chairConsent: { ...late.chairConsent, chair: so.chair },
        }),
      ).toBe(`2027-042 is item 5 of the agenda for ${MOVED}`);
      expect(
        await update(handle, recordAttendanceUpdate, {
          by: CLERK,
          present: ['cllr-ada-shaw', 'cllr-ben-okafor', 'dr-dev-patel', 'dr-eve-morgan', 'finn-hughes'],
          apologies: ['cllr-cara-lewis'],
          interests: [
            { member: 'cllr-ben-okafor', ref: '2027-041', interest: 'A relative works for a bidder' },
          ],
        }),
      ).toBe('5 present, 1 apologies; inquorate for 2027-041');
      expect(
        await refusal(
          update(handle, recordItemOutcomeUpdate, {
            by: CLERK,
            ref: '2027-041',
            votes: { 'cllr-ben-okafor': 'for' },
            resolution: 'Award the contract',
            reasons: 'Best value',
          }),
        ),
      ).toMatch(/^votes\.cllr-ben-okafor: .* declared an interest and may not vote$/);
      const everyone = {
        'cllr-ada-shaw': 'for',
        'cllr-ben-okafor': 'for',
        'dr-dev-patel': 'for',
        'dr-eve-morgan': 'for',
        'finn-hughes': 'for',
      } as const;
      const carers = {
        by: CLERK,
        ref: '2027-040',
        resolution: 'Adopt the strategy, with the carers’ forum reviewing it after a year',
        reasons: 'Both partners fund it and the consultation supported it',
      };
      // Votes by name or hands counted per partner, one of them; no more hands than members entitled.
      expect(await refusal(update(handle, recordItemOutcomeUpdate, carers))).toBe(
        'votes: give the votes by name or the counts per partner (one of them)',
      );
      expect(
        await refusal(
          update(handle, recordItemOutcomeUpdate, {
            ...carers,
            counts: { council: { for: 3, against: 0 }, nhs: { for: 3, against: 0 } },
          }),
        ),
      ).toBe(
        'counts.council: 3 hands counted, but only 2 council member(s) present are entitled to vote on the item',
      );
      expect(
        await update(handle, recordItemOutcomeUpdate, {
          ...carers,
          counts: { council: { for: 2, against: 0 }, nhs: { for: 3, against: 0 } },
          alternatives: ['Keep the separate strategies'],
        }),
      ).toMatch(/^2027-040: consensus/);
      expect(
        await update(handle, recordItemOutcomeUpdate, {
          by: CLERK,
          ref: '2027-041',
          votes: { 'cllr-ada-shaw': 'for', 'dr-dev-patel': 'for', 'dr-eve-morgan': 'for' },
          resolution: 'Award the contract',
          reasons: 'Best value',
        }),
      ).toMatch(/^2027-041: inquorate/);
      expect(
        await update(handle, recordItemOutcomeUpdate, {
          by: CLERK,
          ref: '2027-042',
          votes: { ...everyone, 'dr-eve-morgan': 'against', 'finn-hughes': 'against' },
          resolution: 'Not agreed',
          reasons: 'The NHS members want the costs first',
        }),
      ).toMatch(/^2027-042: no-consensus/);

      await clockTo(at(addDays(MOVED, 4), '11:00'));
      const drafting = await handle.query(meetingStatusQuery);
      expect(drafting).toMatchObject({ stage: 'minutes-due', minutes: { draftDue: MINUTES_DUE } });
      expect(drafting.deferred.map((d) => d.ref)).toEqual(['2027-041', '2027-042']);
      await update(handle, publishDraftMinutesUpdate, { by: CLERK });
      // Minutes are approved at a later meeting, not before it has happened.
      expect(
        await refusal(
          update(handle, approveMinutesUpdate, { by: CLERK, approvedAt: NEXT_MEETING, amendments: '' }),
        ),
      ).toMatch(/^approvedAt: .* has not happened yet/);
      await clockTo(at(NEXT_MEETING, '10:30'));
      await update(handle, approveMinutesUpdate, { by: CLERK, approvedAt: NEXT_MEETING, amendments: '' });
      const result: MeetingResult = await handle.result();
      expect(result.outcome).toBe('minutes-approved');
      expect(result.date).toBe(MOVED);
      expect(result.outcomes.map((o) => [o.ref, o.outcome])).toEqual([
        ['2027-040', 'consensus'],
        ['2027-041', 'inquorate'],
        ['2027-042', 'no-consensus'],
      ]);
      expect(result.outcomes[1]!.perPartner.council).toMatchObject({ quorate: false });

      // One invitation per member for the meeting, replaced once (SEQUENCE 1) when it moved; one agenda.
      const invitations = notifications.filter((n) => n.invite);
      expect(
        invitations.map((n) => [
          n.kind,
          n.invite!.sequence,
          n.invite!.method,
          n.recipients.map((r) => r.email),
        ]),
      ).toEqual([
        ['meeting-scheduled', 0, 'REQUEST', MEMBERS],
        ['meeting-moved', 1, 'REQUEST', MEMBERS],
      ]);
      expect(new Set(invitations.map((n) => n.invite!.uid))).toEqual(
        new Set([`meeting-southampton-jcb-${MEETING}@govflow`]),
      );
      expect(invitations[1]!.invite).toMatchObject({
        start: at(MOVED, '10:00'),
        location: `Civic Centre, Committee Room 1 (or join remotely: ${LINK})`,
        url: `${PAGES}/meetings/southampton-jcb/${MEETING}`,
      });
      const agendas = notifications.filter((n) => n.kind === 'agenda-published');
      expect(agendas.map((n) => [n.sentAt, n.recipients.map((r) => r.email)])).toEqual([
        [sentAt(AGENDA_DAY, '09:00'), MEMBERS],
      ]);
      expect(notifications).toHaveLength(3);

      const agenda = entries.find((e) => e.kind === 'meeting-agenda-published')!.data.agenda as {
        kind: string;
        ref?: string;
        title?: string;
      }[];
      expect(agenda.map((e) => e.kind)).toEqual([
        'standing',
        'standing',
        'standing',
        'business',
        'exclusion',
        'exempt',
      ]);
      // The exempt item's title never reaches the register.
      expect(JSON.stringify(entries)).not.toContain('Exempt contract award');
      const minutes = entries.find((e) => e.kind === 'minutes-approved')!.data as {
        items: { ref?: string; resolution?: string }[];
      };
      expect(minutes.items.find((i) => i.ref === '2027-040')?.resolution).toMatch(/carers’ forum/);
      expect(entries.filter((e) => e.kind === 'action-refused')).toHaveLength(1);
      await historyOf(handle, 'meeting with three items, moved once, minutes approved');
    });
  });

  it('defers an item whose notice a move makes impossible, and cancels every invitation', async () => {
    await run(async (handle, { notifications }) => {
      await update(handle, addItemUpdate, item('2027-050', 'Falls prevention'));
      // Before the agenda is out no item is late.
      expect(
        await refusal(
          update(handle, addLateItemUpdate, {
            ...item('2027-051', 'Hospital discharge grant'),
            chairConsent: { chair: so.chair, reasons: 'The grant conditions need a decision first.' },
          }),
        ),
      ).toMatch(/^addLateItem: not while the meeting is scheduled/);
      // Six days from now: the agenda for that day was due before today, so the ordinary item cannot be taken.
      const earlier = addDays(ARRANGED, 6);
      // A move that would leave members nowhere sensible to be is refused, naming the field.
      expect(
        await refusal(
          update(handle, moveMeetingUpdate, {
            by: CLERK,
            date: earlier,
            startTime: '13:00',
            reason: 'Later start',
          }),
        ),
      ).toBe('endTime: must be after the start time 13:00');
      const moved = await update(handle, moveMeetingUpdate, {
        by: CLERK,
        date: earlier,
        reason: 'Budget timetable',
      });
      expect(moved).toBe(`moved to ${earlier}; deferred: 2027-050`);
      const status = await handle.query(meetingStatusQuery);
      // Its agenda was due before today: it goes out now, and anything more is a late item.
      expect(status).toMatchObject({ stage: 'agenda-published', agendaPublishedOn: ARRANGED });
      expect(
        await update(handle, addLateItemUpdate, {
          ...item('2027-051', 'Hospital discharge grant'),
          chairConsent: { chair: so.chair, reasons: 'The grant conditions need a decision first.' },
        }),
      ).toBe(`2027-051 is item 4 of the agenda for ${earlier}`);
      expect(status.deferred[0]).toMatchObject({
        ref: '2027-050',
        reason: expect.stringMatching(
          /the agenda needs 5 clear working days before .*: it had to be given by/,
        ),
      });
      expect(
        await update(handle, cancelMeetingUpdate, { by: CLERK, reason: 'Not quorate: too many apologies' }),
      ).toMatch(/^cancelled/);
      const result: MeetingResult = await handle.result();
      expect(result.outcome).toBe('cancelled');
      // The board's next meeting after the new date, not the day this meeting moved from.
      const next = so.meetings.find((m) => compareCivilDates(m, earlier) > 0 && m !== MEETING);
      expect(result.deferred.at(-1)).toMatchObject({
        to: next,
        reason: expect.stringMatching(/was cancelled: Not quorate/),
      });
      const invitations = notifications.filter((n) => n.invite);
      expect(
        invitations.map((n) => [n.kind, n.invite!.sequence, n.invite!.method, n.recipients.length]),
      ).toEqual([
        ['meeting-scheduled', 0, 'REQUEST', MEMBERS.length],
        ['meeting-moved', 1, 'REQUEST', MEMBERS.length],
        ['meeting-cancelled', 2, 'CANCEL', MEMBERS.length],
      ]);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    });
  });

  it('defers an item not taken, and publishes the draft minutes from the record on their due day', async () => {
    await run(async (handle, { entries }) => {
      await update(handle, addItemUpdate, item('2027-090', 'Day opportunities review'));
      await clockTo(at(MEETING, '10:00'));
      await update(handle, recordAttendanceUpdate, {
        by: CLERK,
        present: so.members.map((m) => m.id),
      });
      const due = addDays(MEETING, 14);
      await clockTo(at(due, '08:59'));
      expect(await handle.query(meetingStatusQuery)).toMatchObject({
        stage: 'minutes-due',
        minutes: { draftDue: due },
        deferred: [{ ref: '2027-090', reason: `not taken at the meeting on ${MEETING}` }],
      });
      await clockTo(at(due, '09:01'));
      expect(await handle.query(meetingStatusQuery)).toMatchObject({
        stage: 'minutes-drafted',
        minutes: { draftPublishedOn: due },
      });
      const draft = entries.find((e) => e.kind === 'minutes-draft-published')!.data;
      expect(draft).toMatchObject({
        by: 'govflow, from the record on the day they were due',
        present: so.members.map((m) => m.name),
        deferred: [{ ref: '2027-090' }],
      });
    });
  });

  it('publishes the agenda a day earlier when a holiday is proclaimed in its notice period', async () => {
    await run(async (handle, { notifications }) => {
      await update(handle, addItemUpdate, item('2027-095', 'Respite beds'));
      // Once the meeting is arranged, it waits for its agenda day.
      await expect.poll(async () => (await handle.query(meetingStatusQuery)).nextDeadline).toBeDefined();
      // The Tuesday before the meeting becomes a holiday: 5 clear working days now start a day earlier.
      const holiday = addDays(MEETING, -2);
      const news = {
        source: 'Proclamation',
        regions: {
          'england-and-wales': { added: [{ date: holiday, name: 'Proclaimed holiday' }], removed: [] },
        },
      };
      expect(await handle.executeUpdate(announceHolidaysUpdate, { args: [news] })).toEqual({
        region: 'england-and-wales',
        added: [holiday],
        removed: [],
        moved: [{ what: 'agenda publication', from: addDays(MEETING, -8), to: addDays(MEETING, -9) }],
      });
      const status = await handle.query(meetingStatusQuery);
      expect(status.steps.map((s) => s.kind)).toContain('deadline-moved');
      expect(status.waitingFor).toBe(`agenda publication on ${addDays(MEETING, -9)}`);
      await clockTo(at(addDays(MEETING, -8), '10:00'));
      expect(notifications.filter((n) => n.kind === 'agenda-published').map((n) => n.sentAt)).toEqual([
        sentAt(addDays(MEETING, -9), '09:00'),
      ]);
    });
  });
});
