/**
 * A care-group partnership board's recommendation to the Joint Commissioning Board (wiltshire-2009-adult
 * ¶19): it becomes an item on the JCB's next meeting that can still meet the notice rules. The rules are
 * the standing orders' own (governance/notice.ts); this only says which apply to the item. Pure.
 */
import type { HolidayCalendar } from './bank-holidays';
import type { CivilDate } from './civil-date';
import { classifyDecision, type DecisionItem } from './classification';
import { describeRule, effectivePublicationDate, firstMeetingWithNotice, type NoticeRule } from './notice';
import type { StandingOrders } from './standing-orders/schema';

export interface JcbMeetingChoice {
  /** The JCB meeting the item goes to; undefined when no listed meeting can still meet the notice. */
  meeting: CivilDate | undefined;
  /** The first day anything can be published (after the cut-off time, the next working day). */
  publishable: CivilDate;
  /** The notices the item needs, in words, e.g. "agenda: 5 clear working days". */
  notices: string[];
}

/**
 * The notice rules an item needs: its agenda always; the Forward Plan for a key decision; the
 * private-meeting notice for an exempt item (the same classification the decision itself makes).
 */
export function noticesFor(item: DecisionItem, so: StandingOrders): [string, NoticeRule][] {
  const { notices } = classifyDecision(item, so);
  return [
    ...(notices.forwardPlan ? [['Forward Plan', so.notice.forwardPlan] as [string, NoticeRule]] : []),
    ...(notices.privateMeeting
      ? [['private-meeting notice', so.notice.privateMeeting] as [string, NoticeRule]]
      : []),
    ['agenda', so.notice.agenda],
  ];
}

/**
 * The JCB's next meeting (from its standing orders' meeting dates) for which every notice the item needs
 * can still be given, publishing no earlier than `now` allows.
 */
export function nextJcbMeeting(
  item: DecisionItem,
  so: StandingOrders,
  now: string | number,
  calendar: HolidayCalendar,
): JcbMeetingChoice {
  const needed = noticesFor(item, so);
  const publishable = effectivePublicationDate(now, so.publication.cutOffTime, calendar);
  return {
    meeting: firstMeetingWithNotice(
      so.meetings,
      publishable,
      needed.map(([, rule]) => rule),
      calendar,
    ),
    publishable,
    notices: needed.map(([name, rule]) => `${name}: ${describeRule(rule)}`),
  };
}
