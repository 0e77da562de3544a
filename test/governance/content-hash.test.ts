import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../governance/content-hash';

describe('content hash (SHA-256 of UTF-8 text, usable in workflow code)', () => {
  it('matches the FIPS 180-4 / NIST test vectors', () => {
    expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(
      contentHash(
        'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      ),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
    expect(contentHash('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('pads correctly at every length around the 55/56/64-byte block boundaries', () => {
    for (let n = 0; n <= 130; n++) {
      const text = 'x'.repeat(n);
      expect(contentHash(text), `length ${n}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('hashes the UTF-8 bytes, as TextEncoder encodes them (accents, £, emoji, lone surrogates)', () => {
    for (const text of [
      'Café £2M – “Terms of Reference”',
      '🏥 NHS 🏛️ Council',
      'a\ud800b',
      '\udc00',
      'line\r\nend',
    ]) {
      expect(contentHash(text)).toBe(
        createHash('sha256').update(new TextEncoder().encode(text)).digest('hex'),
      );
    }
  });

  it('agrees with node:crypto on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(contentHash(text)).toBe(
          createHash('sha256').update(new TextEncoder().encode(text)).digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('changes with any change to the text, including whitespace', () => {
    expect(contentHash('Terms of Reference v1')).not.toBe(contentHash('Terms of Reference v1 '));
  });
});
