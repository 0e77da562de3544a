import { anchorDay } from '../support/dates';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callInUpdate,
  declareInterestUpdate,
  escalationResolutionUpdate,
  recommendationWorkflowId,
  recordParentDecisionUpdate,
  reconsiderationUpdate,
  scrutinyOutcomeUpdate,
  urgencyConsentUpdate,
  voteUpdate,
  withdrawUpdate,
} from '../../definitions';
import { addDays, londonCivilDate } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import { decisionHarness, everyoneFor, item, southampton } from '../support/decision-harness';

/** Democratic services of the Southampton preset: records scrutiny outcomes, reconsiderations and escalations. */
const OFFICER = 'democratic.services@southampton.example.org';

const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);
const against = (partner: string) =>
  southampton.members.map((m) => ({
    member: m.id,
    vote: (m.partner === partner ? 'against' : 'for') as 'for' | 'against',
  }));
const minute = (iso: string) => iso.slice(0, 16);
/** The labels of a decision's timers, as the Web UI's timeline shows them: a manager sees what each wait is for. */
async function timerLabels(handle: WorkflowHandle): Promise<string[]> {
  return ((await handle.fetchHistory()).events ?? []).flatMap((e) =>
    e.timerStartedEventAttributes
      ? [defaultPayloadConverter.fromPayload<string>(e.userMetadata!.summary!)]
      : [],
  );
}

