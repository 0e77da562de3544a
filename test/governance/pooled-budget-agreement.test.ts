/**
 * The pure rules of a pooled budget's year end (P6): the next year's contributions as a body agrees them,
 * whether two bodies agreed the same, the day those yet to agree are chased, the risk-share rule and its
 * validation.
 */
import { describe, expect, it } from 'vitest';
import { pooledBudgetInputSchema } from '../../definitions';
import { describeZodError } from '../../definitions/validation';
import { makeCivilDate } from '../../governance/civil-date';
import {
  agreedContributions,
  agreementDueOn,
  contributionsDifference,
  schemeTotalGbp,
} from '../../governance/pooled-budget-agreement';
import { fixedShareRefusal, riskShare, shareVariance } from '../../governance/pooled-budget-year';
import { resolveStandingOrders } from '../../governance/standing-orders';

const current = { carers: { nhs: 1_240_000, council: 134_000 }, telecare: { council: 250_000 } };

describe('next year’s contributions (P6)', () => {
  it('takes each scheme a body names whole, and keeps the others', () => {
    expect(agreedContributions(current, { carers: { nhs: 1_300_000 } })).toEqual({
      carers: { nhs: 1_300_000 },
      telecare: { council: 250_000 },
    });
    // A scheme that is not one of the agreement's is not added.
    expect(agreedContributions(current, { other: { nhs: 1 } })).toEqual(current);
  });

  it('sums a scheme’s contributions to the penny', () => {
    expect(schemeTotalGbp({ nhs: 0.1, council: 0.2 })).toBe(0.3);
    expect(schemeTotalGbp({})).toBe(0);
  });

  it('says where two bodies’ agreements differ, and nothing when they are the same', () => {
    expect(contributionsDifference(current, structuredClone(current))).toBeUndefined();
    expect(
      contributionsDifference(current, { ...current, carers: { nhs: 1_240_000, council: 140_000 } }),
    ).toBe(
      'carers: council £134,000, nhs £1,240,000 here, council £140,000, nhs £1,240,000 as the other body agreed',
    );
    expect(contributionsDifference({ carers: { nhs: 1 } }, { carers: { nhs: 1, council: 1 } })).toContain(
      'carers: nhs £1 here',
    );
  });

  it('chases working days after the review, skipping weekends and bank holidays', () => {
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April; the early May bank holiday is 4 May.
    const holidays = { region: 'england-and-wales' as const };
    const reviewed = makeCivilDate(2026, 4, 1);
    expect(agreementDueOn(reviewed, 1, holidays)).toBe('2026-04-02');
    expect(agreementDueOn(reviewed, 2, holidays)).toBe('2026-04-07');
    expect(agreementDueOn(reviewed, 20, holidays)).toBe('2026-05-01');
    expect(agreementDueOn(reviewed, 21, holidays)).toBe('2026-05-05');
  });
});

describe('the risk-share rule (P6)', () => {
  it('shares in proportion to contributions by default, and in fixed percentages when the board says so', () => {
    const contributions = { nhs: 1_240_000, council: 134_000 };
    expect(shareVariance(-1_000, contributions, { rule: 'contributions' })).toEqual(
      riskShare(-1_000, contributions),
    );
    expect(
      shareVariance(-1_000, contributions, { rule: 'fixed', percentages: { nhs: 60, council: 40 } }),
    ).toEqual({ nhs: -600, council: -400 });
    // Thirds: to the penny, the remainder to the largest share.
    const thirds = shareVariance(100, {}, { rule: 'fixed', percentages: { a: 33.34, b: 33.33, c: 33.33 } });
    expect(thirds).toEqual({ a: 33.34, b: 33.33, c: 33.33 });
  });

  it('takes fixed percentages only of the board’s partners, adding up to 100', () => {
    expect(fixedShareRefusal({ nhs: 50, council: 50 }, ['nhs', 'council'])).toBeUndefined();
    expect(fixedShareRefusal({ nhs: 50, council: 40 }, ['nhs', 'council'])).toEqual({
      message: 'fixed percentages must add up to 100, not 90',
    });
    expect(fixedShareRefusal({ nhs: 50, pct: 50 }, ['nhs', 'council'])).toEqual({
      partner: 'pct',
      message: '"pct" is not a partner of the board (partners: nhs, council)',
    });
  });

  it('is validated with the pooled budget’s input, naming the field', () => {
    const so = resolveStandingOrders('southampton-jcb', makeCivilDate(2027, 4, 1));
    const parse = (riskShare: unknown) => {
      const result = pooledBudgetInputSchema.safeParse({ standingOrders: so, startYear: 2027, riskShare });
      return result.success ? result.data.riskShare : describeZodError(result.error);
    };
    expect(parse(undefined)).toEqual({ rule: 'contributions' });
    expect(parse({ rule: 'fixed', percentages: { nhs: 70, council: 30 } })).toEqual({
      rule: 'fixed',
      percentages: { nhs: 70, council: 30 },
    });
    expect(parse({ rule: 'fixed', percentages: { nhs: 70, council: 20 } })).toBe(
      'riskShare.percentages: fixed percentages must add up to 100, not 90',
    );
    expect(parse({ rule: 'fixed', percentages: { nhs: 170 } })).toContain(
      'riskShare.percentages.nhs: must be 0 to 100',
    );
    expect(parse({ rule: 'by-population' })).toContain('riskShare');
  });
});
