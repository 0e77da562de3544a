import type { PartnershipRecommendationInput, PartnershipRecommendationResult } from '../../definitions';
import { openPartnershipRecommendation } from './context';
import { chooseMeeting, noMeeting, putToJcb, receive, reportBack } from './stages';

/**
 * A care-group partnership board's recommendation to the Joint Commissioning Board (wiltshire-2009-adult
 * ¶19): received under the JCB's registered standing orders, it becomes the JCB's item on its next
 * meeting that can still meet the notice rules; the JCB's decision process runs for it, and its outcome
 * is reported back to the partnership board.
 */
export async function partnershipRecommendation(
  raw: PartnershipRecommendationInput,
): Promise<PartnershipRecommendationResult> {
  const context = openPartnershipRecommendation(raw);
  await receive(context);
  const choice = chooseMeeting(context);
  const result = choice.meeting ? await putToJcb(context, choice.meeting) : noMeeting(context, choice);
  return reportBack(context, result);
}
