import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  financialYear,
  financialYearOf,
  headroomGbp,
  monitoringDays,
  reservationRefusal,
  riskShare,
  variationRefusal,
  type SchemeLedger,
} from '../../governance/pooled-budget-year';

const carers: SchemeLedger = {
  id: 'carers',
  name: 'Carers',
  budgetGbp: 1_374_000,
  reservedGbp: 300_000,
  committedGbp: 1_000_000,
};

describe('a pooled budget year (P6)', () => {
  it('runs from 1 April to 31 March and is named by both years', () => {
    expect(financialYear(2027)).toEqual({
      startYear: 2027,
      label: '2027-28',
      first: '2027-04-01',
      last: '2028-03-31',
    });
    expect(financialYear(2099).label).toBe('2099-00');
    expect(financialYearOf('2028-03-31').startYear).toBe(2027);
    expect(financialYearOf('2028-04-01').startYear).toBe(2028);
    expect(financialYearOf('2028-01-15').label).toBe('2027-28');
  });

  it('is monitored every so many months within the year', () => {
    expect(monitoringDays(financialYear(2027), 3)).toEqual(['2027-07-01', '2027-10-01', '2028-01-01']);
    expect(monitoringDays(financialYear(2027), 6)).toEqual(['2027-10-01']);
    expect(monitoringDays(financialYear(2027), 12)).toEqual([]);
  });

  it('reserves only within the headroom: budget less reserved and committed, the last pound included', () => {
    expect(headroomGbp(carers)).toBe(74_000);
    expect(reservationRefusal(carers, 74_000)).toBeUndefined();
    expect(reservationRefusal(carers, 74_001)).toBe(
      '£74,001 would over-commit the Carers pooled budget: of £1,374,000, £300,000 is reserved and £1,000,000 committed, leaving £74,000',
    );
  });

  it('never varies a budget below what is reserved and committed', () => {
    expect(variationRefusal(carers, 1_300_000)).toBeUndefined();
    expect(variationRefusal(carers, 1_299_999)).toBe(
      'the Carers budget cannot go below the £1,300,000 already reserved and committed',
    );
  });

  it('shares an over- or underspend in proportion to contributions, to the penny', () => {
    expect(riskShare(100_000, { nhs: 1_240_000, council: 134_000 })).toEqual({
      council: 9_752.55,
      nhs: 90_247.45,
    });
    expect(riskShare(-10, { a: 1, b: 1, c: 1 })).toEqual({ a: -3.34, b: -3.33, c: -3.33 });
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }),
        fc.dictionary(fc.constantFrom('council', 'nhs', 'icb'), fc.integer({ min: 1, max: 50_000_000 }), {
          minKeys: 1,
        }),
        (pence, contributions) => {
          const shares = Object.values(riskShare(pence / 100, contributions));
          expect(Math.round(shares.reduce((a, b) => a + b, 0) * 100)).toBe(pence);
        },
      ),
    );
  });
});
