/**
 * The embedded OpenID provider `npm start` runs when no council identity provider is configured: an
 * oidc-provider mounted under /oidc on the console's own server, with one account for each person named in
 * the standing orders. Passwords are made once and kept in a file only the server's user may read; the
 * console signs people in through it exactly as it would through Microsoft Entra ID (console/sign-in.ts).
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import type { Person } from '../governance/people';

export const ISSUER_PATH = '/oidc';
export const LOGIN_PATH = '/login';

const accountsSchema = z.object({
  accounts: z.record(z.string(), z.object({ name: z.string(), password: z.string().min(12) })),
});
type Accounts = z.infer<typeof accountsSchema>['accounts'];

/**
 * The accounts file: every person keeps the password made for them the first time; a person newly named in
 * the standing orders gets one. Written 0600: it holds every password.
 */
export async function ensureAccounts(file: string, people: readonly Person[]): Promise<Accounts> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const known = text === undefined ? {} : accountsSchema.parse(JSON.parse(text)).accounts;
  const accounts: Accounts = { ...known };
  for (const p of people)
    accounts[p.email] ??= { name: p.name, password: randomBytes(12).toString('base64url') };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return Object.fromEntries(people.map((p) => [p.email, accounts[p.email]!]));
}

export interface EmbeddedIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accountsFile: string;
  /** The provider's own requests (discovery, authorization, token...), under ISSUER_PATH. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The sign-in waiting at /login/<uid>, or undefined when it has ended. */
  pendingLogin(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string } | undefined>;
  /** Whether `password` is `email`'s, compared in constant time. */
  checkPassword(email: string, password: string): boolean;
  /** Completes the pending sign-in as `email`; returns where the browser goes next. */
  finishLogin(req: IncomingMessage, res: ServerResponse, email: string): Promise<string>;
}

export async function startEmbeddedIssuer(options: {
  baseUrl: string;
  accountsFile: string;
  people: readonly Person[];
  renderError: (message: string) => string;
}): Promise<EmbeddedIssuer> {
  const accounts = await ensureAccounts(options.accountsFile, options.people);
  const issuer = `${options.baseUrl}${ISSUER_PATH}`;
  const clientId = 'govflow-console';
  const clientSecret = randomBytes(32).toString('base64url');
  // Made at each start: tokens live minutes, and the console keeps its own sessions.
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.baseUrl}/signed-in`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The console reads who signed in from the ID token, as it does from Entra's.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${LOGIN_PATH}/${interaction.uid}` },
    ttl: {
      Interaction: 900,
      Session: 900,
      Grant: 900,
      AuthorizationCode: 60,
      AccessToken: 300,
      IdToken: 300,
    },
    findAccount: (_ctx, id) => {
      const account = accounts[id];
      return account
        ? { accountId: id, claims: () => ({ sub: id, email: id, email_verified: true, name: account.name }) }
        : undefined;
    },
    // The console is the provider's only client, its own: people are not asked to consent to it.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { session, client } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = options.renderError(
        `The sign-in could not go on: ${String(out.error_description ?? out.error)}. Start again from the console.`,
      );
    },
  });
  const callback = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    accountsFile: options.accountsFile,
    handle: (req, res) => void callback(req, res),
    async pendingLogin(req, res) {
      try {
        const details = await provider.interactionDetails(req, res);
        return details.prompt.name === 'login' ? { uid: details.uid } : undefined;
      } catch {
        return undefined;
      }
    },
    checkPassword(email, password) {
      const expected = Buffer.from(accounts[email.trim().toLowerCase()]?.password ?? '');
      const given = Buffer.from(password);
      return expected.length > 0 && expected.length === given.length && timingSafeEqual(expected, given);
    },
    finishLogin: (req, res, email) =>
      provider.interactionResult(req, res, { login: { accountId: email.trim().toLowerCase() } }),
  };
}