describe('decision (P3, P4) on the time-skipping server', () => {
  let h: Awaited<ReturnType<typeof decisionHarness>>;
  beforeEach(async () => {
    h = await decisionHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('happy path: Forward Plan, agenda 5 clear working days ahead, consensus, publication, call-in window, implemented', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    expect((await h.status(handle)).stage).toBe('voting');
    await h.vote(handle, everyoneFor);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'implemented', meetingDate: '2027-03-11', deferrals: 0 });
    expect(await timerLabels(handle)).toEqual([
      'Publish the agenda for 2027-03-11',
      'Meeting of Southampton Joint Commissioning Board, 2027-03-11',
      'Votes counted at the end of the meeting day 2027-03-11',
      'Call-in window closes 2027-03-18',
    ]);
    expect(h.kinds()).toEqual([
      'classified',
      'forward-plan-published',
      'agenda-published',
      ...everyoneFor.map(() => 'vote-recorded'),
      'meeting-held',
      'consensus-reached',
      'decision-published',
      'call-in-window-closed',
      'implemented',
    ]);
    const at = (kind: string) => minute(h.entries.find((e) => e.kind === kind)!.at);
    // 5 clear working days before Thursday 11 March: 4, 5, 8, 9, 10 March, so publish on Wednesday 3 March.
    expect(at('agenda-published')).toBe('2027-03-03T09:00');
    // Published 11 March; window 12, 15, 16, 17, 18 March; implementable from Friday 19 March.
    expect(h.entries.find((e) => e.kind === 'decision-published')!.data).toMatchObject({
      published: '2027-03-11',
      callIn: { windowEnds: '2027-03-18', implementableFrom: '2027-03-19' },
      specialUrgency: false,
    });
    expect(at('implemented')).toBe('2027-03-19T00:00');
    const agenda = h.notifications.find((n) => n.kind === 'agenda-published')!;
    expect(agenda.recipients.map((r) => r.email).sort()).toEqual(
      southampton.members.map((m) => m.email).sort(),
    );
    expect(agenda.invite).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: '2027-03-11T10:00:00.000Z',
    });
  });

  it('refuses votes from non-members, before the meeting day, twice, or after a declared interest; audits the refusals on authority only', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-05T12:00:00Z');
    const refused = (update: Promise<unknown>) => expect(update).rejects.toThrow(WorkflowUpdateFailedError);
    await refused(handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ada-shaw', vote: 'for' }] }));
    await h.until('2027-03-11T09:30:00Z');
    await handle.executeUpdate(declareInterestUpdate, {
      args: [{ member: 'finn-hughes', interest: 'employed by a bidder' }],
    });
    const before = await h.status(handle);
    const reasons: string[] = [];
    for (const v of [
      { member: 'not-a-member', vote: 'for' as const },
      { member: 'finn-hughes', vote: 'for' as const },
      { member: 'cllr-ada-shaw', vote: 'maybe' as never },
    ]) {
      const error = await handle
        .executeUpdate(voteUpdate, { args: [v] })
        .catch((e: WorkflowUpdateFailedError) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      reasons.push((error as WorkflowUpdateFailedError).cause?.message ?? '');
    }
    expect(reasons[0]).toContain('member: "not-a-member" is not a member of Southampton');
    expect(reasons[1]).toContain('declared an interest and may not vote');
    expect(reasons[2]).toContain('vote:');
    await handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ada-shaw', vote: 'for' }] });
    await refused(handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ada-shaw', vote: 'against' }] }));
    const after = await h.status(handle);
    expect(after.steps.length).toBe(before.steps.length + 1);
    // The wrong person is audited; a malformed vote, one out of turn or a second vote leave no trace.
    expect(h.entries.filter((e) => e.kind === 'action-refused').map((e) => [e.key.step, e.data])).toEqual([
      ['refused/1', { action: 'vote', actor: 'not-a-member', reason: reasons[0] }],
      ['refused/2', { action: 'vote', actor: 'finn-hughes', reason: reasons[1] }],
    ]);
    await h.vote(
      handle,
      everyoneFor.filter((v) => !['cllr-ada-shaw', 'finn-hughes'].includes(v.member)),
    );
    const result = await handle.result();
    expect(result.status).toBe('implemented');
    const consensus = h.entries.find((e) => e.kind === 'consensus-reached')!;
    expect(consensus.data).toMatchObject({ perPartner: { nhs: { excludedForInterest: 1, for: 2 } } });
  });

  it('deferral then escalation: no consensus twice, the chief executives agree, then call-in and implementation', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(handle, against('nhs'));
    await h.until('2027-03-12T09:00:00Z');
    expect(await h.status(handle)).toMatchObject({ stage: 'awaiting-agenda-publication' });
    expect(h.entries.find((e) => e.kind === 'deferred')!.data).toMatchObject({
      meeting: '2027-03-11',
      nextMeeting: '2027-04-08',
      deferrals: 1,
    });
    await h.until('2027-04-08T10:00:00Z');
    await h.vote(handle, against('council'));
    await h.until('2027-04-09T10:00:00Z');
    expect(await h.status(handle)).toMatchObject({ stage: 'escalated' });
    // Southampton's ladder (¶18): the chief executives first, then both parent bodies.
    expect(h.notifications.find((n) => n.kind === 'escalated')!.recipients.map((r) => r.role)).toEqual([
      'chief-executive',
      'chief-executive',
    ]);
    const wrongStep = await handle
      .executeUpdate(escalationResolutionUpdate, {
        args: [{ by: OFFICER, step: 'parent-bodies', outcome: 'agreed' }],
      })
      .catch((e: WorkflowUpdateFailedError) => e);
    expect((wrongStep as WorkflowUpdateFailedError).cause?.message).toContain(
      'is with the chief-executives step',
    );
    await handle.executeUpdate(escalationResolutionUpdate, {
      args: [
        { by: OFFICER, step: 'chief-executives', outcome: 'agreed', resolution: 'Phased contract agreed' },
      ],
    });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'implemented', deferrals: 2, meetingDate: '2027-04-08' });
    expect(
      h
        .kinds()
        .filter((k) =>
          ['no-consensus', 'deferred', 'escalated', 'escalation-resolved', 'decision-published'].includes(k),
        ),
    ).toEqual([
      'no-consensus',
      'deferred',
      'no-consensus',
      'escalated',
      'escalation-resolved',
      'decision-published',
    ]);
    // The second agenda is a new version of the same meeting invite.
    const invites = h.notifications.filter((n) => n.kind === 'agenda-published').map((n) => n.invite);
    expect(invites.map((i) => [i?.uid, i?.sequence])).toEqual([
      ['southampton-jcb-2027-014-meeting@govflow', 0],
      ['southampton-jcb-2027-014-meeting@govflow', 1],
    ]);
  });

  it('runs the whole escalation ladder when nobody resolves it, ending escalated', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(handle, against('nhs'));
    await h.until('2027-04-08T10:00:00Z');
    await h.vote(handle, against('nhs'));
    const result = await handle.result();
    expect(result.status).toBe('escalated');
    expect(h.entries.filter((e) => e.kind === 'escalated').map((e) => e.data.step)).toEqual([
      'chief-executives',
      'parent-bodies',
    ]);
    expect(
      h.notifications.find((n) => n.key.step === 'escalated/parent-bodies')!.recipients.map((r) => r.role),
    ).toEqual(['parent-body-clerk', 'parent-body-clerk']);
    expect(h.kinds().at(-1)).toBe('escalation-exhausted');
    expect((await timerLabels(handle)).filter((l) => l.startsWith('Escalation'))).toEqual([
      expect.stringMatching(/^Escalation: the chief-executives step to resolve it by \d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^Escalation: the parent-bodies step to resolve it by \d{4}-\d{2}-\d{2}$/),
    ]);
  });

  it('call-in referred back and rescinded; signatories, membership, timing and the recording officer are validated', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(handle, everyoneFor);
    await h.until('2027-03-12T10:00:00Z');
    const tooFew = await handle
      .executeUpdate(callInUpdate, { args: [{ members: osMembers.slice(0, 2), grounds: 'x' }] })
      .catch((e: WorkflowUpdateFailedError) => e);
    expect((tooFew as WorkflowUpdateFailedError).cause?.message).toContain(
      'a call-in needs 5 O&S members; it has 2',
    );
    const stranger = await handle
      .executeUpdate(callInUpdate, {
        args: [{ members: [...osMembers.slice(0, 4), 'cllr-ada-shaw'], grounds: 'x' }],
      })
      .catch((e: WorkflowUpdateFailedError) => e);
    expect((stranger as WorkflowUpdateFailedError).cause?.message).toContain(
      'not members of Overview and Scrutiny',
    );
    await handle.executeUpdate(callInUpdate, {
      args: [{ members: osMembers.slice(0, 5), grounds: 'The consultation did not include carers.' }],
    });
    await h.until('2027-03-16T10:00:00Z');
    expect(await h.status(handle)).toMatchObject({ stage: 'called-in' });
    const notTheOfficer = await handle
      .executeUpdate(scrutinyOutcomeUpdate, {
        args: [{ by: 'commissioning.lead@southampton.example.org', outcome: 'no-further-action' }],
      })
      .catch((e: WorkflowUpdateFailedError) => e);
    expect((notTheOfficer as WorkflowUpdateFailedError).cause?.message).toBe(
      `by: only democratic services (${OFFICER}) may record the scrutiny outcome; commissioning.lead@southampton.example.org is not that officer`,
    );
    expect(await h.status(handle)).toMatchObject({ stage: 'called-in' });
    await handle.executeUpdate(scrutinyOutcomeUpdate, {
      args: [{ by: OFFICER, outcome: 'refer-back', reasons: 'Consult carers first' }],
    });
    await h.until('2027-03-17T10:00:00Z');
    await handle.executeUpdate(reconsiderationUpdate, {
      args: [
        { by: OFFICER, outcome: 'rescind', reasons: 'The board will consult carers and bring a new report.' },
      ],
    });
    const result = await handle.result();
    expect(result.status).toBe('rescinded');
    expect(h.entries.filter((e) => e.kind === 'action-refused').map((e) => e.data)).toEqual([
      expect.objectContaining({
        action: 'lodgeCallIn',
        actor: [...osMembers.slice(0, 4), 'cllr-ada-shaw'].join(', '),
      }),
      expect.objectContaining({
        action: 'recordScrutinyOutcome',
        actor: 'commissioning.lead@southampton.example.org',
      }),
    ]);
    expect(
      h
        .kinds()
        .filter((k) => k !== 'action-refused')
        .slice(-5),
    ).toEqual([
      'decision-published',
      'call-in-lodged',
      'scrutiny-outcome',
      'decision-reconsidered',
      'rescinded',
    ]);
    expect(h.entries.find((e) => e.kind === 'call-in-lodged')!.data).toMatchObject({
      received: '2027-03-12',
      scrutinyMeetingBy: '2027-04-06',
    });
    expect(await timerLabels(handle)).toContain('O&S to meet on the call-in by 2027-04-06');
  });

  it('a call-in after the window closes is refused and the decision is implemented', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(handle, everyoneFor);
    await h.until('2027-03-19T10:00:00Z');
    await expect(
      handle.executeUpdate(callInUpdate, { args: [{ members: osMembers.slice(0, 5), grounds: 'late' }] }),
    ).rejects.toThrow();
    expect((await handle.result()).status).toBe('implemented');
  });

  it('special urgency: too late for general exception, the O&S chair agrees, and the decision skips call-in', async () => {
    const today = londonCivilDate(await h.env.currentTimeMs());
    const meetingDate = addDays(today, 3);
    const handle = await h.start(item({ meetingDate }));
    await h.until(new Date((await h.env.currentTimeMs()) + 60_000).toISOString());
    expect(await h.status(handle)).toMatchObject({ stage: 'awaiting-urgency-consent' });
    await expect(
      handle.executeUpdate(urgencyConsentUpdate, { args: [{ by: 'cllr-ada-shaw', reason: 'x' }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    await handle.executeUpdate(urgencyConsentUpdate, {
      args: [
        {
          by: southampton.overviewAndScrutiny.chair.id,
          reason: 'Winter pressures: beds needed before Christmas',
        },
      ],
    });
    await h.until(`${meetingDate}T10:00:00Z`);
    await h.vote(handle, everyoneFor);
    const result = await handle.result();
    expect(result.status).toBe('implemented');
    expect(h.kinds()).not.toContain('call-in-window-closed');
    expect(await timerLabels(handle)).toContain(
      `The O&S chair's consent to special urgency, before the meeting on ${meetingDate}`,
    );
    expect(h.entries.find((e) => e.kind === 'decision-published')!.data).toMatchObject({
      specialUrgency: true,
      callIn: { exempt: true, why: expect.stringContaining('exempt from call-in') },
    });
  });

  it('without urgency consent the item is deferred to the next meeting with fresh notice', async () => {
    const handle = await h.start(
      item({ meetingDate: addDays(londonCivilDate(await h.env.currentTimeMs()), 3), ref: '2027-015' }),
    );
    await h.until(new Date((await h.env.currentTimeMs()) + 5 * 86_400_000).toISOString());
    const status = await h.status(handle);
    expect(h.entries.find((e) => e.kind === 'deferred')!.data.reason).toContain(
      'did not agree to special urgency',
    );
    expect(status.stage).not.toBe('awaiting-urgency-consent');
    await handle.executeUpdate(withdrawUpdate, {
      args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'Superseded' }],
    });
    expect((await handle.result()).status).toBe('withdrawn');
    expect(h.notifications.at(-1)).toMatchObject({ kind: 'withdrawn', invite: { method: 'CANCEL' } });
  });

  it('refers out-of-scope items to the decision maker and items over the spending limit to Cabinet', async () => {
    const outOfScope = await h.start(item({ ref: '2027-020', topic: 'highways maintenance' }));
    expect(await outOfScope.result()).toMatchObject({ status: 'referred' });
    const overLimit = await h.start(item({ ref: '2027-021', amountGbp: 2_500_000 }));
    const result = await overLimit.result();
    expect(result.status).toBe('referred');
    expect(result.reasons[0]).toBe('referred to Cabinet');
    expect(h.entries.filter((e) => e.kind === 'referred').map((e) => e.data.to)).toEqual([
      'the decision maker for this area (noted for information at the board)',
      'Cabinet',
    ]);
  });

  it('a board without delegated power recommends: both parent bodies decide in a child workflow, then it is implemented', async () => {
    const wiltshire = resolveStandingOrders('wiltshire-adult-jcb', anchorDay());
    const handle = await h.start(
      item({
        ref: '2027-031',
        standingOrders: wiltshire,
        topic: 'older people',
        amountGbp: 300_000,
        meetingDate: '2027-03-16',
      }),
    );
    await h.until('2027-03-16T10:00:00Z');
    await h.vote(
      handle,
      wiltshire.members.filter((m) => m.voting).map((m) => ({ member: m.id, vote: 'for' as const })),
    );
    await h.until('2027-03-17T10:00:00Z');
    expect(await h.status(handle)).toMatchObject({ stage: 'awaiting-parent-bodies' });
    const child = h.env.client.workflow.getHandle(
      recommendationWorkflowId('wiltshire-adult-jcb', '2027-031'),
    );
    for (const partner of wiltshire.partners) {
      await child.executeUpdate(recordParentDecisionUpdate, {
        args: [{ partner: partner.id, outcome: 'approve', by: partner.clerk.email }],
      });
    }
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'implemented', reasons: ['approved by both parent bodies'] });
    expect(h.kinds()).not.toContain('decision-published');
  });

  it('checks the pooled budget: a second commitment that would over-commit the scheme is referred', async () => {
    // Carers' support: £1,374,000 in the Southampton s75 pool.
    const first = await h.start(
      item({ ref: '2027-040', topic: 'carers support', schemeId: 'carers', amountGbp: 800_000 }),
    );
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(first, everyoneFor);
    expect((await first.result()).status).toBe('implemented');
    const second = await h.start(
      item({
        ref: '2027-041',
        topic: 'carers support',
        schemeId: 'carers',
        amountGbp: 800_000,
        meetingDate: '2027-05-13',
      }),
    );
    const result = await second.result();
    expect(result.status).toBe('referred');
    expect(result.reasons[1]).toBe(
      '£800,000 would over-commit the Carers pooled budget: £800,000 of £1,374,000 is already committed, leaving £574,000',
    );
  });

  it('refers to Cabinet when the Cabinet members are not unanimous on spending within the limit', async () => {
    const handle = await h.start(item());
    await h.until('2027-03-11T10:00:00Z');
    await h.vote(
      handle,
      everyoneFor.map((v) => (v.member === 'cllr-cara-lewis' ? { ...v, vote: 'abstain' as const } : v)),
    );
    const result = await handle.result();
    expect(result.status).toBe('referred');
    expect(result.reasons[0]).toBe('referred to Cabinet');
  });
});
