import type { ItemSignOff } from '../../definitions';
import type { CivilDate } from '../../governance/civil-date';
import type { SignOffDue } from '../../governance/sign-offs';
import type { SignOffRule } from '../../governance/standing-orders/schema';
import type { MeetingItem } from './state';

/**
 * The sign-offs a meeting's items need (issue 14 item 4): the board's rules, those given, the due days as
 * last counted, and which due days have been chased. Empty rules where the board asks for none, or where
 * the meeting began before sign-offs were tracked (it keeps its commands).
 */
export class MeetingSignOffs {
  private readonly given = new Map<string, { by: string; on: CivilDate; note?: string }>();
  private readonly chased = new Set<string>();
  dues: SignOffDue[] = [];

  constructor(
    readonly rules: readonly SignOffRule[],
    /** False for a meeting that began before sign-offs were tracked. */
    readonly tracked: boolean,
  ) {}

  givenFor(ref: string, role: string) {
    return this.given.get(`${ref}:${role}`);
  }

  give(ref: string, role: string, by: string, on: CivilDate, note: string): void {
    this.given.set(`${ref}:${role}`, { by, on, ...(note ? { note } : {}) });
  }

  wasChased(d: SignOffDue): boolean {
    return this.chased.has(`${d.role}@${d.due}`);
  }

  markChased(d: SignOffDue): void {
    this.chased.add(`${d.role}@${d.due}`);
  }

  /** Marks an item chased for a due day; false when it already was. */
  chaseItem(ref: string, d: SignOffDue): boolean {
    const key = `${ref}:${d.role}@${d.due}`;
    if (this.chased.has(key)) return false;
    this.chased.add(key);
    return true;
  }

  /** The sign-offs an item still lacks, with their due days; a late item goes without them. */
  missing(item: MeetingItem): SignOffDue[] {
    return item.late ? [] : this.dues.filter((d) => !this.givenFor(item.ref, d.role));
  }

  view(agenda: readonly MeetingItem[]): ItemSignOff[] {
    return agenda.flatMap((item) =>
      this.dues.map((d) => {
        const given = this.givenFor(item.ref, d.role);
        return {
          ref: item.ref,
          role: d.role,
          officer: this.rules.find((r) => r.role === d.role)!.officer.email,
          due: d.due,
          ...(given ? { given } : {}),
          overdue: !given && !item.late && this.wasChased(d),
        };
      }),
    );
  }
}
