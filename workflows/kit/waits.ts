import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import type { HolidayCalendar } from '../../governance/bank-holidays';
import type { Deadline, PendingDeadline, WorkingCalendar } from './working-calendar';

/**
 * A deadline counted in working days: holiday news that changes the count moves it. `what` names it for
 * people ("agenda publication"); `summary` labels its timer in the Web UI; `moved` is told before the timer
 * for the new day starts (to show the new day and tell whoever was given the old one).
 */
export interface WorkingDayDeadline {
  what: string;
  calendar: WorkingCalendar;
  from: (calendar: HolidayCalendar) => Deadline;
  summary: (deadline: Deadline) => string;
  moved?: (from: Deadline, to: Deadline) => Promise<void> | void;
}

function pending(
  d: WorkingDayDeadline,
): PendingDeadline & { movedTo: (seen: number) => Deadline | undefined } {
  const entry = {
    what: d.what,
    current: d.from(d.calendar.current),
    under: d.from,
    movedTo: (seen: number) => {
      if (d.calendar.version === seen) return undefined;
      const next = d.from(d.calendar.current);
      return next.at === entry.current.at ? undefined : next;
    },
  };
  return entry;
}

async function move(d: WorkingDayDeadline, entry: PendingDeadline, to: Deadline): Promise<void> {
  const from = entry.current;
  entry.current = to;
  await d.moved?.(from, to);
}

/**
 * Sleeps until the deadline. `interrupted()` (a withdrawal) ends the wait and leaves the timer be, as
 * processes always have; holiday news that moves the deadline cancels the timer and starts one for the
 * new instant. Without news the commands are exactly a plain sleep's.
 */
export async function sleepUntilDeadline(
  d: WorkingDayDeadline,
  interrupted: () => boolean,
  options: { sleepsWhenDue?: boolean } = {},
): Promise<Deadline> {
  const entry = pending(d);
  d.calendar.pending.add(entry);
  try {
    for (;;) {
      const ms = Date.parse(entry.current.at) - Date.now();
      // A process that always slept 0 ms for a deadline due this instant keeps doing so (its history has the timer).
      if (ms < 0 || (ms === 0 && !options.sleepsWhenDue)) return entry.current;
      const seen = d.calendar.version;
      const timer = new CancellationScope();
      const fired = timer.run(() => sleep(ms, { summary: d.summary(entry.current) }));
      await Promise.race([fired, condition(() => interrupted() || entry.movedTo(seen) !== undefined)]);
      const to = entry.movedTo(seen);
      if (interrupted() || !to) return entry.current;
      fired.catch(() => undefined);
      timer.cancel();
      await move(d, entry, to);
    }
  } finally {
    d.calendar.pending.delete(entry);
  }
}

/**
 * Waits for `done()` or the deadline, whichever comes first; true when `done()` held in time. Holiday news
 * that moves the deadline restarts the timer for the new instant. Without news the commands are exactly a
 * `condition` with a timeout's.
 */
export async function waitUntilDeadline(d: WorkingDayDeadline, done: () => boolean): Promise<boolean> {
  const entry = pending(d);
  d.calendar.pending.add(entry);
  try {
    for (;;) {
      const ms = Math.max(0, Date.parse(entry.current.at) - Date.now());
      const seen = d.calendar.version;
      const met = await condition(() => done() || entry.movedTo(seen) !== undefined, ms, {
        summary: d.summary(entry.current),
      });
      const to = entry.movedTo(seen);
      if (!met || done() || !to) return met && done();
      await move(d, entry, to);
    }
  } finally {
    d.calendar.pending.delete(entry);
  }
}
