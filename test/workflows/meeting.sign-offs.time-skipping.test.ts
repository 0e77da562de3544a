import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import {
  addItemUpdate,
  announceHolidaysUpdate,
  cancelMeetingUpdate,
  meetingStatusQuery,
  signOffUpdate,
  takeUnsignedAsLateUpdate,
  type MeetingInput,
} from '../../definitions';
import { PRESET_SIGN_OFFS } from '../../governance/standing-orders/presets/sign-offs';
import { THURSDAY, addDays, anchorDay, at, presetFrom, quietDay } from '../support/dates';
import { refusal, timeSkippingPerTest } from '../support/time-skipping';

/**
 * A Thursday with no bank holiday for five weeks either side: the agenda is due on the Wednesday of the
 * week before (5 clear working days); finance and legal sign off 5 working days before that (the Wednesday
 * a week earlier), the monitoring officer 3 (the Friday).
 */
const MEETING = quietDay({ weekday: THURSDAY, daysAhead: 42 });
const ARRANGED = addDays(MEETING, -21);
const AGENDA_DAY = addDays(MEETING, -8);
const FINANCE_DUE = addDays(AGENDA_DAY, -7);
const MO_DUE = addDays(AGENDA_DAY, -5);

const signOffs = PRESET_SIGN_OFFS['southampton-jcb'];
const so = { ...presetFrom('southampton-jcb', anchorDay()), signOffs: [...signOffs] };
const CLERK = so.officers.democraticServices.email;
const [FINANCE, LEGAL, MO] = [signOffs[0], signOffs[1], signOffs[2]].map((r) => r.officer.email) as [
  string,
  string,
  string,
];

const input: MeetingInput = { standingOrders: so, date: MEETING, by: CLERK, venue: 'Civic Centre' };
const item = (ref: string, title: string) => ({ by: CLERK, ref, title, exemptParagraph: null });

