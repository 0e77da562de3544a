import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { startMeeting } from '../../client/processes/meeting';
import {
  addItemUpdate,
  approveMinutesUpdate,
  cancelMeetingUpdate,
  moveMeetingUpdate,
  publishDraftMinutesUpdate,
  recordAttendanceUpdate,
  recordItemOutcomeUpdate,
} from '../../definitions';
import { meetingPage } from '../../publication/pages';
import { knownBoards } from '../support/boards';
import { THURSDAY, addDays, anchorDay, at, firstDay, presetFrom, quietDay } from '../support/dates';
import { dayOfWeek, londonCivilDate } from '../../governance/civil-date';
import { freePort } from '../support/ports';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';

const MEETING = quietDay({ weekday: THURSDAY, daysAhead: 42 });
const MOVED = addDays(MEETING, 7);
const so = presetFrom('southampton-jcb', anchorDay());
const CLERK = so.officers.democraticServices.email;
const MEETING_ID = `southampton-jcb/${MEETING}`;

/**
 * A meeting through the real wiring `npm start` uses (embedded mail store, PGlite register), on the
 * time-skipping server: each member's invitation is a mail on disk with its calendar part, and the register's
 * meeting row follows the move and the cancellation.
 */
describe('a meeting leaves its invitations and its register row', () => {
  let dataDir: string;
  let services: GovernanceServices;
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'govflow-meeting-'));
    services = await openGovernanceServices({
      GOVFLOW_DATA_DIR: dataDir,
      GOVFLOW_SMTP_PORT: String(await freePort()),
    });
    env = await timeSkipping();
  });
  afterAll(async () => {
    await env?.teardown();
    await services?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const row = async () => (await services.register.meetings()).find((m) => m.meetingId === MEETING_ID);
  const calendars = async () => {
    const files = await readdir(services.mailDir!);
    const messages = await Promise.all(files.map((f) => readFile(path.join(services.mailDir!, f), 'utf8')));
    return messages.filter((m) => m.includes('BEGIN:VCALENDAR'));
  };

  it('invites each member once, replaces the invitation when moved and cancels it', async () => {
    const ahead = Date.parse(at(addDays(MEETING, -21), '10:00')) - (await env.currentTimeMs());
    await env.sleep(ahead);
    const activities = createActivities({
      mailer: services.mailer,
      register: services.register,
      boards: knownBoards(so),
    });
    const taskQueue = uniqueTaskQueue('meeting-system');
    await withWorker(env.nativeConnection, taskQueue, activities, async () => {
      const handle = await startMeeting(
        env.client,
        taskQueue,
        { standingOrders: so, date: MEETING, by: CLERK, venue: 'Civic Centre, Committee Room 1' },
        addDays(MEETING, -21),
      );
      await handle.executeUpdate(addItemUpdate, {
        args: [{ by: CLERK, ref: '2027-060', title: 'Falls prevention service' }],
      });
      await handle.executeUpdate(moveMeetingUpdate, {
        args: [{ by: CLERK, date: MOVED, reason: 'The room is needed for the election count' }],
      });
      expect(await row()).toMatchObject({
        meetsOn: MOVED,
        location: 'Civic Centre, Committee Room 1',
        status: 'scheduled',
        sequence: 1,
      });
      await handle.executeUpdate(cancelMeetingUpdate, { args: [{ by: CLERK, reason: 'Not quorate' }] });
      expect((await handle.result()).outcome).toBe('cancelled');
    });
    expect(await row()).toMatchObject({ status: 'cancelled', sequence: 2 });

    const sent = await calendars();
    const count = (pattern: RegExp) => sent.filter((m) => pattern.test(m)).length;
    const members = so.members.length;
    expect(count(/METHOD:REQUEST[\s\S]*SEQUENCE:0/)).toBe(members);
    expect(count(/METHOD:REQUEST[\s\S]*SEQUENCE:1/)).toBe(members);
    expect(count(/METHOD:CANCEL[\s\S]*SEQUENCE:2/)).toBe(members);
    expect(sent).toHaveLength(3 * members);
    for (const m of so.members) expect(sent.filter((mail) => mail.includes(m.email))).toHaveLength(3);
    expect(sent.every((m) => m.includes(`UID:meeting-southampton-jcb-${MEETING}@govflow`))).toBe(true);
  });

  it('puts the agenda in order and the minutes, draft then approved, on the public meeting page', async () => {
    // A second meeting, on the first Thursday three weeks after where the server's clock now stands.
    const now = londonCivilDate(await env.currentTimeMs());
    const held = firstDay(addDays(now, 21), (d) => dayOfWeek(d) === THURSDAY);
    const heldId = `southampton-jcb/${held}`;
    const ahead = Date.parse(at(addDays(held, -21), '10:00')) - (await env.currentTimeMs());
    await env.sleep(ahead);
    const activities = createActivities({
      mailer: services.mailer,
      register: services.register,
      boards: knownBoards(so),
    });
    const taskQueue = uniqueTaskQueue('meeting-system-minutes');
    const page = async () => {
      const m = (await services.register.meeting(heldId))!;
      return {
        m,
        text: meetingPage({ name: 'Southampton City Council', colour: '#1f4e79' }, m, 'http://x')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' '),
      };
    };
    await withWorker(env.nativeConnection, taskQueue, activities, async () => {
      const handle = await startMeeting(
        env.client,
        taskQueue,
        { standingOrders: so, date: held, by: CLERK, venue: 'Civic Centre, Committee Room 1' },
        addDays(held, -21),
      );
      const add = (ref: string, title: string, exemptParagraph: number | null) =>
        handle.executeUpdate(addItemUpdate, {
          args: [
            {
              by: CLERK,
              ref,
              title,
              exemptParagraph,
              notices: exemptParagraph ? { privateMeeting: addDays(held, -35) } : {},
            },
          ],
        });
      await add('2027-071', 'Confidential tender evaluation', 3);
      await add('2027-070', 'Falls prevention service', null);
      await env.sleep(Date.parse(at(held, '10:00')) - (await env.currentTimeMs()));
      const voters = so.members.filter((m) => m.voting).map((m) => m.id);
      await handle.executeUpdate(recordAttendanceUpdate, {
        args: [{ by: CLERK, present: voters, apologies: [], interests: [] }],
      });
      for (const ref of ['2027-070', '2027-071'])
        await handle.executeUpdate(recordItemOutcomeUpdate, {
          args: [
            {
              by: CLERK,
              ref,
              votes: Object.fromEntries(voters.map((v) => [v, 'for' as const])),
              resolution: 'Agreed',
              reasons: 'Both partners support it',
            },
          ],
        });
      await env.sleep(Date.parse(at(addDays(held, 4), '11:00')) - (await env.currentTimeMs()));
      await handle.executeUpdate(publishDraftMinutesUpdate, { args: [{ by: CLERK }] });
      // The process writes the minutes to the register once the clerk's Update is taken.
      await expect.poll(async () => (await page()).m.minutes?.status).toBe('draft');
      const draft = await page();
      // Business first, the exempt item last and by its paragraph only.
      expect(draft.m.agenda.map((i) => [i.ref, i.exempt ? i.exempt.paragraph : i.title])).toEqual([
        ['2027-070', 'Falls prevention service'],
        ['2027-071', 3],
      ]);
      expect(draft.text).not.toContain('Confidential tender evaluation');
      expect(draft.m.minutes).toMatchObject({ status: 'draft', publishedOn: addDays(held, 4) });
      expect(draft.text).toContain('Minutes Published in draft on');
      const next = addDays(held, 28);
      await env.sleep(Date.parse(at(next, '10:30')) - (await env.currentTimeMs()));
      await handle.executeUpdate(approveMinutesUpdate, {
        args: [{ by: CLERK, approvedAt: next, amendments: '' }],
      });
      expect((await handle.result()).outcome).toBe('minutes-approved');
    });
    const approved = await page();
    expect(approved.m.minutes).toMatchObject({ status: 'approved', approvedAt: addDays(held, 28) });
    expect(approved.text).toContain('Minutes Approved at the meeting on');
  });
});
