/**
 * Standing orders: the validated config a board is run under (GOVERNANCE.md §4). Every field has
 * the default GOVERNANCE.md gives; cross-field checks name the field path that is wrong.
 * Pure: zod only.
 */
import { z } from 'zod';
import { isCivilDate, compareCivilDates, civilDateParts } from '../civil-date';
import { REGIONS, statutoryBankHolidays } from '../bank-holidays';
import { DEFAULT_NOTICE_RULES } from '../notice';
import { ESCALATION_STEPS } from '../schedule';
import { governanceDate, personLine } from '../person-text';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z.string().regex(SLUG, {
  message: 'must be a lowercase slug (letters a-z, digits and single hyphens, e.g. "nhs" or "cllr-a-smith")',
});

export const civilDateSchema = governanceDate('must be a real calendar date YYYY-MM-DD');

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a 24-hour time HH:MM (Europe/London)' });

const emailSchema = z.email({ message: 'must be an email address' });
const nameSchema = personLine(200);
const gbpSchema = z.number().nonnegative({ message: 'must be an amount in GBP >= 0' }).finite();

export const personSchema = z.object({ name: nameSchema, email: emailSchema });

/** O&S members sign call-ins by id; without one, the id is made from the name ("Cllr Hana Ali" -> "cllr-hana-ali"). */
const scrutinyMemberSchema = personSchema.extend({ id: slugSchema.optional() });

export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const noticeRuleSchema = z.object({
  days: z
    .number()
    .int({ message: 'must be a whole number of days' })
    .min(0, { message: 'must be >= 0' })
    .max(366),
  counting: z.enum(['calendar', 'working'], { message: 'must be "calendar" or "working"' }),
});

export const regionSchema = z.enum(REGIONS, { message: `must be one of ${REGIONS.join(', ')}` });

const partnerSchema = z.object({
  id: slugSchema,
  name: nameSchema,
  /** 'council' or 'nhs' (PCT, CCG or ICB). */
  kind: z.enum(['council', 'nhs'], { message: 'must be "council" or "nhs"' }),
  parentBody: z.object({ name: nameSchema }),
  clerk: personSchema,
  chiefExecutive: personSchema,
});

const memberSchema = z.object({
  id: slugSchema,
  name: nameSchema,
  email: emailSchema,
  /** A partner id. */
  partner: slugSchema,
  role: nameSchema,
  voting: z.boolean().default(true),
  isCabinetMember: z.boolean().default(false),
});

const noticeRulesSchema = z
  .object({
    forwardPlan: noticeRuleSchema.default(DEFAULT_NOTICE_RULES.forwardPlan),
    generalException: noticeRuleSchema.default(DEFAULT_NOTICE_RULES.generalException),
    privateMeeting: noticeRuleSchema.default(DEFAULT_NOTICE_RULES.privateMeeting),
    privateMeetingConfirmation: noticeRuleSchema.default(DEFAULT_NOTICE_RULES.privateMeetingConfirmation),
    agenda: noticeRuleSchema.default(DEFAULT_NOTICE_RULES.agenda),
  })
  .default({ ...DEFAULT_NOTICE_RULES });

const escalationStepSchema = z.object({
  step: z.enum(ESCALATION_STEPS, { message: `must be one of ${ESCALATION_STEPS.join(', ')}` }),
  deadlineWorkingDays: z.number().int().min(1, { message: 'must be at least 1 working day' }).max(260),
  recipients: z.array(emailSchema).default([]),
});

export const DEFAULT_ESCALATION = [
  { step: 'joint-committee', deadlineWorkingDays: 20, recipients: [] },
  { step: 'chief-executives', deadlineWorkingDays: 15, recipients: [] },
  { step: 'parent-bodies', deadlineWorkingDays: 40, recipients: [] },
] as const satisfies readonly z.input<typeof escalationStepSchema>[];

const pooledBudgetSchema = z.object({
  id: slugSchema,
  name: nameSchema,
  amountGbp: gbpSchema,
  kind: z.enum(['s75', 's256', 'aligned'], { message: 'must be "s75", "s256" or "aligned"' }),
  /** Optional contribution per partner id; when given they must add up to amountGbp. */
  contributions: z.record(slugSchema, gbpSchema).optional(),
});

const holidaysSchema = z
  .object({
    region: regionSchema.default('england-and-wales'),
    adjustments: z
      .object({
        add: z.array(z.object({ date: civilDateSchema, name: nameSchema })).default([]),
        remove: z.array(z.object({ date: civilDateSchema, reason: personLine(500).optional() })).default([]),
      })
      .default({ add: [], remove: [] }),
  })
  .default({ region: 'england-and-wales', adjustments: { add: [], remove: [] } });