describe('sign-offs before the agenda deadline, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();
  const update = (handle: WorkflowHandle, def: { name: string }, payload: unknown) =>
    handle.executeUpdate<string, [unknown]>(def.name, { args: [payload] });

  it('publishes the signed item, chases a missing sign-off on its day, then defers the item or takes it late with the chair’s consent', async () => {
    await clockTo(at(ARRANGED, '10:00'));
    await withDouble('meeting', async ({ notifications, entries }, taskQueue) => {
      const handle = await startMeeting(env().client, taskQueue, input, ARRANGED);
      for (const [ref, title] of [
        ['2027-040', 'Joint carers strategy'],
        ['2027-041', 'Reablement contract'],
        ['2027-042', 'Winter pressures funding'],
      ] as const)
        await update(handle, addItemUpdate, item(ref, title));
      const signOff = (ref: string, role: string, by: string) =>
        update(handle, signOffUpdate, { ref, role, by });

      expect(await signOff('2027-040', 'finance', FINANCE)).toBe(
        `2027-040: finance sign-off given by ${FINANCE}`,
      );
      await signOff('2027-040', 'legal', LEGAL);
      await signOff('2027-040', 'monitoring-officer', MO);
      await signOff('2027-041', 'legal', LEGAL);
      await signOff('2027-041', 'monitoring-officer', MO);
      await signOff('2027-042', 'finance', FINANCE);
      await signOff('2027-042', 'monitoring-officer', MO);
      // Only the officer named for the role; only the board's roles, items on the agenda, once each.
      expect(await refusal(signOff('2027-041', 'finance', LEGAL))).toBe(
        `by: only the finance officer (${FINANCE}) may give the finance sign-off; ${LEGAL} is not that officer`,
      );
      expect(await refusal(signOff('2027-041', 'audit', FINANCE))).toMatch(
        /^role: "audit" is not a sign-off this board asks for \(finance, legal, monitoring-officer\)$/,
      );
      expect(await refusal(signOff('2027-099', 'finance', FINANCE))).toBe(
        `ref: 2027-099 is not on the agenda`,
      );
      expect(await refusal(signOff('2027-040', 'finance', FINANCE))).toMatch(
        /^role: the finance sign-off for 2027-040 was already given by /,
      );

      // The day the finance and legal sign-offs are due: nothing chased before its end.
      await clockTo(at(FINANCE_DUE, '16:00'));
      let status = await handle.query(meetingStatusQuery);
      expect(status.signOffs?.filter((s) => s.overdue)).toEqual([]);
      expect(status.waitingFor).toBe(`the finance sign-off of every item by ${FINANCE_DUE}`);
      expect(notifications.filter((n) => n.kind === 'sign-off-chased')).toEqual([]);

      await clockTo(at(addDays(FINANCE_DUE, 1), '09:00'));
      status = await handle.query(meetingStatusQuery);
      expect(status.signOffs?.filter((s) => s.overdue).map((s) => [s.ref, s.role, s.officer, s.due])).toEqual(
        [
          ['2027-041', 'finance', FINANCE, FINANCE_DUE],
          ['2027-042', 'legal', LEGAL, FINANCE_DUE],
        ],
      );
      const chased = notifications.filter((n) => n.kind === 'sign-off-chased');
      expect(chased.map((n) => [n.facts?.item, n.recipients.map((r) => r.email)])).toEqual([
        ['2027-041', [FINANCE, CLERK]],
        ['2027-042', [LEGAL, CLERK]],
      ]);
      expect(chased[0]!.action).toContain(
        `deferred to the next meeting when the agenda is published on ${AGENDA_DAY}`,
      );
      expect(
        entries.filter((e) => e.kind === 'sign-off-chased').map((e) => [e.data.ref, e.data.role]),
      ).toEqual([
        ['2027-041', 'finance'],
        ['2027-042', 'legal'],
      ]);

      // An item that joins after the day is chased at once, and deferred for both sign-offs it lacks.
      await update(handle, addItemUpdate, item('2027-043', 'Equipment service'));
      await signOff('2027-043', 'monitoring-officer', MO);
      await expect
        .poll(() => notifications.filter((n) => n.kind === 'sign-off-chased').map((n) => n.facts?.item))
        .toEqual(['2027-041', '2027-042', '2027-043', '2027-043']);

      // The chair consents to take 2027-042 without its legal sign-off, as a late item; only the chair may.
      const consent = { chair: 'dr-dev-patel', reasons: 'The winter grant must be committed this month.' };
      expect(
        await refusal(
          update(handle, takeUnsignedAsLateUpdate, { by: CLERK, ref: '2027-042', chairConsent: consent }),
        ),
      ).toMatch(/^chairConsent\.chair: only the chair/);
      expect(
        await update(handle, takeUnsignedAsLateUpdate, {
          by: CLERK,
          ref: '2027-042',
          chairConsent: { ...consent, chair: so.chair },
        }),
      ).toBe(`2027-042 goes to the meeting on ${MEETING} as a late item with the chair’s consent`);

      // Every item has the monitoring officer's sign-off: nothing more is chased on its day.
      await clockTo(at(addDays(MO_DUE, 1), '09:00'));
      expect(notifications.filter((n) => n.kind === 'sign-off-chased')).toHaveLength(4);

      await clockTo(at(AGENDA_DAY, '09:30'));
      status = await handle.query(meetingStatusQuery);
      expect(status.agendaPublishedOn).toBe(AGENDA_DAY);
      expect(status.deferred).toEqual([
        { ref: '2027-041', reason: `finance sign-off not given by ${FINANCE_DUE}`, to: expect.any(String) },
        {
          ref: '2027-043',
          reason: `finance sign-off not given by ${FINANCE_DUE}; legal sign-off not given by ${FINANCE_DUE}`,
          to: expect.any(String),
        },
      ]);
      expect(status.agenda.filter((e) => e.kind === 'business')).toMatchObject([
        { ref: '2027-040', late: false },
        { ref: '2027-042', late: true },
      ]);
      expect(notifications.filter((n) => n.kind === 'agenda-published')).toHaveLength(1);
      expect(await refusal(signOff('2027-042', 'legal', LEGAL))).toBe(
        `signOff: the agenda for ${MEETING} is out (published ${AGENDA_DAY}); sign-offs are due before it`,
      );

      await update(handle, cancelMeetingUpdate, { by: CLERK, reason: 'End of the test' });
      expect((await handle.result()).outcome).toBe('cancelled');
    });
  });

  it('moves a sign-off’s due day, and its chase, when holiday news changes the working days before the agenda', async () => {
    await clockTo(at(ARRANGED, '10:00'));
    await withDouble('meeting', async ({ notifications }, taskQueue) => {
      const handle = await startMeeting(env().client, taskQueue, input, ARRANGED);
      await update(handle, addItemUpdate, item('2027-095', 'Respite beds'));
      await expect.poll(async () => (await handle.query(meetingStatusQuery)).nextDeadline).toBeDefined();
      // The Monday before the agenda's Wednesday becomes a holiday: finance's 5 working days start a day earlier.
      const holiday = addDays(AGENDA_DAY, -2);
      const news = {
        source: 'Proclamation',
        regions: {
          'england-and-wales': { added: [{ date: holiday, name: 'Proclaimed holiday' }], removed: [] },
        },
      };
      expect(await handle.executeUpdate(announceHolidaysUpdate, { args: [news] })).toMatchObject({
        moved: [{ what: 'finance sign-off', from: FINANCE_DUE, to: addDays(FINANCE_DUE, -1) }],
      });
      // Chased on the morning of the day it used to be due, not a day later.
      await clockTo(at(FINANCE_DUE, '09:00'));
      expect(
        notifications
          .filter((n) => n.kind === 'sign-off-chased')
          .map((n) => [n.facts?.signOff, n.facts?.due]),
      ).toEqual([
        ['finance', addDays(FINANCE_DUE, -1)],
        ['legal', addDays(FINANCE_DUE, -1)],
      ]);
      await update(handle, cancelMeetingUpdate, { by: CLERK, reason: 'End of the test' });
      await handle.result();
    });
  });
});
