import {
  THURSDAY,
  TUESDAY,
  addDays,
  anchorDay,
  at,
  firstDay,
  noBankHolidayBetween,
  presetFrom,
  quietDay,
  yearOf,
} from '../support/dates';
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
import { easterSunday } from '../../governance/bank-holidays';
import { civilDateParts, daysBetween, londonCivilDate, nthWeekdayOfMonth } from '../../governance/civil-date';
import { resolveStandingOrders } from '../../governance/standing-orders';
import {
  MEETING,
  NEXT_MEETING,
  decisionHarness,
  everyoneFor,
  item,
  meetingAfter,
  southampton,
} from '../support/decision-harness';

/** Democratic services of the Southampton preset: records scrutiny outcomes, reconsiderations and escalations. */
const OFFICER = 'democratic.services@southampton.example.org';

const osMembers = southampton.overviewAndScrutiny.members.map((m) => m.id);
const against = (partner: string) =>
  southampton.members.map((m) => ({
    member: m.id,
    vote: (m.partner === partner ? 'against' : 'for') as 'for' | 'against',
  }));
const minute = (iso: string) => iso.slice(0, 16);

/**
 * The call-in case crosses Easter: the first Southampton meeting (2nd Thursday) at least 8 weeks ahead
 * whose call-in, lodged the next day (a Friday), has Good Friday and Easter Monday among the 15 working
 * days O&S has to meet on it, with no other bank holiday from the meeting to that deadline. Three weeks
 * of working days would end on the third Friday after the call-in; the two holidays push the deadline on
 * to the Tuesday after it (call-in + 25 days).
 */
