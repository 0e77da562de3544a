import { pooledBudgetHeadroom } from '../../../governance/pooled-budgets';
import { authorityDigest } from '../../../governance/standing-orders/registration';
import { committedToScheme, requireRegistered } from '../../kit/proxies';
import { classifiedAttributes, type DecisionContext } from '../context';

/** Where an item goes instead of the board's own decision, and why. */
export interface Referral {
  to: string;
  reasons: string[];
}

/** Checks the standing orders are the board's registered ones, then records the item's classification. */
export async function classify(context: DecisionContext): Promise<void> {
  const { so, input, classification, tracker, effects } = context;
  // A client that bypassed the CLI could bring standing orders of its own: nothing happens under those.
  await requireRegistered({ boardId: so.board.id, digest: authorityDigest(so) });
  tracker.step('classified', classification.reasons.join('; '));
  tracker.enter('classified', 'classification', { attributes: classifiedAttributes(context) });
  await effects.record('classified', {
    classification,
    amountGbp: input.amountGbp ?? null,
    topic: input.topic,
    summary: context.publicSummary,
    exempt: context.exemptNote,
  });
}

/** An item outside the board's delegation goes to the decision maker or Cabinet as classified. */
export function referralOnClassification({ classification }: DecisionContext): Referral | undefined {
  if (classification.route === 'refer-to-decision-maker')
    return {
      to: 'the decision maker for this area (noted for information at the board)',
      reasons: classification.reasons,
    };
  if (classification.route === 'refer-to-cabinet') return { to: 'Cabinet', reasons: classification.reasons };
  return undefined;
}

/**
 * Money the pooled budget scheme cannot take (its total less what is already committed) goes to Cabinet
 * and the NHS board.
 */
export async function overCommitment(context: DecisionContext): Promise<Referral | undefined> {
  const { so, input, tracker } = context;
  const scheme = input.schemeId ? so.pooledBudgets.find((b) => b.id === input.schemeId) : undefined;
  if (!scheme || !input.amountGbp) return undefined;
  const committed = await committedToScheme(so.board.id, scheme.id);
  const check = pooledBudgetHeadroom(scheme, committed, input.amountGbp);
  tracker.step('budget-checked', check.checked);
  return check.overCommitment
    ? { to: 'Cabinet and the NHS board', reasons: [check.overCommitment] }
    : undefined;
}
