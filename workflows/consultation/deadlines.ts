import type { ConsultationDeadlineStatus, ConsultationDue } from '../../definitions';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import { isOverdue } from '../../governance/consultation';
import type { Deadline, PendingDeadline, WorkingCalendar } from '../kit/working-calendar';

/** The patch under which a consultation keeps deadlines for the report and the answers, and hears holiday news. */
export const CONSULTATION_DEADLINES = 'consultation-deadlines';

/** One deadline the consultation keeps: a reminder it sends, or an answer it is owed. */
export interface KeptDeadline extends PendingDeadline {
  /** Who owes something by it; reminders owe nothing and are not shown. */
  for: ConsultationDue | 'reminder';
  /** The deadline under a calendar: holiday news gives a new calendar, and a working-day count moves. */
  under: (calendar: HolidayCalendar) => Deadline;
  /** Labels its timer in the Web UI. */
  summary: (deadline: Deadline) => string;
  /** Whether what it waits for has come (the report is in, the body answered): then it no longer runs. */
  met: () => boolean;
  /** What happens when it passes unmet: the reminder goes out, or whoever owes the answer is chased. */
  passed: (deadline: Deadline) => Promise<void>;
  /** Tells whoever was given the old day that holiday news moved it. */
  tell?: (from: Deadline, to: Deadline) => Promise<unknown>;
  state: 'due' | 'overdue' | 'met';
}

/** What happens to a deadline as the process settles them. */
export interface DeadlineEvents {
  moved: (d: KeptDeadline, from: Deadline, to: Deadline) => Promise<void>;
  changed: () => void;
}

/**
 * The consultation's deadlines. Those still due are the calendar's pending deadlines, so holiday news says
 * which it moves; the process settles them whenever it wakes: a moved one takes its new day (and whoever had
 * the old day is told), one met is dropped, one passed unmet does what it is for. Nothing is ever given up:
 * an overdue answer is still waited for, and shown as overdue.
 */
export class ConsultationDeadlines {
  private readonly kept: KeptDeadline[] = [];

  constructor(private readonly calendar: WorkingCalendar) {}

  add(d: Omit<KeptDeadline, 'current' | 'state'>): void {
    const entry: KeptDeadline = { ...d, current: d.under(this.calendar.current), state: 'due' };
    this.kept.push(entry);
    this.calendar.pending.add(entry);
  }

  /** The ones still running (neither passed nor met). */
  private due(): KeptDeadline[] {
    return this.kept.filter((d) => d.state === 'due');
  }

  private end(d: KeptDeadline, state: 'overdue' | 'met'): void {
    d.state = state;
    this.calendar.pending.delete(d);
  }

  /** Drops reminders still to come (the consultation has closed). */
  dropReminders(): void {
    for (const d of this.due()) if (d.for === 'reminder') this.end(d, 'met');
  }

  /** Moves, drops and fires the deadlines as things now stand, earliest first. */
  async settle(events: DeadlineEvents): Promise<void> {
    let changed = false;
    for (const d of this.kept) {
      if (d.state === 'overdue' && d.met()) {
        d.state = 'met';
        changed = true;
      }
    }
    for (const d of this.due()) {
      if (d.met()) {
        this.end(d, 'met');
        changed = true;
        continue;
      }
      const to = d.under(this.calendar.current);
      if (to.at !== d.current.at) {
        const from = d.current;
        d.current = to;
        await events.moved(d, from, to);
      }
    }
    const passed = this.due()
      .filter((d) => isOverdue(d.current, Date.now()))
      .sort((a, b) => Date.parse(a.current.at) - Date.parse(b.current.at));
    for (const d of passed) {
      this.end(d, d.for === 'reminder' ? 'met' : 'overdue');
      changed = true;
      await d.passed(d.current);
    }
    if (changed) events.changed();
  }

  /** The earliest deadline still running: the process wakes for it. */
  next(): KeptDeadline | undefined {
    return this.due().sort((a, b) => Date.parse(a.current.at) - Date.parse(b.current.at))[0];
  }

  /** The earliest deadline still owed, overdue ones included: a manager sorting on it sees the late first. */
  earliestOwed(): string | undefined {
    return this.kept
      .filter((d) => d.for !== 'reminder' && d.state !== 'met')
      .map((d) => d.current.at)
      .sort()[0];
  }

  /** Who is overdue now. */
  overdue(): ConsultationDue[] {
    return this.kept.flatMap((d) => (d.for !== 'reminder' && d.state === 'overdue' ? [d.for] : []));
  }

  /** The report's and the answers' deadlines as the status shows them. */
  shown(): ConsultationDeadlineStatus[] {
    return this.kept.flatMap((d) =>
      d.for === 'reminder'
        ? []
        : [{ for: d.for, what: d.what, on: d.current.on, at: d.current.at, state: d.state }],
    );
  }
}
