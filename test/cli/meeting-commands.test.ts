/** A board's meetings from the CLI (issue 14): arranged, shown, moved, attended and cancelled by democratic services. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import { meetingStatusQuery, meetingWorkflowId } from '../../definitions';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, daysFromToday, reach, standingOrders, today, uniqueBoardId } from './harness';

describe('meeting commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('arranges, shows, moves and cancels a meeting, refusing mistakes by name', async () => {
    const taskQueue = uniqueTaskQueue('cli-meeting');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-meet');
    // Standing orders that do not say where the board meets (the preset names its venue).
    const so = standingOrders('southampton-jcb', boardId, { meetingArrangements: {} });
    const DS = so.officers.democraticServices.email;
    const date = daysFromToday(30);
    const id = `${boardId}/${date}`;
    const start = (...more: string[]) => ['meeting', 'start', '--board', boardId, '--by', DS, ...more];
    const double = recordingActivities();
    await withWorker(server.workerConnection, taskQueue, double.activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      const [badDate, noLink, noVenue] = await Promise.all([
        govflow.refused(...start('--date', '2027-02-30', '--venue', 'Civic Centre')),
        govflow.refused(...start('--date', date, '--attendance', 'remote')),
        govflow.refused(...start('--date', date)),
      ]);
      expect(badDate).toMatch(/^govflow: date: /);
      expect(noLink).toBe('govflow: link: a remote meeting needs a remote meeting link');
      expect(noVenue).toBe('govflow: venue: an in-person meeting needs a venue');

      expect(
        await govflow.json(
          ...start('--date', date, '--venue', 'Civic Centre', '--start-time', '14:00', '--end-time', '16:00'),
        ),
      ).toMatchObject({
        workflowId: meetingWorkflowId(boardId, date),
      });
      const handle = server.client.workflow.getHandle(meetingWorkflowId(boardId, date));
      await reach(handle, 'scheduled');
      // A manager finds it among the board's meetings.
      await expect
        .poll(async () => (await govflow.run('list', '--board', boardId, '--process', 'meeting')).stdout, {
          timeout: 20_000,
          interval: 500,
        })
        .toContain(`meeting/${id}`);
      expect(await govflow.refused(...start('--date', date, '--venue', 'Civic Centre'))).toBe(
        `govflow: date: meeting/${id} already exists; a board meets once on a day`,
      );

      const added = await govflow.run(
        'meeting',
        'add-item',
        id,
        '--ref',
        '2027-070',
        '--title',
        'Falls prevention',
        '--by',
        DS,
      );
      expect(added.stdout.trim()).toBe(`meeting/${id}: 2027-070 is item 4 of the agenda for ${date}`);
      await govflow.run(
        'meeting',
        'add-item',
        id,
        '--ref',
        '2027-072',
        '--title',
        'Carers’ breaks',
        '--by',
        DS,
      );
      const [late, badInterest, wrongOfficer] = await Promise.all([
        govflow.refused(
          'meeting',
          'add-item',
          id,
          '--ref',
          '2027-071',
          '--title',
          'Grant',
          '--by',
          DS,
          '--chair',
          so.chair,
          '--reasons',
          'The grant must be committed this month.',
        ),
        govflow.refused(
          'meeting',
          'attend',
          id,
          '--by',
          DS,
          '--present',
          'cllr-ada-shaw',
          '--interest',
          'cllr-ada-shaw',
        ),
        govflow.refused('meeting', 'cancel', id, '--by', 'someone@example.org', '--reason', 'Because'),
      ]);
      expect(late).toMatch(
        new RegExp(
          `^govflow: add-item refused by meeting/${id}: addLateItem: not while the meeting is scheduled`,
        ),
      );
      expect(badInterest).toBe(
        'govflow: interests.0: "cllr-ada-shaw" is not member:ref:interest (e.g. cllr-ben-okafor:2027-041:A relative bids)',
      );
      expect(wrongOfficer).toMatch(
        /^govflow: cancel refused by meeting\/.*: by: only democratic services \(.*\) may cancel the meeting; someone@example.org is not that officer$/,
      );

      const moved = daysFromToday(37);
      expect(
        (
          await govflow.run(
            'meeting',
            'move',
            id,
            '--date',
            moved,
            '--by',
            DS,
            '--reason',
            'Room unavailable',
          )
        ).stdout.trim(),
      ).toBe(`meeting/${id}: moved to ${moved}`);
      const shown = await govflow.run('meeting', 'show', id);
      expect(shown.stdout).toContain(
        `meeting ${moved} 14:00-16:00, Civic Centre (in-person), moved from ${date}`,
      );
      expect(shown.stdout).toContain('    4. 2027-070: Falls prevention');
      expect(
        await govflow.refused('meeting', 'minutes', 'approve', id, '--by', DS, '--at', '2027-13-01'),
      ).toMatch(/^govflow: approvedAt: /);

      // An item taken off the agenda: the agenda already out is published again with a note.
      expect(
        (
          await govflow.run(
            'meeting',
            'withdraw-item',
            id,
            '--by',
            DS,
            '--ref',
            '2027-072',
            '--reason',
            'Report not ready',
          )
        ).stdout.trim(),
      ).toBe(`meeting/${id}: 2027-072 is withdrawn from the agenda for ${moved}`);
      expect(
        await govflow.refused(
          'meeting',
          'withdraw-item',
          id,
          '--by',
          DS,
          '--ref',
          '2027-072',
          '--reason',
          'Again',
        ),
      ).toMatch(/^govflow: withdraw-item refused by meeting\/.*: ref: 2027-072 is not on the agenda for /);
      expect((await govflow.run('meeting', 'show', id)).stdout).not.toContain('2027-072');
      expect(
        (await govflow.run('meeting', 'cancel', id, '--by', DS, '--reason', 'Not quorate')).stdout.trim(),
      ).toMatch(new RegExp(`^meeting/${id}: cancelled; its items go to `));
      const ended = await govflow.json<{ stage: string; deferred: { ref: string }[] }>('meeting', 'show', id);
      expect(ended.stage).toBe('cancelled');
      expect(ended.deferred.map((d) => d.ref)).toEqual(['2027-070']);
      expect(
        double.notifications
          // The board's own establishment invites its members too: only this meeting's invitations.
          .filter((n) => n.invite && n.key.workflowId === handle.workflowId)
          .map((n) => [n.kind, n.invite!.sequence, n.invite!.method]),
      ).toEqual([
        ['meeting-scheduled', 0, 'REQUEST'],
        ['meeting-moved', 1, 'REQUEST'],
        ['meeting-cancelled', 2, 'CANCEL'],
      ]);
    });
  });

  it('records attendance and interests on the meeting day, quorum judged per item (the interested leave)', async () => {
    const taskQueue = uniqueTaskQueue('cli-meeting-day');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-meetday');
    const so = standingOrders('southampton-jcb', boardId);
    const DS = so.officers.democraticServices.email;
    const id = `${boardId}/${today()}`;
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      // Officers cannot arrange a meeting for today; the test does, to reach the meeting day in real time.
      const handle = await startMeeting(
        server.client,
        taskQueue,
        { standingOrders: so, date: today(), by: DS, venue: 'Civic Centre' },
        daysFromToday(-1),
      );
      await reach(handle, 'in-session');
      // On the day an item can only be a late one, with the chair's consent and reasons.
      const late = await govflow.run(
        'meeting',
        'add-item',
        id,
        '--ref',
        '2027-080',
        '--title',
        'Winter grant',
        '--by',
        DS,
        '--chair',
        so.chair,
        '--reasons',
        'The grant must be committed today.',
      );
      expect(late.stdout.trim()).toBe(`meeting/${id}: 2027-080 is item 4 of the agenda for ${today()}`);
      const [notPresent, attended] = [
        await govflow.refused('meeting', 'attend', id, '--by', DS, '--present', 'cllr-nobody'),
        await govflow.run(
          'meeting',
          'attend',
          id,
          '--by',
          DS,
          '--present',
          'cllr-ada-shaw,cllr-ben-okafor',
          '--present',
          'dr-dev-patel,dr-eve-morgan',
          '--apologies',
          'cllr-cara-lewis',
          '--interest',
          'cllr-ben-okafor:2027-080:A relative applies for the grant',
        ),
      ];
      expect(notPresent).toMatch(
        /^govflow: attend refused by meeting\/.*: present\.0: "cllr-nobody" is not a member of /,
      );
      expect(attended.stdout.trim()).toBe(`meeting/${id}: 4 present, 1 apologies; inquorate for 2027-080`);
      const outcome = (...more: string[]) => [
        'meeting',
        'outcome',
        id,
        '--by',
        DS,
        '--ref',
        '2027-080',
        '--resolution',
        'Commit the winter grant',
        '--reasons',
        'The hospital discharge pressures',
        ...more,
      ];
      const [interested, badVote, badCount, neither] = await Promise.all([
        govflow.refused(...outcome('--vote', 'cllr-ben-okafor:for')),
        govflow.refused(...outcome('--vote', 'cllr-ada-shaw:yes')),
        govflow.refused(...outcome('--count', 'council:two:0')),
        govflow.refused(...outcome()),
      ]);
      expect(badCount).toBe(
        'govflow: counts.0: "council:two:0" is not partner:for:against[:abstain] (e.g. council:3:0:1)',
      );
      expect(neither).toBe('govflow: votes: give the votes by name or the counts per partner (one of them)');
      expect(interested).toMatch(
        /^govflow: outcome refused by meeting\/.*: votes\.cllr-ben-okafor: .* declared an interest and may not vote$/,
      );
      expect(badVote).toMatch(/^govflow: votes\.cllr-ada-shaw: /);
      const recorded = await govflow.run(
        ...outcome(
          '--vote',
          'cllr-ada-shaw:for,dr-dev-patel:for',
          '--vote',
          'dr-eve-morgan:for',
          '--alternative',
          'Wait for the spring round',
        ),
      );
      expect(recorded.stdout.trim()).toMatch(new RegExp(`^meeting/${id}: 2027-080: inquorate `));
      const status = await handle.query(meetingStatusQuery);
      expect(status.outcomes[0]).toMatchObject({
        ref: '2027-080',
        outcome: 'inquorate',
        alternatives: ['Wait for the spring round'],
      });
      expect(await govflow.refused('meeting', 'minutes', 'publish', id, '--by', DS)).toMatch(
        /^govflow: minutes publish refused by meeting\/.*: publishDraftMinutes: not while the meeting is in-session/,
      );
      expect(status.attendance).toEqual({
        present: ['cllr-ada-shaw', 'cllr-ben-okafor', 'dr-dev-patel', 'dr-eve-morgan'],
        apologies: ['cllr-cara-lewis'],
      });
    });
  });
});
