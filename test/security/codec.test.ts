/**
 * The payload codec (AES-256-GCM, key ring with rotation) and the codec server (bearer token, CORS for the
 * Web UI's origin), without Temporal: the end-to-end proof on a real server is exempt-items.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../definitions/errors';
import {
  EncryptionCodec,
  KeyConfigError,
  dataConverterFromEnv,
  describeEncryption,
  keyRingFromEnv,
  parseKeyRing,
} from '../../security/codec';
import { startCodecServer, type RunningCodecServer } from '../../security/codec-server';
import { govflow, startProcess, projectRoot } from '../support/processes';
import { freePort } from '../support/ports';

const key = () => randomBytes(32).toString('base64');
const OLD = key();
const NEW = key();
const ring = parseKeyRing(`k2026:${NEW}, k2025:${OLD}`, 'test');
const codec = new EncryptionCodec(ring);
const SECRET = 'Tender prices: Acme Care Ltd £1,234,567 per annum (commercially confidential)';
const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString('utf8');
const tmp = mkdtempSync(path.join(tmpdir(), 'govflow-codec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('key ring', () => {
  it('reads id:key entries (base64 or hex), gives bare keys an id from their hash, and encrypts with the first', () => {
    const hex = randomBytes(32).toString('hex');
    const r = parseKeyRing(`${NEW}\nold:${hex}  # retired 2025`, 'GOVFLOW_ENCRYPTION_KEY');
    expect(r.current.id).toMatch(/^k-[0-9a-f]{12}$/);
    expect([...r.keys.keys()]).toEqual([r.current.id, 'old']);
    expect(r.keys.get('old')).toEqual(Buffer.from(hex, 'hex'));
  });

  it.each([
    ['', /no key given/],
    ['k1:tooshort', /32 bytes/],
    [`k1:${NEW},k1:${OLD}`, /key id "k1" is given twice/],
    [`bad id!:${NEW}`, /32 bytes|key id/],
    [`k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
  ])('refuses %j naming the variable', (value, message) => {
    expect(() => parseKeyRing(value, 'GOVFLOW_ENCRYPTION_KEY')).toThrow(KeyConfigError);
    expect(() => parseKeyRing(value, 'GOVFLOW_ENCRYPTION_KEY')).toThrow(message);
    expect(() => parseKeyRing(value, 'GOVFLOW_ENCRYPTION_KEY')).toThrow(/GOVFLOW_ENCRYPTION_KEY/);
  });

  it('comes from GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE, never both; none means no encryption, and says so', () => {
    const file = path.join(tmp, 'keys');
    writeFileSync(file, `# govflow key ring, newest first\nk2026:${NEW}\nk2025:${OLD}\n`);
    expect(keyRingFromEnv({ GOVFLOW_ENCRYPTION_KEY_FILE: file })?.current.id).toBe('k2026');
    expect(keyRingFromEnv({ GOVFLOW_ENCRYPTION_KEY: `a:${NEW}` })?.current.id).toBe('a');
    expect(() =>
      keyRingFromEnv({ GOVFLOW_ENCRYPTION_KEY: `a:${NEW}`, GOVFLOW_ENCRYPTION_KEY_FILE: file }),
    ).toThrow(/both set/);
    expect(() => keyRingFromEnv({ GOVFLOW_ENCRYPTION_KEY_FILE: path.join(tmp, 'missing') })).toThrow(
      /GOVFLOW_ENCRYPTION_KEY_FILE: cannot read .*ENOENT/,
    );
    expect(keyRingFromEnv({})).toBeUndefined();
    expect(describeEncryption({})).toMatchObject({
      encrypted: false,
      line: expect.stringMatching(/^WARNING: .*unencrypted/),
    });
    const described = describeEncryption({ GOVFLOW_ENCRYPTION_KEY_FILE: file });
    expect(described).toMatchObject({ encrypted: true, line: expect.stringContaining('"k2026"') });
    expect(described.line).not.toContain(NEW);
  });
});

describe('AES-256-GCM codec', () => {
  it('encrypts with the current key, names it in the metadata, and decrypts back to the same payload', async () => {
    const [encrypted] = await codec.encode([payload({ summary: SECRET })]);
    expect(meta(encrypted!, 'encoding')).toBe('binary/encrypted');
    expect(meta(encrypted!, 'encryption-key-id')).toBe('k2026');
    expect(meta(encrypted!, 'encryption-cipher')).toBe('AES-256-GCM');
    expect(Buffer.from(encrypted!.data!).includes(Buffer.from('Acme'))).toBe(false);
    const [decoded] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ summary: SECRET });
  });

  it('uses a fresh IV each time: the same value never gives the same ciphertext', async () => {
    const [a, b] = await codec.encode([payload(SECRET), payload(SECRET)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotation: payloads written under the old key still decrypt once a new key is first in the ring', async () => {
    const before = new EncryptionCodec(parseKeyRing(`k2025:${OLD}`, 'old ring'));
    const [old] = await before.encode([payload(SECRET)]);
    expect(meta(old!, 'encryption-key-id')).toBe('k2025');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([old!]))[0]!)).toBe(SECRET);
    const withoutOld = new EncryptionCodec(parseKeyRing(`k2026:${NEW}`, 'new ring'));
    await expect(withoutOld.decode([old!])).rejects.toThrow(/key "k2025", which is not in the key ring/);
  });

  it('refuses tampered ciphertext and a relabelled key id (GCM tag and authenticated key id)', async () => {
    const [encrypted] = await codec.encode([payload(SECRET)]);
    const flipped = Buffer.from(encrypted!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...encrypted!, data: flipped }])).rejects.toThrow();
    const other = new EncryptionCodec(parseKeyRing(`k2026:${NEW},k2025:${NEW}`, 'same key twice'));
    const [e2] = await other.encode([payload(SECRET)]);
    const relabelled = { ...e2!, metadata: { ...e2!.metadata, 'encryption-key-id': Buffer.from('k2025') } };
    await expect(other.decode([relabelled])).rejects.toThrow();
  });

  it('without a key, refuses an encrypted payload by saying which key and which variables, and passes plain ones', async () => {
    const none = dataConverterFromEnv({}).payloadCodecs![0]!;
    const [encrypted] = await codec.encode([payload(SECRET)]);
    await expect(none.decode([encrypted!])).rejects.toThrow(UserError);
    await expect(none.decode([encrypted!])).rejects.toThrow(
      /encrypted \(key "k2026"\): set GOVFLOW_ENCRYPTION_KEY or GOVFLOW_ENCRYPTION_KEY_FILE/,
    );
    const plain = payload({ a: 1 });
    expect(await none.encode([plain])).toEqual([plain]);
    expect(await none.decode([plain])).toEqual([plain]);
  });

  it('passes payloads it did not encrypt through decode unchanged (histories from before a key was set)', async () => {
    const plain = payload({ a: 1 });
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});

describe('codec server', () => {
  const TOKEN = randomBytes(24).toString('hex');
  const UI = 'http://127.0.0.1:8233';
  let server: RunningCodecServer;
  beforeAll(async () => {
    server = await startCodecServer({
      codec,
      tokens: [TOKEN],
      origins: [UI],
      namespaces: ['default'],
      port: 0,
    });
  });
  afterAll(async () => server?.close());

  const body = async (values: unknown[]) => ({
    payloads: (await codec.encode(values.map(payload))).map((p) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(p.data!).toString('base64'),
    })),
  });
  const post = (route: string, json: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
      body: JSON.stringify(json),
    });

  it('decodes for the Web UI with the bearer token, with CORS headers for the UI origin only', async () => {
    const res = await post('/decode', await body([SECRET]), { Authorization: `Bearer ${TOKEN}`, Origin: UI });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    const out = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(Buffer.from(out.payloads[0]!.data, 'base64').toString('utf8')).toBe(JSON.stringify(SECRET));
    const preflight = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: UI,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('refuses without a token, with a wrong token, from another origin, for another namespace; decodes nothing', async () => {
    const json = await body([SECRET]);
    const cases: [string, Record<string, string>, number][] = [
      ['no token', {}, 401],
      ['wrong token', { Authorization: `Bearer ${TOKEN.slice(0, -1)}x` }, 401],
      ['not bearer', { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, 401],
      ['other origin', { Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' }, 403],
      ['other namespace', { Authorization: `Bearer ${TOKEN}`, 'X-Namespace': 'production' }, 403],
    ];
    for (const [what, headers, status] of cases) {
      const res = await post('/decode', json, headers);
      const reply = await res.text();
      expect(res.status, what).toBe(status);
      expect(reply, what).not.toContain('Acme');
      expect(res.headers.get('access-control-allow-origin'), what).toBeNull();
    }
    expect((await post('/decode', { payloads: 'x' }, { Authorization: `Bearer ${TOKEN}` })).status).toBe(400);
    expect(
      (
        await fetch(`${server.url}/decode`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'X-Namespace': 'default' },
          body: '{',
        })
      ).status,
    ).toBe(400);
    expect(
      (await fetch(`${server.url}/decode`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(405);
    const unknownKey = await new EncryptionCodec(parseKeyRing(`k1999:${key()}`, 'x')).encode([
      payload(SECRET),
    ]);
    const res = await post(
      '/decode',
      {
        payloads: unknownKey.map((p) => ({
          metadata: Object.fromEntries(
            Object.entries(p.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(p.data!).toString('base64'),
        })),
      },
      { Authorization: `Bearer ${TOKEN}` },
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('k1999');
  });

  it('signs a manager in with the token as an HttpOnly cookie the UI sends with credentials; the cookie decodes like the header', async () => {
    const bad = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=nope',
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const good = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: `token=${TOKEN}`,
    });
    expect(good.status).toBe(200);
    const cookie = good.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const res = await post('/decode', await body([SECRET]), { Cookie: cookie.split(';')[0]!, Origin: UI });
    expect(res.status).toBe(200);
    expect(
      (await post('/decode', await body([SECRET]), { Cookie: 'govflow_codec=guess', Origin: UI })).status,
    ).toBe(401);
  });

  it('npm run codec-server refuses to start without a token or a key (exit 2), and starts with both', async () => {
    const script = ['--import', 'tsx', path.join(projectRoot, 'scripts', 'codec-server.ts')];
    const run = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = startProcess(process.execPath, script, {
          GOVFLOW_ENCRYPTION_KEY: '',
          GOVFLOW_ENCRYPTION_KEY_FILE: '',
          GOVFLOW_CODEC_TOKEN: '',
          GOVFLOW_CODEC_TOKEN_FILE: '',
          ...env,
        });
        void p.exited.then((code) => resolve({ code, out: p.output() }));
      });
    expect(await run({ GOVFLOW_CODEC_TOKEN: TOKEN })).toMatchObject({
      code: 2,
      out: expect.stringContaining('GOVFLOW_ENCRYPTION_KEY'),
    });
    expect(await run({ GOVFLOW_ENCRYPTION_KEY: `k:${NEW}` })).toMatchObject({
      code: 2,
      out: expect.stringContaining('GOVFLOW_CODEC_TOKEN'),
    });
    expect(await run({ GOVFLOW_ENCRYPTION_KEY: `k:${NEW}`, GOVFLOW_CODEC_TOKEN: 'short' })).toMatchObject({
      code: 2,
      out: expect.stringContaining('at least 16'),
    });
    const port = await freePort();
    const started = startProcess(process.execPath, script, {
      GOVFLOW_ENCRYPTION_KEY: `k:${NEW}`,
      GOVFLOW_CODEC_TOKEN: TOKEN,
      GOVFLOW_CODEC_PORT: String(port),
    });
    try {
      await started.waitFor('govflow codec server on', 30_000);
      const res = await fetch(`http://127.0.0.1:${port}/decode`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ payloads: [] }),
      });
      expect(await res.json()).toEqual({ payloads: [] });
      expect(started.output()).not.toContain(NEW);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
    }
    // The CLI reports a bad key setting as a user error naming the variable.
    const cli = await govflow(['status', 'decision/x/y'], { GOVFLOW_ENCRYPTION_KEY: 'k:short' });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/GOVFLOW_ENCRYPTION_KEY \(entry 1\): a key must be 32 bytes/);
  });
});
