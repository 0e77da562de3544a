import { formatGbp } from './money';

export interface PooledBudgetCheck {
  /** What was read, for the process's steps: "Scheme: £x committed of £y". */
  checked: string;
  /** Why the amount cannot come from the scheme, when it cannot. */
  overCommitment?: string;
}

/**
 * Whether an amount fits a pooled budget scheme (s75): its total less what is already committed against
 * it. An amount that exactly uses up the headroom fits.
 */
export function pooledBudgetHeadroom(
  scheme: { name: string; amountGbp: number },
  committedGbp: number,
  amountGbp: number,
): PooledBudgetCheck {
  const headroom = scheme.amountGbp - committedGbp;
  const checked = `${scheme.name}: ${formatGbp(committedGbp)} committed of ${formatGbp(scheme.amountGbp)}`;
  if (amountGbp <= headroom) return { checked };
  return {
    checked,
    overCommitment: `${formatGbp(amountGbp)} would over-commit the ${scheme.name} pooled budget: ${formatGbp(committedGbp)} of ${formatGbp(scheme.amountGbp)} is already committed, leaving ${formatGbp(Math.max(0, headroom))}`,
  };
}
