/**
 * Confidential (exempt) items: an AES-256-GCM payload codec with a key ring.
 *
 * Every payload the worker and the clients send to Temporal (workflow inputs and results, activity
 * inputs and results, Update arguments, query answers, memos, static summaries) passes through the codec
 * before it leaves the process, so Temporal's database, its Web UI and anyone who reads the raw history
 * see ciphertext. Search attributes are not payloads the codec sees (the server must index them): the
 * workflows keep exempt content out of them.
 *
 * Keys: GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE (not both), a key ring of one or more
 * entries `<key-id>:<key>` separated by commas, spaces or new lines (`#` starts a comment in a file). A key
 * is 32 random bytes written in base64 or as 64 hex digits (`openssl rand -base64 32`). A bare key without
 * an id gets the id `k-` + the first 12 hex digits of its SHA-256. The FIRST entry encrypts; every entry
 * decrypts. Rotation: put the new key first and keep the old ones while histories encrypted with them
 * are still retained.
 *
 * Wire format of an encrypted payload: metadata `encoding: binary/encrypted`, `encryption-key-id: <id>`,
 * `encryption-cipher: AES-256-GCM`; data = 12-byte IV ‖ ciphertext ‖ 16-byte tag, of the serialized
 * original Payload protobuf. The key id is authenticated as additional data.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { UserError } from '../definitions/errors';
import { environment, type Environment } from '../runtime/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A mistake in the key configuration, naming the variable: a user error (the CLI exits 2 with it). */
export class KeyConfigError extends UserError {
  override readonly name = 'UserError';
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** The key that encrypts: the first entry. */
  current: EncryptionKey;
  /** Every key, by id: any of them decrypts. */
  keys: Map<string, Buffer>;
  /** Where the keys came from, for messages: the variable's name. */
  source: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

function decodeKey(text: string, where: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  if (!key || key.length !== 32) {
    throw new KeyConfigError(
      `${where}: a key must be 32 bytes in base64 (44 characters) or hex (64 digits); generate one with "openssl rand -base64 32"`,
    );
  }
  return key;
}

/** Parses a key ring written as `<id>:<key>` entries (or bare keys); the first entry encrypts. */
export function parseKeyRing(text: string, source: string): KeyRing {
  const entries = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (entries.length === 0) throw new KeyConfigError(`${source}: no key given`);
  const keys = new Map<string, Buffer>();
  let current: EncryptionKey | undefined;
  entries.forEach((entry, index) => {
    const where = `${source} (entry ${index + 1})`;
    const colon = entry.indexOf(':');
    const id = colon >= 0 ? entry.slice(0, colon) : undefined;
    const key = decodeKey(colon >= 0 ? entry.slice(colon + 1) : entry, where);
    const keyId = id ?? `k-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
    if (!KEY_ID.test(keyId))
      throw new KeyConfigError(
        `${where}: key id "${keyId}" must be 1-64 letters, digits, dots, hyphens or underscores`,
      );
    if (keys.has(keyId)) throw new KeyConfigError(`${where}: key id "${keyId}" is given twice`);
    keys.set(keyId, key);
    current ??= { id: keyId, key };
  });
  return { current: current!, keys, source };
}

/**
 * The key ring from GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE; undefined when neither is set
 * (payloads then go to Temporal unencrypted, and `npm start` says so).
 */
export function keyRingFromEnv(env: Environment = environment()): KeyRing | undefined {
  const inline = env.GOVFLOW_ENCRYPTION_KEY?.trim();
  const file = env.GOVFLOW_ENCRYPTION_KEY_FILE?.trim();
  if (inline && file)
    throw new KeyConfigError(
      'GOVFLOW_ENCRYPTION_KEY and GOVFLOW_ENCRYPTION_KEY_FILE are both set: set one of them',
    );
  if (inline) return parseKeyRing(inline, 'GOVFLOW_ENCRYPTION_KEY');
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyConfigError(
      `GOVFLOW_ENCRYPTION_KEY_FILE: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return parseKeyRing(text, 'GOVFLOW_ENCRYPTION_KEY_FILE');
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** AES-256-GCM over whole payloads; payloads it did not encrypt pass through `decode` unchanged. */
export class EncryptionCodec implements PayloadCodec {
  constructor(readonly ring: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring.current;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(utf8(id));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: {
          encoding: utf8(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: utf8(id),
          [CIPHER_METADATA]: utf8(CIPHER),
        },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || Buffer.from(encoding).toString('utf8') !== ENCRYPTED_ENCODING) return payload;
      const idBytes = payload.metadata?.[KEY_ID_METADATA];
      const id = idBytes ? Buffer.from(idBytes).toString('utf8') : '';
      const key = this.ring.keys.get(id);
      // A wrong key ring is a setting to correct, named in one line (the CLI exits 2), not a crash.
      if (!key) {
        throw new KeyConfigError(
          `${this.ring.source}: payload encrypted with key "${id}", which is not in the key ring from ${this.ring.source} (known: ${[...this.ring.keys.keys()].join(', ')})`,
        );
      }
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload is too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(utf8(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new KeyConfigError(
          `${this.ring.source}: key "${id}" in the key ring does not decrypt this payload: it is not the key the data was encrypted with (or the data was altered)`,
        );
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/**
 * Without a key: payloads go out as they are, and an encrypted one coming back (a process started while a
 * key was set) is refused with what to do, instead of the payload converter's "Unknown encoding".
 */
export class KeyRequiredCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    for (const payload of payloads) {
      if (
        payload.metadata?.encoding &&
        Buffer.from(payload.metadata.encoding).toString('utf8') === ENCRYPTED_ENCODING
      ) {
        const id = Buffer.from(payload.metadata[KEY_ID_METADATA] ?? new Uint8Array()).toString('utf8');
        throw new KeyConfigError(
          `this process's data is encrypted (key "${id}"): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE to the key ring that holds that key`,
        );
      }
    }
    return payloads;
  }
}

/** The data converter of a key ring: the codec on the default payload converter. */
export function encryptingDataConverter(ring: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring)] };
}

/**
 * What the worker and every client use: the encrypting data converter when a key is configured, otherwise
 * plain JSON payloads (Temporal's default) with encrypted ones refused by name. A bad key setting throws a
 * KeyConfigError.
 */
export function dataConverterFromEnv(env: Environment = environment()): DataConverter {
  const ring = keyRingFromEnv(env);
  return ring ? encryptingDataConverter(ring) : { payloadCodecs: [new KeyRequiredCodec()] };
}

/** A line for the console: whether payloads are encrypted, and with which key. Never the key itself. */
export function describeEncryption(env: Environment = environment()): {
  encrypted: boolean;
  line: string;
} {
  const ring = keyRingFromEnv(env);
  if (!ring) {
    return {
      encrypted: false,
      line: 'WARNING: no GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE: workflow payloads, exempt reports included, are stored in Temporal unencrypted',
    };
  }
  return {
    encrypted: true,
    line: `payloads encrypted (AES-256-GCM) with key "${ring.current.id}" from ${ring.source}; ${ring.keys.size} key${ring.keys.size === 1 ? '' : 's'} can decrypt; read them in the Web UI through \`npm run codec-server\``,
  };
}
