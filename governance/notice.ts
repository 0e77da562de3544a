/**
 * Notice rules (Local Authorities (Executive Arrangements) (Meetings and Access to Information)
 * (England) Regulations 2012) and the call-in standstill. Every number comes from standing orders;
 * the defaults are the regulations' and GOVERNANCE.md §3. Pure and deterministic.
 */
import { type CivilDate, addDays, compareCivilDates, londonWallClock } from './civil-date';
import type { HolidayCalendar } from './bank-holidays';
import {
  type DayCounting,
  addWorkingDays,
  clearDaysBetween,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './working-days';

export interface NoticeRule {
  /** Clear days required between publication and the meeting/decision. */
  days: number;
  counting: DayCounting;
}

export interface NoticeRules {
  /** Key decision on the Forward Plan (reg 9): 28 clear days. */
  forwardPlan: NoticeRule;
  /** General exception (reg 10): notice to the O&S chair and the public, then 5 clear days. */
  generalException: NoticeRule;
  /** Notice of intention to hold a meeting (part) in private (reg 5(2)): 28 clear days. */
  privateMeeting: NoticeRule;
  /** Second notice confirming the private meeting (reg 5(4)): 5 clear days. */
  privateMeetingConfirmation: NoticeRule;
  /** Agenda and reports published before the meeting: 5 clear days (Southampton ¶15: working days). */
  agenda: NoticeRule;
}

export const DEFAULT_NOTICE_RULES: NoticeRules = {
  forwardPlan: { days: 28, counting: 'calendar' },
  generalException: { days: 5, counting: 'working' },
  privateMeeting: { days: 28, counting: 'calendar' },
  privateMeetingConfirmation: { days: 5, counting: 'working' },
  agenda: { days: 5, counting: 'working' },
};

export function describeRule(rule: NoticeRule): string {
  return `${rule.days} clear ${rule.counting === 'working' ? 'working ' : ''}day${rule.days === 1 ? '' : 's'}`;
}

/** True if publishing on `published` gives at least the rule's clear days before `event`. */
export function compliesWithNotice(
  published: CivilDate,
  event: CivilDate,
  rule: NoticeRule,
  calendar: HolidayCalendar,
): boolean {
  return (
    compareCivilDates(published, event) < 0 &&
    clearDaysBetween(published, event, rule.counting, calendar) >= rule.days
  );
}

/**
 * The deadline for a notice: the latest working day on which publishing still complies with the
 * rule. If the latest calendar day that complies is a weekend or bank holiday, the deadline steps
 * back to the previous working day.
 */
export function noticeDeadline(event: CivilDate, rule: NoticeRule, calendar: HolidayCalendar): CivilDate {
  if (!Number.isInteger(rule.days) || rule.days < 0)
    throw new RangeError(`notice days must be a whole number >= 0: ${rule.days}`);
  if (rule.counting === 'calendar') return workingDayOnOrBefore(addDays(event, -(rule.days + 1)), calendar);
  // The rule.days working days before the event must all fall after publication.
  const earliestClearDay = addWorkingDays(event, -rule.days, calendar);
  return previousWorkingDay(earliestClearDay, calendar);
}

export interface MeetingDeadlines {
  meeting: CivilDate;
  forwardPlanNoticeBy: CivilDate;
  generalExceptionNoticeBy: CivilDate;
  privateMeetingNoticeBy: CivilDate;
  privateMeetingConfirmBy: CivilDate;
  agendaPublishBy: CivilDate;
}

/** Every notice deadline for a meeting, each the latest working day that complies. */
export function meetingDeadlines(
  meeting: CivilDate,
  rules: NoticeRules,
  calendar: HolidayCalendar,
): MeetingDeadlines {
  return {
    meeting,
    forwardPlanNoticeBy: noticeDeadline(meeting, rules.forwardPlan, calendar),
    generalExceptionNoticeBy: noticeDeadline(meeting, rules.generalException, calendar),
    privateMeetingNoticeBy: noticeDeadline(meeting, rules.privateMeeting, calendar),
    privateMeetingConfirmBy: noticeDeadline(meeting, rules.privateMeetingConfirmation, calendar),
    agendaPublishBy: noticeDeadline(meeting, rules.agenda, calendar),
  };
}

/**
 * The date a publication made at `now` counts as made: today (Europe/London) if it is a working day
 * and before the cut-off time, otherwise the next working day.
 */
export function effectivePublicationDate(
  nowIso: string | number,
  cutOffTime: string,
  calendar: HolidayCalendar,
): CivilDate {
  const { date, time } = londonWallClock(nowIso);
  const cutOff = cutOffTime.length === 5 ? `${cutOffTime}:00` : cutOffTime;
  if (calendar.isWorkingDay(date) && time < cutOff) return date;
  return nextWorkingDay(date, calendar);
}

export type NoticeRoute = 'forward-plan' | 'general-exception' | 'special-urgency';

export interface NoticeRouteResult {
  route: NoticeRoute;
  /** Publish (or give notice) by this date for the chosen route; absent for special urgency. */
  noticeBy?: CivilDate;
  forwardPlan: { deadline: CivilDate; open: boolean };
  generalException: { deadline: CivilDate; open: boolean };
  /** Special urgency needs the O&S chair's agreement that the decision is urgent and cannot reasonably be deferred (reg 11). */
  requiresScrutinyChairConsent: boolean;
  /** Special-urgency decisions are exempt from call-in; the decision record must say why. */
  exemptFromCallIn: boolean;
  reasons: string[];
}

/**
 * Which notice route is still open for a key decision to be taken at `meeting`, if the earliest we
 * can publish is `today` (use {@link effectivePublicationDate} to apply the cut-off time): the
 * Forward Plan if there is time, else general exception if there is time, else special urgency.
 */
export function noticeRoute(
  meeting: CivilDate,
  today: CivilDate,
  rules: Pick<NoticeRules, 'forwardPlan' | 'generalException'>,
  calendar: HolidayCalendar,
): NoticeRouteResult {
  const fp = noticeDeadline(meeting, rules.forwardPlan, calendar);
  const ge = noticeDeadline(meeting, rules.generalException, calendar);
  const fpOpen = compareCivilDates(today, fp) <= 0;
  const geOpen = compareCivilDates(today, ge) <= 0;
  const base = {
    forwardPlan: { deadline: fp, open: fpOpen },
    generalException: { deadline: ge, open: geOpen },
  };
  if (fpOpen) {
    return {
      route: 'forward-plan',
      noticeBy: fp,
      ...base,
      requiresScrutinyChairConsent: false,
      exemptFromCallIn: false,
      reasons: [
        `the Forward Plan needs ${describeRule(rules.forwardPlan)} before ${meeting}: publish by ${fp} (the earliest it can be published: ${today})`,
      ],
    };
  }
  const fpClosed = `too late for the Forward Plan: ${describeRule(rules.forwardPlan)} before ${meeting} meant publishing by ${fp}, and the earliest it can be published is ${today}`;
  if (geOpen) {
    return {
      route: 'general-exception',
      noticeBy: ge,
      ...base,
      requiresScrutinyChairConsent: false,
      exemptFromCallIn: false,
      reasons: [
        fpClosed,
        `general exception: give notice to the O&S chair and the public by ${ge} (${describeRule(rules.generalException)} before ${meeting})`,
      ],
    };
  }
  return {
    route: 'special-urgency',
    ...base,
    requiresScrutinyChairConsent: true,
    exemptFromCallIn: true,
    reasons: [
      fpClosed,
      `too late for general exception: ${describeRule(rules.generalException)} before ${meeting} meant notice by ${ge}`,
      'special urgency: the O&S chair must agree that the decision is urgent and cannot reasonably be deferred; the decision is then exempt from call-in',
    ],
  };
}

/** The first meeting (in date order) for which every given rule can still be met when publishing on `today`. */
export function firstMeetingWithNotice(
  meetings: readonly CivilDate[],
  today: CivilDate,
  rules: readonly NoticeRule[],
  calendar: HolidayCalendar,
): CivilDate | undefined {
  return [...meetings]
    .sort(compareCivilDates)
    .find(
      (m) =>
        compareCivilDates(m, today) > 0 &&
        rules.every((r) => compareCivilDates(today, noticeDeadline(m, r, calendar)) <= 0),
    );
}

export interface CallInWindow {
  published: CivilDate;
  /** The working days of the window, in order (the publication day itself is not one of them). */
  windowDays: CivilDate[];
  /** The last working day on which a call-in may be made. */
  windowEnds: CivilDate;
  /** The first working day on which the decision may be implemented if not called in. */
  implementableFrom: CivilDate;
}

/** The call-in standstill: the `days` working days after the publication day. */
export function callInWindow(published: CivilDate, days: number, calendar: HolidayCalendar): CallInWindow {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`call-in window must be a whole number of working days >= 1: ${days}`);
  const windowDays: CivilDate[] = [];
  let d = published;
  for (let i = 0; i < days; i++) {
    d = nextWorkingDay(d, calendar);
    windowDays.push(d);
  }
  return { published, windowDays, windowEnds: d, implementableFrom: nextWorkingDay(d, calendar) };
}

/** True if a call-in made on `date` is within the window of a decision published on `published`. */
export function isWithinCallInWindow(date: CivilDate, window: CallInWindow): boolean {
  return compareCivilDates(date, window.published) >= 0 && compareCivilDates(date, window.windowEnds) <= 0;
}

/** The latest day O&S may meet on a call-in received on `received`: `days` working days later. */
export function scrutinyMeetingDeadline(
  received: CivilDate,
  days: number,
  calendar: HolidayCalendar,
): CivilDate {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`scrutiny meeting deadline must be a whole number of working days >= 1: ${days}`);
  return addWorkingDays(workingDayOnOrAfter(received, calendar), days, calendar);
}
