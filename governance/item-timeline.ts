/**
 * An item's statutory timeline before it is proposed (issue 15): what the decision process will count, so
 * that an officer sees it in the console and no one counts days by hand. The same rules the decision
 * workflow runs (classification, notice routes, the agenda rule, the call-in window), on the assumption
 * that the item is proposed now and decided at the meeting it is planned for.
 */
import { compareCivilDates, londonInstantMs, type CivilDate } from './civil-date';
import { classifyDecision, type DecisionItem, type DecisionRoute } from './classification';
import {
  callInWindow,
  effectivePublicationDate,
  meetingDeadlines,
  noticeRoute,
  type NoticeRoute,
} from './notice';
import { calendarFor, type StandingOrders } from './standing-orders';

export interface ItemTimeline {
  route: DecisionRoute;
  keyDecision: boolean;
  /** Why the item is classified as it is. */
  reasons: string[];
  /** The earliest day a notice or the agenda can count as published (today, or after the cut-off the next working day). */
  publishable: CivilDate;
  /** Key decisions: the route to the meeting and the Forward Plan's deadline. */
  notice?: { route: NoticeRoute; forwardPlanBy: CivilDate; reasons: string[] };
  agendaBy: CivilDate;
  /** A non-key item whose agenda cannot be published in time is refused when proposed. */
  agendaTooLate: boolean;
  decision: CivilDate;
  /** Decided at the board: the call-in window after publication on the meeting day, unless urgent. */
  callIn?: { exempt: true } | { exempt: false; windowEnds: CivilDate; implementableFrom: CivilDate };
}

export function itemTimeline(
  item: DecisionItem & { meetingDate: CivilDate },
  so: StandingOrders,
  now: number,
): ItemTimeline {
  const calendar = calendarFor(so);
  const classification = classifyDecision(item, so);
  const publishable = effectivePublicationDate(now, so.publication.cutOffTime, calendar);
  const { agendaPublishBy } = meetingDeadlines(item.meetingDate, so.notice, calendar);
  const route = classification.keyDecision
    ? noticeRoute(item.meetingDate, publishable, so.notice, calendar)
    : undefined;
  // The decision record is published when the vote ends, at the meeting (10:00) on its day.
  const published = effectivePublicationDate(
    londonInstantMs(item.meetingDate, '10:00'),
    so.publication.cutOffTime,
    calendar,
  );
  const window = callInWindow(published, so.callIn.windowWorkingDays, calendar);
  return {
    route: classification.route,
    keyDecision: classification.keyDecision,
    reasons: classification.reasons,
    publishable,
    ...(route
      ? {
          notice: {
            route: route.route,
            forwardPlanBy: route.forwardPlan.deadline,
            reasons: route.reasons,
          },
        }
      : {}),
    agendaBy: agendaPublishBy,
    agendaTooLate: !classification.keyDecision && compareCivilDates(publishable, agendaPublishBy) > 0,
    decision: item.meetingDate,
    ...(classification.route === 'decide-at-board'
      ? {
          callIn: route?.exemptFromCallIn
            ? { exempt: true as const }
            : {
                exempt: false as const,
                windowEnds: window.windowEnds,
                implementableFrom: window.implementableFrom,
              },
        }
      : {}),
  };
}
