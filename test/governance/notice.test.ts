import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_NOTICE_RULES,
  type NoticeRule,
  REGIONS,
  addDays,
  addWorkingDays,
  callInWindow,
  clearDaysBetween,
  compareCivilDates,
  compliesWithNotice,
  daysBetween,
  effectivePublicationDate,
  firstMeetingWithNotice,
  fromEpochDay,
  holidayCalendar,
  isWithinCallInWindow,
  meetingDeadlines,
  nextWorkingDay,
  noticeDeadline,
  noticeRoute,
  previousWorkingDay,
  scrutinyMeetingDeadline,
  toEpochDay,
  workingDaysBetween,
} from '../../governance';

const ew = holidayCalendar('england-and-wales');
const scot = holidayCalendar('scotland');
const ni = holidayCalendar('northern-ireland');
const calendars = REGIONS.map((r) => holidayCalendar(r));

const dateArb = fc
  .integer({ min: toEpochDay('2019-01-01'), max: toEpochDay('2030-12-31') })
  .map(fromEpochDay);
const calArb = fc.constantFrom(...calendars);
const ruleArb: fc.Arbitrary<NoticeRule> = fc.record({
  days: fc.integer({ min: 0, max: 40 }),
  counting: fc.constantFrom('calendar' as const, 'working' as const),
});

describe('working days and clear days', () => {
  it('steps over weekends and bank holidays', () => {
    expect(nextWorkingDay('2027-03-25', ew)).toBe('2027-03-30'); // Good Friday, weekend, Easter Monday
    expect(nextWorkingDay('2027-03-25', scot)).toBe('2027-03-29'); // no Easter Monday in Scotland
    expect(previousWorkingDay('2027-01-05', ew)).toBe('2027-01-04');
    expect(previousWorkingDay('2027-01-04', ew)).toBe('2026-12-31'); // 1 January
    expect(previousWorkingDay('2027-01-05', scot)).toBe('2026-12-31'); // 4 January is 2nd January (substitute)
    expect(addWorkingDays('2026-12-23', 2, ew)).toBe('2026-12-29'); // 24 Dec, then 29 Dec (25 Dec; 28 Dec Boxing Day substitute)
    expect(addWorkingDays('2026-12-29', -2, ew)).toBe('2026-12-23');
    expect(addWorkingDays('2027-01-05', 0, ew)).toBe('2027-01-05');
  });

  it('counts clear days excluding both the publication day and the meeting day', () => {
    expect(clearDaysBetween('2027-01-01', '2027-01-03', 'calendar', ew)).toBe(1);
    expect(clearDaysBetween('2027-01-01', '2027-01-02', 'calendar', ew)).toBe(0);
    expect(clearDaysBetween('2026-12-23', '2027-01-05', 'calendar', ew)).toBe(12);
    // 24, 29, 30, 31 December and 4 January
    expect(clearDaysBetween('2026-12-23', '2027-01-05', 'working', ew)).toBe(5);
    expect(workingDaysBetween('2027-01-05', '2026-12-23', ew)).toBe(0);
  });

  it('property: calendar clear days = days between - 1; working clear days never exceed calendar', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 120 }), calArb, (a, n, cal) => {
        const b = addDays(a, n);
        expect(clearDaysBetween(a, b, 'calendar', cal)).toBe(daysBetween(a, b) - 1);
        expect(clearDaysBetween(a, b, 'working', cal)).toBeLessThanOrEqual(daysBetween(a, b) - 1);
      }),
    );
  });

  it('property: adding then subtracting working days returns to a working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -60, max: 60 }), calArb, (d, n, cal) => {
        const start = cal.isWorkingDay(d) ? d : nextWorkingDay(d, cal);
        const moved = addWorkingDays(start, n, cal);
        if (n !== 0) expect(cal.isWorkingDay(moved)).toBe(true);
        expect(addWorkingDays(moved, -n, cal)).toBe(start);
        if (n > 0) expect(workingDaysBetween(start, moved, cal)).toBe(n - 1);
      }),
    );
  });
});

