/**
 * A bound on concurrent work of one kind: at most `active` at a time and `waiting` queued behind them;
 * beyond that a caller is turned away at once (the server answers 503), so a flood of requests for one
 * costly page cannot take the process's time from every other page.
 */
export class Gate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly active: number,
    private readonly waiting: number,
  ) {}

  /** Runs `work` when a slot is free; undefined, without running it, when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.running >= this.active) {
      if (this.queue.length >= this.waiting) return undefined;
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return { value: await work() };
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
