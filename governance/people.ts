/**
 * Who a signed-in person is in the standing orders (issue 15): the roles their email address holds on each
 * board, and what the officers' console lets them see. Pure: the console asks, the rules answer.
 */
import { sameEmail } from './authority';
import type { StandingOrders } from './standing-orders/schema';

export type Role =
  | { kind: 'democratic-services'; board: string }
  | { kind: 'commissioning-officer'; board: string }
  | { kind: 'clerk'; board: string; partner: string; body: string }
  | { kind: 'chief-executive'; board: string; partner: string; organisation: string }
  | { kind: 'member'; board: string; memberId: string; voting: boolean }
  | { kind: 'scrutiny-chair'; board: string; id: string; committee: string }
  | { kind: 'scrutiny-member'; board: string; id: string; committee: string };

export interface Person {
  email: string;
  name: string;
}

/** Everyone named in the standing orders with an email address, once each (the first name given wins). */
export function peopleOf(boards: readonly StandingOrders[]): Person[] {
  const people = new Map<string, Person>();
  const add = (email: string, name: string) => {
    const key = email.trim().toLowerCase();
    if (!people.has(key)) people.set(key, { email: key, name });
  };
  for (const so of boards) {
    const { democraticServices, commissioning } = so.officers;
    add(democraticServices.email, democraticServices.name ?? 'Democratic Services');
    if (commissioning) add(commissioning.email, commissioning.name);
    for (const p of so.partners) {
      add(p.clerk.email, p.clerk.name);
      add(p.chiefExecutive.email, p.chiefExecutive.name);
    }
    for (const m of so.members) add(m.email, m.name);
    const os = so.overviewAndScrutiny;
    for (const m of [os.chair, ...os.members]) add(m.email, m.name);
  }
  return [...people.values()];
}

/** Every role `email` holds, board by board, in the order the standing orders list them. */
export function rolesOf(email: string, boards: readonly StandingOrders[]): Role[] {
  const is = (other: string) => sameEmail(email, other);
  return boards.flatMap((so): Role[] => {
    const board = so.board.id;
    const os = so.overviewAndScrutiny;
    return [
      ...(is(so.officers.democraticServices.email) ? [{ kind: 'democratic-services', board } as const] : []),
      ...(so.officers.commissioning && is(so.officers.commissioning.email)
        ? [{ kind: 'commissioning-officer', board } as const]
        : []),
      ...so.partners.flatMap((p) => [
        ...(is(p.clerk.email)
          ? [{ kind: 'clerk', board, partner: p.id, body: p.parentBody.name } as const]
          : []),
        ...(is(p.chiefExecutive.email)
          ? [{ kind: 'chief-executive', board, partner: p.id, organisation: p.name } as const]
          : []),
      ]),
      ...so.members
        .filter((m) => is(m.email))
        .map((m) => ({ kind: 'member', board, memberId: m.id, voting: m.voting }) as const),
      ...(is(os.chair.email)
        ? [{ kind: 'scrutiny-chair', board, id: os.chair.id, committee: os.committee } as const]
        : []),
      ...os.members
        .filter((m) => is(m.email))
        .map((m) => ({ kind: 'scrutiny-member', board, id: m.id, committee: os.committee }) as const),
    ];
  });
}

/**
 * The mail govflow sent lists members' and officers' personal addresses: only democratic services read it.
 * Returns the reason a person may not, or undefined when they may.
 */
export function mailReadingRefusal(roles: readonly Role[]): string | undefined {
  return roles.some((r) => r.kind === 'democratic-services')
    ? undefined
    : 'only democratic services may read the mail govflow sent';
}

/** A role as a sentence fragment for the person holding it ("Clerk to the Cabinet of ..."). */
export function describeRole(role: Role, boards: readonly StandingOrders[]): string {
  const boardName = boards.find((so) => so.board.id === role.board)?.board.name ?? role.board;
  switch (role.kind) {
    case 'democratic-services':
      return `Democratic services for ${boardName}`;
    case 'commissioning-officer':
      return `Commissioning officer for ${boardName}`;
    case 'clerk':
      return `Clerk to ${role.body} (${boardName})`;
    case 'chief-executive':
      return `Chief executive of ${role.organisation} (${boardName})`;
    case 'member':
      return `${role.voting ? 'Voting member' : 'Non-voting member'} of ${boardName}`;
    case 'scrutiny-chair':
      return `Chair of the ${role.committee} (${boardName})`;
    case 'scrutiny-member':
      return `Member of the ${role.committee} (${boardName})`;
  }
}
