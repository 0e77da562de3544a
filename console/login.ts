/**
 * The embedded provider's password form (/login/<uid>): the page a person sees when the console sends them
 * to sign in and no council identity provider is configured. Five wrong passwords for one account within
 * 15 minutes, and that account is refused until the first of them is 15 minutes old.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { displayDateTime } from '../governance/display-dates';
import { csrfValid, newCsrfToken } from './guard';
import { LOGIN_PATH, type EmbeddedIssuer } from './issuer';
import type { SessionStore } from './sessions';
import type { Render } from './views';

/** Forms waiting to be sent, by interaction: their CSRF tokens (no session exists before sign-in). */
const MAX_PENDING = 10_000;

export function loginRoutes(
  app: FastifyInstance,
  options: { issuer: () => EmbeddedIssuer; sessions: SessionStore; render: Render },
): void {
  const { sessions, render } = options;
  const tokens = new Map<string, string>();
  const tokenFor = (uid: string) => {
    let token = tokens.get(uid);
    if (!token) {
      if (tokens.size >= MAX_PENDING) tokens.delete(tokens.keys().next().value!);
      token = newCsrfToken();
      tokens.set(uid, token);
    }
    return token;
  };
  const form = (reply: FastifyReply, uid: string, status: number, email = '', error?: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        render('login.njk', {
          title: 'Sign in',
          action: `${LOGIN_PATH}/${uid}`,
          csrfToken: tokenFor(uid),
          accountsFile: options.issuer().accountsFile,
          email,
          error,
        }),
      );
  const ended = (reply: FastifyReply) =>
    reply
      .code(400)
      .type('text/html; charset=utf-8')
      .send(
        render('message.njk', {
          title: 'The sign-in has expired',
          lines: ['It took too long or was already used. Sign in again.'],
          link: { href: '/sign-in', text: 'Sign in' },
        }),
      );

  app.get<{ Params: { uid: string } }>(`${LOGIN_PATH}/:uid`, async (req, reply) => {
    const pending = await options.issuer().pendingLogin(req.raw, reply.raw);
    if (!pending || pending.uid !== req.params.uid) return ended(reply);
    return form(reply, pending.uid, 200);
  });

  app.post<{ Params: { uid: string }; Body: { email?: unknown; password?: unknown } }>(
    `${LOGIN_PATH}/:uid`,
    async (req, reply) => {
      const issuer = options.issuer();
      const pending = await issuer.pendingLogin(req.raw, reply.raw);
      if (!pending || pending.uid !== req.params.uid) return ended(reply);
      if (!csrfValid(req.body, tokens.get(pending.uid)))
        return form(
          reply,
          pending.uid,
          403,
          '',
          'The form had expired. Enter your email address and password again.',
        );
      const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const lockedUntil = email ? await sessions.signInLockedUntil(email) : undefined;
      if (lockedUntil)
        return form(
          reply,
          pending.uid,
          429,
          email,
          `Too many wrong passwords for this account. Try again after ${displayDateTime(lockedUntil.getTime())}.`,
        );
      if (!email || !issuer.checkPassword(email, password)) {
        if (email) await sessions.recordFailedSignIn(email);
        return form(reply, pending.uid, 401, email, 'The email address or the password is not right.');
      }
      tokens.delete(pending.uid);
      return reply.redirect(await issuer.finishLogin(req.raw, reply.raw, email), 303);
    },
  );
}
