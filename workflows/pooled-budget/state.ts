import type { SchemeFigures } from '../../definitions';
import { schemeTotalGbp, type SchemeContributions } from '../../governance/pooled-budget-agreement';
import { headroomGbp, type SchemeLedger } from '../../governance/pooled-budget-year';
import type { PooledBudget } from '../../governance/standing-orders/schema';

/** Money one decision holds against a scheme. */
export interface Claim {
  schemeId: string;
  amountGbp: number;
}

export interface Variation {
  schemeId: string;
  fromGbp: number;
  toGbp: number;
  reason: string;
  by: string;
  at: string;
}

/**
 * A pooled budget's year: each scheme's contributions and budget (as varied), and what each decision holds
 * against it, reserved or committed. Changed only through the methods below; the Updates run one at a time, so a
 * reservation sees every one before it.
 */
export class PooledBudgetState {
  private readonly budgets: Map<string, number>;
  private contributed: SchemeContributions;
  private readonly reserved = new Map<string, Claim>();
  private readonly committed = new Map<string, Claim>();
  private readonly varied: Variation[] = [];

  constructor(
    private readonly schemes: readonly PooledBudget[],
    carried: readonly ({ holder: string } & Claim)[],
    /** The year's contributions where they are not the standing orders' (agreed for an earlier year). */
    contributions: Readonly<SchemeContributions> = {},
  ) {
    this.contributed = Object.fromEntries(
      schemes.map((s) => [s.id, { ...(contributions[s.id] ?? s.contributions ?? {}) }]),
    );
    this.budgets = new Map(
      schemes.map((s) => [s.id, contributions[s.id] ? schemeTotalGbp(contributions[s.id]!) : s.amountGbp]),
    );
    for (const { holder, schemeId, amountGbp } of carried)
      if (this.budgets.has(schemeId)) this.reserved.set(holder, { schemeId, amountGbp });
  }

  scheme(id: string): PooledBudget | undefined {
    return this.schemes.find((s) => s.id === id);
  }
  get schemeIds(): string[] {
    return this.schemes.map((s) => s.id);
  }

  ledger(schemeId: string): SchemeLedger {
    const sum = (claims: Map<string, Claim>) =>
      [...claims.values()].filter((c) => c.schemeId === schemeId).reduce((t, c) => t + c.amountGbp, 0);
    return {
      id: schemeId,
      name: this.scheme(schemeId)!.name,
      budgetGbp: this.budgets.get(schemeId)!,
      reservedGbp: sum(this.reserved),
      committedGbp: sum(this.committed),
    };
  }

  figures(schemeId: string): SchemeFigures {
    const ledger = this.ledger(schemeId);
    return { ...ledger, headroomGbp: headroomGbp(ledger) };
  }
  allFigures(): SchemeFigures[] {
    return this.schemeIds.map((id) => this.figures(id));
  }

  reservationOf(holder: string): Claim | undefined {
    return this.reserved.get(holder);
  }
  commitmentOf(holder: string): Claim | undefined {
    return this.committed.get(holder);
  }
  /** Each scheme's contributions for the year, per partner. */
  get contributions(): SchemeContributions {
    return Object.fromEntries(Object.entries(this.contributed).map(([id, c]) => [id, { ...c }]));
  }
  get variations(): readonly Variation[] {
    return this.varied;
  }
  /** What the next year's run takes over: reservations of decisions not yet implemented. */
  carried(): ({ holder: string } & Claim)[] {
    return [...this.reserved].map(([holder, claim]) => ({ holder, ...claim }));
  }

  reserve(holder: string, claim: Claim): void {
    this.reserved.set(holder, claim);
  }
  release(holder: string): Claim {
    const claim = this.reserved.get(holder)!;
    this.reserved.delete(holder);
    return claim;
  }
  commit(holder: string): Claim {
    const claim = this.release(holder);
    this.committed.set(holder, claim);
    return claim;
  }
  /**
   * Both parent bodies agreed the year's contributions: each scheme's budget is now their sum (a scheme
   * with none, as in some standing orders, keeps its budget).
   */
  agree(contributions: Readonly<SchemeContributions>): void {
    for (const [id, c] of Object.entries(contributions)) {
      if (!this.budgets.has(id) || Object.keys(c).length === 0) continue;
      this.contributed[id] = { ...c };
      this.budgets.set(id, schemeTotalGbp(c));
    }
  }
  vary(variation: Omit<Variation, 'fromGbp'>): void {
    this.varied.push({ ...variation, fromGbp: this.budgets.get(variation.schemeId)! });
    this.budgets.set(variation.schemeId, variation.toGbp);
  }
}
