import type { MeetingInput, MeetingResult } from '../../definitions';
import { registerActions } from '../kit/actions';
import { describeNews, takeHolidayNews } from '../kit/holiday-news';
import { meetingActions } from './actions';
import { openMeeting } from './context';
import { approveMinutes, arrange, beforeTheMeeting, concluded, draftMinutes, holdMeeting } from './stages';

/**
 * A meeting of a board (issue 14), `meeting/<board>/<date>`: arranged with one invitation per member;
 * items join its agenda (standing items first, exempt items last; late items with the chair's consent);
 * the agenda is published once on its day (again with a note when it changes); democratic services may
 * move it (each item's notices judged again, the invitations replaced) or cancel it (items to the next
 * meeting); on the day the clerk records attendance, interests, votes and resolutions, quorum judged per
 * item; draft minutes follow within N working days and are approved at the next meeting. Holiday news
 * moves the agenda's day and the minutes' due day.
 */
export async function meeting(raw: MeetingInput): Promise<MeetingResult> {
  const context = openMeeting(raw);
  registerActions(
    { authority: context.authority, stage: () => context.tracker.status.stage },
    meetingActions(context),
  );
  takeHolidayNews(context.calendar, async (news) => {
    context.tracker.step('holidays-announced', describeNews(news));
    await context.effects.record('holidays-announced', { ...news }, { per: [context.calendar.version] });
  });
  await arrange(context);
  if ((await beforeTheMeeting(context)) === 'cancelled') return concluded(context, 'cancelled');
  await holdMeeting(context);
  await draftMinutes(context);
  await approveMinutes(context);
  return concluded(context, 'minutes-approved');
}
