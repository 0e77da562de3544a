import type { z } from 'zod';
import type { ParentBodyOutcome, RecommendationResult, recommendationInputSchema } from '../../definitions';
import { combinePartnerVerdicts } from '../../governance/partner-verdicts';

export type RecommendationInputParsed = z.output<typeof recommendationInputSchema>;
export type ParentBody = RecommendationInputParsed['parentBodies'][number];

/** A parent body's answer, and whether the register has it yet. */
export interface Answer {
  outcome: ParentBodyOutcome;
  by: string;
  reasons: string;
  at: string;
  recorded: boolean;
}

/** What the parent bodies have said so far; changed only through its methods. */
export class RecommendationState {
  private readonly answers = new Map<string, Answer>();
  private readonly expiredBodies = new Set<string>();
  /** Counts every answer and passed deadline, so the process can wait for the next one. */
  changes = 0;
  concluded = false;

  constructor(readonly partners: string[]) {}

  answer(partner: string, answer: Omit<Answer, 'recorded'>): void {
    this.answers.set(partner, { ...answer, recorded: false });
    this.changes++;
  }

  expire(partner: string): void {
    this.expiredBodies.add(partner);
    this.changes++;
  }

  conclude(): void {
    this.concluded = true;
  }

  answerOf(partner: string): Answer | undefined {
    return this.answers.get(partner);
  }

  hasAnswered(partner: string): boolean {
    return this.answers.has(partner);
  }

  hasExpired(partner: string): boolean {
    return this.expiredBodies.has(partner);
  }

  get expired(): string[] {
    return [...this.expiredBodies];
  }

  /**
   * The first answer not yet in the register, marked as recorded as it is handed out; answers given
   * while an earlier one is being recorded come next.
   */
  nextUnrecorded(): [string, Answer] | undefined {
    for (const entry of this.answers) {
      if (entry[1].recorded) continue;
      entry[1].recorded = true;
      return entry;
    }
    return undefined;
  }

  perPartner(): RecommendationResult['perPartner'] {
    return Object.fromEntries(this.partners.map((p) => [p, this.answers.get(p)?.outcome ?? 'no-answer']));
  }

  /** For the search attribute: "council:approve,nhs:pending". */
  partnerOutcome(): string {
    return this.partners
      .map(
        (p) => `${p}:${this.answers.get(p)?.outcome ?? (this.expiredBodies.has(p) ? 'expired' : 'pending')}`,
      )
      .join(',');
  }

  verdict(): RecommendationResult['outcome'] | undefined {
    return combinePartnerVerdicts({
      given: [...this.answers.values()].map((a) => a.outcome),
      expired: this.expiredBodies.size,
      partners: this.partners.length,
    });
  }
}
