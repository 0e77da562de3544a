/**
 * The decision commands (P3, P4) as an officer runs them against the dev server: propose, the O&S chair's
 * consent, votes and interests, call-in, scrutiny, reconsideration, escalation and withdrawal. Each command is
 * run once as it should be, once with a bad value (refused before anything is sent, naming the field) and once
 * where the workflow's validator refuses it (its reason shown as is).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voteUpdate } from '../../definitions';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  SOUTHAMPTON_OS,
  SOUTHAMPTON_VOTERS,
  cli,
  daysFromToday,
  itemMeetingToday,
  reach,
  standingOrders,
  tempDir,
  uniqueBoardId,
  writeFile,
} from './harness';

/** Democratic services of the Southampton preset, who record scrutiny outcomes and reconsiderations. */
const OFFICER = 'democratic.services@southampton.example.org';

type Receipt = { workflowId: string; action: string; result: string };

describe('decision commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('proposes an item from a file and flags, refuses bad items naming the field, and takes consent-urgency and withdraw', async () => {
    const taskQueue = uniqueTaskQueue('cli-decision-propose');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-propose');
    const dir = tempDir();
    // The meetings the item is proposed for (tomorrow's, too late for notice, and one in two months) are the board's.
    const meetings = [daysFromToday(1), daysFromToday(60)];
    const so = standingOrders('southampton-jcb', boardId, { meetings });
    const item = {
      board: boardId,
      ref: '2027-014',
      title: 'Hospital discharge beds for the winter',
      summary: 'Commission 40 step-down beds.',
      topic: 'hospital discharge',
      amountGbp: 1_200_000,
      meetingDate: daysFromToday(60),
      proposedBy: 'commissioning.lead@southampton.example.org',
    };
    const itemFile = writeFile(dir, 'item.yaml', JSON.stringify(item)); // JSON is YAML too
    const badFile = writeFile(dir, 'bad.json', { ...item, title: '', meetingDate: '2027-02-30' });
    const workflowId = `decision/${boardId}/2027-014`;

    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      const [badItem, badAmount, pastMeeting, noBoard] = await Promise.all([
        govflow.refused('decision', 'propose', '--file', badFile),
        govflow.refused('decision', 'propose', '--file', itemFile, '--amount-gbp', 'lots'),
        govflow.refused('decision', 'propose', '--file', itemFile, '--meeting-date', '2020-01-09'),
        govflow.refused('decision', 'propose', '--ref', 'x-1', '--title', 'T'),
      ]);
      expect(badItem).toContain('title: must not be empty');
      expect(badItem).toContain('meetingDate: must be a real date written YYYY-MM-DD');
      expect(badAmount).toBe(
        'govflow: amountGbp: "lots" is not a number of pounds (write digits with optional pence, e.g. 800000 or 1250.50)',
      );
      expect(pastMeeting).toMatch(/meetingDate: 2020-01-09 is not after today/);
      expect(noBoard).toBe('govflow: board: give --board <id>, or board: in the item file');

      // The flag overrides the file: the meeting is tomorrow, too late for any notice, so special urgency.
      const started = await govflow.json<{ workflowId: string }>(
        'decision',
        'propose',
        '--file',
        itemFile,
        '--meeting-date',
        daysFromToday(1),
      );
      expect(started.workflowId).toBe(workflowId);
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'awaiting-urgency-consent');

      const [again, notTheChair, noReason, strangerWithdraws, notAnEmail, unknown] = await Promise.all([
        govflow.refused('decision', 'propose', '--file', itemFile, '--meeting-date', daysFromToday(1)),
        govflow.refused(
          'consent-urgency',
          `${boardId}/2027-014`,
          '--by',
          'cllr-hana-ali',
          '--reason',
          'Winter',
        ),
        govflow.refused('consent-urgency', workflowId, '--by', 'cllr-gil-turner', '--reason', '  '),
        govflow.refused('withdraw', workflowId, '--by', 'someone@example.org', '--reason', 'Superseded'),
        govflow.refused('withdraw', workflowId, '--by', 'not-an-email', '--reason', 'Superseded'),
        govflow.refused(
          'consent-urgency',
          `${boardId}/no-such-item`,
          '--by',
          'cllr-gil-turner',
          '--reason',
          'Winter',
        ),
      ]);
      expect(again).toBe(`govflow: ref: ${workflowId} already exists; give the item a new reference`);
      expect(notTheChair).toBe(
        `govflow: consent-urgency refused by ${workflowId}: by: only the O&S chair (cllr-gil-turner) may agree to special urgency`,
      );
      expect(noReason).toBe('govflow: reason: must not be empty');
      expect(strangerWithdraws).toBe(
        `govflow: withdraw refused by ${workflowId}: by: only the proposing officer or democratic services may withdraw an item`,
      );
      expect(notAnEmail).toBe('govflow: by: Invalid email address');
      expect(unknown).toContain(`no decision process "decision/${boardId}/no-such-item"`);

      const consent = await govflow.json<Receipt>(
        'consent-urgency',
        workflowId,
        '--by',
        'cllr-gil-turner',
        '--reason',
        'Winter pressures',
      );
      expect(consent).toEqual({ workflowId, action: 'consent-urgency', result: 'special urgency agreed' });
      await expect
        .poll(async () =>
          (await handle.query<{ steps: { kind: string }[] }>('status')).steps.map((s) => s.kind),
        )
        .toContain('special-urgency-agreed');

      const withdrawn = await govflow.run(
        'withdraw',
        workflowId,
        '--by',
        'commissioning.lead@southampton.example.org',
        '--reason',
        'Beds found elsewhere',
      );
      expect(withdrawn).toMatchObject({ code: 0, stdout: `${workflowId}: withdrawn\n`, stderr: '' });
      expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
      expect(
        await govflow.refused(
          'withdraw',
          workflowId,
          '--by',
          'commissioning.lead@southampton.example.org',
          '--reason',
          'Again',
        ),
      ).toMatch(/has ended \(completed\): it takes no more actions/);
      // Nothing was started by the refused proposals: the board has this one item only.
      const listed = await govflow.json<{ workflows: { workflowId: string }[] }>(
        'list',
        '--board',
        boardId,
        '--process',
        'decision',
        '--all',
      );
      expect(listed.workflows.map((w) => w.workflowId)).toEqual([workflowId]);
    });
  });

  it('takes interests and votes on the meeting day, then a call-in, the scrutiny outcome and reconsideration', async () => {
    const taskQueue = uniqueTaskQueue('cli-decision-meeting');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-meeting'));
    const id = `${so.board.id}/2027-020`;
    const workflowId = `decision/${id}`;
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await itemMeetingToday(server.client, taskQueue, so, '2027-020');
      await reach(handle, 'voting');

      const interest = await govflow.json<Receipt>(
        'declare-interest',
        id,
        '--member',
        'dr-eve-morgan',
        '--interest',
        'Partner in a bidding practice',
      );
      expect(interest.result).toBe('interest recorded: dr-eve-morgan will not vote');
      const refusedScrutiny = (outcome: string, ...reasons: string[]) =>
        govflow.refused('scrutiny-outcome', id, '--by', OFFICER, '--outcome', outcome, ...reasons);
      const [emptyInterest, stranger, conflicted, badVote, scrutinyTooEarly, referralUnexplained] =
        await Promise.all([
          govflow.refused('declare-interest', id, '--member', 'dr-dev-patel', '--interest', ''),
          govflow.refused('declare-interest', id, '--member', 'cllr-nobody', '--interest', 'Shares'),
          govflow.refused('vote', id, '--member', 'dr-eve-morgan', '--vote', 'for'),
          govflow.refused('vote', id, '--member', 'dr-dev-patel', '--vote', 'maybe'),
          refusedScrutiny('refer-back', '--reasons', 'x'),
          refusedScrutiny('refer-to-council'),
        ]);
      expect(emptyInterest).toBe('govflow: interest: must not be empty');
      expect(stranger).toBe(
        `govflow: declare-interest refused by ${workflowId}: member: "cllr-nobody" is not a member of ${so.board.name}`,
      );
      expect(conflicted).toBe(
        `govflow: vote refused by ${workflowId}: member: Dr Eve Morgan declared an interest and may not vote`,
      );
      expect(badVote).toBe('govflow: vote: Invalid option: expected one of "for"|"against"|"abstain"');
      expect(scrutinyTooEarly).toBe(
        `govflow: scrutiny-outcome refused by ${workflowId}: no call-in is waiting for a scrutiny outcome`,
      );
      expect(referralUnexplained).toBe(
        'govflow: reasons: must set out the committee’s concerns when it refers the decision back or to full Council',
      );

      const voters = [...SOUTHAMPTON_VOTERS.council, 'dr-dev-patel', 'finn-hughes'];
      const [first, ...rest] = voters;
      expect(await govflow.json<Receipt>('vote', workflowId, '--member', first!, '--vote', 'for')).toEqual({
        workflowId,
        action: 'vote',
        result: `vote recorded: ${first} for`,
      });
      for (const member of rest) await handle.executeUpdate(voteUpdate, { args: [{ member, vote: 'for' }] });
      await reach(handle, 'in-call-in-window');

      const [noGrounds, tooFew, badOutcome] = await Promise.all([
        govflow.refused('call-in', id, '--members', SOUTHAMPTON_OS.slice(0, 5).join(','), '--grounds', ''),
        govflow.refused(
          'call-in',
          id,
          '--members',
          'cllr-hana-ali',
          'cllr-ian-brooks',
          '--grounds',
          'Consultation was inadequate',
        ),
        govflow.refused('reconsider', id, '--by', OFFICER, '--outcome', 'ignore', '--reasons', 'x'),
      ]);
      expect(noGrounds).toBe('govflow: grounds: must not be empty');
      expect(tooFew).toBe(
        `govflow: call-in refused by ${workflowId}: members: a call-in needs 5 O&S members; it has 2`,
      );
      expect(badOutcome).toBe(
        'govflow: outcome: Invalid option: expected one of "confirm"|"amend"|"rescind"',
      );

      const callIn = await govflow.json<Receipt>(
        'call-in',
        id,
        '--members',
        SOUTHAMPTON_OS.slice(1, 6).join(','),
        '--grounds',
        'Consultation was inadequate',
      );
      expect(callIn.result).toBe('call-in lodged by 5 members');
      await reach(handle, 'called-in');

      const [reconsiderTooEarly, badScrutiny] = await Promise.all([
        govflow.refused('reconsider', id, '--by', OFFICER, '--outcome', 'confirm', '--reasons', 'Consulted'),
        refusedScrutiny('shelve'),
      ]);
      expect(reconsiderTooEarly).toBe(
        `govflow: reconsider refused by ${workflowId}: the decision has not been referred back for reconsideration`,
      );
      expect(badScrutiny).toBe(
        'govflow: outcome: Invalid option: expected one of "no-further-action"|"refer-back"|"refer-to-council"',
      );
      const scrutiny = await govflow.json<Receipt>(
        'scrutiny-outcome',
        id,
        '--by',
        OFFICER,
        '--outcome',
        'refer-back',
        '--reasons',
        'Consult the carers’ forum',
      );
      expect(scrutiny.result).toBe('scrutiny outcome recorded: refer-back');
      await reach(handle, 'awaiting-reconsideration');

      expect(
        await govflow.refused('reconsider', id, '--by', OFFICER, '--outcome', 'confirm', '--reasons', ' '),
      ).toBe('govflow: reasons: must not be empty');
      const reconsidered = await govflow.json<Receipt>(
        'reconsider',
        id,
        '--by',
        OFFICER,
        '--outcome',
        'confirm',
        '--reasons',
        'The forum was consulted',
      );
      expect(reconsidered.result).toBe('reconsidered: confirm');
      await reach(handle, 'implemented');

      const status = await govflow.json<{ stage: string; steps: { kind: string }[] }>('status', workflowId);
      expect(status.stage).toBe('implemented');
      expect(status.steps.map((s) => s.kind)).toEqual(
        expect.arrayContaining([
          'interest-declared',
          'vote-recorded',
          'consensus-reached',
          'call-in-lodged',
          'scrutiny-outcome',
          'decision-reconsidered',
        ]),
      );
      const human = await govflow.run('status', workflowId);
      expect(human.stdout).toContain('  stage:       implemented');
      expect(human.stdout).toContain('call-in-lodged: by cllr-hana-ali');
    });
  });

  it('takes an escalation step’s answer when the partners do not agree and there is no later meeting', async () => {
    const taskQueue = uniqueTaskQueue('cli-decision-escalation');
    const govflow = cli(taskQueue);
    // No published meetings: a failure to agree cannot be deferred, so it escalates at once.
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-escalation'), { meetings: [] });
    const id = `${so.board.id}/2027-030`;
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await itemMeetingToday(server.client, taskQueue, so, '2027-030');
      await reach(handle, 'voting');
      for (const member of SOUTHAMPTON_VOTERS.council)
        await handle.executeUpdate(voteUpdate, { args: [{ member, vote: 'for' }] });
      for (const member of SOUTHAMPTON_VOTERS.nhs)
        await handle.executeUpdate(voteUpdate, { args: [{ member, vote: 'against' }] });
      await reach(handle, 'escalated');

      const chiefExecutive = so.partners[1]!.chiefExecutive.email;
      const clerk = so.partners[0]!.clerk.email;
      const agreedAt = (step: string, ...by: string[]) =>
        govflow.refused('resolve-escalation', id, ...by, '--step', step, '--outcome', 'agreed');
      const [badStep, wrongStep, notTheirStep, noActor] = await Promise.all([
        agreedAt('the-pope', '--by', OFFICER),
        agreedAt('parent-bodies', '--by', OFFICER),
        agreedAt('chief-executives', '--by', clerk),
        agreedAt('chief-executives'),
      ]);
      expect(notTheirStep).toBe(
        `govflow: resolve-escalation refused by decision/${id}: by: ${clerk} may not record the chief-executives step (democratic services or a chief executive may)`,
      );
      expect(noActor).toBe("govflow: required option '--by <email>' not specified");
      expect(badStep).toBe(
        'govflow: step: Invalid option: expected one of "joint-committee"|"chief-executives"|"parent-bodies"',
      );
      expect(wrongStep).toBe(
        `govflow: resolve-escalation refused by decision/${id}: step: the item is with the chief-executives step, not parent-bodies`,
      );
      const resolved = await govflow.json<Receipt>(
        'resolve-escalation',
        id,
        '--by',
        chiefExecutive,
        '--step',
        'chief-executives',
        '--outcome',
        'agreed',
        '--resolution',
        'Phased award',
      );
      expect(resolved.result).toBe('escalation chief-executives: agreed');
      await reach(handle, 'in-call-in-window');
    });
  });
});
