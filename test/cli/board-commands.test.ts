/**
 * The board commands (P1, P2) as officers and clerks run them against the dev server: propose a board, the
 * parent bodies' decisions on its Terms of Reference and a revision, members' self-assessments and the
 * parent bodies' response to the review report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardWorkflowId,
  submitSelfAssessmentUpdate,
  type BoardInput,
  type BoardStatus,
} from '../../definitions';
import { addMonths } from '../../governance/civil-date';
import { contentHash } from '../../governance/content-hash';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import {
  cli,
  daysFromToday,
  reach,
  standingOrders,
  tempDir,
  today,
  uniqueBoardId,
  writeFile,
} from './harness';

const COUNCIL_CLERK = 'cabinet.clerk@southampton.example.org';
const NHS_CLERK = 'governing.body@southampton-ccg.example.nhs.uk';
const DEMOCRATIC_SERVICES = 'democratic.services@southampton.example.org';

describe('board commands on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('proposes a board and takes the parent bodies’ decisions, an amendment and a revised Terms of Reference', async () => {
    const taskQueue = uniqueTaskQueue('cli-board');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-board');
    const dir = tempDir();
    const soFile = writeFile(dir, 'standing-orders.json', standingOrders('southampton-jcb', boardId));
    const tor = writeFile(dir, 'tor-v1.md', '# Terms of Reference\n\n1. Purpose: joint commissioning.\n');
    const torV2 = writeFile(
      dir,
      'tor-v2.md',
      '# Terms of Reference\n\n1. Purpose: joint commissioning.\n2. Quorum: two of each partner.\n',
    );
    const empty = writeFile(dir, 'empty.md', '   \n');
    const workflowId = boardWorkflowId(boardId);
    // The first meeting was yesterday, so the draft is already before the parent bodies.
    const propose = [
      'board',
      'propose',
      '--standing-orders',
      soFile,
      '--proposed-on',
      daysFromToday(-7),
      '--first-meeting',
      daysFromToday(-1),
    ];

    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const [emptyTor, meetingBeforeProposal, unknownPreset, missingFile] = await Promise.all([
        govflow.refused(...propose, '--terms-of-reference', empty),
        govflow.refused(
          'board',
          'propose',
          '--standing-orders',
          soFile,
          '--terms-of-reference',
          tor,
          '--proposed-on',
          today(),
          '--first-meeting',
          daysFromToday(-1),
        ),
        govflow.refused(
          'board',
          'propose',
          '--standing-orders',
          'nowhere-jcb',
          '--terms-of-reference',
          tor,
          '--first-meeting',
          today(),
        ),
        govflow.refused(...propose, '--terms-of-reference', 'no-such-file.md'),
      ]);
      expect(emptyTor).toBe('govflow: termsOfReference: must not be empty');
      expect(meetingBeforeProposal).toBe(
        `govflow: firstMeeting: must not be before the proposal (${today()})`,
      );
      expect(unknownPreset).toBe(
        'govflow: --standing-orders: "nowhere-jcb" is neither a preset (wiltshire-adult-jcb, southampton-jcb, bath-nes-joint-committee) nor a file that exists',
      );
      expect(missingFile).toBe('govflow: termsOfReference: no file "no-such-file.md"');

      expect(
        await govflow.json('board', 'propose', ...propose.slice(2), '--terms-of-reference', tor),
      ).toMatchObject({ workflowId });
      expect(await govflow.refused(...propose, '--terms-of-reference', tor)).toBe(
        `govflow: ${workflowId} already exists: a board is proposed once; see \`govflow status ${workflowId}\``,
      );
      const handle = server.client.workflow.getHandle(workflowId);
      await reach(handle, 'awaiting-tor-approval');

      const [amendWithoutComments, wrongClerk, wrongVersion, reviseTooEarly] = await Promise.all([
        govflow.refused('tor', 'decide', boardId, '--body', 'nhs', '--outcome', 'amend', '--by', NHS_CLERK),
        govflow.refused(
          'tor',
          'decide',
          boardId,
          '--body',
          'council',
          '--outcome',
          'approve',
          '--by',
          NHS_CLERK,
        ),
        govflow.refused(
          'tor',
          'decide',
          boardId,
          '--body',
          'council',
          '--outcome',
          'approve',
          '--by',
          COUNCIL_CLERK,
          '--version',
          '2',
        ),
        govflow.refused('tor', 'revise', boardId, '--text-file', torV2, '--by', DEMOCRATIC_SERVICES),
      ]);
      expect(amendWithoutComments).toBe('govflow: comments: an amendment request must say what to amend');
      expect(wrongClerk).toBe(
        `govflow: tor decide refused by ${workflowId}: by: only the clerk to Cabinet of Southampton City Council may record its decision; ${NHS_CLERK} is not that clerk`,
      );
      expect(wrongVersion).toBe(
        `govflow: tor decide refused by ${workflowId}: version 2 is not before the parent bodies; version 1 is`,
      );
      expect(reviseTooEarly).toBe(
        `govflow: tor revise refused by ${workflowId}: no revision of the Terms of Reference has been requested (stage: awaiting-tor-approval)`,
      );

      const approved = await govflow.json<{ result: BoardStatus['draft'] }>(
        'tor',
        'decide',
        boardId,
        '--body',
        'council',
        '--outcome',
        'approve',
        '--by',
        COUNCIL_CLERK,
      );
      expect(approved.result).toMatchObject({
        version: 1,
        decisions: { council: 'approve', nhs: 'pending' },
      });
      const amend = await govflow.run(
        'tor',
        'decide',
        workflowId,
        '--body',
        'nhs',
        '--outcome',
        'amend',
        '--comments',
        'Add the quorum',
        '--by',
        NHS_CLERK,
      );
      expect(amend).toMatchObject({
        code: 0,
        stderr: '',
        stdout: `${workflowId}: Terms of Reference version 1: council approve, nhs amend\n`,
      });
      await reach(handle, 'revision-requested');

      const [identical, notAnEmail] = await Promise.all([
        govflow.refused('tor', 'revise', boardId, '--text-file', tor, '--by', DEMOCRATIC_SERVICES),
        govflow.refused('tor', 'revise', boardId, '--text-file', torV2, '--by', 'democratic services'),
      ]);
      expect(identical).toBe(
        `govflow: tor revise refused by ${workflowId}: the revised text is identical to version 1; it must make the amendments asked for`,
      );
      expect(notAnEmail).toBe('govflow: by: must be an email address');
      const revised = await govflow.json<{ result: { version: number; contentHash: string } }>(
        'tor',
        'revise',
        boardId,
        '--text-file',
        torV2,
        '--by',
        DEMOCRATIC_SERVICES,
      );
      expect(revised.result).toMatchObject({
        version: 2,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      await reach(handle, 'awaiting-tor-approval');

      await govflow.json(
        'tor',
        'decide',
        boardId,
        '--body',
        'council',
        '--outcome',
        'approve',
        '--by',
        COUNCIL_CLERK,
        '--version',
        '2',
      );
      await govflow.json(
        'tor',
        'decide',
        boardId,
        '--body',
        'nhs',
        '--outcome',
        'approve',
        '--by',
        NHS_CLERK,
      );
      await reach(handle, 'awaiting-review');
      const [status, human, notYet] = await Promise.all([
        govflow.json<BoardStatus>('status', workflowId),
        govflow.run('status', workflowId),
        govflow.refused('self-assess', boardId, '--member', 'dr-dev-patel', '--rating', '4'),
      ]);
      expect(status).toMatchObject({
        cycle: 1,
        establishedOn: today(),
        termsOfReference: { version: 2, contentHash: revised.result.contentHash },
      });
      expect(human.stdout).toContain(
        `Terms of Reference in force: version 2 (SHA-256 ${revised.result.contentHash})`,
      );
      expect(human.stdout).toContain('  cycle:       review cycle 1');
      expect(notYet).toBe(
        `govflow: self-assess refused by ${workflowId}: self-assessments are not being collected now (stage: awaiting-review)`,
      );
    });
  });

  it('takes self-assessments and the parent bodies’ response to the review report', async () => {
    const taskQueue = uniqueTaskQueue('cli-board-review');
    const govflow = cli(taskQueue);
    const so = standingOrders('southampton-jcb', uniqueBoardId('cli-review'));
    const boardId = so.board.id;
    const workflowId = boardWorkflowId(boardId);
    // A board established 13 months ago: its first review is overdue, so it starts at once.
    const input: BoardInput = {
      standingOrders: so,
      carried: {
        cycle: 1,
        establishedOn: addMonths(today(), -13),
        termsOfReference: { version: 1, contentHash: contentHash('ToR v1') },
      },
    };
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      const handle = await server.client.workflow.start('board', { taskQueue, workflowId, args: [input] });
      await reach(handle, 'self-assessment');

      const [tooHigh, notANumber, stranger, tooEarly] = await Promise.all([
        govflow.refused('self-assess', boardId, '--member', 'dr-dev-patel', '--rating', '6'),
        govflow.refused('self-assess', boardId, '--member', 'dr-dev-patel', '--rating', 'good'),
        govflow.refused('self-assess', boardId, '--member', 'cllr-nobody', '--rating', '3'),
        govflow.refused(
          'review-outcome',
          boardId,
          '--body',
          'council',
          '--outcome',
          'continue',
          '--by',
          COUNCIL_CLERK,
        ),
      ]);
      expect(tooHigh).toBe('govflow: rating: must be from 1 to 5');
      expect(notANumber).toBe('govflow: rating: "good" is not a number');
      expect(stranger).toBe(
        `govflow: self-assess refused by ${workflowId}: member: "cllr-nobody" is not a member of ${so.board.name}`,
      );
      expect(tooEarly).toBe(
        `govflow: review-outcome refused by ${workflowId}: no review report is before the parent bodies now (stage: self-assessment)`,
      );

      const first = await govflow.json<{ result: { received: number; outstanding: string[] } }>(
        'self-assess',
        boardId,
        '--member',
        'dr-dev-patel',
        '--rating',
        '4',
        '--comments',
        'Papers arrive late',
      );
      expect(first.result).toEqual({
        received: 1,
        outstanding: so.members.map((m) => m.id).filter((m) => m !== 'dr-dev-patel'),
      });
      for (const member of first.result.outstanding) {
        await handle.executeUpdate(submitSelfAssessmentUpdate, { args: [{ member, rating: 3 }] });
      }
      await reach(handle, 'awaiting-review-outcome');

      const [noExtension, wrongClerk] = await Promise.all([
        govflow.refused(
          'review-outcome',
          boardId,
          '--body',
          'nhs',
          '--outcome',
          'extend-delegation',
          '--by',
          NHS_CLERK,
        ),
        govflow.refused(
          'review-outcome',
          boardId,
          '--body',
          'nhs',
          '--outcome',
          'continue',
          '--by',
          COUNCIL_CLERK,
        ),
      ]);
      expect(noExtension).toBe('govflow: extension: extend-delegation must say what is extended');
      expect(wrongClerk).toBe(
        `govflow: review-outcome refused by ${workflowId}: by: only the clerk to Southampton City CCG Governing Body may record its response; ${COUNCIL_CLERK} is not that clerk`,
      );
      const outcome = await govflow.json<{ result: Record<string, string> }>(
        'review-outcome',
        boardId,
        '--body',
        'council',
        '--outcome',
        'continue',
        '--by',
        COUNCIL_CLERK,
      );
      expect(outcome.result).toEqual({ council: 'continue', nhs: 'pending' });
      const human = await govflow.run('status', workflowId);
      expect(human.stdout).toContain("parent bodies' response: council continue, nhs pending");
      expect(human.stdout).toContain('self-assessments by');
    });
  });
});
