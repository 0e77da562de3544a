import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  PRESETS,
  PRESET_NAMES,
  type StandingOrdersInput,
  calendarFor,
  escalationRecipients,
  resolveStandingOrders,
  standingOrdersSchema,
} from '../../governance/standing-orders';

const clone = <T>(x: T): T => structuredClone(x);

/** The one-line message the CLI would print: "path: message; ...". */
function errorsOf(input: unknown): string[] {
  const r = standingOrdersSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const minimal: StandingOrdersInput = {
  board: { id: 'test-jcb', name: 'Test JCB' },
  partners: [
    {
      id: 'council',
      name: 'Test Council',
      kind: 'council',
      parentBody: { name: 'Cabinet' },
      clerk: { name: 'Clerk', email: 'clerk@council.example.org' },
      chiefExecutive: { name: 'CEO', email: 'ceo@council.example.org' },
    },
    {
      id: 'nhs',
      name: 'Test ICB',
      kind: 'nhs',
      parentBody: { name: 'ICB Board' },
      clerk: { name: 'Secretary', email: 'secretary@icb.example.nhs.uk' },
      chiefExecutive: { name: 'CEO', email: 'ceo@icb.example.nhs.uk' },
    },
  ],
  members: [
    { id: 'a', name: 'A', email: 'a@council.example.org', partner: 'council', role: 'Cabinet member' },
    { id: 'b', name: 'B', email: 'b@icb.example.nhs.uk', partner: 'nhs', role: 'Non-executive' },
  ],
  chair: 'a',
  overviewAndScrutiny: { chair: { name: 'O&S chair', email: 'os.chair@council.example.org' } },
  officers: { democraticServices: { email: 'democratic.services@council.example.org' } },
};

describe('standing orders schema', () => {
  it('fills every default from GOVERNANCE.md', () => {
    const so = standingOrdersSchema.parse(minimal);
    expect(so.notice).toEqual({
      forwardPlan: { days: 28, counting: 'calendar' },
      generalException: { days: 5, counting: 'working' },
      privateMeeting: { days: 28, counting: 'calendar' },
      privateMeetingConfirmation: { days: 5, counting: 'working' },
      agenda: { days: 5, counting: 'working' },
    });
    expect(so.callIn).toEqual({
      windowWorkingDays: 5,
      signatoriesRequired: 5,
      scrutinyMeetingWithinWorkingDays: 15,
    });
    expect(so.deferral.limit).toBe(2);
    expect(so.escalation.steps.map((s) => s.step)).toEqual([
      'joint-committee',
      'chief-executives',
      'parent-bodies',
    ]);
    expect(so.review).toEqual({
      firstAfterMonths: 12,
      reminderDaysBefore: [28, 7],
      recurringEveryMonths: 12,
    });
    expect(so.establishment.approvalDeadlineMonths).toBe(3);
    expect(so.holidays).toEqual({ region: 'england-and-wales', adjustments: { add: [], remove: [] } });
    expect(so.quorum).toEqual({ council: 1, nhs: 1 });
    expect(so.consensus.rule).toBe('majority-of-each-partner');
    expect(so.keyDecision).toEqual({ thresholdGbp: 500_000, wardsThreshold: 2 });
    expect(so.spendingLimit).toEqual({ amountGbp: null, unanimity: 'none' });
    expect(so.publication.cutOffTime).toBe('17:00');
    expect(so.members[0]).toMatchObject({ voting: true, isCabinetMember: false });
    expect(so.delegation).toEqual({ delegatedPower: false, scope: [] });
  });

  it('names the field of a bad email, slug, date, region and notice rule', () => {
    const bad = clone(minimal) as Record<string, unknown> & typeof minimal;
    bad.members[1]!.email = 'not-an-email';
    bad.board.id = 'Test JCB';
    bad.meetings = ['2027-02-30'];
    bad.holidays = { region: 'wales' as never };
    bad.notice = { agenda: { days: 5, counting: 'weekdays' as never } };
    const errors = errorsOf(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        'members.1.email: must be an email address',
        expect.stringMatching(/^board\.id: must be a lowercase slug/),
        'meetings.0: must be a real calendar date YYYY-MM-DD',
        'holidays.region: must be one of england-and-wales, scotland, northern-ireland',
        'notice.agenda.counting: must be "calendar" or "working"',
      ]),
    );
  });

  it('cross-field checks name the field: chair, member partner, duplicate ids, partner leads, quorum', () => {
    const bad = clone(minimal);
    bad.chair = 'nobody';
    bad.members.push({
      id: 'a',
      name: 'A again',
      email: 'a2@council.example.org',
      partner: 'pct',
      role: 'x',
    });
    bad.partnerLeads = { council: 'b', nhs: 'ghost' };
    bad.quorum = { council: 3, ccg: 1 };
    const errors = errorsOf(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        'chair: "nobody" is not a member id',
        'members.2.id: duplicate member id "a"',
        'members.2.partner: unknown partner "pct" (partners: council, nhs)',
        'partnerLeads.council: member "b" belongs to partner "nhs", not "council"',
        'partnerLeads.nhs: "ghost" is not a member id',
        "quorum.council: quorum 3 is more than the partner's 1 voting member(s)",
        'quorum.ccg: unknown partner "ccg"',
      ]),
    );
  });

  it('checks partners, spending unanimity, scope, escalation order, meetings, budgets and holiday removals', () => {
    const bad = clone(minimal);
    bad.partners[1]!.kind = 'council';
    bad.spendingLimit = { amountGbp: 2_000_000, unanimity: 'cabinet-members' };
    bad.delegation = { delegatedPower: true, scope: [] };
    bad.escalation = {
      steps: [
        { step: 'parent-bodies', deadlineWorkingDays: 10 },
        { step: 'joint-committee', deadlineWorkingDays: 10 },
      ],
    };
    bad.meetings = ['2027-01-14', '2027-01-14'];
    bad.pooledBudgets = [
      { id: 'x', name: 'X', amountGbp: 100, kind: 's75', contributions: { council: 60, nhs: 30 } },
      { id: 'x', name: 'Y', amountGbp: 10, kind: 's256' },
    ];
    bad.holidays = { region: 'england-and-wales', adjustments: { remove: [{ date: '2027-03-03' }] } };
    const errors = errorsOf(bad);
    expect(errors).toEqual(
      expect.arrayContaining([
        'partners: needs a partner of kind "nhs"',
        'spendingLimit.unanimity: "cabinet-members" needs at least one member with isCabinetMember: true',
        'delegation.scope: a board with delegated power needs at least one area of scope',
        'escalation.steps.1.step: "joint-committee" must come before "parent-bodies" (order: joint-committee -> chief-executives -> parent-bodies)',
        'meetings.1: duplicate meeting date 2027-01-14',
        'pooledBudgets.0.contributions: contributions add up to 90, not amountGbp 100',
        'pooledBudgets.1.id: duplicate scheme id "x"',
        'holidays.adjustments.remove.0.date: 2027-03-03 is not a bank holiday in england-and-wales',
      ]),
    );
  });

  it('reports a bad budget kind by name (cross-field checks wait until the shape is valid)', () => {
    const bad = clone(minimal);
    bad.pooledBudgets = [{ id: 'x', name: 'Y', amountGbp: 10, kind: 's999' as never }];
    bad.chair = 'nobody';
    expect(errorsOf(bad)).toEqual(['pooledBudgets.0.kind: must be "s75", "s256" or "aligned"']);
  });

  it('rejects missing required sections by name', () => {
    const noChair: Partial<StandingOrdersInput> = clone(minimal);
    delete noChair.chair;
    expect(errorsOf(noChair)).toEqual(expect.arrayContaining([expect.stringMatching(/^chair: /)]));
    expect(errorsOf({ ...clone(minimal), partners: [clone(minimal).partners[0]] })).toContain(
      'partners: needs at least two partners (a council and an NHS body)',
    );
  });

  it('sorts meetings', () => {
    expect(
      standingOrdersSchema.parse({ ...clone(minimal), meetings: ['2027-03-01', '2027-01-01'] }).meetings,
    ).toEqual(['2027-01-01', '2027-03-01']);
  });
});

