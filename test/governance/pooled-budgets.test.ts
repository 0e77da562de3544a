import { describe, expect, it } from 'vitest';
import { pooledBudgetHeadroom } from '../../governance/pooled-budgets';

const scheme = { name: 'Better Care Fund', amountGbp: 1_000_000 };

describe('pooled-budget headroom', () => {
  it('takes an amount within what is left of the scheme, up to the last pound', () => {
    expect(pooledBudgetHeadroom(scheme, 400_000, 600_000)).toEqual({
      checked: 'Better Care Fund: £400,000 committed of £1,000,000',
    });
  });

  it('refuses an amount over what is left, saying what is committed and what is left', () => {
    expect(pooledBudgetHeadroom(scheme, 400_000, 600_000.5).overCommitment).toBe(
      '£600,000.50 would over-commit the Better Care Fund pooled budget: £400,000 of £1,000,000 is already committed, leaving £600,000',
    );
  });

  it('leaves nothing, not a negative amount, when the scheme is already over-committed', () => {
    expect(pooledBudgetHeadroom(scheme, 1_200_000, 1).overCommitment).toMatch(/leaving £0$/);
  });
});