const EASTER_MEETING = firstDay(addDays(anchorDay(), 56), (d) => {
  const { year, month } = civilDateParts(d);
  if (d !== nthWeekdayOfMonth(year, month, THURSDAY, 2)) return false;
  const callIn = addDays(d, 1);
  const goodFriday = addDays(easterSunday(yearOf(d)), -2);
  const easterMonday = addDays(goodFriday, 3);
  return (
    [7, 14].includes(daysBetween(callIn, goodFriday)) &&
    noBankHolidayBetween(d, addDays(goodFriday, -1)) &&
    noBankHolidayBetween(addDays(easterMonday, 1), addDays(callIn, 25))
  );
});
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
    await h.until(at(MEETING, '10:00'));
    expect((await h.status(handle)).stage).toBe('voting');
    await h.vote(handle, everyoneFor);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'implemented', meetingDate: MEETING, deferrals: 0 });
    // The call-in window's five working days after the meeting (a Thursday): Friday, then Monday to Thursday.
    const windowEnds = addDays(MEETING, 7);
    const implementableFrom = addDays(MEETING, 8);
    expect(await timerLabels(handle)).toEqual([
      `Publish the agenda for ${MEETING}`,
      `Meeting of Southampton Joint Commissioning Board, ${MEETING}`,
      `Votes counted at the end of the meeting day ${MEETING}`,
      `Call-in window closes ${windowEnds}`,
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
    const when = (kind: string) => minute(h.entries.find((e) => e.kind === kind)!.at);
    // 5 clear working days before the Thursday meeting: the Thursday and Friday of the week before and the
    // Monday to Wednesday of its own week (no bank holiday near), so publish on the Wednesday before, at 09:00.
    expect(when('agenda-published')).toBe(minute(at(addDays(MEETING, -8), '09:00')));
    // Published on the meeting day (voted before the 17:00 cut-off); window Friday and Monday to Thursday;
    // implementable from the Friday a week after the meeting, at midnight.
    expect(h.entries.find((e) => e.kind === 'decision-published')!.data).toMatchObject({
      published: MEETING,
      callIn: { windowEnds, implementableFrom },
      specialUrgency: false,
    });
    expect(when('implemented')).toBe(minute(at(implementableFrom, '00:00')));
    const agenda = h.notifications.find((n) => n.kind === 'agenda-published')!;
    expect(agenda.recipients.map((r) => r.email).sort()).toEqual(
      southampton.members.map((m) => m.email).sort(),
    );
    expect(agenda.invite).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: at(MEETING, '10:00'),
    });
    // The item asked its meeting to list it; with no meeting process here to list it, it gave its own
    // agenda notice above (decision.meeting.time-skipping.test.ts has the meeting's side).
    expect(h.listings.map((l) => [l.meeting.date, l.item.ref, l.item.decision])).toEqual([
      [MEETING, '2027-014', handle.workflowId],
    ]);
    expect((await h.status(handle)).steps.map((s) => s.kind)).toContain('meeting-not-joined');
  });

  it('refuses votes from non-members, before the meeting day, twice, or after a declared interest; audits the refusals on authority only', async () => {
    const handle = await h.start(item());
    // The Friday before the meeting: the agenda is out (Wednesday), the meeting is not yet.
    await h.until(at(addDays(MEETING, -6), '12:00'));
    const refused = (update: Promise<unknown>) => expect(update).rejects.toThrow(WorkflowUpdateFailedError);
    await refused(handle.executeUpdate(voteUpdate, { args: [{ member: 'cllr-ada-shaw', vote: 'for' }] }));
    await h.until(at(MEETING, '09:30'));
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
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, against('nhs'));
    await h.until(at(addDays(MEETING, 1), '09:00'));
    expect(await h.status(handle)).toMatchObject({ stage: 'awaiting-agenda-publication' });
    // Deferred to the board's next meeting, the 2nd Thursday of the following month.
    expect(h.entries.find((e) => e.kind === 'deferred')!.data).toMatchObject({
      meeting: MEETING,
      nextMeeting: NEXT_MEETING,
      deferrals: 1,
    });
    await h.until(at(NEXT_MEETING, '10:00'));
    await h.vote(handle, against('council'));
    await h.until(at(addDays(NEXT_MEETING, 1), '10:00'));
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
    expect(result).toMatchObject({ status: 'implemented', deferrals: 2, meetingDate: NEXT_MEETING });
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
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, against('nhs'));
    await h.until(at(NEXT_MEETING, '10:00'));
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
    // Lodged the day after the meeting (a Friday); its 15 working days cross Easter (EASTER_MEETING above).
    const callInDay = addDays(EASTER_MEETING, 1);
    const scrutinyMeetingBy = addDays(callInDay, 25);
    const handle = await h.start(
      item({ meetingDate: EASTER_MEETING, standingOrders: presetFrom('southampton-jcb', EASTER_MEETING) }),
    );
    await h.until(at(EASTER_MEETING, '10:00'));
    await h.vote(handle, everyoneFor);
    await h.until(at(callInDay, '10:00'));
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
    await h.until(at(addDays(EASTER_MEETING, 5), '10:00'));
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
    await h.until(at(addDays(EASTER_MEETING, 6), '10:00'));
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
      received: callInDay,
      scrutinyMeetingBy,
    });
    expect(await timerLabels(handle)).toContain(`O&S to meet on the call-in by ${scrutinyMeetingBy}`);
  });

  it('a call-in after the window closes is refused and the decision is implemented', async () => {
    const handle = await h.start(item());
    await h.until(at(MEETING, '10:00'));
    await h.vote(handle, everyoneFor);
    // The window ended on the Thursday a week after the meeting: this is the Friday after it.
    await h.until(at(addDays(MEETING, 8), '10:00'));
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
    await h.until(at(meetingDate, '10:00'));
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
    // A special meeting the day before one of the board's own: too late for notice there, and at the board's
    // meeting the next day too. Taken from the board's calendar, so it holds on any day the test runs (started
    // three days ahead of it, on the clock moved to there).
    const today = londonCivilDate(await h.env.currentTimeMs());
    const boardMeeting = southampton.meetings.find((m) => daysBetween(today, m) >= 4)!;
    await h.until(at(addDays(boardMeeting, -4), '09:00'));
    const handle = await h.start(item({ meetingDate: addDays(boardMeeting, -1), ref: '2027-015' }));
    await h.until(new Date((await h.env.currentTimeMs()) + 5 * 86_400_000).toISOString());
    const status = await h.status(handle);
    expect(h.entries.find((e) => e.kind === 'deferred')!.data.reason).toContain(
      'did not agree to special urgency',
    );
    expect(status.stage).not.toBe('awaiting-urgency-consent');
    await handle.executeUpdate(withdrawUpdate, {
      args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'Superseded' }],
    });
    // The result counts the meetings the item was not decided at before the withdrawal (it used to say none):
    // deferred from the first, and not decided at the next either, which reached the limit and escalated it.
    expect(await handle.result()).toMatchObject({ status: 'withdrawn', deferrals: 2 });
    expect(h.kinds()).toEqual(['classified', 'deferred', 'escalated', 'withdrawn']);
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
    // The first Wiltshire meeting (3rd Tuesday) 8 weeks ahead with no bank holiday 5 weeks either side.
    const meetingDate = quietDay({ weekday: TUESDAY, where: (d) => wiltshire.meetings.includes(d) });
    const handle = await h.start(
      item({
        ref: '2027-031',
        standingOrders: wiltshire,
        topic: 'older people',
        amountGbp: 300_000,
        meetingDate,
      }),
    );
    await h.until(at(meetingDate, '10:00'));
    await h.vote(
      handle,
      wiltshire.members.filter((m) => m.voting).map((m) => ({ member: m.id, vote: 'for' as const })),
    );
    await h.until(at(addDays(meetingDate, 1), '10:00'));
    expect(await h.status(handle)).toMatchObject({ stage: 'awaiting-parent-bodies' });
    // Nothing on the board's side waits for a withdrawal now: it is refused, not answered "withdrawn".
    const refused = await handle
      .executeUpdate(withdrawUpdate, {
        args: [{ by: 'commissioning.lead@southampton.example.org', reason: 'Changed our minds' }],
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
      'the recommendation is with both parent bodies, who decide it in their own process; it is no longer the board’s to withdraw',
    );
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
    await h.until(at(MEETING, '10:00'));
    await h.vote(first, everyoneFor);
    expect((await first.result()).status).toBe('implemented');
    const second = await h.start(
      item({
        ref: '2027-041',
        topic: 'carers support',
        schemeId: 'carers',
        amountGbp: 800_000,
        // Two meetings on: the second item is checked against the pool as it starts.
        meetingDate: meetingAfter(NEXT_MEETING),
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
    await h.until(at(MEETING, '10:00'));
    await h.vote(
      handle,
      everyoneFor.map((v) => (v.member === 'cllr-cara-lewis' ? { ...v, vote: 'abstain' as const } : v)),
    );
    const result = await handle.result();
    expect(result.status).toBe('referred');
    expect(result.reasons[0]).toBe('referred to Cabinet');
  });
});
