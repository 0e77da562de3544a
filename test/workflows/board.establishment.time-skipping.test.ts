import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import { UserError } from '../../client/errors';
import {
  boardStatusQuery,
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  type BoardResult,
  type BoardStage,
  type PartnerKind,
  type TermsOfReferenceDecision,
} from '../../definitions';
import { kindSchemas } from '../../activities/records/kinds';
import { uniqueTaskQueue } from '../support/temporal';
import { historyOf, refusal, sha256, southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

const { so, CLERK, DEMOCRATIC_SERVICES } = southamptonPeople;
const MEMBER_EMAILS = so.members.map((m) => m.email);

const TOR_V1 = [
  'Terms of Reference: Southampton Joint Commissioning Board',
  '1. The Board commissions health and care services jointly for the City Council and the CCG.',
  '2. Members: three Cabinet Members and three CCG Governing Body members.',
  '3. Decisions need the consensus of both partners, shown by a show of hands.',
].join('\n');
const TOR_V2 = `${TOR_V1}\n4. A carers' representative attends as a co-opted, non-voting member.`;

describe('P1 establishing a board, on the time-skipping server (Southampton preset)', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const status = (handle: WorkflowHandle) => handle.query(boardStatusQuery);
  const stageIs = (handle: WorkflowHandle, stage: BoardStage) =>
    expect.poll(async () => (await status(handle)).stage, { timeout: 20_000, interval: 100 }).toBe(stage);
  const decide = (
    handle: WorkflowHandle,
    body: PartnerKind,
    outcome: TermsOfReferenceDecision['outcome'],
    extra: Partial<TermsOfReferenceDecision> = {},
  ) =>
    handle.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body, outcome, by: CLERK[body], ...extra }],
    });

  it('is established on the day the second parent body approves (Christmas Eve), with the text frozen by its hash', async () => {
    await clockTo('2027-11-29T10:00:00Z');
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting: '2027-12-09',
      });
      expect(handle.workflowId).toBe('board/southampton-jcb');
      await stageIs(handle, 'proposed');
      expect(await status(handle)).toMatchObject({
        process: 'board',
        boardId: 'southampton-jcb',
        cycle: 0,
        // Proposed 29 November 2027 (today, by default): three months is 29 February 2028, to the end of the day.
        nextDeadline: '2028-03-01T00:00:00.000Z',
        waitingFor: 'the first meeting on 2027-12-09, which considers the draft Terms of Reference',
        draft: { version: 1, contentHash: sha256(TOR_V1), decisions: { council: 'pending', nhs: 'pending' } },
      });
      // Before the first meeting has considered it, no parent body can decide on it.
      expect(await refusal(decide(handle, 'council', 'approve'))).toBe(
        'no Terms of Reference are before the parent bodies now (stage: proposed)',
      );

      await clockTo('2027-12-09T12:00:00Z');
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2027-12-20T14:00:00Z');
      expect(await decide(handle, 'council', 'approve')).toEqual({
        version: 1,
        contentHash: sha256(TOR_V1),
        decisions: { council: 'approve', nhs: 'pending' },
      });
      expect(await status(handle)).toMatchObject({
        stage: 'awaiting-tor-approval',
        waitingFor: expect.stringContaining('Southampton City CCG Governing Body'),
      });
      await clockTo('2027-12-24T11:00:00Z');
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');

      const established = await status(handle);
      expect(established).toMatchObject({
        cycle: 1,
        establishedOn: '2027-12-24',
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
        // 24 December 2028 is a Sunday before two bank holidays: the review starts on Wednesday 27th.
        review: { cycle: 1, due: '2028-12-24', startsOn: '2028-12-27' },
        nextDeadline: '2028-12-27T09:00:00.000Z',
        escalated: false,
      });
      expect(established.steps.map((s) => s.kind)).toEqual([
        'board-proposed',
        'tor-considered',
        'tor-sent',
        'tor-decision',
        'tor-decision',
        'tor-approved',
        'board-established',
        'review-scheduled',
      ]);

      await expect.poll(() => entries.length, { timeout: 10_000 }).toBe(8);
      expect(entries.map((e) => [e.kind, e.key.workflowId, e.key.step])).toEqual([
        ['board-proposed', 'board/southampton-jcb', 'establish/board-proposed'],
        ['tor-considered', 'board/southampton-jcb', 'establish/tor-considered'],
        ['tor-sent', 'board/southampton-jcb', 'establish/tor-sent/v1'],
        ['tor-decision', 'board/southampton-jcb', 'establish/tor-decision/v1/council'],
        ['tor-decision', 'board/southampton-jcb', 'establish/tor-decision/v1/nhs'],
        ['tor-approved', 'board/southampton-jcb', 'establish/tor-approved/v1'],
        ['board-established', 'board/southampton-jcb', 'establish/board-established'],
        // The child review clock's own first entry.
        ['review-scheduled', 'review/southampton-jcb/1', 'review-scheduled'],
      ]);
      expect(entries[5]!.data).toEqual({
        version: 1,
        contentHash: sha256(TOR_V1),
        approvedOn: '2027-12-24',
        approvals: [
          { parentBody: 'Cabinet of Southampton City Council', approvedOn: '2027-12-20' },
          { parentBody: 'Southampton City CCG Governing Body', approvedOn: '2027-12-24' },
        ],
      });
      // The register validates these kinds' data: the entries must pass its schemas.
      expect(kindSchemas['tor-approved'].safeParse(entries[5]!.data).error).toBeUndefined();
      expect(kindSchemas['board-established'].safeParse(entries[6]!.data).error).toBeUndefined();
      const register = entries[6]!.data as {
        establishedOn: string;
        members: unknown[];
        pooledBudgets: unknown[];
        termsOfReference: unknown;
      };
      expect(register.establishedOn).toBe('2027-12-24');
      expect(register.members).toHaveLength(6);
      expect(register.pooledBudgets).toHaveLength(so.pooledBudgets.length);
      expect(register.termsOfReference).toEqual({ version: 1, contentHash: sha256(TOR_V1) });

      // The two clerks are notified in parallel: compare in step order.
      notifications.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.step.localeCompare(b.key.step));
      expect(notifications.map((n) => [n.kind, n.key.step, n.sentAt])).toEqual([
        ['meeting-scheduled', 'establish/board-proposed', '2027-11-29T10:00'],
        ['tor-approval-required', 'establish/tor-approval-required/v1/council', '2027-12-09T09:00'],
        ['tor-approval-required', 'establish/tor-approval-required/v1/nhs', '2027-12-09T09:00'],
        ['board-established', 'establish/board-established', '2027-12-24T11:00'],
      ]);
      expect(notifications[0]!.invite).toMatchObject({
        method: 'REQUEST',
        start: '2027-12-09T09:00:00.000Z',
      });
      expect(notifications[1]).toMatchObject({
        recipients: [{ role: 'parent-body-clerk', email: CLERK.council }],
        deadline: '2028-02-29',
      });
      expect(notifications[2]!.recipients.map((r) => r.email)).toEqual([CLERK.nhs]);
      expect(notifications[3]!.recipients.map((r) => r.email)).toEqual([
        ...MEMBER_EMAILS,
        DEMOCRATIC_SERVICES,
      ]);

      // The review clock runs as the board's child (that it ends with the board is shown on the dev server).
      const review = await env().client.workflow.getHandle('review/southampton-jcb/1').describe();
      expect(review.status.name).toBe('RUNNING');
      expect(review.parentExecution?.workflowId).toBe('board/southampton-jcb');
      const events = await historyOf(handle, 'board established (running, awaiting review 1)');
      expect(events.length).toBeLessThan(150);
      await handle.terminate('test finished');
    });
  });

  it('loops through an amendment: revised by democratic services, both approve the new version, a new hash (Easter 2028)', async () => {
    await clockTo('2028-03-01T10:00:00Z');
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        proposedOn: '2028-03-01',
        firstMeeting: '2028-03-09',
      });
      await clockTo('2028-03-09T12:00:00Z');
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2028-03-20T10:00:00Z');
      expect(await refusal(decide(handle, 'council', 'amend'))).toBe(
        'invalid decision: comments: an amendment request must say what to amend',
      );
      await decide(handle, 'council', 'amend', {
        comments: "Add a carers' representative as a co-opted member",
      });
      expect(await refusal(decide(handle, 'council', 'approve'))).toBe(
        'Cabinet of Southampton City Council has already decided on version 1 (amend)',
      );
      expect(await refusal(decide(handle, 'nhs', 'approve', { by: CLERK.council }))).toBe(
        `by: only the clerk to Southampton City CCG Governing Body may record its decision; ${CLERK.council} is not that clerk`,
      );
      await clockTo('2028-03-22T10:00:00Z');
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'revision-requested');
      expect(await status(handle)).toMatchObject({
        waitingFor: 'democratic services to submit version 2 of the Terms of Reference',
        draft: { version: 1 },
      });

      const revise = (text: string, by = DEMOCRATIC_SERVICES) =>
        handle.executeUpdate(reviseTermsOfReferenceUpdate, { args: [{ text, by }] });
      expect(await refusal(revise(TOR_V2, CLERK.council))).toBe(
        `by: only democratic services (${DEMOCRATIC_SERVICES}) may submit a revised Terms of Reference; ${CLERK.council} is not that officer`,
      );
      expect(await refusal(revise(TOR_V1))).toBe(
        'the revised text is identical to version 1; it must make the amendments asked for',
      );
      await clockTo('2028-04-03T10:00:00Z');
      expect(await revise(TOR_V2)).toEqual({ version: 2, contentHash: sha256(TOR_V2) });
      await stageIs(handle, 'awaiting-tor-approval');
      expect((await status(handle)).draft).toEqual({
        version: 2,
        contentHash: sha256(TOR_V2),
        decisions: { council: 'pending', nhs: 'pending' },
      });
      // A decision naming the old version is refused; the NHS body, which approved version 1, must approve version 2 too.
      expect(await refusal(decide(handle, 'nhs', 'approve', { version: 1 }))).toBe(
        'version 1 is not before the parent bodies; version 2 is',
      );
      await clockTo('2028-04-12T10:00:00Z');
      await decide(handle, 'council', 'approve', { version: 2 });
      // Easter Monday is 17 April 2028; the CCG's approval lands the next day.
      await clockTo('2028-04-18T10:00:00Z');
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');
      expect(await status(handle)).toMatchObject({
        establishedOn: '2028-04-18',
        termsOfReference: { version: 2, contentHash: sha256(TOR_V2) },
        review: { due: '2029-04-18' },
      });
      expect(sha256(TOR_V2)).not.toBe(sha256(TOR_V1));

      await expect
        .poll(() => entries.some((e) => e.kind === 'board-established'), { timeout: 10_000 })
        .toBe(true);
      const ofBoard = entries.filter((e) => e.key.workflowId === 'board/southampton-jcb');
      // The wrong clerk and the wrong officer were refused on authority: audited, and nothing else changed.
      expect(ofBoard.filter((e) => e.kind === 'action-refused').map((e) => [e.key.step, e.data])).toEqual([
        [
          'establish/refused/1',
          expect.objectContaining({ action: 'decideTermsOfReference', actor: CLERK.council }),
        ],
        [
          'establish/refused/2',
          expect.objectContaining({ action: 'reviseTermsOfReference', actor: CLERK.council }),
        ],
      ]);
      const boardEntries = ofBoard.filter((e) => e.kind !== 'action-refused');
      expect(boardEntries.map((e) => e.key.step)).toEqual([
        'establish/board-proposed',
        'establish/tor-considered',
        'establish/tor-sent/v1',
        'establish/tor-decision/v1/council',
        'establish/tor-decision/v1/nhs',
        'establish/tor-amendment-requested/v1',
        'establish/tor-revised/v2',
        'establish/tor-sent/v2',
        'establish/tor-decision/v2/council',
        'establish/tor-decision/v2/nhs',
        'establish/tor-approved/v2',
        'establish/board-established',
      ]);
      expect(boardEntries[6]!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        text: TOR_V2,
        by: DEMOCRATIC_SERVICES,
      });
      expect(boardEntries[10]!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        approvedOn: '2028-04-18',
        approvals: [
          { parentBody: 'Cabinet of Southampton City Council', approvedOn: '2028-04-12' },
          { parentBody: 'Southampton City CCG Governing Body', approvedOn: '2028-04-18' },
        ],
      });
      const revisionRequest = notifications.find((n) => n.kind === 'tor-revision-required')!;
      expect(revisionRequest).toMatchObject({
        sentAt: '2028-03-22T10:00',
        recipients: [{ role: 'officer', email: DEMOCRATIC_SERVICES }],
        facts: {
          version: 1,
          amendments:
            "Cabinet of Southampton City Council: Add a carers' representative as a co-opted member",
        },
      });
      expect(
        notifications
          .filter((n) => n.kind === 'tor-approval-required')
          .map((n) => [n.key.step, n.sentAt])
          .sort(),
      ).toEqual([
        ['establish/tor-approval-required/v1/council', '2028-03-09T09:00'],
        ['establish/tor-approval-required/v1/nhs', '2028-03-09T09:00'],
        ['establish/tor-approval-required/v2/council', '2028-04-03T10:00'],
        ['establish/tor-approval-required/v2/nhs', '2028-04-03T10:00'],
      ]);
      await historyOf(handle, 'board amendment loop (running, awaiting review 1)');
      await handle.terminate('test finished');
    });
  });

  it('ends as rejected when either parent body rejects the Terms of Reference', async () => {
    await clockTo('2027-11-29T10:00:00Z');
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting: '2027-12-09',
      });
      await clockTo('2027-12-09T12:00:00Z');
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2027-12-13T10:00:00Z');
      await decide(handle, 'council', 'approve');
      await clockTo('2027-12-15T16:00:00Z');
      await decide(handle, 'nhs', 'reject', { comments: 'The scope overlaps the ICS partnership board' });
      const result = await handle.result();
      expect(result).toEqual<BoardResult>({
        boardId: 'southampton-jcb',
        status: 'rejected',
        on: '2027-12-15',
        cycle: 0,
      });
      expect((await status(handle)).stage).toBe('rejected');
      expect(entries.map((e) => e.kind)).toEqual([
        'board-proposed',
        'tor-considered',
        'tor-sent',
        'tor-decision',
        'tor-decision',
        'tor-rejected',
      ]);
      expect(entries.at(-1)!.data).toMatchObject({
        body: 'nhs',
        comments: 'The scope overlaps the ICS partnership board',
      });
      expect(notifications.at(-1)).toMatchObject({ kind: 'board-rejected', sentAt: '2027-12-15T16:00' });
      expect(notifications.map((n) => n.kind)).not.toContain('escalated');
      const events = await historyOf(handle, 'board rejected');
      expect(events.filter((e) => e.childWorkflowExecutionStartedEventAttributes)).toHaveLength(0);
    });
  });

  it('escalates to both chief executives when not approved by the deadline, and is still established by a late approval', async () => {
    await clockTo('2027-12-01T10:00:00Z');
    await withDouble('board', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting: '2027-12-09',
      });
      await clockTo('2027-12-09T12:00:00Z');
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2027-12-14T10:00:00Z');
      await decide(handle, 'council', 'approve');
      expect((await status(handle)).nextDeadline).toBe('2028-03-02T00:00:00.000Z');
      // The deadline is 1 March 2028 (proposed 1 December 2027 + 3 months); the NHS body has not answered.
      await clockTo('2028-03-03T09:00:00Z');
      await stageIs(handle, 'escalated');
      const escalated = await status(handle);
      expect(escalated).toMatchObject({
        escalated: true,
        draft: { decisions: { council: 'approve', nhs: 'pending' } },
      });
      expect(escalated.nextDeadline).toBeUndefined();
      const escalation = notifications.find((n) => n.kind === 'escalated')!;
      expect(escalation).toMatchObject({
        key: { step: 'establish/escalated/establishment' },
        sentAt: '2028-03-02T00:00',
        facts: { deadline: '2028-03-01', nhs: 'pending' },
      });
      expect(escalation.recipients.map((r) => [r.role, r.email])).toEqual(
        so.partners.map((p) => ['chief-executive', p.chiefExecutive.email]),
      );
      expect(entries.find((e) => e.kind === 'escalated')!.data).toMatchObject({
        topic: 'establishment',
        deadline: '2028-03-01',
      });

      // Escalation does not end the process: the late approval still establishes the board.
      await clockTo('2028-03-07T10:00:00Z');
      await decide(handle, 'nhs', 'approve');
      await stageIs(handle, 'awaiting-review');
      expect(await status(handle)).toMatchObject({
        establishedOn: '2028-03-07',
        review: { due: '2029-03-07' },
      });
      expect(notifications.filter((n) => n.kind === 'escalated')).toHaveLength(1);
      await historyOf(handle, 'board escalated then established (running)');
      await handle.terminate('test finished');
    });
  });

  it('refuses a proposal whose first meeting falls after the approval deadline, naming the field, before starting anything', async () => {
    await expect(
      proposeBoard(env().client, uniqueTaskQueue('board-bad'), {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        proposedOn: '2027-11-29',
        firstMeeting: '2028-03-09',
      }),
    ).rejects.toThrow(
      new UserError(
        'firstMeeting: must be by the approval deadline 2028-02-29 (3 months after the proposal)',
      ),
    );
    await expect(
      proposeBoard(env().client, uniqueTaskQueue('board-bad'), {
        standingOrders: 'no-such-board',
        termsOfReference: TOR_V1,
        firstMeeting: '2028-03-09',
      }),
    ).rejects.toThrow(/^standingOrders: unknown standing-orders preset "no-such-board"/);
  });
});
