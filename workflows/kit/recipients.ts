import type { Recipient } from '../../activities/contract';
import type { StandingOrders } from '../../governance/standing-orders/schema';
import type { EscalationStepName } from '../../governance/schedule';

/** Who is told what, from the board's standing orders: one place, so every process addresses people alike. */
export function boardMembers(so: StandingOrders): Recipient[] {
  return so.members.map((m) => ({
    role: m.id === so.chair ? 'chair' : 'member',
    name: m.name,
    email: m.email,
    partner: m.partner,
  }));
}

export function chairAndLeads(so: StandingOrders): Recipient[] {
  const ids = new Set([so.chair, ...Object.values(so.partnerLeads)]);
  return so.members
    .filter((m) => ids.has(m.id))
    .map((m) => ({
      role: m.id === so.chair ? 'chair' : 'partner-lead',
      name: m.name,
      email: m.email,
      partner: m.partner,
    }));
}

export function scrutinyChair(so: StandingOrders): Recipient[] {
  const chair = so.overviewAndScrutiny.chair;
  return [{ role: 'os-chair', name: chair.name, email: chair.email }];
}

export function scrutinyCommittee(so: StandingOrders): Recipient[] {
  return [
    ...scrutinyChair(so),
    ...so.overviewAndScrutiny.members.map((m): Recipient => ({
      role: 'os-member',
      name: m.name,
      email: m.email,
    })),
  ];
}

export function democraticServices(so: StandingOrders): Recipient[] {
  const ds = so.officers.democraticServices;
  return [{ role: 'officer', name: ds.name ?? 'Democratic Services', email: ds.email }];
}

export function officer(email: string): Recipient {
  return { role: 'officer', name: email, email };
}

export function parentBodyClerks(so: StandingOrders): Recipient[] {
  return so.partners.map((p) => ({
    role: 'parent-body-clerk',
    name: p.clerk.name,
    email: p.clerk.email,
    partner: p.id,
  }));
}

export function escalationStepRecipients(so: StandingOrders, step: EscalationStepName): Recipient[] {
  const configured = so.escalation.steps.find((s) => s.step === step)?.recipients ?? [];
  if (configured.length) return configured.map((email) => ({ role: 'joint-committee', name: email, email }));
  if (step === 'chief-executives') {
    return so.partners.map((p) => ({
      role: 'chief-executive',
      name: p.chiefExecutive.name,
      email: p.chiefExecutive.email,
      partner: p.id,
    }));
  }
  if (step === 'parent-bodies') return parentBodyClerks(so);
  return chairAndLeads(so).map((r) => ({ ...r, role: 'joint-committee' }));
}

/** Drops repeated addresses, keeping the first role given. */
export function unique(...groups: Recipient[][]): Recipient[] {
  const seen = new Set<string>();
  return groups.flat().filter((r) => {
    const key = r.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
