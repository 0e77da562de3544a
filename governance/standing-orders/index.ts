/**
 * Standing orders: schema, presets and resolution. Pure (no file I/O: the CLI reads files in
 * client/standing-orders-file.ts and passes the parsed object here).
 */
import { type StandingOrders, type StandingOrdersInput, standingOrdersSchema } from './schema';
import { southamptonJcb } from './presets/southampton-jcb';
import { wiltshireAdultJcb } from './presets/wiltshire-adult-jcb';
import { bathNesJointCommittee } from './presets/bath-nes-joint-committee';
import { type HolidayCalendar, holidayCalendar } from '../bank-holidays';
import type { CivilDate } from '../civil-date';
import { type MonthlyMeetingPattern, monthlyMeetings } from './presets/meeting-calendar';
import type { EscalationStepName } from '../schedule';

export * from './schema';
export * from './registration';

export const PRESETS = {
  'wiltshire-adult-jcb': wiltshireAdultJcb,
  'southampton-jcb': southamptonJcb,
  'bath-nes-joint-committee': bathNesJointCommittee,
} satisfies Record<string, StandingOrdersInput>;

export type PresetName = keyof typeof PRESETS;

/** Each preset's example meeting pattern (its meetings are made from it for the years asked for). */
export const PRESET_MEETINGS: Record<PresetName, MonthlyMeetingPattern> = {
  'wiltshire-adult-jcb': { weekday: 2, nth: 3 },
  'southampton-jcb': { weekday: 4, nth: 2 },
  'bath-nes-joint-committee': { weekday: 3, nth: 4 },
};
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(s: unknown): s is PresetName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(PRESETS, s);
}

/** Validates standing orders (throws a ZodError whose issues name the field path). */
export function parseStandingOrders(input: unknown): StandingOrders {
  return standingOrdersSchema.parse(input);
}

/**
 * A preset by name, or an object (already read from YAML/JSON) validated against the schema. A preset's
 * meetings follow its pattern from the start of the year of `meetingsFrom` (the caller's today) for
 * three years; an object keeps its own meetings. Throws an Error for an unknown preset name and a
 * ZodError for invalid standing orders.
 */
export function resolveStandingOrders(nameOrObject: unknown, meetingsFrom: CivilDate): StandingOrders;
export function resolveStandingOrders(standingOrders: object): StandingOrders;
export function resolveStandingOrders(nameOrObject: unknown, meetingsFrom?: CivilDate): StandingOrders {
  if (typeof nameOrObject === 'string') {
    if (meetingsFrom === undefined)
      throw new Error('a preset needs the day its meeting calendar starts from');
    if (!isPresetName(nameOrObject)) {
      throw new Error(
        `unknown standing-orders preset "${nameOrObject}"; presets: ${PRESET_NAMES.join(', ')}`,
      );
    }
    const preset = PRESETS[nameOrObject];
    const calendar = holidayCalendar(preset.holidays?.region, preset.holidays?.adjustments);
    return standingOrdersSchema.parse({
      ...preset,
      meetings: monthlyMeetings(PRESET_MEETINGS[nameOrObject], meetingsFrom, calendar),
    });
  }
  return standingOrdersSchema.parse(nameOrObject);
}

/** The board's working-day calendar: its holiday region with its adjustments. */
export function calendarFor(so: StandingOrders): HolidayCalendar {
  return holidayCalendar(so.holidays.region, so.holidays.adjustments);
}

/**
 * Who is notified at an escalation step: the step's explicit recipients, or by default the chair
 * and partner leads (joint committee), both chief executives, or both parent bodies' clerks.
 */
export function escalationRecipients(so: StandingOrders, step: EscalationStepName): string[] {
  const explicit = so.escalation.steps.find((s) => s.step === step)?.recipients ?? [];
  if (explicit.length > 0) return [...explicit];
  const email = (id: string) => so.members.find((m) => m.id === id)?.email;
  switch (step) {
    case 'joint-committee':
      return unique([email(so.chair), ...Object.values(so.partnerLeads).map(email)]);
    case 'chief-executives':
      return unique(so.partners.map((p) => p.chiefExecutive.email));
    case 'parent-bodies':
      return unique(so.partners.map((p) => p.clerk.email));
  }
}

function unique(list: (string | undefined)[]): string[] {
  return [...new Set(list.filter((x): x is string => typeof x === 'string'))];
}
