import { callInWindow, effectivePublicationDate, type CallInWindow } from '../../../governance/notice';
import type { DecisionContext } from '../context';
import type { DecisionState } from '../state';
import type { Consideration } from './deferral';

export type Publication =
  { kind: 'exempt-from-call-in' } | { kind: 'subject-to-call-in'; window: CallInWindow };

/** The decision record is published: the call-in standstill starts, unless it was taken as urgent. */
export async function publish(
  context: DecisionContext,
  state: DecisionState,
  decided: Exclude<Consideration, { kind: 'unresolved' }>,
): Promise<Publication> {
  const { so, input, tracker, effects, calendar } = context;
  const tally = decided.kind === 'decided-at-meeting' ? decided.tally : undefined;
  const specialUrgency = decided.kind === 'decided-at-meeting' && decided.specialUrgency;
  const minute = decided.kind === 'decided-at-meeting' ? decided.minute : undefined;
  const published = effectivePublicationDate(Date.now(), so.publication.cutOffTime, calendar.current);
  const window = callInWindow(published, so.callIn.windowWorkingDays, calendar.current);
  await effects.record('decision-published', {
    meeting: state.meeting,
    decidedBy: decided.kind === 'decided-on-escalation' ? decided.by : so.board.name,
    published,
    summary: context.publicSummary,
    exempt: context.exemptNote,
    amountGbp: input.amountGbp ?? null,
    schemeId: input.schemeId ?? null,
    votesPerPartner: tally?.perPartner ?? null,
    interestsDeclared: state.interests,
    // Regs 12-13: the meeting's minute gives the resolution, its reasons and the alternatives rejected; the
    // count's own account is then a note on the votes.
    ...(minute
      ? {
          decisionText: minute.resolution,
          reasons: [minute.reasons],
          voteNotes: tally?.reasons ?? [],
          alternativesRejected: minute.alternatives,
        }
      : { reasons: tally?.reasons ?? [] }),
    specialUrgency,
    callIn: specialUrgency
      ? {
          exempt: true,
          why: 'special urgency agreed by the O&S chair (reg 11): the decision is exempt from call-in',
        }
      : { windowEnds: window.windowEnds, implementableFrom: window.implementableFrom },
    urgencyConsent: state.urgencyConsent ?? null,
  });
  tracker.step('decision-published', `published ${published}`);
  return specialUrgency ? { kind: 'exempt-from-call-in' } : { kind: 'subject-to-call-in', window };
}
