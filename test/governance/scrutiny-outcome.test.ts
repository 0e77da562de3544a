import { describe, expect, it } from 'vitest';
import { recordedScrutinyOutcomeSchema, scrutinyOutcomeSchema } from '../../definitions/decision';

const by = 'democratic.services@southampton.example.org';
const CONCERNS =
  'reasons: must set out the committee’s concerns when it refers the decision back or to full Council';
const messages = (input: unknown) => {
  const parsed = scrutinyOutcomeSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a scrutiny outcome', () => {
  it('needs no reasons for no further action', () => {
    expect(messages({ by, outcome: 'no-further-action' })).toEqual([]);
  });

  it('sets out the committee’s concerns when it refers the decision back or to full Council', () => {
    for (const outcome of ['refer-back', 'refer-to-council']) {
      expect(messages({ by, outcome })).toEqual([CONCERNS]);
      expect(messages({ by, outcome, reasons: '' })).toEqual([CONCERNS]);
      expect(messages({ by, outcome, reasons: ' \n ' })).toEqual([CONCERNS]);
      expect(messages({ by, outcome, reasons: 'Consult the carers’ forum first.' })).toEqual([]);
    }
  });

  it('as a history recorded it: without the acting officer, and a referral without reasons, still read', () => {
    expect(recordedScrutinyOutcomeSchema.parse({ outcome: 'refer-back' })).toEqual({
      outcome: 'refer-back',
      reasons: '',
    });
  });
});
