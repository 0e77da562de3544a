/**
 * Officers' mistakes on the dev server (issue 12, item 3): each is refused before anything starts (exit 2, one
 * line naming the field and listing the valid choices) or becomes a governance outcome inside the workflow;
 * no process is ever left FAILED by one, and two processes never collide on a workflow ID. `status` says how
 * a run stands (running, ended, FAILED, terminated, and why) and takes the short names the README promises.
 */
import { TypedSearchAttributes } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SA,
  boardWorkflowId,
  decideTermsOfReferenceUpdate,
  decisionWorkflowId,
  type EffectivenessReviewInput,
} from '../../definitions';
import { dayOfWeek } from '../../governance/civil-date';
import type { StandingOrders } from '../../governance/standing-orders';
import { proposeBoard } from '../../client/processes/board';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { FRIDAY, addDays, at, firstDay } from '../support/dates';
import { cli, daysFromToday, reach, standingOrders, tempDir, uniqueBoardId, writeFile } from './harness';

const OFFICER = 'commissioning.lead@southampton.example.org';
const DEMOCRATIC_SERVICES = 'democratic.services@southampton.example.org';
const COUNCIL_CLERK = 'cabinet.clerk@southampton.example.org';
const NHS_CLERK = 'governing.body@southampton-ccg.example.nhs.uk';

