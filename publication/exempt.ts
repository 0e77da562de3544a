/**
 * The items any public row marks exempt: an item exempt on one page is exempt on all (as publicReports
 * judges its report), so a page that names an item from elsewhere shows only its notice.
 */
import type {
  PublicDecision,
  PublicForwardPlanEntry,
  PublicMeeting,
} from '../activities/records/public-views';

export function exemptItemIds(
  decisions: PublicDecision[],
  plan: PublicForwardPlanEntry[],
  meetings: PublicMeeting[],
): Set<string> {
  return new Set([
    ...decisions.filter((d) => d.exempt).map((d) => d.decisionId),
    ...plan.filter((e) => e.exempt).map((e) => e.decisionId ?? e.entryId),
    ...meetings.flatMap((m) => m.agenda.filter((i) => i.exempt && i.decisionId).map((i) => i.decisionId!)),
  ]);
}
