/**
 * Every console page and action is behind a session: without one a page redirects to sign-in and an action
 * is refused (401) before it does anything; a POST without the session's CSRF token (csrf-sync's
 * synchroniser pattern: the token is kept with the session) is refused (403).
 */
import { csrfSync } from 'csrf-sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleSession, SessionStore } from './sessions';
import type { Render } from './views';

export const SESSION_COOKIE = 'govflow_session';

const csrf = csrfSync({
  getTokenFromRequest: (req) => (req as unknown as { body?: { _csrf?: unknown } }).body?._csrf as string,
});

/** A token for a new session or a pending sign-in, made as csrf-sync makes them. */
export function newCsrfToken(): string {
  const state = { session: {} as { csrfToken?: string } };
  csrf.generateToken(state as never);
  return state.session.csrfToken!;
}

/** Whether a form carries `expected`, the token of the session (or sign-in) it was rendered for. */
export function csrfValid(body: unknown, expected: string | undefined): boolean {
  return csrf.isRequestValid({ body, session: { csrfToken: expected } } as never);
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

/** A path on this console to come back to after sign-in; anything else goes to the start page. */
export const safeNext = (url: string) => (/^\/(?![/\\])/.test(url) ? url : '/');

export function sessionGuard(sessions: SessionStore, render: Render, secure: () => boolean) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await sessions.find(token) : undefined;
    if (!session) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secure() });
      if (req.method === 'GET' || req.method === 'HEAD') {
        const query = new URLSearchParams({ next: safeNext(req.url) });
        if (token) query.set('expired', '1');
        return reply.redirect(`/sign-in?${query}`, 303);
      }
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(
          render('message.njk', {
            title: 'Sign in first',
            lines: ['You are not signed in, or your session has ended, so nothing was done.'],
            link: { href: '/sign-in', text: 'Sign in' },
          }),
        );
    }
    if (req.method === 'POST' && !csrfValid(req.body, session.csrfToken)) {
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(
          render('message.njk', {
            title: 'The form could not be sent',
            lines: [
              'It did not come from a page of this console, so nothing was done. Go back and try again.',
            ],
            link: { href: '/', text: 'Back to the start' },
          }),
        );
    }
    req.consoleSession = session;
  };
}
