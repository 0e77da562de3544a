import type { ContributionsAgreementStatus, PooledBudgetInputParsed } from '../../definitions';
import { agreementDueOn, type SchemeContributions } from '../../governance/pooled-budget-agreement';

/**
 * The parent bodies' agreement of this year's contributions after last year's section 75 review.
 *
 * Collected here, in the new year's run, not in the old one: the review goes out after 31 March, so the
 * old year has ended and its ledger is closed; the new year opens at once on last year's contributions
 * (nothing waits for the bodies) and switches to the agreed ones when both have agreed. One run then
 * holds everything about its year, and continue-as-new stays the one boundary between years.
 */
export class ContributionsAgreement {
  readonly status: ContributionsAgreementStatus;
  private readonly byBody = new Map<string, SchemeContributions>();

  constructor(reviewedYear: string, dueOn: string, bodies: readonly string[]) {
    this.status = {
      state: 'provisional',
      reviewedYear,
      agreed: [],
      awaiting: [...bodies],
      dueOn,
      chasedOn: [],
    };
  }

  get done(): boolean {
    return this.status.state === 'agreed';
  }
  contributionsOf(body: string): SchemeContributions | undefined {
    return this.byBody.get(body);
  }
  /** What another body has agreed, if any has. */
  other(body: string): { body: string; contributions: SchemeContributions } | undefined {
    const entry = [...this.byBody].find(([b]) => b !== body);
    return entry && { body: entry[0], contributions: entry[1] };
  }

  /** Records a body's agreement (again, replacing its own); true when both have now agreed. */
  record(
    body: string,
    contributions: SchemeContributions,
    entry: { reference: string; by: string; at: string },
  ): boolean {
    this.byBody.set(body, contributions);
    this.status.agreed = [...this.status.agreed.filter((a) => a.body !== body), { body, ...entry }];
    this.status.awaiting = this.status.awaiting.filter((b) => b !== body);
    if (this.status.awaiting.length === 0) this.status.state = 'agreed';
    return this.done;
  }
  chased(on: string, nextDueOn: string): void {
    this.status.chasedOn.push(on);
    this.status.dueOn = nextDueOn;
  }
}

/** The day the bodies yet to agree are chased: the board's interval in working days after `day`. */
export function dueAfter(input: PooledBudgetInputParsed, day: string): string {
  return agreementDueOn(day, input.agreementWorkingDays, input.standingOrders.holidays);
}

/** Opens the agreement when last year's review asked for it (a year started afresh has none). */
export function openAgreement(input: PooledBudgetInputParsed): ContributionsAgreement | undefined {
  const asked = input.contributionsAgreement;
  if (!asked) return undefined;
  return new ContributionsAgreement(
    asked.reviewedYear,
    dueAfter(input, asked.reviewedOn),
    input.standingOrders.partners.map((p) => p.id),
  );
}