/** How a board's meetings are attended (issue 14): in a room, in a room with a remote link, or remote only. */
export const ATTENDANCE_MODES = ['in-person', 'hybrid', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/**
 * Where and when the board usually meets, and how soon draft minutes are due. Optional and without a default,
 * so standing orders written before it parse (and digest) exactly as they did; a meeting may override each.
 */
export const meetingArrangementsSchema = z.object({
  startTime: timeOfDaySchema.optional(),
  endTime: timeOfDaySchema.optional(),
  venue: personLine(300).optional(),
  attendance: z
    .enum(ATTENDANCE_MODES, { message: `must be one of ${ATTENDANCE_MODES.join(', ')}` })
    .optional(),
  /** The remote meeting link, for a hybrid or remote meeting. */
  link: z.url({ protocol: /^https?$/, message: 'must be an http(s) link' }).optional(),
  /** The public site the agenda pages are on, e.g. https://democracy.example.gov.uk. */
  publicPagesUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).optional(),
  /** Draft minutes are published within this many working days of the meeting. */
  minutesDraftWorkingDays: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1 working day' })
    .max(60)
    .optional(),
  /**
   * How the clerk records a show of hands: counted per partner (the default), or by name where the standing
   * orders ask for a recorded vote.
   */
  votes: z.enum(['counted', 'named'], { message: 'must be counted or named' }).optional(),
});
export type MeetingArrangements = z.output<typeof meetingArrangementsSchema>;

/**
 * A sign-off every agenda item needs before the agenda is published (issue 14 item 4), e.g. the chief
 * finance officer's, legal's or the monitoring officer's: who gives it and how many working days before the
 * agenda's publication day it is due. Outside the registered digest, like the arrangements, so a board may
 * add one or change its officer without registering its standing orders again.
 */
export const signOffRuleSchema = z.object({
  /** What is signed off, e.g. "finance", "legal", "monitoring-officer". */
  role: slugSchema,
  /** The only officer who may give it. */
  officer: z.object({ name: nameSchema.optional(), email: emailSchema }),
  workingDaysBeforeAgenda: z
    .number()
    .int({ message: 'must be a whole number of working days' })
    .min(1, { message: 'must be at least 1 working day before the agenda is published' })
    .max(30, { message: 'must be at most 30 working days' }),
});
export type SignOffRule = z.output<typeof signOffRuleSchema>;

export const signOffsSchema = z.array(signOffRuleSchema).superRefine((rules, ctx) => {
  rules.forEach((r, i) => {
    if (rules.findIndex((o) => o.role === r.role) !== i)
      ctx.addIssue({ code: 'custom', path: [i, 'role'], message: `duplicate sign-off role "${r.role}"` });
  });
});

