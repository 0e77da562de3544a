import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { proposeBoard } from '../../client/processes/board';
import {
  SA,
  boardStatusQuery,
  boardWorkflowId,
  decideReviewOutcomeUpdate,
  decideTermsOfReferenceUpdate,
  reviseTermsOfReferenceUpdate,
  submitSelfAssessmentUpdate,
  type BoardCarriedState,
  type BoardResult,
  type BoardStage,
  type BoardStatus,
  type PartnerKind,
  type ReviewOutcomeDecision,
} from '../../definitions';
import { kindSchemas } from '../../activities/records/kinds';
import { board } from '../../workflows';
import { historyOf, refusal, sha256, southamptonPeople, timeSkippingPerTest } from '../support/time-skipping';

const { so, CLERK, DEMOCRATIC_SERVICES } = southamptonPeople;
const MEMBER_IDS = so.members.map((m) => m.id);
const WORKFLOW_ID = boardWorkflowId('southampton-jcb');

const TOR_V1 =
  'Terms of Reference: Southampton Joint Commissioning Board\n1. Joint commissioning of health and care.';
const TOR_V2 = `${TOR_V1}\n2. The Board also oversees the joint equipment service.`;

describe('P2 review cycles of an established board, on the time-skipping server', () => {
  const { env, clockTo, withDouble } = timeSkippingPerTest();

  const status = (handle: WorkflowHandle) => handle.query(boardStatusQuery);
  const until = (handle: WorkflowHandle, check: (s: BoardStatus) => boolean) =>
    expect.poll(async () => check(await status(handle)), { timeout: 20_000, interval: 100 }).toBe(true);
  const stageIs = (handle: WorkflowHandle, stage: BoardStage, cycle?: number) =>
    until(handle, (s) => s.stage === stage && (cycle === undefined || s.cycle === cycle));
  const assess = (handle: WorkflowHandle, member: string, rating: number, comments = '') =>
    handle.executeUpdate(submitSelfAssessmentUpdate, { args: [{ member, rating, comments }] });
  const respond = (
    handle: WorkflowHandle,
    body: PartnerKind,
    outcome: ReviewOutcomeDecision['outcome'],
    extra: Partial<ReviewOutcomeDecision> = {},
  ) =>
    handle.executeUpdate(decideReviewOutcomeUpdate, { args: [{ body, outcome, by: CLERK[body], ...extra }] });
  const approveTor = (handle: WorkflowHandle, body: PartnerKind) =>
    handle.executeUpdate(decideTermsOfReferenceUpdate, {
      args: [{ body, outcome: 'approve', by: CLERK[body] }],
    });
  /** A board established before this run (or after a continue-as-new): it starts in review cycle `carried.cycle`. */
  const startEstablished = (taskQueue: string, carried: BoardCarriedState) =>
    env().client.workflow.start(board, {
      taskQueue,
      workflowId: WORKFLOW_ID,
      args: [{ standingOrders: so, carried }],
    });

  it('runs the first review after establishment: reminders, self-assessments, report, both continue → continue-as-new into cycle 2', async () => {
    await clockTo('2027-11-29T10:00:00Z');
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await proposeBoard(env().client, taskQueue, {
        standingOrders: 'southampton-jcb',
        termsOfReference: TOR_V1,
        firstMeeting: '2027-12-09',
      });
      await clockTo('2027-12-09T12:00:00Z');
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2027-12-20T14:00:00Z');
      await approveTor(handle, 'council');
      await clockTo('2027-12-24T11:00:00Z');
      await approveTor(handle, 'nhs');
      await stageIs(handle, 'awaiting-review', 1);

      // Twelve months on is 24 December 2028, a Sunday, then Christmas Day and Boxing Day (bank holidays):
      // the review clock (a child workflow) starts the review on the next working day, 27 December, at 09:00.
      expect((await status(handle)).nextDeadline).toBe('2028-12-27T09:00:00.000Z');
      await clockTo('2028-12-27T10:00:00Z');
      await stageIs(handle, 'self-assessment');
      expect(await status(handle)).toMatchObject({
        cycle: 1,
        // 20 working days from the start, skipping New Year's Day 2029.
        review: {
          cycle: 1,
          due: '2028-12-24',
          startsOn: '2028-12-27',
          selfAssessmentDeadline: '2029-01-25',
          received: [],
          outstanding: MEMBER_IDS,
        },
        nextDeadline: '2029-01-26T00:00:00.000Z',
        waitingFor: 'self-assessments from 6 of 6 members',
      });
      expect(await refusal(assess(handle, 'cllr-zed-unknown', 4))).toBe(
        'member: "cllr-zed-unknown" is not a member of Southampton Joint Commissioning Board',
      );
      expect(await refusal(assess(handle, 'cllr-ada-shaw', 6))).toBe(
        'invalid self-assessment: rating: must be from 1 to 5',
      );
      expect(await refusal(respond(handle, 'council', 'continue'))).toBe(
        'no review report is before the parent bodies now (stage: self-assessment)',
      );
      await clockTo('2029-01-03T10:00:00Z');
      const ratings = [5, 4, 4, 3, 4];
      for (const [i, rating] of ratings.entries())
        await assess(
          handle,
          MEMBER_IDS[i]!,
          rating,
          i === 0 ? 'Decisions come faster since the s75 pool' : '',
        );
      expect(await refusal(assess(handle, 'cllr-ada-shaw', 2))).toBe(
        'Cllr Ada Shaw has already sent a self-assessment for review 1',
      );
      expect((await status(handle)).review).toMatchObject({
        received: MEMBER_IDS.slice(0, 5),
        outstanding: ['finn-hughes'],
      });
      expect(await assess(handle, 'finn-hughes', 2)).toEqual({ received: 6, outstanding: [] });
      // Every member has answered: the report goes at once, without waiting for the deadline.
      await stageIs(handle, 'awaiting-review-outcome');

      expect(await refusal(respond(handle, 'nhs', 'continue', { by: CLERK.council }))).toBe(
        `by: only the clerk to Southampton City CCG Governing Body may record its response; ${CLERK.council} is not that clerk`,
      );
      await clockTo('2029-02-08T10:00:00Z');
      expect(await respond(handle, 'council', 'continue')).toEqual({ council: 'continue', nhs: 'pending' });
      expect(await refusal(respond(handle, 'council', 'dissolve'))).toBe(
        'Cabinet of Southampton City Council has already responded to review 1 (continue)',
      );
      await clockTo('2029-02-15T10:00:00Z');
      await respond(handle, 'nhs', 'continue');

      // Continue-as-new: a new run of board/southampton-jcb for cycle 2, with the state it needs and no more.
      await stageIs(handle, 'awaiting-review', 2);
      const description = await handle.describe();
      expect(description.runId).not.toBe(handle.firstExecutionRunId);
      // The search attributes are set again by the new run.
      expect(description.typedSearchAttributes.get(SA.board)).toBe('southampton-jcb');
      expect(description.typedSearchAttributes.get(SA.process)).toBe('board');
      expect(description.typedSearchAttributes.get(SA.stage)).toBe('awaiting-review');
      expect(description.typedSearchAttributes.get(SA.waitingFor)).toBe('timer');
      expect(description.typedSearchAttributes.get(SA.nextDeadline)?.toISOString()).toBe(
        '2029-12-24T09:00:00.000Z',
      );
      const cycle2 = await status(handle);
      expect(cycle2).toMatchObject({
        process: 'board',
        cycle: 2,
        establishedOn: '2027-12-24',
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
        review: { cycle: 2, due: '2029-12-24' },
        nextDeadline: '2029-12-24T09:00:00.000Z',
      });
      expect(cycle2.steps.map((s) => s.kind)).toEqual(['review-scheduled']);
      expect((await env().client.workflow.getHandle('review/southampton-jcb/2').describe()).status.name).toBe(
        'RUNNING',
      );

      const firstRun = env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId);
      const firstRunEvents = await historyOf(firstRun, 'board establishment + review cycle 1 (first run)');
      expect(firstRunEvents.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
      expect(firstRunEvents.length).toBeLessThan(300);
      const secondRunEvents = await historyOf(handle, 'board cycle 2 (second run, running)');
      expect(secondRunEvents.length).toBeLessThan(30);

      const refused = entries.filter((e) => e.kind === 'action-refused');
      expect(refused.map((e) => [e.key.step, e.data])).toEqual([
        [
          'cycle-1/refused/1',
          expect.objectContaining({ action: 'submitSelfAssessment', actor: 'cllr-zed-unknown' }),
        ],
        [
          'cycle-1/refused/2',
          expect.objectContaining({ action: 'decideReviewOutcome', actor: CLERK.council }),
        ],
      ]);
      const cycle1 = entries.filter((e) => e.key.step.startsWith('cycle-1/') && e.kind !== 'action-refused');
      expect(cycle1.map((e) => e.kind)).toEqual([
        's75-review',
        'review-report',
        'review-outcome-decision',
        'review-outcome-decision',
        'review-completed',
      ]);
      const s75 = cycle1[0]!.data as { schemes: { id: string }[]; totalGbp: number };
      expect(s75.schemes).toHaveLength(10);
      expect(s75.totalGbp).toBe(105_196_000); // southampton-2017 ¶24: £105,196k across 10 schemes
      expect(cycle1[1]!.data).toMatchObject({
        cycle: 1,
        reviewDue: '2028-12-24',
        responses: 6,
        members: 6,
        averageRating: 3.67,
        ratings: { '1': 0, '2': 1, '3': 1, '4': 3, '5': 1 },
        missing: [],
        comments: [{ member: 'cllr-ada-shaw', comments: 'Decisions come faster since the s75 pool' }],
      });
      expect(cycle1[4]!.data).toMatchObject({
        cycle: 1,
        reviewDue: '2028-12-24',
        completedOn: '2029-02-15',
        outcome: 'continue',
      });
      expect(
        entries.filter((e) => e.key.workflowId === 'review/southampton-jcb/1').map((e) => e.kind),
      ).toEqual(['review-scheduled', 'review-reminder', 'review-reminder', 'review-started']);

      const p2 = notifications
        // In the order they were sent: the child's review-started comes before the board goes on.
        .filter((n) => n.key.workflowId === 'review/southampton-jcb/1' || n.key.step.startsWith('cycle-1/'));
      expect(p2.map((n) => [n.kind, n.sentAt])).toEqual([
        // Reminders on the last working day on or before 28 and 7 days ahead (both dates are Sundays).
        ['review-reminder', '2028-11-24T09:00'],
        ['review-reminder', '2028-12-15T09:00'],
        ['review-started', '2028-12-27T09:00'],
        ['s75-review', '2028-12-27T09:00'],
        ['self-assessment-required', '2028-12-27T09:00'],
        ['review-report', '2029-01-03T10:00'],
        ['review-completed', '2029-02-15T10:00'],
      ]);
      expect(p2.find((n) => n.kind === 'self-assessment-required')).toMatchObject({ deadline: '2029-01-25' });
      expect(p2.find((n) => n.kind === 'review-report')!.recipients.map((r) => r.email)).toEqual([
        CLERK.council,
        CLERK.nhs,
      ]);
      await handle.terminate('test finished');
    });
  });

  it('amend-tor: the report goes after the self-assessment deadline, then a revised ToR both approve, then cycle 2 under the new hash', async () => {
    await clockTo('2028-03-01T10:00:00Z');
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 1,
        establishedOn: '2027-04-20',
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
      });
      // Review due 20 April 2028, 09:00 BST (08:00 UTC).
      await clockTo('2028-04-20T12:00:00Z');
      await stageIs(handle, 'self-assessment');
      await assess(handle, 'cllr-ada-shaw', 4);
      await assess(handle, 'dr-dev-patel', 3);
      // 20 working days (early May bank holiday, 1 May 2028, excluded): 19 May 2028, to the end of the day BST.
      expect((await status(handle)).nextDeadline).toBe('2028-05-19T23:00:00.000Z');
      await clockTo('2028-05-20T10:00:00Z');
      await stageIs(handle, 'awaiting-review-outcome');
      expect(entries.find((e) => e.kind === 'review-report')!.data).toMatchObject({
        responses: 2,
        averageRating: 3.5,
        missing: ['cllr-ben-okafor', 'cllr-cara-lewis', 'dr-eve-morgan', 'finn-hughes'],
        reportOn: '2028-05-20',
      });
      expect(await refusal(assess(handle, 'finn-hughes', 3))).toBe(
        'self-assessments are not being collected now (stage: awaiting-review-outcome)',
      );

      expect(await refusal(respond(handle, 'council', 'amend-tor'))).toBe(
        'invalid review outcome: comments: amend-tor must say what to amend',
      );
      await respond(handle, 'council', 'amend-tor', {
        comments: 'Bring the joint equipment service into scope',
      });
      await respond(handle, 'nhs', 'continue');
      await stageIs(handle, 'revision-requested');
      const revise = (text: string) =>
        handle.executeUpdate(reviseTermsOfReferenceUpdate, { args: [{ text, by: DEMOCRATIC_SERVICES }] });
      // The text in force is only known by its hash after continue-as-new; the identical text is still refused.
      expect(await refusal(revise(TOR_V1))).toBe(
        'the revised text is identical to version 1; it must make the amendments asked for',
      );
      await clockTo('2028-06-01T10:00:00Z');
      expect(await revise(TOR_V2)).toEqual({ version: 2, contentHash: sha256(TOR_V2) });
      await stageIs(handle, 'awaiting-tor-approval');
      await clockTo('2028-06-08T10:00:00Z');
      await approveTor(handle, 'council');
      await approveTor(handle, 'nhs');

      await stageIs(handle, 'awaiting-review', 2);
      expect(await status(handle)).toMatchObject({
        cycle: 2,
        establishedOn: '2027-04-20',
        termsOfReference: { version: 2, contentHash: sha256(TOR_V2) },
        // Counted from the last review's due date, not from the day the amendment was approved.
        review: { due: '2029-04-20' },
      });
      expect(entries.filter((e) => e.key.workflowId === WORKFLOW_ID).map((e) => e.key.step)).toEqual([
        'cycle-1/s75-review',
        'cycle-1/review-report',
        'cycle-1/review-outcome-decision/council',
        'cycle-1/review-outcome-decision/nhs',
        'cycle-1/review-completed',
        'cycle-1/tor-amendment-requested/v1',
        'cycle-1/tor-revised/v2',
        'cycle-1/tor-sent/v2',
        'cycle-1/tor-decision/v2/council',
        'cycle-1/tor-decision/v2/nhs',
        'cycle-1/tor-approved/v2',
      ]);
      expect(entries.find((e) => e.kind === 'review-completed')!.data).toMatchObject({
        outcome: 'amend-tor',
      });
      expect(entries.find((e) => e.kind === 'tor-approved')!.data).toMatchObject({
        version: 2,
        contentHash: sha256(TOR_V2),
        approvedOn: '2028-06-08',
      });
      expect(notifications.find((n) => n.kind === 'tor-amended')).toMatchObject({
        sentAt: '2028-06-08T10:00',
        facts: { version: 2, contentHash: sha256(TOR_V2) },
      });
      await historyOf(
        env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId),
        'board amend-tor cycle (first run)',
      );
      await handle.terminate('test finished');
    });
  });

  it('dissolve: both parent bodies dissolve the board after its third review; the process ends as dissolved', async () => {
    await clockTo('2028-05-01T10:00:00Z');
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 3,
        establishedOn: '2025-06-30',
        termsOfReference: { version: 3, contentHash: sha256(TOR_V2) },
        lastReviewOn: '2027-06-30',
      });
      expect((await status(handle)).review).toMatchObject({ cycle: 3, due: '2028-06-30' });
      await clockTo('2028-06-30T12:00:00Z');
      await stageIs(handle, 'self-assessment');
      for (const member of MEMBER_IDS) await assess(handle, member, 2);
      await stageIs(handle, 'awaiting-review-outcome');
      await clockTo('2028-07-13T10:00:00Z');
      await respond(handle, 'council', 'dissolve', {
        comments: 'Functions move to the integrated care partnership',
      });
      await respond(handle, 'nhs', 'dissolve');
      const result = await handle.result();
      expect(result).toEqual<BoardResult>({
        boardId: 'southampton-jcb',
        status: 'dissolved',
        on: '2028-07-13',
        cycle: 3,
        termsOfReference: { version: 3, contentHash: sha256(TOR_V2) },
      });
      expect((await status(handle)).stage).toBe('dissolved');
      expect(entries.filter((e) => e.key.workflowId === WORKFLOW_ID).map((e) => e.kind)).toEqual([
        's75-review',
        'review-report',
        'review-outcome-decision',
        'review-outcome-decision',
        'review-completed',
        'board-dissolved',
      ]);
      expect(entries.at(-1)).toMatchObject({
        key: { step: 'cycle-3/board-dissolved' },
        data: { dissolvedOn: '2028-07-13' },
      });
      // The register validates these kinds' data: the entries must pass its schemas.
      for (const kind of ['review-completed', 'board-dissolved'] as const) {
        expect(kindSchemas[kind].safeParse(entries.find((e) => e.kind === kind)!.data).error).toBeUndefined();
      }
      const dissolved = notifications.find((n) => n.kind === 'board-dissolved')!;
      expect(dissolved.recipients).toHaveLength(so.members.length + 2 + 1);
      expect((await env().client.workflow.getHandle('review/southampton-jcb/3').describe()).status.name).toBe(
        'COMPLETED',
      );
      const events = await historyOf(handle, 'board dissolve (cycle 3 run)');
      expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    });
  });

  it('extend-delegation: a lone dissolve does not dissolve; the response deadline escalates; the extension is recorded; cycle 2 follows', async () => {
    await clockTo('2028-09-01T10:00:00Z');
    await withDouble('board-review', async ({ notifications, entries }, taskQueue) => {
      const handle = await startEstablished(taskQueue, {
        cycle: 1,
        establishedOn: '2027-10-04',
        termsOfReference: { version: 1, contentHash: sha256(TOR_V1) },
      });
      // No self-assessments at all: the report goes when the deadline passes (1 November 2028, end of day GMT).
      await clockTo('2028-11-02T10:00:00Z');
      await stageIs(handle, 'awaiting-review-outcome');
      expect(entries.find((e) => e.kind === 'review-report')!.data).toMatchObject({
        responses: 0,
        averageRating: null,
        missing: MEMBER_IDS,
      });
      expect(await refusal(respond(handle, 'council', 'extend-delegation'))).toBe(
        'invalid review outcome: extension: extend-delegation must say what is extended',
      );
      await respond(handle, 'council', 'extend-delegation', {
        extension: 'Joint posts and financial alignment of the carers budgets',
      });
      expect((await status(handle)).nextDeadline).toBe('2029-02-03T00:00:00.000Z');
      // Three months pass without the NHS body's response: both chief executives are told.
      await clockTo('2029-02-05T10:00:00Z');
      await stageIs(handle, 'escalated');
      expect(notifications.find((n) => n.kind === 'escalated')).toMatchObject({
        key: { step: 'cycle-1/escalated/review-outcome' },
        sentAt: '2029-02-03T00:00',
        facts: { council: 'extend-delegation', nhs: 'pending' },
      });
      await respond(handle, 'nhs', 'dissolve');
      await stageIs(handle, 'awaiting-review', 2);
      expect(entries.find((e) => e.kind === 'review-completed')!.data).toMatchObject({
        outcome: 'extend-delegation',
        summary:
          'Cabinet of Southampton City Council: extend-delegation; Southampton City CCG Governing Body: dissolve',
      });
      expect(entries.find((e) => e.kind === 'delegation-extended')!.data).toMatchObject({
        cycle: 1,
        extensions: [
          {
            body: 'council',
            extension: 'Joint posts and financial alignment of the carers budgets',
            by: CLERK.council,
          },
        ],
      });
      expect(entries.map((e) => e.kind)).not.toContain('board-dissolved');
      await historyOf(
        env().client.workflow.getHandle(WORKFLOW_ID, handle.firstExecutionRunId),
        'board extend-delegation with escalation (first run)',
      );
      await handle.terminate('test finished');
    });
  });
});
