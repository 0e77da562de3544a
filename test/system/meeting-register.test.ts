import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { openGovernanceServices, type GovernanceServices } from '../../activities/services';
import { startMeeting } from '../../client/processes/meeting';
import { addItemUpdate, cancelMeetingUpdate, moveMeetingUpdate } from '../../definitions';
import { knownBoards } from '../support/boards';
import { THURSDAY, addDays, anchorDay, at, presetFrom, quietDay } from '../support/dates';
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
});
