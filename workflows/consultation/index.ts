import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { ConsultationInput, ConsultationResult } from '../../definitions';
import { registerActions } from '../kit/actions';
import { describeNews, takeHolidayNews } from '../kit/holiday-news';
import { consultationActions } from './actions';
import { openConsultation } from './context';
import { awaitBodies, close, conclude, open, remindUntilClose, reportToBodies } from './stages';

/**
 * P7, public consultation (bath-nes-2008 ¶11.7): before partnership arrangements change, the partners
 * consult those affected jointly for a fixed period. It opens and is published; reminders go out before
 * it closes; it closes by itself at the end of its closing day; the officers' outcome report goes to the
 * Partnership Board, the council's Cabinet and the NHS board; each notes it or decides; only then may the
 * change be made. The report and each body's answer have deadlines: past one, whoever owes it is chased and
 * the status shows them overdue, and the consultation goes on waiting (it never concludes on a silence).
 */
export async function consultation(raw: ConsultationInput): Promise<ConsultationResult> {
  const context = openConsultation(raw);
  registerActions(
    { authority: context.authority, stage: () => context.state.phase },
    consultationActions(context),
  );
  if (context.deadlines)
    takeHolidayNews(context.calendar, async (news) => {
      context.tracker.step('holidays-announced', describeNews(news));
      // The waiting stage wakes to move the deadlines and tell whoever had the old days.
      await context.effects.record(
        'holidays-announced',
        { ...news },
        { per: [context.calendar.version], summary: 'Record the holiday news' },
      );
    });
  await open(context);
  await remindUntilClose(context);
  await close(context);
  await reportToBodies(context);
  const outcome = await awaitBodies(context);
  const result = await conclude(context, outcome);
  await condition(allHandlersFinished);
  return result;
}
