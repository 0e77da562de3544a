import { describe, expect, it } from 'vitest';
import { combineReviewResponses } from '../../governance/review-outcomes';

describe('combineReviewResponses', () => {
  it('dissolves only when both parent bodies dissolve', () => {
    expect(combineReviewResponses(['dissolve', 'dissolve'])).toBe('dissolve');
    expect(combineReviewResponses(['dissolve', 'continue'])).toBe('continue');
  });

  it('amends the Terms of Reference when either asks, before anything else but dissolution', () => {
    expect(combineReviewResponses(['amend-tor', 'continue'])).toBe('amend-tor');
    expect(combineReviewResponses(['extend-delegation', 'amend-tor'])).toBe('amend-tor');
    expect(combineReviewResponses(['dissolve', 'amend-tor'])).toBe('amend-tor');
  });

  it('records an extension asked for by either, otherwise continues', () => {
    expect(combineReviewResponses(['continue', 'extend-delegation'])).toBe('extend-delegation');
    expect(combineReviewResponses(['dissolve', 'extend-delegation'])).toBe('extend-delegation');
    expect(combineReviewResponses(['continue', 'continue'])).toBe('continue');
  });
});
