import { describe, expect, it } from 'vitest';
import {
  ALLOWED_IN,
  DECISION_STAGES,
  ENDED_STAGES,
  PUBLISHED_STAGES,
  WITH_THE_PARENT_BODIES,
  isEnded,
  type DecisionStage,
} from '../../governance/decision-stages';

const all = new Set<DecisionStage>(DECISION_STAGES);
const except = (...out: DecisionStage[]) => DECISION_STAGES.filter((s) => !out.includes(s));

describe('where each action on a decision is allowed', () => {
  it('names only stages of a decision, each once', () => {
    expect(all.size).toBe(DECISION_STAGES.length);
    for (const stages of Object.values(ALLOWED_IN)) for (const stage of stages) expect(all).toContain(stage);
  });

  it('takes votes only while the item is voted on, and interests before the votes are counted', () => {
    expect(ALLOWED_IN.vote).toEqual(['voting']);
    expect([...ALLOWED_IN.declareInterest].sort()).toEqual(
      except(
        'escalated',
        'in-call-in-window',
        'called-in',
        'awaiting-reconsideration',
        'awaiting-parent-bodies',
        ...ENDED_STAGES,
      ).sort(),
    );
  });

  it('lets the officers act only in the stage that waits for them', () => {
    expect(ALLOWED_IN.consentToUrgency).toEqual(['awaiting-urgency-consent']);
    expect(ALLOWED_IN.lodgeCallIn).toEqual(['in-call-in-window']);
    expect(ALLOWED_IN.recordScrutinyOutcome).toEqual(['called-in']);
    expect(ALLOWED_IN.reconsider).toEqual(['awaiting-reconsideration']);
    expect(ALLOWED_IN.resolveEscalation).toEqual(['escalated']);
  });

  it('allows a withdrawal until the decision is published or the process has ended, and nowhere else', () => {
    // Every stage is one of the three, so a refused withdrawal always has its reason.
    expect(
      [...ALLOWED_IN.withdraw, ...PUBLISHED_STAGES, ...WITH_THE_PARENT_BODIES, ...ENDED_STAGES].sort(),
    ).toEqual([...DECISION_STAGES].sort());
    expect(ALLOWED_IN.withdraw).not.toContain('in-call-in-window');
    expect(ALLOWED_IN.withdraw).not.toContain('awaiting-parent-bodies');
    expect(isEnded('implemented')).toBe(true);
    expect(isEnded('awaiting-parent-bodies')).toBe(false);
  });
});
