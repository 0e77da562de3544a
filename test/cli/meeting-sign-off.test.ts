/** Sign-offs from the CLI (issue 14 item 4): the named officer signs an item off; show lists each item's sign-offs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingWorkflowId } from '../../definitions';
import { agendaPublicationDay } from '../../governance/meetings';
import { signOffsDue } from '../../governance/sign-offs';
import { calendarFor } from '../../governance/standing-orders';
import { PRESET_SIGN_OFFS } from '../../governance/standing-orders/presets/sign-offs';
import { registerBoard } from '../support/boards';
import { recordingActivities } from '../support/recording-activities';
import { devServer, uniqueTaskQueue, withWorker } from '../support/temporal';
import { cli, daysFromToday, reach, standingOrders, today, uniqueBoardId } from './harness';

describe('meeting sign-off on the dev server', () => {
  let server: Awaited<ReturnType<typeof devServer>>;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes the named officer’s sign-off, refuses mistakes by name, and shows each item’s sign-offs', async () => {
    const taskQueue = uniqueTaskQueue('cli-sign-off');
    const govflow = cli(taskQueue);
    const boardId = uniqueBoardId('cli-sign');
    const rules = PRESET_SIGN_OFFS['southampton-jcb'];
    const so = standingOrders('southampton-jcb', boardId, { signOffs: [...rules] });
    const DS = so.officers.democraticServices.email;
    const [finance, legal] = [rules[0].officer.email, rules[1].officer.email];
    const date = daysFromToday(30);
    const id = `${boardId}/${date}`;
    const dues = signOffsDue(rules, agendaPublicationDay(date, so.notice, calendarFor(so)), calendarFor(so));
    const dueOf = (role: string) => dues.find((d) => d.role === role)!.due;
    const signOff = (...more: string[]) => ['meeting', 'sign-off', id, '--ref', '2027-090', ...more];
    await withWorker(server.workerConnection, taskQueue, recordingActivities().activities, async () => {
      await registerBoard(server.client, taskQueue, so);
      await govflow.run(
        'meeting',
        'start',
        '--board',
        boardId,
        '--date',
        date,
        '--by',
        DS,
        '--venue',
        'Civic Centre',
      );
      const handle = server.client.workflow.getHandle(meetingWorkflowId(boardId, date));
      await reach(handle, 'scheduled');
      await govflow.run(
        'meeting',
        'add-item',
        id,
        '--ref',
        '2027-090',
        '--title',
        'Falls prevention',
        '--by',
        DS,
      );

      expect(
        await govflow.json(...signOff('--role', 'finance', '--by', finance, '--note', 'Within budget')),
      ).toEqual({
        workflowId: `meeting/${id}`,
        action: 'sign-off',
        result: `2027-090: finance sign-off given by ${finance}`,
      });
      const [badEmail, wrongOfficer, unknownRole, again, notOnAgenda] = await Promise.all([
        govflow.refused(...signOff('--role', 'legal', '--by', 'legal')),
        govflow.refused(...signOff('--role', 'legal', '--by', finance)),
        govflow.refused(...signOff('--role', 'audit', '--by', finance)),
        govflow.refused(...signOff('--role', 'finance', '--by', finance)),
        govflow.refused('meeting', 'sign-off', id, '--ref', '2027-099', '--role', 'legal', '--by', legal),
      ]);
      expect(badEmail).toBe('govflow: by: must be the signing officer’s email address');
      expect(wrongOfficer).toBe(
        `govflow: sign-off refused by meeting/${id}: by: only the legal officer (${legal}) may give the legal sign-off; ${finance} is not that officer`,
      );
      expect(unknownRole).toBe(
        `govflow: sign-off refused by meeting/${id}: role: "audit" is not a sign-off this board asks for (finance, legal, monitoring-officer)`,
      );
      expect(again).toBe(
        `govflow: sign-off refused by meeting/${id}: role: the finance sign-off for 2027-090 was already given by ${finance} on ${today()}`,
      );
      expect(notOnAgenda).toBe(
        `govflow: sign-off refused by meeting/${id}: ref: 2027-099 is not on the agenda`,
      );

      const shown = (await govflow.run('meeting', 'show', id)).stdout;
      expect(shown).toContain(`  sign-off 2027-090 finance: given by ${finance} on ${today()}`);
      expect(shown).toContain(`  sign-off 2027-090 legal: due ${dueOf('legal')} from ${legal}`);

      expect(
        (
          await govflow.run(
            'meeting',
            'take-late',
            id,
            '--ref',
            '2027-090',
            '--chair',
            so.chair,
            '--reasons',
            'The falls service contract ends this month.',
            '--by',
            DS,
          )
        ).stdout.trim(),
      ).toBe(
        `meeting/${id}: 2027-090 goes to the meeting on ${date} as a late item with the chair’s consent`,
      );
      await govflow.run('meeting', 'cancel', id, '--by', DS, '--reason', 'End of the test');
    });
  });
});
