/**
 * The public addresses of register records, made in one place so pages, feeds and the open-data API link
 * to the same stable URLs (built from the register's own ids, which never change).
 */
import type { PublicMeeting } from '../activities/records/public-views';

/** Meeting ids hold a slash ("<board>/<date>"): each part is encoded, the slash kept. */
export const meetingHref = (meetingId: string) =>
  `/meetings/${meetingId.split('/').map(encodeURIComponent).join('/')}`;

export const decisionHref = (decisionId: string) => `/decisions#${encodeURI(decisionId)}`;

export const forwardPlanHref = (entryId: string) => `/forward-plan#${encodeURI(entryId)}`;

/** How members and the public attend a meeting, in words: the meeting page and the agenda pack say it alike. */
export const attendanceWords: Record<NonNullable<PublicMeeting['attendance']>, string> = {
  'in-person': 'In person at the venue',
  hybrid: 'In person at the venue, or remotely by the link given',
  remote: 'Remotely only, by the link given',
};

const attendanceModes = {
  'in-person': 'OfflineEventAttendanceMode',
  hybrid: 'MixedEventAttendanceMode',
  remote: 'OnlineEventAttendanceMode',
} as const;

/** schema.org Event for a meeting page: what search engines and calendars read. */
export function meetingEvent(m: PublicMeeting, baseUrl: string): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${baseUrl}${meetingHref(m.meetingId)}`,
    name: m.title,
    url: `${baseUrl}${meetingHref(m.meetingId)}`,
    startDate: m.startsAt ?? m.meetsOn,
    ...(m.endsAt ? { endDate: m.endsAt } : {}),
    eventStatus:
      m.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    // Only when the meeting process has said how it is attended: never guessed.
    ...(m.attendance ? { eventAttendanceMode: `https://schema.org/${attendanceModes[m.attendance]}` } : {}),
    ...(m.location ? { location: { '@type': 'Place', name: m.location, address: m.location } } : {}),
    organizer: { '@type': 'Organization', name: m.boardName },
    isAccessibleForFree: true,
  };
}
