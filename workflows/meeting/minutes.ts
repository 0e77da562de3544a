import { agendaOrder, meetingLocation } from '../../governance/meetings';
import type { MeetingContext } from './context';

/**
 * The minutes drafted from what the clerk recorded: who was there, and each agenda item with its
 * resolution, votes per partner, reasons, alternatives rejected and interests declared. An exempt item
 * shows its paragraph and outcome only, as everything the public sees.
 */
export function minutesOf({ so, state }: MeetingContext) {
  const name = (id: string) => so.members.find((m) => m.id === id)?.name ?? id;
  return {
    meeting: state.date,
    startTime: state.arrangements.startTime,
    location: meetingLocation(state.arrangements),
    present: (state.attendance?.present ?? []).map(name),
    apologies: (state.attendance?.apologies ?? []).map(name),
    items: agendaOrder(state.agenda).map((entry) => {
      if (entry.kind === 'standing' || entry.kind === 'exclusion') return entry;
      const outcome = state.outcomeOf(entry.ref);
      const deferred = state.deferred.find((d) => d.ref === entry.ref);
      const common = {
        ...entry,
        outcome: outcome?.outcome ?? 'not taken',
        perPartner: outcome?.perPartner ?? null,
        deferred: deferred ? deferred.reason : null,
      };
      if (entry.kind === 'exempt') return common;
      return {
        ...common,
        resolution: outcome?.resolution ?? null,
        reasons: outcome?.reasons ?? [],
        alternativesRejected: outcome?.alternatives ?? [],
        interests: (outcome?.interests ?? []).map((d) => ({ member: name(d.member), interest: d.interest })),
      };
    }),
    deferred: state.deferred.filter((d) => !state.item(d.ref)),
  };
}