const baseSchema = z.object({
  board: z.object({
    id: slugSchema,
    name: nameSchema,
    kind: z
      .enum(['joint-commissioning-board', 'joint-committee', 'partnership-board'])
      .default('joint-commissioning-board'),
  }),
  partners: z
    .array(partnerSchema)
    .min(2, { message: 'needs at least two partners (a council and an NHS body)' }),
  members: z.array(memberSchema).min(1, { message: 'needs at least one member' }),
  /** A member id. */
  chair: slugSchema,
  /** partner id -> member id of that partner's lead. */
  partnerLeads: z.record(slugSchema, slugSchema).default({}),
  overviewAndScrutiny: z.object({
    committee: nameSchema.default('Overview and Scrutiny Management Committee'),
    chair: scrutinyMemberSchema,
    members: z.array(scrutinyMemberSchema).default([]),
  }),
  officers: z.object({
    democraticServices: z.object({ name: nameSchema.optional(), email: emailSchema }),
    commissioning: personSchema.optional(),
  }),
  delegation: z
    .object({
      /** false: the board only recommends to the parent bodies (Wiltshire 2009 ¶11-12). */
      delegatedPower: z.boolean().default(false),
      /** Areas the board may decide on; items outside are noted for information and referred. */
      scope: z.array(nameSchema).default([]),
    })
    .default({ delegatedPower: false, scope: [] }),
  /** partner id -> minimum voting members of that partner present and entitled to vote. Default 1 each. */
  quorum: z.record(slugSchema, z.number().int().min(1, { message: 'must be at least 1' })).default({}),
  consensus: z
    .object({
      rule: z
        .enum(['majority-of-each-partner', 'unanimity'], {
          message: 'must be "majority-of-each-partner" or "unanimity"',
        })
        .default('majority-of-each-partner'),
    })
    .default({ rule: 'majority-of-each-partner' }),
  keyDecision: z
    .object({
      thresholdGbp: gbpSchema.default(500_000),
      wardsThreshold: z.number().int().min(1).default(2),
    })
    .default({ thresholdGbp: 500_000, wardsThreshold: 2 }),
  spendingLimit: z
    .object({
      /** Largest amount the board's members may commit; null = no financial delegation. */
      amountGbp: gbpSchema.nullable().default(null),
      /** Who must all agree for a commitment up to the limit (Southampton ¶28: the Cabinet members). */
      unanimity: z.enum(['cabinet-members', 'all-voting-members', 'none']).default('none'),
    })
    .default({ amountGbp: null, unanimity: 'none' }),
  notice: noticeRulesSchema,
  holidays: holidaysSchema,
  publication: z.object({ cutOffTime: timeOfDaySchema.default('17:00') }).default({ cutOffTime: '17:00' }),
  callIn: z
    .object({
      windowWorkingDays: z.number().int().min(1).max(60).default(5),
      signatoriesRequired: z.number().int().min(1).default(5),
      scrutinyMeetingWithinWorkingDays: z.number().int().min(1).max(260).default(15),
    })
    .default({ windowWorkingDays: 5, signatoriesRequired: 5, scrutinyMeetingWithinWorkingDays: 15 }),
  deferral: z.object({ limit: z.number().int().min(1).default(2) }).default({ limit: 2 }),
  escalation: z
    .object({
      steps: z
        .array(escalationStepSchema)
        .min(1)
        .default(DEFAULT_ESCALATION.map((s) => ({ ...s, recipients: [] }))),
    })
    .default({ steps: DEFAULT_ESCALATION.map((s) => ({ ...s, recipients: [] })) }),
  review: z
    .object({
      firstAfterMonths: z.number().int().min(1).max(120).default(12),
      reminderDaysBefore: z.array(z.number().int().min(1).max(366)).default([28, 7]),
      recurringEveryMonths: z.number().int().min(1).max(120).default(12),
    })
    .default({ firstAfterMonths: 12, reminderDaysBefore: [28, 7], recurringEveryMonths: 12 }),
  establishment: z
    .object({ approvalDeadlineMonths: z.number().int().min(1).max(36).default(3) })
    .default({ approvalDeadlineMonths: 3 }),
  /** Published meeting dates (Europe/London civil dates). */
  meetings: z.array(civilDateSchema).default([]),
  meetingArrangements: meetingArrangementsSchema.optional(),
  /** Sign-offs every agenda item needs; optional, so standing orders written before them parse alike. */
  signOffs: signOffsSchema.optional(),
  pooledBudgets: z.array(pooledBudgetSchema).default([]),
});

type Base = z.output<typeof baseSchema>;

