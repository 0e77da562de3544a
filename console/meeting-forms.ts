/**
 * The meeting page's forms (console/meetings.ts) read into the meeting's Updates, through the same
 * definitions/ schemas as `govflow meeting`. The acting officer (`by`) is always the signed-in person's; a
 * problem names its field as the CLI does.
 */
import type { z } from 'zod';
import {
  approveMinutesSchema,
  attendanceSchema,
  draftMinutesSchema,
  itemOutcomeSchema,
} from '../definitions/meeting';
import type { StandingOrders } from '../governance/standing-orders';

export type FormBody = Record<string, unknown>;

/** How many interest declarations the attendance form offers at once (the form can be sent again). */
export const INTEREST_ROWS = 3;

/** The forms on a meeting's page, by the id each has there. */
export type MeetingForm = 'attendance' | 'outcome' | 'draft-minutes' | 'approve-minutes';

export type Parsed<T> = { data: T } | { problem: string; field: string };

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A field sent once is a string, a checkbox group ticked more than once an array. */
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : v === undefined ? [] : [text(v)]);
/** A count of hands: blank is none given; anything else is read as a number (the schema judges it). */
const hands = (v: unknown) => (text(v) === '' ? undefined : Number(text(v)));

function parsed<S extends z.ZodType>(
  schema: S,
  value: unknown,
  fieldId: (path: PropertyKey[]) => string,
): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data };
  const issue = result.error.issues[0]!;
  return { problem: `${issue.path.join('.')}: ${issue.message}`, field: fieldId(issue.path) };
}

export function attendanceOf(body: FormBody, by: string) {
  const interests = Array.from({ length: INTEREST_ROWS }, (_, i) => ({
    member: text(body[`interest-member-${i}`]),
    ref: text(body[`interest-ref-${i}`]),
    interest: text(body[`interest-text-${i}`]),
  })).filter((d) => d.member || d.ref || d.interest);
  return parsed(
    attendanceSchema,
    { by, present: list(body.present), apologies: list(body.apologies), interests },
    (path) =>
      path[0] === 'interests' ? 'interest-member-0' : path[0] === 'apologies' ? 'apologies' : 'present',
  );
}

/**
 * Each item's outcome: hands counted per partner, or each member's vote by name where the standing orders
 * ask for a recorded vote; the resolution, reasons and the alternatives considered.
 */
export function outcomeOf(body: FormBody, by: string, so: StandingOrders) {
  const ref = text(body.ref);
  if (body.recorded === 'named') return namedOutcomeOf(body, by, ref);
  const counts = Object.fromEntries(
    so.partners.map((p) => [
      p.id,
      {
        for: hands(body[`for-${p.id}`]),
        against: hands(body[`against-${p.id}`]),
        abstain: hands(body[`abstain-${p.id}`]),
      },
    ]),
  );
  const alternatives = alternativesOf(body);
  const id = outcomeFieldId(ref);
  // A blank count is a count not taken: said here, where the schema would only say a number is missing.
  for (const p of so.partners)
    for (const vote of ['for', 'against'] as const)
      if (counts[p.id]![vote] === undefined)
        return {
          problem: `counts.${p.id}.${vote}: give the hands counted for ${p.name} (0 if none)`,
          field: id(`${vote}-${p.id}`),
        };
  return parsed(
    itemOutcomeSchema,
    { by, ref, counts, resolution: text(body.resolution), reasons: text(body.reasons), alternatives },
    (path) =>
      path[0] === 'counts' && typeof path[1] === 'string'
        ? id(`${String(path[2] ?? 'for')}-${path[1]}`)
        : id(
            typeof path[0] === 'string' && path[0] !== 'votes' && path[0] !== 'ref' ? path[0] : 'resolution',
          ),
  );
}

/** A recorded vote: `vote-<member>` for, against or abstain; a member left blank did not vote. */
function namedOutcomeOf(body: FormBody, by: string, ref: string) {
  const votes = Object.fromEntries(
    Object.entries(body).flatMap(([key, value]) =>
      key.startsWith('vote-') && text(value) ? [[key.slice('vote-'.length), text(value)]] : [],
    ),
  );
  const id = outcomeFieldId(ref);
  return parsed(
    itemOutcomeSchema,
    {
      by,
      ref,
      votes,
      resolution: text(body.resolution),
      reasons: text(body.reasons),
      alternatives: alternativesOf(body),
    },
    (path) =>
      path[0] === 'votes' && typeof path[1] === 'string'
        ? id(`vote-${path[1]}`)
        : id(
            typeof path[0] === 'string' && path[0] !== 'ref' && path[0] !== 'votes' ? path[0] : 'resolution',
          ),
  );
}

const alternativesOf = (body: FormBody) =>
  text(body.alternatives)
    .split(/\r?\n/)
    .map((a) => a.trim())
    .filter(Boolean);

/** Field ids are unique on the page: each item's outcome form has its own. */
export const outcomeFieldId = (ref: string) => (field: string) => `outcome-${ref}-${field}`;

export function draftMinutesOf(by: string) {
  return parsed(draftMinutesSchema, { by }, () => 'draft-minutes');
}

export function approvalOf(body: FormBody, by: string) {
  return parsed(
    approveMinutesSchema,
    { by, approvedAt: text(body.approvedAt), amendments: text(body.amendments) },
    (path) => (path[0] === 'amendments' ? 'amendments' : 'approvedAt'),
  );
}
