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

/** Sleeps until an instant (no timer once it has passed); `summary` labels the timer in the Web UI. */
export async function sleepUntil(atMs: number, summary: string): Promise<void> {
  const ms = atMs - Date.now();
  if (ms > 0) await sleep(ms, { summary });
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

/** What a process does when holiday news moves one of its deadlines, in this order. */
export interface DeadlineMove {
  /** Keeps the move as a step of the process. */
  step: (kind: string, detail: string) => void;
  /** Shows the new day in the status (and wherever else the process keeps it). */
  show: (to: Deadline) => void;
  /** Tells whoever was given the old day. */
  tell?: (from: Deadline, to: Deadline) => Promise<unknown>;
}

/** The `moved` of a deadline: the one way every process says that holiday news moved a deadline. */
export function whenMoved(what: string, move: DeadlineMove): (from: Deadline, to: Deadline) => Promise<void> {
  return async (from, to) => {
    move.step('deadline-moved', `${what}: from ${from.on} to ${to.on}`);
    move.show(to);
    await move.tell?.(from, to);
  };
}

/** How a process's waits learn it was stopped (an officer withdrew the item) and end it. */
export interface Interruption {
  happened: () => boolean;
  /** Throws what the process catches at the top to end there. */
  raise: () => never;
}

export interface DeadlineOptions {
  /** Names the deadline for people, e.g. "agenda publication". */
  what: string;
  /** The deadline under a calendar: holiday news gives a new calendar. */
  from: (calendar: HolidayCalendar) => Deadline;
  /** Labels the deadline's timer in the Web UI. */
  summary: (deadline: Deadline) => string;
  /** Puts the deadline in the status: when the stage is entered, and again when holiday news moves it. */
  show: (deadline: Deadline) => void;
  /** Tells whoever was given the old day. */
  tellMoved?: (from: Deadline, to: Deadline) => Promise<unknown>;
}

/**
 * The waits of a process that can be stopped: each ends, throwing the interruption's error, as soon as
 * it has happened. Deadlines in working days move with holiday news, and the move is a step of the process.
 */
export class InterruptibleWaits {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly step: (kind: string, detail: string) => void,
    private readonly interruption: Interruption,
  ) {}

  private check(): void {
    if (this.interruption.happened()) this.interruption.raise();
  }

  /** A deadline counted in working days, shown in the status at once. */
  deadline(options: DeadlineOptions): WorkingDayDeadline {
    options.show(options.from(this.calendar.current));
    return {
      what: options.what,
      calendar: this.calendar,
      from: options.from,
      summary: options.summary,
      moved: whenMoved(options.what, { step: this.step, show: options.show, tell: options.tellMoved }),
    };
  }

  /** Sleeps until an instant; `summary` labels the timer. */
  async until(instant: string, summary: string): Promise<void> {
    const ms = Date.parse(instant) - Date.now();
    if (ms > 0) await Promise.race([sleep(ms, { summary }), condition(this.interruption.happened)]);
    this.check();
  }

  /** Sleeps until a deadline in working days. */
  async untilDeadline(deadline: WorkingDayDeadline): Promise<void> {
    await sleepUntilDeadline(deadline, this.interruption.happened);
    this.check();
  }

  /** Waits for `done()` or a deadline in working days, whichever comes first: true when done in time. */
  async forOrDeadline(done: () => boolean, deadline: WorkingDayDeadline): Promise<boolean> {
    const met = await waitUntilDeadline(deadline, () => done() || this.interruption.happened());
    this.check();
    return met && done();
  }

  /** Waits for `done()`, or given `until`, for that instant at most; `summary` labels its timer. */
  async for(done: () => boolean, until?: { instant: string; summary: string }): Promise<boolean> {
    const stop = () => done() || this.interruption.happened();
    const met = until
      ? await condition(stop, Math.max(0, Date.parse(until.instant) - Date.now()), { summary: until.summary })
      : (await condition(stop), true);
    this.check();
    return met && done();
  }
}