describe('presets', () => {
  it('lists the three seed arrangements', () => {
    expect(PRESET_NAMES).toEqual(['wiltshire-adult-jcb', 'southampton-jcb', 'bath-nes-joint-committee']);
  });

  for (const name of PRESET_NAMES) {
    it(`${name} validates and has a monthly meeting calendar for three years from the year asked for, on working days`, () => {
      const r = standingOrdersSchema.safeParse(PRESETS[name]);
      expect(r.success ? [] : r.error.issues).toEqual([]);
      for (const [from, year] of [
        ['2027-06-15', 2027],
        ['2030-01-01', 2030],
        ['2089-12-31', 2089],
      ] as const) {
        const so = resolveStandingOrders(name, from);
        expect(so.board.id).toBe(name);
        expect(so.meetings.map((d) => d.slice(0, 7))).toEqual(
          Array.from(
            { length: 36 },
            (_, i) => `${year + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
          ),
        );
        const cal = calendarFor(so);
        for (const m of so.meetings) expect(cal.isWorkingDay(m), m).toBe(true);
      }
      const so = resolveStandingOrders(name, '2027-01-01');
      for (const m of so.members) expect(m.email).toMatch(/@[a-z-]+\.example(\.nhs\.uk|\.org)$/);
    });
  }

  it('southampton-jcb: 3 Cabinet members + 3 CCG members, £2M limit with Cabinet unanimity, £105.2M across 10 schemes', () => {
    const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
    expect(so.members.filter((m) => m.partner === 'council' && m.isCabinetMember)).toHaveLength(3);
    expect(so.members.filter((m) => m.partner === 'nhs')).toHaveLength(3);
    expect(so.spendingLimit).toEqual({ amountGbp: 2_000_000, unanimity: 'cabinet-members' });
    expect(so.delegation.delegatedPower).toBe(true);
    expect(so.pooledBudgets).toHaveLength(10);
    expect(so.pooledBudgets.reduce((s, b) => s + b.amountGbp, 0)).toBe(105_196_000);
    const byPartner = (p: string) => so.pooledBudgets.reduce((s, b) => s + (b.contributions?.[p] ?? 0), 0);
    expect([byPartner('nhs'), byPartner('council')]).toEqual([69_501_000, 35_695_000]);
    expect(so.notice.agenda).toEqual({ days: 5, counting: 'working' });
  });

  it('wiltshire-adult-jcb: 10 members (2 Cabinet, 2 NHS non-executives, 6 directors), recommends only', () => {
    const so = resolveStandingOrders('wiltshire-adult-jcb', '2027-01-01');
    expect(so.members).toHaveLength(10);
    expect(so.members.filter((m) => m.isCabinetMember)).toHaveLength(2);
    expect(so.members.filter((m) => m.role === 'Non-Executive Director' && m.partner === 'nhs')).toHaveLength(
      2,
    );
    expect(so.members.filter((m) => !m.isCabinetMember && m.role !== 'Non-Executive Director')).toHaveLength(
      6,
    );
    expect(so.delegation.delegatedPower).toBe(false);
    expect(so.review.firstAfterMonths).toBe(12);
    expect(so.pooledBudgets).toEqual([]);
  });

  it('bath-nes-joint-committee: a joint committee with s75, s256 and aligned budgets and the joint committee first on the ladder', () => {
    const so = resolveStandingOrders('bath-nes-joint-committee', '2027-01-01');
    expect(so.board.kind).toBe('joint-committee');
    expect(so.delegation.delegatedPower).toBe(false);
    expect(new Set(so.pooledBudgets.map((b) => b.kind))).toEqual(new Set(['s75', 's256', 'aligned']));
    const total = (k: string) =>
      so.pooledBudgets.filter((b) => b.kind === k).reduce((s, b) => s + b.amountGbp, 0);
    expect([total('s75'), total('s256'), total('aligned')]).toEqual([29_091_000, 2_796_000, 43_838_000]);
    expect(so.escalation.steps[0]?.step).toBe('joint-committee');
  });

  it('resolveStandingOrders: unknown preset names are an error; objects are validated', () => {
    expect(() => resolveStandingOrders('leeds-jcb', '2027-01-01')).toThrow(
      /unknown standing-orders preset "leeds-jcb"; presets: wiltshire-adult-jcb/,
    );
    expect(() => resolveStandingOrders({ board: {} })).toThrow(ZodError);
    expect(resolveStandingOrders(clone(minimal)).board.id).toBe('test-jcb');
  });

  it('escalation recipients default to the chair and leads, chief executives, then clerks', () => {
    const so = resolveStandingOrders('southampton-jcb', '2027-01-01');
    expect(escalationRecipients(so, 'joint-committee')).toEqual([
      'ada.shaw@southampton.example.org',
      'dev.patel@southampton-ccg.example.nhs.uk',
    ]);
    expect(escalationRecipients(so, 'chief-executives')).toEqual([
      'chief.executive@southampton.example.org',
      'accountable.officer@southampton-ccg.example.nhs.uk',
    ]);
    expect(escalationRecipients(so, 'parent-bodies')).toEqual([
      'cabinet.clerk@southampton.example.org',
      'governing.body@southampton-ccg.example.nhs.uk',
    ]);
    expect(
      escalationRecipients(
        resolveStandingOrders('bath-nes-joint-committee', '2027-01-01'),
        'joint-committee',
      ),
    ).toEqual(['democratic.services@bathnes.example.org']);
  });

  it('the standing orders holiday adjustments reach the calendar', () => {
    const so = standingOrdersSchema.parse({
      ...clone(minimal),
      holidays: {
        region: 'scotland',
        adjustments: { add: [{ date: '2027-06-07', name: 'Proclaimed holiday' }] },
      },
    });
    const cal = calendarFor(so);
    expect(cal.region).toBe('scotland');
    expect(cal.holidayOn('2027-06-07')?.name).toBe('Proclaimed holiday');
  });
});
