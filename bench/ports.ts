import { createServer } from 'node:net';

/**
 * Ports are chosen below the kernel's ephemeral range (32768–60999 on Linux). A port the kernel lends out
 * is free only until it lends it again: to any outgoing connection, or to a Temporal dev server choosing
 * its own internal ports, between this choice and the bind of the server it is for. CI failed once so.
 * Each vitest fork (VITEST_POOL_ID 1–8; 0 is the main process and the bench) has a slice of its own, so two
 * forks never choose the same port.
 */
const FIRST = 20_000;
const SLICE = 1_300;
const SLICES = 9;

let next = Math.floor(Math.random() * SLICE);

/** Whether nothing listens on `port` now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on now, from this process's slice, a different one at each call. */
export async function freePort(): Promise<number> {
  const first = FIRST + (Number(process.env.VITEST_POOL_ID ?? 0) % SLICES) * SLICE;
  for (let tried = 0; tried < SLICE; tried += 1) {
    const port = first + (next++ % SLICE);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${first}–${first + SLICE - 1}`);
}