/** Every run ever made under a workflow ID (within the namespace's retention), with how it ended. */
async function runsOf(client: Client, workflowId: string): Promise<string[]> {
  const runs: string[] = [];
  for await (const info of client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
    runs.push(info.status.name);
  return runs;
}

/** A review started on its own the way govflow did before review clocks had IDs of their own. */
async function legacyReviewClock(client: Client, taskQueue: string, so: StandingOrders, cycle: number) {
  const input: EffectivenessReviewInput = {
    boardId: so.board.id,
    boardName: so.board.name,
    from: daysFromToday(-30),
    cycle,
    recipients: [{ role: 'officer', name: 'Democratic services', email: DEMOCRATIC_SERVICES }],
  };
  return client.workflow.start('effectivenessReview', {
    taskQueue,
    workflowId: `review/${so.board.id}/${cycle}`,
    args: [input],
    typedSearchAttributes: new TypedSearchAttributes([
      { key: SA.board, value: so.board.id },
      { key: SA.process, value: 'board-review' },
    ]),
  });
}

describe('officers’ mistakes on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('(a) a review clock started on its own and a board’s own reviews never share an ID; a second review process for a board is refused', async () => {
    const taskQueue = uniqueTaskQueue('mistakes-review-ids');
    const govflow = cli(taskQueue);
    const dir = tempDir();
    const tor = writeFile(dir, 'tor.md', '# Terms of Reference\n\n1. Purpose: joint commissioning.\n');
    const clockFirst = standingOrders('southampton-jcb', uniqueBoardId('clock-first'));
    const boardFirst = standingOrders('southampton-jcb', uniqueBoardId('board-first'));
    const legacy = standingOrders('southampton-jcb', uniqueBoardId('legacy-clock'));
    const soFile = (so: StandingOrders) => writeFile(dir, `${so.board.id}.json`, so);
    // The first meeting was yesterday, so the draft is before the parent bodies at once.
    const propose = (so: StandingOrders) => [
      'board',
      'propose',
      '--standing-orders',
      soFile(so),
      '--terms-of-reference',
      tor,
      '--proposed-on',
      daysFromToday(-7),
      '--first-meeting',
      daysFromToday(-1),
    ];
    const reviewStart = (so: StandingOrders) => [
      'review',
      'start',
      '--board',
      so.board.id,
      '--name',
      so.board.name,
      '--from',
      daysFromToday(-30),
      '--notify',
      DEMOCRATIC_SERVICES,
    ];

    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // The README's order: a review clock on its own, then the same board proposed.
      const clockId = `review-clock/${clockFirst.board.id}/1`;
      expect(await govflow.json('review', 'start', ...reviewStart(clockFirst).slice(2))).toMatchObject({
        workflowId: clockId,
      });
      expect(await govflow.refused(...propose(clockFirst))).toBe(
        `govflow: standingOrders: ${clockId}, a review clock started on its own, is running for ${clockFirst.board.id}; ` +
          `a board proposed here runs its own reviews: end the clock first (temporal workflow terminate --workflow-id ${clockId} --reason "board proposed"), then propose the board`,
      );
      expect(await runsOf(server.client, boardWorkflowId(clockFirst.board.id))).toEqual([]);
      expect(await govflow.refused('review', 'start', ...reviewStart(clockFirst).slice(2))).toBe(
        `govflow: cycle: ${clockId} already exists: a review clock is started once per cycle; see \`govflow status ${clockId}\``,
      );

      // Once the clock is ended, the board is proposed and established: its own first review takes
      // review/<board>/1, which the clock never held, and nothing fails.
      await server.client.workflow.getHandle(clockId).terminate('the board is proposed in govflow');
      const boardId = boardWorkflowId(clockFirst.board.id);
      expect(await govflow.json(...propose(clockFirst))).toMatchObject({ workflowId: boardId });
      const board = server.client.workflow.getHandle(boardId);
      await reach(board, 'awaiting-tor-approval');
      for (const [body, by] of [
        ['council', COUNCIL_CLERK],
        ['nhs', NHS_CLERK],
      ] as const)
        await board.executeUpdate(decideTermsOfReferenceUpdate, { args: [{ body, outcome: 'approve', by }] });
      await reach(board, 'awaiting-review');
      const child = await server.client.workflow.getHandle(`review/${clockFirst.board.id}/1`).describe();
      expect(child.status.name).toBe('RUNNING');
      expect((await board.describe()).status.name).toBe('RUNNING');

      // The other order: a board that runs its own reviews gets no second review clock.
      expect(await govflow.json(...propose(boardFirst))).toMatchObject({
        workflowId: boardWorkflowId(boardFirst.board.id),
      });
      expect(await govflow.refused('review', 'start', ...reviewStart(boardFirst).slice(2))).toBe(
        `govflow: board: board/${boardFirst.board.id} runs this board's effectiveness reviews itself (review/${boardFirst.board.id}/<cycle>); see \`govflow status ${boardFirst.board.id}\``,
      );
      expect(await runsOf(server.client, `review-clock/${boardFirst.board.id}/1`)).toEqual([]);

      // A review started on its own before review clocks had their own IDs holds the board's review ID, in
      // whatever state: the board is refused rather than left to fail at its first review.
      const old = await legacyReviewClock(server.client, taskQueue, legacy, 1);
      await old.terminate('replaced');
      expect(await govflow.refused(...propose(legacy))).toBe(
        `govflow: standingOrders: review/${legacy.board.id}/1 was started on its own (terminated) and holds the ID of ${legacy.board.id}'s own review 1, ` +
          'which the register keeps its records under: a board with this id would fail at that review; give standing orders (a file) with another board id',
      );
      expect(await runsOf(server.client, boardWorkflowId(legacy.board.id))).toEqual([]);
    });
  });

  it('(b) a reference already used, even by an item that has ended, is refused before anything starts', async () => {
    const taskQueue = uniqueTaskQueue('mistakes-ref');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('ref-used'));
    const meeting = firstDay(daysFromToday(35), (d) => so.meetings.includes(d));
    const propose = (ref: string) => [
      'decision',
      'propose',
      '--board',
      so.board.id,
      '--ref',
      ref,
      '--title',
      'Carers’ breaks grant scheme',
      '--summary',
      'Extend the scheme for a year.',
      '--topic',
      'carers support',
      '--meeting-date',
      meeting,
      '--proposed-by',
      OFFICER,
    ];
    const workflowId = decisionWorkflowId(so.board.id, '2027-050');
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      expect(await govflow.json(...propose('2027-050'))).toMatchObject({ workflowId });
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'awaiting-agenda-publication');
      expect(await govflow.refused(...propose('2027-050'))).toBe(
        `govflow: ref: ${workflowId} already exists; give the item a new reference`,
      );
      await govflow.json('withdraw', workflowId, '--by', OFFICER, '--reason', 'Superseded');
      await reach(handle, 'withdrawn');
      expect((await handle.describe()).status.name).toBe('COMPLETED');

      // Before: accepted (exit 0), then the new run FAILED on the register's records of the first.
      expect(await govflow.refused(...propose('2027-050'))).toBe(
        `govflow: ref: ${workflowId} already exists (ended); give the item a new reference`,
      );
      // A recommendation on its own under the same ref would hold the ID the item's own recommendation needs.
      expect(
        await govflow.refused(
          'recommendation',
          'propose',
          '--board',
          so.board.id,
          '--ref',
          '2027-050',
          '--title',
          'Carers',
          '--recommendation',
          'Extend the scheme',
          '--meeting-date',
          meeting,
          '--deadline',
          addDays(meeting, 14),
        ),
      ).toBe(`govflow: ref: ${workflowId} already exists (ended); give the recommendation a new reference`);
      expect(await runsOf(server.client, workflowId)).toEqual(['COMPLETED']);
      expect(await runsOf(server.client, `recommendation/${so.board.id}/2027-050`)).toEqual([]);
    });
  });

  it('(c) a topic outside the delegated scope is refused with the scope listed, unless the officer says it is out of scope on purpose', async () => {
    const taskQueue = uniqueTaskQueue('mistakes-scope');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('scope'));
    const dir = tempDir();
    const meeting = firstDay(daysFromToday(35), (d) => so.meetings.includes(d));
    const item = (ref: string, topic: string, ...more: string[]) => [
      'decision',
      'propose',
      '--board',
      so.board.id,
      '--ref',
      ref,
      '--title',
      'Carers’ breaks grant scheme',
      '--summary',
      'Extend the scheme for a year.',
      '--topic',
      topic,
      '--meeting-date',
      meeting,
      '--proposed-by',
      OFFICER,
      ...more,
    ];
    const scope = so.delegation.scope.join(', ');
    const itemFile = (name: string, outOfScope: unknown) =>
      writeFile(dir, name, {
        board: so.board.id,
        ref: name.replace('.json', ''),
        title: 'Highways maintenance programme',
        summary: 'Resurfacing.',
        topic: 'highways maintenance',
        meetingDate: meeting,
        proposedBy: OFFICER,
        outOfScope,
      });
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      const [carers, highways, notABoolean] = await Promise.all([
        govflow.refused(...item('2027-060', 'carers')),
        govflow.refused(...item('2027-061', 'highways maintenance')),
        govflow.refused('decision', 'propose', '--file', itemFile('2027-062.json', 'yes')),
      ]);
      expect(carers).toBe(
        `govflow: topic: "carers" is not in ${so.board.id}'s delegated scope (${scope}); give one of these (did you mean "carers support"?), ` +
          'or --out-of-scope (outOfScope: true in the item file) to propose it only to be noted and referred to the decision maker',
      );
      expect(highways).toBe(
        `govflow: topic: "highways maintenance" is not in ${so.board.id}'s delegated scope (${scope}); give one of these, ` +
          'or --out-of-scope (outOfScope: true in the item file) to propose it only to be noted and referred to the decision maker',
      );
      expect(notABoolean).toBe('govflow: outOfScope: must be true or false, not "yes"');
      for (const ref of ['2027-060', '2027-061', '2027-062'])
        expect(await runsOf(server.client, decisionWorkflowId(so.board.id, ref))).toEqual([]);

      // Said explicitly, by the flag or in the file: proposed, noted and referred, a governance outcome.
      const byFlag = await govflow.json<{ workflowId: string }>(
        ...item('2027-061', 'highways maintenance', '--out-of-scope'),
      );
      const byFile = await govflow.json<{ workflowId: string }>(
        'decision',
        'propose',
        '--file',
        itemFile('2027-063.json', true),
      );
      for (const { workflowId } of [byFlag, byFile]) {
        const handle = server.client.workflow.getHandle(workflowId);
        await reach(handle, 'referred');
        expect((await handle.describe()).status.name).toBe('COMPLETED');
        const status = await govflow.run('status', workflowId.replace('decision/', ''));
        expect(status.code).toBe(0);
        expect(status.stdout).toContain(
          '  state:       ended: the process has run its course and takes no more actions',
        );
        expect(status.stdout).toContain('  stage:       referred\n');
      }
      // A topic in the scope in other capitals is the same topic.
      const inScope = await govflow.json<{ workflowId: string }>(...item('2027-064', 'Carers Support'));
      await reach(server.client.workflow.getHandle(inScope.workflowId), 'awaiting-agenda-publication');
    });
  });

  it('(d) a meeting date that is not one of the board’s meetings is refused with its next meetings listed', async () => {
    const taskQueue = uniqueTaskQueue('mistakes-meeting');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('meeting'));
    // Southampton meets on the second Thursday: the Friday after such a meeting is no meeting of the board.
    const meeting = firstDay(
      daysFromToday(35),
      (d) => so.meetings.includes(d) && dayOfWeek(addDays(d, 1)) === FRIDAY,
    );
    const friday = addDays(meeting, 1);
    const [thursday, next, after] = so.meetings.slice(so.meetings.indexOf(meeting));
    const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const names = (d: string) => `${d} (${WEEKDAYS[dayOfWeek(d)]})`;
    const propose = (date: string) => [
      'decision',
      'propose',
      '--board',
      so.board.id,
      '--ref',
      '2027-070',
      '--title',
      'Hospital discharge beds',
      '--summary',
      'Commission step-down beds.',
      '--topic',
      'hospital discharge',
      '--amount-gbp',
      '600000',
      '--meeting-date',
      date,
      '--proposed-by',
      OFFICER,
    ];
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      expect(await govflow.refused(...propose(friday))).toBe(
        `govflow: meetingDate: ${friday} (Friday) is not a meeting of ${so.board.id}; its next meetings: ${[thursday!, next!, after!].map(names).join(', ')}`,
      );
      expect(await runsOf(server.client, decisionWorkflowId(so.board.id, '2027-070'))).toEqual([]);
      // The meeting it was meant for is taken: the item is planned for that Thursday's meeting.
      const { workflowId } = await govflow.json<{ workflowId: string }>(...propose(meeting));
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'awaiting-agenda-publication');
      expect((await handle.describe()).typedSearchAttributes.get(SA.meetingDate)?.toISOString()).toBe(
        at(meeting, '10:00'),
      );
    });
  });

  it('(f) status says whether a run is going, ended, FAILED or terminated, and why, and takes short names', async () => {
    const taskQueue = uniqueTaskQueue('mistakes-status');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('status'));
    const boardId = boardWorkflowId(so.board.id);
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      // How a board FAILED before: its first review's ID already taken by a review started on its own,
      // and the board proposed without the CLI's checks.
      const old = await legacyReviewClock(server.client, taskQueue, so, 1);
      const board = await proposeBoard(server.client, taskQueue, {
        standingOrders: so,
        termsOfReference: '# Terms of Reference\n',
        proposedOn: daysFromToday(-7),
        firstMeeting: daysFromToday(-1),
      });
      await reach(board, 'awaiting-tor-approval');
      for (const [body, by] of [
        ['council', COUNCIL_CLERK],
        ['nhs', NHS_CLERK],
      ] as const)
        await board.executeUpdate(decideTermsOfReferenceUpdate, { args: [{ body, outcome: 'approve', by }] });
      await expect.poll(async () => (await board.describe()).status.name, { timeout: 20_000 }).toBe('FAILED');

      // Before: `status southampton-jcb` answered "no process", and `status board/...` the stage it had reached.
      const failed = await govflow.run('status', so.board.id);
      expect(failed.stderr).toBe('');
      expect(failed.code).toBe(0);
      const lines = failed.stdout.split('\n');
      expect(lines[0]).toBe(boardId);
      expect(lines).toContain(
        '  state:       FAILED: it stopped on an error, not on any governance decision, and takes no more actions; whoever runs govflow must fix the cause and reset it',
      );
      expect(lines).toContain(
        '  why:         a process it had to start already existed under the same ID (Workflow execution already started)',
      );
      expect(lines).toContain('  waiting for: nothing: it takes no more actions');
      expect(lines.some((l) => l.startsWith('  next deadline:'))).toBe(false);
      const json = await govflow.json<{ stage: string; execution: Record<string, unknown> }>(
        'status',
        so.board.id,
      );
      expect(json.execution).toMatchObject({
        state: 'failed',
        temporalStatus: 'FAILED',
        reason:
          'a process it had to start already existed under the same ID (Workflow execution already started)',
      });
      expect(json.stage).toBe('awaiting-review');

      await old.terminate('replaced by the board’s own review');
      const terminated = await govflow.run('status', `review/${so.board.id}/1`);
      expect(terminated.code).toBe(0);
      expect(terminated.stdout).toContain(
        '  state:       terminated: an administrator stopped it; it takes no more actions',
      );
      expect(terminated.stdout).toContain('  why:         replaced by the board’s own review');
      // <board>/<cycle> finds a review when no decision or recommendation has that name.
      const short = await govflow.run('status', `${so.board.id}/1`);
      expect(short.stdout.split('\n')[0]).toBe(`review/${so.board.id}/1`);

      // A review clock started on its own, by its short name: running.
      const clock = standingOrders('southampton-jcb', uniqueBoardId('status-clock'));
      await govflow.json(
        'review',
        'start',
        '--board',
        clock.board.id,
        '--name',
        clock.board.name,
        '--from',
        daysFromToday(-30),
        '--notify',
        DEMOCRATIC_SERVICES,
      );
      const running = await govflow.run('status', `${clock.board.id}/1`);
      expect(running.code).toBe(0);
      expect(running.stdout.split('\n').slice(0, 3)).toEqual([
        `review-clock/${clock.board.id}/1`,
        `  process:     board-review (board ${clock.board.id})`,
        '  state:       running: it moves on by itself and takes actions',
      ]);
      // The ID the README used to give for it points there.
      expect(await govflow.refused('status', `review/${clock.board.id}/1`)).toBe(
        `govflow: workflowId: no process "review/${clock.board.id}/1" in namespace default; the review clock started on its own is review-clock/${clock.board.id}/1`,
      );
      expect(await govflow.refused('status', `${so.board.id}-nope`)).toBe(
        `govflow: workflowId: no process "${so.board.id}-nope" in namespace default (tried board/${so.board.id}-nope)`,
      );
    });
  });
});
