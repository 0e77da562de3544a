import { describe, expect, it } from 'vitest';
import { combinePartnerVerdicts } from '../../governance/partner-verdicts';

describe('how the parent bodies’ answers combine', () => {
  it('stays open until every parent body has answered', () => {
    expect(combinePartnerVerdicts({ given: [], expired: 0, partners: 2 })).toBeUndefined();
    expect(combinePartnerVerdicts({ given: ['approve'], expired: 0, partners: 2 })).toBeUndefined();
    expect(combinePartnerVerdicts({ given: ['amend'], expired: 0, partners: 2 })).toBeUndefined();
  });

  it('is approved when all approve, amended when any asks for amendment', () => {
    expect(combinePartnerVerdicts({ given: ['approve', 'approve'], expired: 0, partners: 2 })).toBe(
      'approved',
    );
    expect(combinePartnerVerdicts({ given: ['approve', 'amend'], expired: 0, partners: 2 })).toBe('amended');
    expect(combinePartnerVerdicts({ given: ['amend', 'amend'], expired: 0, partners: 2 })).toBe('amended');
  });

  it('is rejected as soon as either rejects, even before the other answers or after a deadline passed', () => {
    expect(combinePartnerVerdicts({ given: ['reject'], expired: 0, partners: 2 })).toBe('rejected');
    expect(combinePartnerVerdicts({ given: ['approve', 'reject'], expired: 0, partners: 2 })).toBe(
      'rejected',
    );
    expect(combinePartnerVerdicts({ given: ['reject'], expired: 1, partners: 2 })).toBe('rejected');
  });

  it('expires when a deadline passes without an answer and none rejected', () => {
    expect(combinePartnerVerdicts({ given: [], expired: 1, partners: 2 })).toBe('expired');
    expect(combinePartnerVerdicts({ given: ['approve'], expired: 1, partners: 2 })).toBe('expired');
  });
});
