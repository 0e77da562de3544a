/**
 * Issue 14 item 6: where the standing orders ask for a recorded vote, the clerk records each member's vote by
 * name on the meeting page (the hands-counted form is not offered), in Chromium with axe-core on the
 * time-skipping server; the meeting itself refuses counts per partner for that board.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeeting } from '../../client/processes/meeting';
import { addItemUpdate, recordAttendanceUpdate, recordItemOutcomeUpdate } from '../../definitions';
import { dayOfWeek, londonCivilDate } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { requireChromium } from '../support/browser';
import { THURSDAY, addDays, at, firstDay } from '../support/dates';
import { recordingActivities } from '../support/recording-activities';
import { timeSkipping, uniqueTaskQueue, withWorker } from '../support/temporal';
import { OFFICER, expectAccessible, signIn, startConsoleStack, type ConsoleStack } from './support';

describe.skipIf(!requireChromium())('a recorded vote in the console', () => {
  let env: TestWorkflowEnvironment;
  let stack: ConsoleStack;
  const boardId = `console-named-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    env = await timeSkipping();
  });
  afterAll(async () => {
    await stack?.close();
    await env?.teardown();
  });

  it('records each member’s vote by name, and the meeting refuses hands counted per partner', async () => {
    const now = londonCivilDate(await env.currentTimeMs());
    const preset = resolveStandingOrders('southampton-jcb', now);
    const so = resolveStandingOrders({
      ...preset,
      board: { ...preset.board, id: boardId },
      meetingArrangements: { ...preset.meetingArrangements, votes: 'named' },
    });
    const voters = so.members.filter((m) => m.voting);
    stack = await startConsoleStack({ temporal: env.client, boards: [so] });
    const held = firstDay(addDays(now, 21), (d) => dayOfWeek(d) === THURSDAY);
    const route = `/meetings/${boardId}/${held}`;
    const taskQueue = uniqueTaskQueue('console-named');
    const { activities } = recordingActivities();
    await withWorker(env.nativeConnection, taskQueue, activities, async () => {
      const handle = await startMeeting(
        env.client,
        taskQueue,
        { standingOrders: so, date: held, by: OFFICER, venue: 'Civic Centre, Committee Room 1' },
        now,
      );
      await handle.executeUpdate(addItemUpdate, {
        args: [{ by: OFFICER, ref: '2027-095', title: 'Carers’ breaks', exemptParagraph: null }],
      });
      await env.sleep(Date.parse(at(held, '10:00')) - (await env.currentTimeMs()));
      await handle.executeUpdate(recordAttendanceUpdate, {
        args: [{ by: OFFICER, present: so.members.map((m) => m.id) }],
      });
      const counted = await handle
        .executeUpdate(recordItemOutcomeUpdate, {
          args: [
            {
              by: OFFICER,
              ref: '2027-095',
              counts: { council: { for: 3, against: 0 }, nhs: { for: 3, against: 0 } },
              resolution: 'Agreed',
              reasons: 'Both partners support it',
            },
          ],
        })
        .catch((e: unknown) => e);
      expect(counted).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((counted as WorkflowUpdateFailedError).cause?.message).toMatch(
        /^votes: .* ask for a recorded vote/,
      );

      const page = await (await stack.context()).newPage();
      await signIn(stack, page, OFFICER, route);
      expect(await page.getByLabel(/^For \(/).count()).toBe(0);
      for (const [i, m] of voters.entries()) {
        const group = page.getByRole('group', { name: `Vote: ${m.name}` });
        await group.getByLabel(i === 0 ? 'Did not vote (left for the item)' : 'For', { exact: true }).check();
      }
      await expectAccessible(page);
      await page.getByLabel('What the board resolved').fill('Fund carers’ breaks for a further year.');
      await page.getByLabel('Reasons').fill('Carers asked for it and both partners can fund it.');
      await page.getByRole('button', { name: 'Record the outcome of 2027-095' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Recorded');
      const outcomes = (await handle.fetchHistory()).events!.flatMap((e) => {
        const input = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
        return input?.name === 'recordItemOutcome' ? [input] : [];
      });
      expect(outcomes).toHaveLength(1);
      const recorded = JSON.parse(Buffer.from(outcomes[0]!.args!.payloads![0]!.data!).toString('utf8'));
      expect(recorded).toMatchObject({
        by: OFFICER,
        votes: Object.fromEntries(voters.slice(1).map((m) => [m.id, 'for'])),
      });
      expect(recorded.counts).toBeUndefined();
    });
  });
});
