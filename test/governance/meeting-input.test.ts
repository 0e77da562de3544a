/**
 * A decision asks its meeting to list it after checking the meeting's input against its own, already parsed,
 * standing orders (meetingOfParsedStandingOrdersSchema, issue 17). That check must answer exactly as the
 * meeting's full input schema does, or a decision would join a meeting that refuses to start, or give its
 * own notice for one that would have listed it.
 */
import { describe, expect, it } from 'vitest';
import { meetingInputSchema, meetingOfParsedStandingOrdersSchema } from '../../definitions';
import { describeZodError } from '../../definitions/validation';
import { standingOrdersSchema } from '../../governance/standing-orders';
import { bathNesJointCommittee } from '../../governance/standing-orders/presets/bath-nes-joint-committee';
import { southamptonJcb } from '../../governance/standing-orders/presets/southampton-jcb';
import { wiltshireAdultJcb } from '../../governance/standing-orders/presets/wiltshire-adult-jcb';

const presets = { southamptonJcb, bathNesJointCommittee, wiltshireAdultJcb };

const meetings = (by: string) => [
  { date: '2027-03-11', by },
  { date: '2027-03-11', by, attendance: 'remote', link: 'https://meet.example.org/jcb' },
  { date: '2027-03-11', by, attendance: 'remote' },
  { date: '2027-03-11', by, attendance: 'hybrid', venue: 'Civic Centre' },
  { date: '2027-03-11', by, startTime: '18:00', endTime: '17:00' },
  { date: '2027-02-30', by },
  { date: '2027-03-11', by: 'not an email' },
  { date: '2027-03-11', by, link: 'ftp://example.org' },
];

describe('a meeting checked against standing orders already parsed', () => {
  for (const [name, preset] of Object.entries(presets)) {
    it(`answers as the meeting's own input schema does, for ${name}`, () => {
      const so = standingOrdersSchema.parse(preset);
      const answers = meetings(so.officers.democraticServices.email).map((fields) => {
        const full = meetingInputSchema.safeParse({ standingOrders: so, ...fields });
        const own = meetingOfParsedStandingOrdersSchema.safeParse({ standingOrders: so, ...fields });
        expect(own.success, JSON.stringify(fields)).toBe(full.success);
        if (!full.success && !own.success)
          expect(describeZodError(own.error)).toBe(describeZodError(full.error));
        return full.success;
      });
      // Both kinds of answer are compared: some meetings can be arranged, some cannot.
      expect(answers).toContain(true);
      expect(answers).toContain(false);
    });
  }
});
