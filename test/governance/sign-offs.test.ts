import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../../governance';
import {
  missingSignOffReason,
  signOffDueDay,
  signOffProblem,
  signOffRefusal,
  signOffsDue,
} from '../../governance/sign-offs';
import { PRESET_NAMES, resolveStandingOrders, standingOrdersSchema } from '../../governance/standing-orders';
import { PRESET_SIGN_OFFS } from '../../governance/standing-orders/presets/sign-offs';
import { authorityDigest } from '../../governance/standing-orders/registration';

const ew = holidayCalendar('england-and-wales');
const rules = PRESET_SIGN_OFFS['southampton-jcb'];
const [finance, legal, mo] = rules;

describe('sign-off due days', () => {
  it('count back the working days before the agenda’s publication day', () => {
    // Wednesday 3 March 2027, no bank holiday near: five working days back is Wednesday 24 February.
    expect(signOffDueDay('2027-03-03', finance, ew)).toBe('2027-02-24');
    expect(signOffDueDay('2027-03-03', mo, ew)).toBe('2027-02-26');
  });

  it('skip the board’s bank holidays (Easter 2027) and a holiday the board adds', () => {
    // Thursday 1 April 2027: Easter Monday 29 and Good Friday 26 March do not count.
    expect(signOffDueDay('2027-04-01', mo, ew)).toBe('2027-03-25');
    const withDay = holidayCalendar('england-and-wales', {
      add: [{ date: '2027-02-26', name: 'Civic holiday' }],
      remove: [],
    });
    expect(signOffDueDay('2027-03-03', mo, withDay)).toBe('2027-02-25');
  });

  it('lists every sign-off, earliest first', () => {
    expect(signOffsDue(rules, '2027-03-03', ew)).toEqual([
      { role: 'finance', due: '2027-02-24' },
      { role: 'legal', due: '2027-02-24' },
      { role: 'monitoring-officer', due: '2027-02-26' },
    ]);
  });
});

describe('who may sign off, and what', () => {
  it('only the officer the board names for the role', () => {
    expect(signOffRefusal(rules, 'finance', 'Finance@Southampton.example.org')).toBeUndefined();
    expect(signOffRefusal(rules, 'finance', legal.officer.email)).toBe(
      `by: only the finance officer (${finance.officer.email}) may give the finance sign-off; ${legal.officer.email} is not that officer`,
    );
  });

  it('refuses an unknown role, an item not on the agenda and a second sign-off, naming the field', () => {
    const item = { ref: '2027-040', onAgenda: true, given: undefined };
    expect(signOffProblem(rules, item, 'finance')).toBeUndefined();
    expect(signOffProblem(rules, item, 'audit')).toBe(
      'role: "audit" is not a sign-off this board asks for (finance, legal, monitoring-officer)',
    );
    expect(signOffProblem([], item, 'finance')).toBe('role: this board asks for no sign-offs');
    expect(signOffProblem(rules, { ...item, onAgenda: false }, 'finance')).toBe(
      'ref: 2027-040 is not on the agenda',
    );
    expect(
      signOffProblem(rules, { ...item, given: { by: finance.officer.email, on: '2027-02-20' } }, 'finance'),
    ).toBe(
      `role: the finance sign-off for 2027-040 was already given by ${finance.officer.email} on 2027-02-20`,
    );
    expect(missingSignOffReason('finance', '2027-02-24')).toBe('finance sign-off not given by 2027-02-24');
  });
});

describe('sign-offs in the standing orders', () => {
  const so = resolveStandingOrders('southampton-jcb', '2027-01-01');

  it('each preset’s example sign-offs are valid standing orders, outside the registered digest', () => {
    for (const name of PRESET_NAMES) {
      const preset = resolveStandingOrders(name, '2027-01-01');
      const withSignOffs = standingOrdersSchema.parse({ ...preset, signOffs: PRESET_SIGN_OFFS[name] });
      expect(withSignOffs.signOffs?.length).toBeGreaterThan(0);
      expect(authorityDigest(withSignOffs)).toBe(authorityDigest(preset));
    }
  });

  it('refuses a duplicate role and a due day that is not before the agenda, naming the field', () => {
    const duplicate = standingOrdersSchema.safeParse({ ...so, signOffs: [finance, finance] });
    expect(duplicate.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['signOffs.1.role', 'duplicate sign-off role "finance"'],
    ]);
    const zero = standingOrdersSchema.safeParse({
      ...so,
      signOffs: [{ ...finance, workingDaysBeforeAgenda: 0 }],
    });
    expect(zero.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['signOffs.0.workingDaysBeforeAgenda', 'must be at least 1 working day before the agenda is published'],
    ]);
    const noEmail = standingOrdersSchema.safeParse({
      ...so,
      signOffs: [{ ...finance, officer: { email: 'finance' } }],
    });
    expect(noEmail.error?.issues[0]?.path.join('.')).toBe('signOffs.0.officer.email');
  });
});