function checkCrossFields(so: Base, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  const partnerIds = new Set<string>();
  so.partners.forEach((p, i) => {
    if (partnerIds.has(p.id)) issue(['partners', i, 'id'], `duplicate partner id "${p.id}"`);
    partnerIds.add(p.id);
  });
  if (!so.partners.some((p) => p.kind === 'council'))
    issue(['partners'], 'needs a partner of kind "council"');
  if (!so.partners.some((p) => p.kind === 'nhs')) issue(['partners'], 'needs a partner of kind "nhs"');

  const memberById = new Map<string, Base['members'][number]>();
  so.members.forEach((m, i) => {
    if (memberById.has(m.id)) issue(['members', i, 'id'], `duplicate member id "${m.id}"`);
    memberById.set(m.id, m);
    if (!partnerIds.has(m.partner))
      issue(
        ['members', i, 'partner'],
        `unknown partner "${m.partner}" (partners: ${[...partnerIds].join(', ')})`,
      );
  });
  const emails = new Map<string, number>();
  so.members.forEach((m, i) => {
    const e = m.email.toLowerCase();
    if (emails.has(e))
      issue(['members', i, 'email'], `duplicate email ${m.email} (also members.${emails.get(e)})`);
    emails.set(e, i);
  });

  if (!memberById.has(so.chair)) issue(['chair'], `"${so.chair}" is not a member id`);

  for (const [partner, memberId] of Object.entries(so.partnerLeads)) {
    if (!partnerIds.has(partner)) issue(['partnerLeads', partner], `unknown partner "${partner}"`);
    const m = memberById.get(memberId);
    if (!m) issue(['partnerLeads', partner], `"${memberId}" is not a member id`);
    else if (m.partner !== partner)
      issue(
        ['partnerLeads', partner],
        `member "${memberId}" belongs to partner "${m.partner}", not "${partner}"`,
      );
  }

  for (const p of so.partners) {
    const voting = so.members.filter((m) => m.partner === p.id && m.voting).length;
    if (voting === 0)
      issue(
        ['members'],
        `partner "${p.id}" has no voting member, so consensus of both partners is impossible`,
      );
  }
  for (const [partner, n] of Object.entries(so.quorum)) {
    if (!partnerIds.has(partner)) {
      issue(['quorum', partner], `unknown partner "${partner}"`);
      continue;
    }
    const voting = so.members.filter((m) => m.partner === partner && m.voting).length;
    if (n > voting)
      issue(['quorum', partner], `quorum ${n} is more than the partner's ${voting} voting member(s)`);
  }

  if (so.spendingLimit.unanimity === 'cabinet-members' && !so.members.some((m) => m.isCabinetMember)) {
    issue(
      ['spendingLimit', 'unanimity'],
      '"cabinet-members" needs at least one member with isCabinetMember: true',
    );
  }
  if (so.delegation.delegatedPower && so.delegation.scope.length === 0) {
    issue(['delegation', 'scope'], 'a board with delegated power needs at least one area of scope');
  }

  const steps = so.escalation.steps.map((s) => s.step);
  steps.forEach((s, i) => {
    if (steps.indexOf(s) !== i) issue(['escalation', 'steps', i, 'step'], `duplicate step "${s}"`);
    else if (i > 0 && ESCALATION_STEPS.indexOf(s) < ESCALATION_STEPS.indexOf(steps[i - 1]!)) {
      issue(
        ['escalation', 'steps', i, 'step'],
        `"${s}" must come before "${steps[i - 1]}" (order: ${ESCALATION_STEPS.join(' -> ')})`,
      );
    }
  });

  const seen = new Set<string>();
  so.meetings.forEach((d, i) => {
    if (seen.has(d)) issue(['meetings', i], `duplicate meeting date ${d}`);
    seen.add(d);
  });

  const budgetIds = new Set<string>();
  so.pooledBudgets.forEach((b, i) => {
    if (budgetIds.has(b.id)) issue(['pooledBudgets', i, 'id'], `duplicate scheme id "${b.id}"`);
    budgetIds.add(b.id);
    if (b.contributions) {
      let sum = 0;
      for (const [partner, amount] of Object.entries(b.contributions)) {
        if (!partnerIds.has(partner))
          issue(['pooledBudgets', i, 'contributions', partner], `unknown partner "${partner}"`);
        sum += amount;
      }
      if (Math.abs(sum - b.amountGbp) > 0.005) {
        issue(
          ['pooledBudgets', i, 'contributions'],
          `contributions add up to ${sum}, not amountGbp ${b.amountGbp}`,
        );
      }
    }
  });

  so.holidays.adjustments.remove.forEach((r, i) => {
    if (!isCivilDate(r.date)) return;
    const year = civilDateParts(r.date).year;
    if (!statutoryBankHolidays(so.holidays.region, year).some((h) => h.date === r.date)) {
      issue(
        ['holidays', 'adjustments', 'remove', i, 'date'],
        `${r.date} is not a bank holiday in ${so.holidays.region}`,
      );
    }
  });
}

export const standingOrdersSchema = baseSchema.superRefine(checkCrossFields).transform((so) => {
  // Fill derived defaults: quorum 1 per partner where not given; meetings sorted.
  const quorum: Record<string, number> = {};
  for (const p of so.partners) quorum[p.id] = so.quorum[p.id] ?? 1;
  const withId = <P extends { id?: string; name: string }>(person: P) => ({
    ...person,
    id: person.id ?? slugFromName(person.name),
  });
  const overviewAndScrutiny = {
    ...so.overviewAndScrutiny,
    chair: withId(so.overviewAndScrutiny.chair),
    members: so.overviewAndScrutiny.members.map(withId),
  };
  return { ...so, quorum, overviewAndScrutiny, meetings: [...so.meetings].sort(compareCivilDates) };
});

/** Standing orders after validation, with every default filled in. */
export type StandingOrders = z.output<typeof standingOrdersSchema>;
/** Standing orders as written in a file or preset (defaults may be omitted). */
export type StandingOrdersInput = z.input<typeof standingOrdersSchema>;
export type Member = StandingOrders['members'][number];
export type Partner = StandingOrders['partners'][number];
export type PooledBudget = StandingOrders['pooledBudgets'][number];
