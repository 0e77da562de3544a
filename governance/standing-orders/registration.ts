/**
 * Whether a process runs under its board's registered standing orders (issue 19, item 1). Pure: the
 * worker's activity looks the registration up and asks these; the workflow sends only its claim.
 */
import { contentHash } from '../content-hash';
import type { StandingOrders } from './schema';

/** JSON with every object's keys sorted: equal values give equal text whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of what gives an item its authority: who sits on the board and may act, the thresholds and the
 * rules. Not its calendar: holidays are public facts a newer GOV.UK feed adds to after the board registered
 * them, and a meeting may be added to the schedule (an extraordinary meeting; the demo's meeting today)
 * without changing who decides what, nor may its venue, time or link change it, nor who signs off its items.
 */
export function authorityDigest(so: StandingOrders): string {
  const {
    holidays: _holidays,
    meetings: _meetings,
    meetingArrangements: _arrangements,
    signOffs: _signOffs,
    ...authority
  } = so;
  return contentHash(canonicalJson(authority));
}

/** What a process says it runs under: its board, and the standing orders' digest or the parent bodies it sends to. */
export interface RegistrationClaim {
  boardId: string;
  digest?: string;
  parentBodies?: { partner: string; body: string; clerkEmail: string }[];
}

/** Why a claim does not match the board's registered standing orders; undefined when it does. */
export function registrationMismatch(
  registered: StandingOrders,
  claim: RegistrationClaim,
): string | undefined {
  if (claim.digest !== undefined && claim.digest !== authorityDigest(registered))
    return `its standing orders are not ${claim.boardId}'s registered ones (members, roles, thresholds or rules differ)`;
  for (const body of claim.parentBodies ?? []) {
    const partner = registered.partners.find((p) => p.id === body.partner);
    if (!partner) return `${body.partner} is not a partner of ${claim.boardId}`;
    if (
      partner.parentBody.name !== body.body ||
      partner.clerk.email.toLowerCase() !== body.clerkEmail.toLowerCase()
    )
      return `${body.body} (clerk ${body.clerkEmail}) is not ${partner.id}'s registered parent body and clerk`;
  }
  return undefined;
}
