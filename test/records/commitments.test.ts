import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Register } from '../../activities/records/register';
import { BOARD, implemented } from '../support/register-entries';
import { registerBackends } from '../support/registers';

/** The ledger the decision workflow checks a scheme's headroom against, read from the real register. */
describe.each(registerBackends())('pooled budget commitments on $name', (backend) => {
  let register: Register;
  beforeAll(async () => {
    if (backend.available) register = await backend.open();
  });
  afterAll(async () => {
    await register?.close();
    await backend.stop();
  });

  it.skipIf(!backend.available)(
    'sums the commitments of implemented decisions per scheme, once per key',
    async () => {
      const activities = createActivities({ register, mailer: undefined as never });
      expect(await activities.committedToScheme({ boardId: BOARD, schemeId: 'bcf' })).toEqual({
        committedGbp: 0,
      });
      const entry = implemented();
      await activities.record(entry);
      await activities.record(entry);
      expect(await activities.committedToScheme({ boardId: BOARD, schemeId: 'bcf' })).toEqual({
        committedGbp: 1_250_000.5,
      });
      expect(await activities.committedToScheme({ boardId: BOARD, schemeId: 'carers' })).toEqual({
        committedGbp: 0,
      });
      expect(await activities.committedToScheme({ boardId: 'another-board', schemeId: 'bcf' })).toEqual({
        committedGbp: 0,
      });
    },
  );
});
