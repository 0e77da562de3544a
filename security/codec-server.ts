/**
 * A remote codec server for the Temporal Web UI and CLI (Temporal's `/encode` and `/decode` protocol):
 * authorised managers read encrypted payloads (exempt reports) in the UI, while Temporal's database keeps
 * only ciphertext. node:http only.
 *
 * - POST {base}/decode and {base}/encode take and return `{"payloads": [{"metadata": {k: base64}, "data": base64}]}`.
 * - Every POST needs `Authorization: Bearer <token>`, one of the configured tokens (compared in constant
 *   time); otherwise 401 and nothing is decoded. The Temporal CLI sends it with `--codec-auth "Bearer <token>"`.
 * - The Web UI cannot send a fixed header (it sends its own OIDC access token when "pass the user access
 *   token" is on, which suits a codec behind the council's identity proxy). For the UI without that, a
 *   manager signs in once at {base}/login with the token: the server sets an HttpOnly, SameSite=Strict
 *   cookie holding it, which the UI sends with "include cross-origin credentials" on. The cookie is checked
 *   exactly as the header is.
 * - CORS: only the configured origins (the Web UI's) get `Access-Control-Allow-*` headers, so a page from
 *   any other origin cannot read the answers even with a stolen token in the browser. Preflight (OPTIONS)
 *   needs no token, as browsers send none with it.
 * - Optionally only the namespaces listed may be decoded (the UI sends `X-Namespace`).
 * The server never logs payloads.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Bearer tokens that may use the server. At least one. */
  tokens: string[];
  /** Origins allowed by CORS, e.g. http://127.0.0.1:8233 (the Web UI). */
  origins: string[];
  /** When given, only these namespaces (X-Namespace header) are served. */
  namespaces?: string[];
  port: number;
  host?: string;
  /** Largest request body accepted, in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Mark the sign-in cookie Secure (behind HTTPS). Default false: the local UI is plain HTTP. */
  secureCookie?: boolean;
}

export interface RunningCodecServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

const COOKIE = 'govflow_codec';
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function fromJson(p: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) {
    if (typeof v !== 'string') throw new Error(`payloads: metadata "${k}" must be a base64 string`);
    metadata[k] = Buffer.from(v, 'base64');
  }
  if (p.data != null && typeof p.data !== 'string') throw new Error('payloads: data must be a base64 string');
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}

export function startCodecServer(options: CodecServerOptions): Promise<RunningCodecServer> {
  if (options.tokens.length === 0 || options.tokens.some((t) => t.length < 16)) {
    throw new Error('codec server: needs at least one bearer token of 16 or more characters');
  }
  const tokenDigests = options.tokens.map(digest);
  const origins = new Set(options.origins);
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;

  const valid = (token: string | undefined) => {
    if (!token) return false;
    const given = digest(token);
    // Compare with every token, so the time taken does not tell which one (or whether any) matched.
    return tokenDigests.map((t) => timingSafeEqual(t, given)).some(Boolean);
  };
  const authorised = (req: IncomingMessage) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return valid(bearer);
    const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
    return valid(cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : undefined);
  };

  const page = (
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; form-action 'self'");
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(
      `<!doctype html><meta charset="utf-8"><title>govflow codec server</title><p>${message}</p>` +
        '<form method="post" action="login"><label>Token <input type="password" name="token" autocomplete="off"></label> <button>Sign in</button></form>',
    );
  };

  const cors = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin) return true; // not a browser (curl, the Temporal CLI): CORS does not apply
    // The sign-in form posts from the server's own origin.
    if (
      req.headers.host &&
      (origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`)
    )
      return true;
    if (!origins.has(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    return true;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(body));
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          reject(Object.assign(new Error(`request body over ${maxBody} bytes`), { status: 413 }));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://codec').pathname.replace(/\/+$/, '');
      const operation = path.endsWith('/decode') ? 'decode' : path.endsWith('/encode') ? 'encode' : undefined;
      if (!cors(req, res)) return send(res, 403, { error: 'origin not allowed' });
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        return res.end();
      }
      if (path.endsWith('/login') && req.method === 'GET')
        return page(res, 200, 'Sign in to read encrypted govflow payloads in the Temporal Web UI.');
      if (path.endsWith('/login') && req.method === 'POST') {
        let token: string | undefined;
        try {
          token = new URLSearchParams(await readBody(req)).get('token') ?? undefined;
        } catch {
          token = undefined;
        }
        if (!valid(token)) return page(res, 401, 'That token is not valid.');
        const cookie = `${COOKIE}=${encodeURIComponent(token!)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${8 * 3600}${options.secureCookie ? '; Secure' : ''}`;
        return page(
          res,
          200,
          'Signed in for 8 hours: the Web UI can now decode payloads (Data Encoder: include cross-origin credentials).',
          { 'Set-Cookie': cookie },
        );
      }
      if (path.endsWith('/logout') && req.method === 'POST') {
        return page(res, 200, 'Signed out.', {
          'Set-Cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
        });
      }
      if (!operation) return send(res, 404, { error: 'POST /decode or /encode' });
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST, OPTIONS');
        return send(res, 405, { error: 'POST only' });
      }
      if (!authorised(req)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="govflow-codec"');
        return send(res, 401, { error: 'a valid bearer token is required' });
      }
      const namespace = req.headers['x-namespace'];
      if (options.namespaces && !options.namespaces.includes(String(namespace ?? ''))) {
        return send(res, 403, { error: `namespace "${String(namespace ?? '')}" is not served here` });
      }
      let body: { payloads?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as { payloads?: unknown };
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        return send(res, status, { error: status === 413 ? (error as Error).message : 'body: not JSON' });
      }
      if (!body || !Array.isArray(body.payloads))
        return send(res, 400, { error: 'payloads: must be an array' });
      let payloads: Payload[];
      try {
        payloads = (body.payloads as JsonPayload[]).map(fromJson);
      } catch (error) {
        return send(res, 400, { error: (error as Error).message });
      }
      try {
        const out =
          operation === 'decode'
            ? await options.codec.decode(payloads)
            : await options.codec.encode(payloads);
        return send(res, 200, { payloads: out.map(toJson) });
      } catch (error) {
        // E.g. a payload encrypted with a key this server does not hold: the message names the key id (ids are not secret).
        return send(res, 422, { error: (error as Error).message });
      }
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
