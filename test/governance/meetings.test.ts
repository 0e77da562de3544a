import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE_RULES, holidayCalendar } from '../../governance';
import {
  EXCLUSION_RESOLUTION,
  agendaOrder,
  agendaPublicationDay,
  arrangementProblems,
  arrangementsOf,
  agendaPageUrl,
  isLateItem,
  nextMeetingAfter,
  lateItemConsentProblem,
  meetingLocation,
  minutesDraftDue,
  noticeAfterMove,
  quorumForItem,
  votesFromCounts,
} from '../../governance/meetings';
import { tallyVotes } from '../../governance/voting';
import { MEETING_ALLOWED_IN, MEETING_STAGES } from '../../governance/meeting-stages';
import { authorityDigest } from '../../governance/standing-orders/registration';
import { resolveStandingOrders, standingOrdersSchema } from '../../governance/standing-orders';
import type { StandingOrders } from '../../governance/standing-orders/schema';

const ew = holidayCalendar('england-and-wales');
// Standing orders that say nothing of where the board meets (the shipped presets name their venue).
const { meetingArrangements: _usual, ...withoutArrangements } = resolveStandingOrders(
  'southampton-jcb',
  '2027-01-01',
);
const so: StandingOrders = withoutArrangements;
/** Thursday 11 March 2027: no bank holiday for weeks before it; Easter is 26-29 March. */
const MEETING = '2027-03-11';

