import type { CalendarInvite } from '../../activities/contract';
import { londonInstant, type CivilDate } from '../../governance/civil-date';
import { agendaPageUrl, meetingLocation, type Arrangements } from '../../governance/meetings';

export interface InvitationOf {
  boardId: string;
  boardName: string;
  /** The date the meeting was first arranged for: its UID and agenda page keep it when it moves. */
  originalDate: CivilDate;
  date: CivilDate;
  arrangements: Arrangements;
  sequence: number;
  method: CalendarInvite['method'];
}

/**
 * The one calendar event a member has for a meeting: the same UID for its life, so a move (SEQUENCE one
 * higher) replaces it and a cancellation (METHOD:CANCEL) removes it; its URL is the meeting's agenda page,
 * and its description links the agenda pack too.
 */
export function meetingInvitation(of: InvitationOf): CalendarInvite {
  const url = agendaPageUrl(of.arrangements.publicPagesUrl, of.boardId, of.originalDate);
  return {
    uid: `meeting-${of.boardId}-${of.originalDate}@govflow`,
    sequence: of.sequence,
    method: of.method,
    summary: `Meeting of ${of.boardName}`,
    start: londonInstant(of.date, of.arrangements.startTime),
    end: londonInstant(of.date, of.arrangements.endTime),
    location: meetingLocation(of.arrangements),
    // The agenda pack (one PDF with the reports) is published with the agenda, at the page's address.
    description: `Agenda and papers: ${url} (agenda pack: ${url}/agenda-pack.pdf)`,
    url,
  };
}
