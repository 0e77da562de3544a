import { describe, expect, it } from 'vitest';
import { SCHEDULE_12A_PARAGRAPHS, classifyDecision, formatGbp } from '../../governance';
import { resolveStandingOrders } from '../../governance/standing-orders';

const southampton = resolveStandingOrders('southampton-jcb', '2027-01-01');
const wiltshire = resolveStandingOrders('wiltshire-adult-jcb', '2027-01-01');

describe('classifying a decision', () => {
  it('key decision by amount: at the threshold is key, a penny below is not', () => {
    expect(classifyDecision({ topic: 'mental health', amountGbp: 500_000 }, southampton).keyDecision).toBe(
      true,
    );
    const below = classifyDecision(
      { topic: 'mental health', amountGbp: 499_999.99, wardsAffected: 1 },
      southampton,
    );
    expect(below.keyDecision).toBe(false);
    expect(below.notices.forwardPlan).toBe(false);
    expect(below.reasons[0]).toMatch(
      /not a key decision: £499,999.99 is below £500,000 and 1 ward\(s\) affected, fewer than 2/,
    );
  });

  it('key decision by wards: two or more, or all', () => {
    expect(classifyDecision({ topic: 'carers support', wardsAffected: 2 }, southampton).keyDecision).toBe(
      true,
    );
    expect(
      classifyDecision({ topic: 'carers support', wardsAffected: 'all' }, southampton).reasons[0],
    ).toMatch(/affects all wards/);
    expect(classifyDecision({ topic: 'carers support', wardsAffected: 1 }, southampton).keyDecision).toBe(
      false,
    );
  });

  it('a saving counts like a spend', () => {
    expect(classifyDecision({ topic: 'carers support', amountGbp: -750_000 }, southampton).keyDecision).toBe(
      true,
    );
  });

  it('in scope, within the £2M limit: decided at the board, all 3 Cabinet members must agree', () => {
    const c = classifyDecision(
      { topic: 'Integrated Rehabilitation and Reablement', amountGbp: 2_000_000, wardsAffected: 'all' },
      southampton,
    );
    expect(c).toMatchObject({
      inScope: true,
      withinSpendingLimit: true,
      unanimityRequired: 'cabinet-members',
      route: 'decide-at-board',
      exempt: false,
    });
    expect(c.reasons).toContain('the spending authority needs all 3 Cabinet members on the board to agree');
  });

  it('above the £2M limit: referred to Cabinet', () => {
    const c = classifyDecision({ topic: 'mental health', amountGbp: 2_000_001 }, southampton);
    expect(c.withinSpendingLimit).toBe(false);
    expect(c.route).toBe('refer-to-cabinet');
    expect(c.unanimityRequired).toBeNull();
    expect(c.reasons.at(-1)).toBe(
      'above the spending limit: referred to Cabinet of Southampton City Council',
    );
  });

  it('outside the delegated scope: noted for information and referred to the decision maker (¶18)', () => {
    const c = classifyDecision({ topic: 'CAMHS transformation', amountGbp: 100_000 }, southampton);
    expect(c.inScope).toBe(false);
    expect(c.route).toBe('refer-to-decision-maker');
  });

  it('a board without delegated power recommends to both parent bodies (Wiltshire ¶11-12)', () => {
    const c = classifyDecision({ topic: 'older people', amountGbp: 3_000_000 }, wiltshire);
    expect(c.route).toBe('recommend-to-parent-bodies');
    expect(c.withinSpendingLimit).toBeNull();
    expect(c.reasons.join(' ')).toMatch(/Cabinet of Wiltshire Council and NHS Wiltshire Board each decide/);
  });

  it('exempt under Schedule 12A: private-meeting notices needed, with the paragraph', () => {
    const c = classifyDecision(
      { topic: 'mental health', amountGbp: 800_000, exemptParagraph: 3 },
      southampton,
    );
    expect(c.exempt).toBe(true);
    expect(c.exemptParagraph).toBe(3);
    expect(c.notices).toEqual({ forwardPlan: true, privateMeeting: true });
    expect(c.reasons.join(' ')).toContain(SCHEDULE_12A_PARAGRAPHS[3]);
    expect(c.reasons.join(' ')).toMatch(
      /28 clear days' notice of a private meeting and a confirmation 5 clear days before/,
    );
  });

  it('rejects invalid items with the field named', () => {
    expect(() => classifyDecision({ topic: 'mental health', exemptParagraph: 8 }, southampton)).toThrow(
      /^exemptParagraph: /,
    );
    expect(() => classifyDecision({ topic: ' ' }, southampton)).toThrow(/^topic: /);
    expect(() => classifyDecision({ topic: 'x', wardsAffected: -1 }, southampton)).toThrow(
      /^wardsAffected: /,
    );
    expect(() => classifyDecision({ topic: 'x', amountGbp: Number.NaN }, southampton)).toThrow(
      /^amountGbp: /,
    );
  });

  it('formats money without Intl', () => {
    expect(formatGbp(2_000_000)).toBe('£2,000,000');
    expect(formatGbp(105_196_000)).toBe('£105,196,000');
    expect(formatGbp(1234.5)).toBe('£1,234.50');
    expect(formatGbp(-750)).toBe('-£750');
    expect(formatGbp(0)).toBe('£0');
  });
});
