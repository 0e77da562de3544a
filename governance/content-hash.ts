import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 of a text's UTF-8 bytes, for freezing an approved Terms of Reference (and a board's registered
 * standing orders) by content. Workflow code has no `crypto` module, and the hash must come out the same
 * on every replay on any worker, so it comes from @noble/hashes (audited, pure JavaScript, no I/O). A lone
 * surrogate, which has no UTF-8 form, becomes U+FFFD as TextEncoder makes it, so every string has one hash.
 */
export function contentHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