describe('notice deadlines: the latest working day on which publishing still complies', () => {
  it('meeting Tuesday 5 January 2027 (Christmas and New Year), England and Wales', () => {
    expect(meetingDeadlines('2027-01-05', DEFAULT_NOTICE_RULES, ew)).toEqual({
      meeting: '2027-01-05',
      forwardPlanNoticeBy: '2026-12-07', // 28 clear days: 8 Dec .. 4 Jan
      generalExceptionNoticeBy: '2026-12-23', // 5 clear working days: 24, 29, 30, 31 Dec, 4 Jan
      privateMeetingNoticeBy: '2026-12-07',
      privateMeetingConfirmBy: '2026-12-23',
      agendaPublishBy: '2026-12-23',
    });
  });

  it('meeting 5 January 2027 in Scotland: 4 January is a holiday too, so one working day earlier', () => {
    // 5 clear working days: 23, 24, 29, 30, 31 December
    expect(meetingDeadlines('2027-01-05', DEFAULT_NOTICE_RULES, scot).agendaPublishBy).toBe('2026-12-22');
  });

  it('a calendar rule whose latest day is a weekend or holiday steps back to the previous working day', () => {
    // Meeting Monday 1 February 2027: 28 clear days means publishing on 3 January (Sunday) at the
    // latest; 2 January is a Saturday and 1 January a bank holiday, so the deadline is 31 December.
    expect(noticeDeadline('2027-02-01', { days: 28, counting: 'calendar' }, ew)).toBe('2026-12-31');
    expect(compliesWithNotice('2027-01-03', '2027-02-01', { days: 28, counting: 'calendar' }, ew)).toBe(true);
    expect(compliesWithNotice('2027-01-04', '2027-02-01', { days: 28, counting: 'calendar' }, ew)).toBe(
      false,
    );
  });

  it('Easter 2027: meeting Thursday 1 April', () => {
    // England: 5 clear working days are 23, 24, 25, 30, 31 March (26 and 29 March are bank holidays).
    expect(noticeDeadline('2027-04-01', DEFAULT_NOTICE_RULES.agenda, ew)).toBe('2027-03-22');
    // Scotland keeps Easter Monday as a working day: 24, 25, 29, 30, 31 March.
    expect(noticeDeadline('2027-04-01', DEFAULT_NOTICE_RULES.agenda, scot)).toBe('2027-03-23');
  });

  it("Northern Ireland: St Patrick's Day 2027 moves the agenda deadline for a meeting on 19 March", () => {
    expect(noticeDeadline('2027-03-19', DEFAULT_NOTICE_RULES.agenda, ew)).toBe('2027-03-11');
    expect(noticeDeadline('2027-03-19', DEFAULT_NOTICE_RULES.agenda, ni)).toBe('2027-03-10');
  });

  it("Scotland: St Andrew's Day 2027 (Tuesday 30 November) for a meeting on Friday 3 December", () => {
    expect(noticeDeadline('2027-12-03', DEFAULT_NOTICE_RULES.agenda, ew)).toBe('2027-11-25');
    expect(noticeDeadline('2027-12-03', DEFAULT_NOTICE_RULES.agenda, scot)).toBe('2027-11-24');
  });

  it('property: a deadline is a working day, before the meeting, and leaves at least N clear days', () => {
    fc.assert(
      fc.property(dateArb, ruleArb, calArb, (meeting, rule, cal) => {
        const deadline = noticeDeadline(meeting, rule, cal);
        expect(cal.isWorkingDay(deadline)).toBe(true);
        expect(compareCivilDates(deadline, meeting)).toBeLessThan(0);
        expect(clearDaysBetween(deadline, meeting, rule.counting, cal)).toBeGreaterThanOrEqual(rule.days);
        expect(compliesWithNotice(deadline, meeting, rule, cal)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: it is the latest such working day (no later working day before the meeting complies)', () => {
    fc.assert(
      fc.property(dateArb, ruleArb, calArb, (meeting, rule, cal) => {
        const deadline = noticeDeadline(meeting, rule, cal);
        for (let d = addDays(deadline, 1); compareCivilDates(d, meeting) < 0; d = addDays(d, 1)) {
          if (cal.isWorkingDay(d)) expect(compliesWithNotice(d, meeting, rule, cal)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: moving a meeting later never moves a deadline earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), ruleArb, calArb, (meeting, later, rule, cal) => {
        const a = noticeDeadline(meeting, rule, cal);
        const b = noticeDeadline(addDays(meeting, later), rule, cal);
        expect(compareCivilDates(a, b)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a longer notice period never gives a later deadline', () => {
    fc.assert(
      fc.property(dateArb, ruleArb, fc.integer({ min: 0, max: 20 }), calArb, (meeting, rule, extra, cal) => {
        const a = noticeDeadline(meeting, { ...rule, days: rule.days + extra }, cal);
        expect(compareCivilDates(a, noticeDeadline(meeting, rule, cal))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('rejects a negative or fractional notice period', () => {
    expect(() => noticeDeadline('2027-01-05', { days: -1, counting: 'calendar' }, ew)).toThrow(
      /whole number/,
    );
    expect(() => noticeDeadline('2027-01-05', { days: 2.5, counting: 'working' }, ew)).toThrow(
      /whole number/,
    );
  });
});

describe('which notice route is still open', () => {
  const meeting = '2027-01-05';
  it('the Forward Plan while there is time', () => {
    const r = noticeRoute(meeting, '2026-12-07', DEFAULT_NOTICE_RULES, ew);
    expect(r.route).toBe('forward-plan');
    expect(r.noticeBy).toBe('2026-12-07');
    expect(r.reasons.join(' ')).toMatch(/publish by 2026-12-07/);
  });
  it('general exception once the Forward Plan deadline has passed', () => {
    const r = noticeRoute(meeting, '2026-12-08', DEFAULT_NOTICE_RULES, ew);
    expect(r.route).toBe('general-exception');
    expect(r.noticeBy).toBe('2026-12-23');
    expect(r.forwardPlan).toEqual({ deadline: '2026-12-07', open: false });
    expect(r.reasons[0]).toMatch(/too late for the Forward Plan/);
  });
  it('special urgency (O&S chair consent, no call-in) once general exception has passed too', () => {
    const r = noticeRoute(meeting, '2026-12-24', DEFAULT_NOTICE_RULES, ew);
    expect(r.route).toBe('special-urgency');
    expect(r.noticeBy).toBeUndefined();
    expect(r.requiresScrutinyChairConsent).toBe(true);
    expect(r.exemptFromCallIn).toBe(true);
    expect(r.reasons).toHaveLength(3);
  });

  it('applies the publication cut-off time (Europe/London)', () => {
    // Monday 7 December 2026, 16:59 and 17:00 GMT
    expect(effectivePublicationDate('2026-12-07T16:59:00Z', '17:00', ew)).toBe('2026-12-07');
    expect(effectivePublicationDate('2026-12-07T17:00:00Z', '17:00', ew)).toBe('2026-12-08');
    // Friday 2 July 2027 at 16:30 UTC is 17:30 BST: after the cut-off, so Monday 5 July.
    expect(effectivePublicationDate('2027-07-02T16:30:00Z', '17:00', ew)).toBe('2027-07-05');
    // Saturday: the next working day.
    expect(effectivePublicationDate('2027-01-02T09:00:00Z', '17:00', ew)).toBe('2027-01-04');
  });

  it('finds the first meeting whose notice can still be met', () => {
    const meetings = ['2027-03-11', '2027-01-14', '2027-02-11'];
    // On 2 January 2027 the 14 January meeting still has its agenda deadline (6 January) but not
    // 28 days of Forward Plan notice; 11 February has both.
    expect(firstMeetingWithNotice(meetings, '2027-01-02', [DEFAULT_NOTICE_RULES.agenda], ew)).toBe(
      '2027-01-14',
    );
    expect(
      firstMeetingWithNotice(
        meetings,
        '2027-01-02',
        [DEFAULT_NOTICE_RULES.agenda, DEFAULT_NOTICE_RULES.forwardPlan],
        ew,
      ),
    ).toBe('2027-02-11');
    expect(firstMeetingWithNotice(meetings, '2027-03-10', [DEFAULT_NOTICE_RULES.agenda], ew)).toBeUndefined();
  });
});

describe('call-in', () => {
  it('Easter 2027: published Wednesday 24 March', () => {
    const w = callInWindow('2027-03-24', 5, ew);
    expect(w.windowDays).toEqual(['2027-03-25', '2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02']);
    expect(w.windowEnds).toBe('2027-04-02');
    expect(w.implementableFrom).toBe('2027-04-05');
    const s = callInWindow('2027-03-24', 5, scot);
    expect([s.windowEnds, s.implementableFrom]).toEqual(['2027-04-01', '2027-04-02']);
  });
  it('Christmas 2026: published Tuesday 22 December', () => {
    const w = callInWindow('2026-12-22', 5, ew);
    expect(w.windowDays).toEqual(['2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(w.implementableFrom).toBe('2027-01-04');
    // In Scotland 4 January is a holiday: implementable from Tuesday 5 January.
    expect(callInWindow('2026-12-22', 5, scot).implementableFrom).toBe('2027-01-05');
  });
  it('Northern Ireland: the Boyne holiday, 12 July 2027', () => {
    expect(callInWindow('2027-07-09', 5, ni)).toMatchObject({
      windowEnds: '2027-07-19',
      implementableFrom: '2027-07-20',
    });
    expect(callInWindow('2027-07-09', 5, ew)).toMatchObject({
      windowEnds: '2027-07-16',
      implementableFrom: '2027-07-19',
    });
  });
  it('knows whether a call-in is within the window', () => {
    const w = callInWindow('2027-03-24', 5, ew);
    expect(isWithinCallInWindow('2027-04-02', w)).toBe(true);
    expect(isWithinCallInWindow('2027-04-03', w)).toBe(false);
    expect(isWithinCallInWindow('2027-03-23', w)).toBe(false);
  });
  it('property: the window has exactly N working days after the publication day, then the next working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), calArb, (published, n, cal) => {
        const w = callInWindow(published, n, cal);
        expect(w.windowDays).toHaveLength(n);
        expect(new Set(w.windowDays).size).toBe(n);
        for (const d of w.windowDays) expect(cal.isWorkingDay(d)).toBe(true);
        expect(workingDaysBetween(published, w.windowEnds, cal)).toBe(n - 1);
        expect(w.windowDays.at(-1)).toBe(w.windowEnds);
        expect(cal.isWorkingDay(w.implementableFrom)).toBe(true);
        expect(workingDaysBetween(w.windowEnds, w.implementableFrom, cal)).toBe(0);
        expect(compareCivilDates(w.windowEnds, w.implementableFrom)).toBeLessThan(0);
      }),
      { numRuns: 500 },
    );
  });
  it('the scrutiny meeting deadline is M working days after the call-in', () => {
    expect(scrutinyMeetingDeadline('2027-03-24', 15, ew)).toBe(addWorkingDays('2027-03-24', 15, ew));
    expect(scrutinyMeetingDeadline('2027-03-24', 15, ew)).toBe('2027-04-16');
    // received on a Saturday: counted from the Monday
    expect(scrutinyMeetingDeadline('2027-03-27', 1, ew)).toBe('2027-03-31');
  });
  it('rejects an empty window', () => {
    expect(() => callInWindow('2027-03-24', 0, ew)).toThrow(/>= 1/);
  });
});