describe('meeting arrangements', () => {
  it('take the meeting’s own, then the standing orders’, then the defaults', () => {
    expect(arrangementsOf(so)).toEqual({
      startTime: '10:00',
      endTime: '12:00',
      venue: undefined,
      attendance: 'in-person',
      link: undefined,
      publicPagesUrl: undefined,
      minutesDraftWorkingDays: 10,
      votes: 'counted',
    });
    const usual = {
      ...so,
      meetingArrangements: {
        venue: 'Civic Centre',
        startTime: '14:00',
        endTime: '16:00',
        votes: 'named' as const,
      },
    };
    expect(arrangementsOf(usual, { venue: 'Room 2' })).toMatchObject({
      venue: 'Room 2',
      startTime: '14:00',
      votes: 'named',
    });
  });

  it('name what is missing for members to attend', () => {
    expect(arrangementProblems(arrangementsOf(so))).toEqual([
      { field: 'venue', message: 'an in-person meeting needs a venue' },
    ]);
    expect(arrangementProblems(arrangementsOf(so, { attendance: 'hybrid', venue: 'Civic Centre' }))).toEqual([
      { field: 'link', message: 'a hybrid meeting needs a remote meeting link' },
    ]);
    expect(
      arrangementProblems(
        arrangementsOf(so, { venue: 'Civic Centre', startTime: '12:00', endTime: '11:00' }),
      ),
    ).toEqual([{ field: 'endTime', message: 'must be after the start time 12:00' }]);
    const remote = arrangementsOf(so, { attendance: 'remote', link: 'https://meet.example.org/jcb' });
    expect(arrangementProblems(remote)).toEqual([]);
    expect(meetingLocation(remote)).toBe('Remote meeting: https://meet.example.org/jcb');
    expect(
      meetingLocation(
        arrangementsOf(so, { attendance: 'hybrid', venue: 'Civic Centre', link: 'https://m.example/x' }),
      ),
    ).toBe('Civic Centre (or join remotely: https://m.example/x)');
  });

  it('are optional in the standing orders and change no registered board’s digest', () => {
    const before = authorityDigest(so);
    const withArrangements = standingOrdersSchema.parse({
      ...so,
      meetingArrangements: { venue: 'Civic Centre', minutesDraftWorkingDays: 5 },
    });
    expect(withArrangements.meetingArrangements).toEqual({
      venue: 'Civic Centre',
      minutesDraftWorkingDays: 5,
    });
    expect(authorityDigest(withArrangements)).toBe(before);
    expect(standingOrdersSchema.parse(so).meetingArrangements).toBeUndefined();
    const bad = standingOrdersSchema.safeParse({ ...so, meetingArrangements: { attendance: 'zoom' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['meetingArrangements', 'attendance']);
  });
});

describe('where a meeting is found', () => {
  it('has its agenda page on the board’s public site, or on the public pages npm start serves', () => {
    expect(agendaPageUrl('https://democracy.example.gov.uk/', 'southampton-jcb', MEETING)).toBe(
      'https://democracy.example.gov.uk/meetings/southampton-jcb/2027-03-11',
    );
    expect(agendaPageUrl(undefined, 'southampton-jcb', MEETING)).toBe(
      'http://localhost:8080/meetings/southampton-jcb/2027-03-11',
    );
  });

  it('sends deferred items to the board’s next meeting, if its calendar has one', () => {
    expect(nextMeetingAfter(['2027-04-08', '2027-02-11', MEETING], MEETING)).toBe('2027-04-08');
    expect(nextMeetingAfter([MEETING], MEETING)).toBeUndefined();
  });
});

describe('the agenda', () => {
  it('opens with the standing items, then business in order, then exempt items after the exclusion', () => {
    const agenda = agendaOrder([
      { ref: 'A-1', title: 'Exempt contract award', exemptParagraph: 3 },
      { ref: 'A-2', title: 'Carers strategy', exemptParagraph: null },
      { ref: 'A-3', title: 'Winter pressures', exemptParagraph: null, late: { reasons: 'cannot wait' } },
    ]);
    expect(agenda.map((e) => [e.number, e.kind, 'ref' in e ? e.ref : e.title])).toEqual([
      [1, 'standing', 'Apologies for absence'],
      [2, 'standing', 'Declarations of interest'],
      [3, 'standing', 'Minutes of the previous meeting'],
      [4, 'business', 'A-2'],
      [5, 'business', 'A-3'],
      [6, 'exclusion', EXCLUSION_RESOLUTION],
      [7, 'exempt', 'A-1'],
    ]);
    expect(agenda[4]).toMatchObject({ late: true });
    // An exempt item is listed by its paragraph, never its title.
    expect(agenda[6]).toEqual({ number: 7, kind: 'exempt', ref: 'A-1', paragraph: 3, late: false });
  });

  it('has no exclusion resolution without exempt items', () => {
    expect(agendaOrder([{ ref: 'A-2', title: 'Carers', exemptParagraph: null }]).map((e) => e.kind)).toEqual([
      'standing',
      'standing',
      'standing',
      'business',
    ]);
  });

  it('is published on the latest working day with 5 clear working days, and steps back over a holiday', () => {
    expect(agendaPublicationDay(MEETING, DEFAULT_NOTICE_RULES, ew)).toBe('2027-03-03');
    // Tuesday 6 April 2027: Good Friday and Easter Monday are not working days.
    expect(agendaPublicationDay('2027-04-06', DEFAULT_NOTICE_RULES, ew)).toBe('2027-03-25');
  });

  it('takes an item as late once the agenda is out or its day has passed', () => {
    expect(isLateItem('2027-03-03', '2027-03-03', false)).toBe(false);
    expect(isLateItem('2027-03-03', '2027-03-03', true)).toBe(true);
    expect(isLateItem('2027-03-04', '2027-03-03', false)).toBe(true);
  });

  it('needs the chair’s consent, with reasons, for a late item (s100B(4))', () => {
    expect(lateItemConsentProblem(so, undefined)).toMatch(
      /^chairConsent: a late item needs the chair’s consent/,
    );
    expect(
      lateItemConsentProblem(so, { chair: 'dr-dev-patel', reasons: 'the contract ends this month' }),
    ).toMatch(
      /^chairConsent\.chair: only the chair \(.*"cllr-ada-shaw"\) may consent to a late item; "dr-dev-patel" is not the chair$/,
    );
    expect(lateItemConsentProblem(so, { chair: so.chair, reasons: 'urgent' })).toMatch(
      /^chairConsent\.reasons: /,
    );
    expect(
      lateItemConsentProblem(so, { chair: so.chair, reasons: 'the contract ends this month' }),
    ).toBeUndefined();
  });
});

describe('quorum per item, from attendance', () => {
  const present = ['cllr-ada-shaw', 'cllr-ben-okafor', 'dr-dev-patel', 'dr-eve-morgan'];

  it('is met per partner by the voting members present', () => {
    const q = quorumForItem(so, present, []);
    expect(q.quorate).toBe(true);
    expect(q.perPartner).toEqual({
      council: { eligible: 2, required: 2, met: true },
      nhs: { eligible: 2, required: 2, met: true },
    });
  });

  it('counts without the members who declared an interest in the item, who leave for it', () => {
    const q = quorumForItem(so, present, ['cllr-ada-shaw']);
    expect(q.quorate).toBe(false);
    expect(q.perPartner.council).toEqual({ eligible: 1, required: 2, met: false });
    expect(q.reasons).toEqual([expect.stringMatching(/inquorate: 1 voting member\(s\) present .* quorum 2/)]);
  });
});

describe('hands counted per partner', () => {
  const present = ['cllr-ada-shaw', 'cllr-ben-okafor', 'cllr-cara-lewis', 'dr-dev-patel', 'dr-eve-morgan'];

  it('are counted by the voting rule as named votes would be', () => {
    const counted = votesFromCounts(so, present, [], {
      council: { for: 2, against: 1, abstain: 0 },
      nhs: { for: 1, against: 1, abstain: 0 },
    });
    expect('votes' in counted).toBe(true);
    const votes = 'votes' in counted ? counted.votes : {};
    const tally = tallyVotes({ present, votes }, so);
    expect(tally.perPartner.council).toMatchObject({ for: 2, against: 1, agreed: true });
    // 1 of the 2 NHS members present is no majority.
    expect(tally.perPartner.nhs).toMatchObject({ for: 1, against: 1, agreed: false });
    expect(tally.outcome).toBe('no-consensus');
  });

  it('are no more hands than members present and entitled to vote on the item', () => {
    expect(
      votesFromCounts(so, present, ['cllr-ada-shaw'], { council: { for: 3, against: 0, abstain: 0 } }),
    ).toEqual({
      problem:
        'counts.council: 3 hands counted, but only 2 council member(s) present are entitled to vote on the item',
    });
    expect(votesFromCounts(so, present, [], { icb: { for: 1, against: 0, abstain: 0 } })).toEqual({
      problem: 'counts.icb: "icb" is not a partner of the board',
    });
  });
});

describe('draft minutes', () => {
  it('are due N working days after the meeting, over bank holidays', () => {
    expect(minutesDraftDue(MEETING, 10, ew)).toBe('2027-03-25');
    // Good Friday 26 and Easter Monday 29 March are skipped.
    expect(minutesDraftDue(MEETING, 12, ew)).toBe('2027-03-31');
  });
});

describe('moving a meeting', () => {
  const item = { ref: 'A-2', exempt: false, keyDecision: false, late: false };

  it('keeps an item whose notices still comply, or can still be given', () => {
    expect(
      noticeAfterMove(
        { ...item, agenda: '2027-03-03' },
        '2027-03-18',
        '2027-03-05',
        DEFAULT_NOTICE_RULES,
        ew,
      ),
    ).toEqual({
      ref: 'A-2',
      complies: true,
    });
    expect(noticeAfterMove(item, '2027-03-18', '2027-03-05', DEFAULT_NOTICE_RULES, ew).complies).toBe(true);
  });

  it('defers an item whose agenda notice can no longer be given, with the reason', () => {
    expect(noticeAfterMove(item, '2027-03-09', '2027-03-02', DEFAULT_NOTICE_RULES, ew)).toEqual({
      ref: 'A-2',
      complies: false,
      reason: 'the agenda needs 5 clear working days before 2027-03-09: it had to be given by 2027-03-01',
    });
  });

  it('keeps a late item taken with the chair’s consent, to which the agenda rule does not apply', () => {
    expect(
      noticeAfterMove({ ...item, late: true }, '2027-03-09', '2027-03-02', DEFAULT_NOTICE_RULES, ew).complies,
    ).toBe(true);
  });

  it('defers an exempt item whose private-meeting notice is too short for an earlier date', () => {
    const exempt = { ...item, exempt: true, late: true, privateMeeting: '2027-02-09' };
    expect(noticeAfterMove(exempt, MEETING, '2027-03-02', DEFAULT_NOTICE_RULES, ew).complies).toBe(true);
    expect(noticeAfterMove(exempt, '2027-03-09', '2027-03-02', DEFAULT_NOTICE_RULES, ew)).toEqual({
      ref: 'A-2',
      complies: false,
      reason:
        'the notice of a private meeting was given on 2027-02-09, which is not 28 clear days before 2027-03-09, and it is too late to give it again (by 2027-02-08)',
    });
  });
});

describe('where each action on a meeting is allowed', () => {
  it('names only stages that exist, and nothing after the meeting ends', () => {
    for (const stages of Object.values(MEETING_ALLOWED_IN))
      for (const s of stages) expect(MEETING_STAGES).toContain(s);
    for (const stages of Object.values(MEETING_ALLOWED_IN)) {
      expect(stages).not.toContain('cancelled');
      expect(stages).not.toContain('minutes-approved');
    }
  });
});
