/** A port nothing listens on now, outside the kernel's ephemeral range: one implementation, the bench's. */
export { freePort } from '../../bench/ports';
