/**
 * Signing in with OpenID Connect (authorization code with PKCE, through openid-client): the console is a
 * relying party of the council's identity provider (Microsoft Entra ID, docs/console.md) or of the embedded
 * one (issuer.ts). Who signed in is the ID token's email; only a person the standing orders name gets a
 * session. Every sign-in asks for the password again (prompt=login): consoles are used on shared desks.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import { rolesOf } from '../governance/people';
import type { StandingOrders } from '../governance/standing-orders';
import { SESSION_COOKIE, newCsrfToken, safeNext } from './guard';
import type { SessionStore } from './sessions';
import type { Render } from './views';

const SIGN_IN_COOKIE = 'govflow_sign_in';

export interface RelyingParty {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface SignInOptions {
  sessions: SessionStore;
  render: Render;
  boards: () => readonly StandingOrders[];
  /** The console's address as the browser sees it (the redirect URI is `${baseUrl}/signed-in`). */
  baseUrl: () => string;
  relyingParty: () => RelyingParty;
}

export function signInRoutes(app: FastifyInstance, options: SignInOptions): void {
  const { sessions, render } = options;
  // Cookies are Secure whenever the console is reached over https.
  const secure = () => options.baseUrl().startsWith('https:');
  let configuration: Promise<oidc.Configuration> | undefined;
  const discover = () => {
    if (!configuration) {
      const rp = options.relyingParty();
      const url = new URL(rp.issuer);
      // Plain http only for the embedded provider on this machine; a council's provider is https.
      const insecure = url.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
      configuration = oidc.discovery(url, rp.clientId, rp.clientSecret, undefined, insecure);
      configuration.catch(() => (configuration = undefined));
    }
    return configuration;
  };
  const page = (reply: FastifyReply, status: number, title: string, lines: string[]) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(render('message.njk', { title, lines, link: { href: '/sign-in', text: 'Sign in' } }));

  app.get<{ Querystring: { next?: string; expired?: string; signedOut?: string } }>(
    '/sign-in',
    (req, reply) => {
      const next = safeNext(req.query.next ?? '/');
      const notice =
        req.query.expired === '1'
          ? 'Your session has ended. Sign in again to carry on.'
          : req.query.signedOut === '1'
            ? 'You have signed out.'
            : undefined;
      return reply.type('text/html; charset=utf-8').send(
        render('sign-in.njk', {
          title: 'Sign in',
          notice,
          startHref: `/sign-in/start?${new URLSearchParams({ next })}`,
        }),
      );
    },
  );

  app.get<{ Querystring: { next?: string } }>('/sign-in/start', async (req, reply) => {
    const config = await discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await sessions.beginSignIn(state, { codeVerifier, nonce, returnTo: safeNext(req.query.next ?? '/') });
    reply.setCookie(SIGN_IN_COOKIE, state, {
      path: '/signed-in',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(),
      maxAge: 600,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${options.baseUrl()}/signed-in`,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      prompt: 'login',
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/signed-in', async (req, reply) => {
    const state = req.cookies[SIGN_IN_COOKIE];
    reply.clearCookie(SIGN_IN_COOKIE, { path: '/signed-in', secure: secure() });
    const pending = state ? await sessions.finishSignIn(state) : undefined;
    if (!state || !pending)
      return page(reply, 400, 'The sign-in has expired', [
        'It took too long or was already used. Sign in again.',
      ]);
    let email: string | undefined;
    let name: string | undefined;
    try {
      const config = await discover();
      const tokens = await oidc.authorizationCodeGrant(config, new URL(req.url, options.baseUrl()), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      email = typeof claims?.email === 'string' ? claims.email : undefined;
      name = typeof claims?.name === 'string' ? claims.name : undefined;
      if (!email && claims) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = info.email;
        name ??= info.name;
      }
    } catch (error) {
      req.log.warn({ error }, 'console: sign-in refused');
      return page(reply, 400, 'The sign-in did not complete', [
        `The identity provider said: ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
    if (!email)
      return page(reply, 403, 'Your account has no email address', [
        'The console knows people by the email address the standing orders give them.',
      ]);
    if (rolesOf(email, options.boards()).length === 0)
      return page(reply, 403, 'You have no role here', [
        `You signed in as ${email}, but the standing orders name no one with that address. Ask democratic services to add you.`,
      ]);
    const token = await sessions.open({
      email: email.toLowerCase(),
      name: name ?? email,
      csrfToken: newCsrfToken(),
    });
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure() });
    return reply.redirect(pending.returnTo, 303);
  });
}
