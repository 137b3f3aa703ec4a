import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../platform/errors/index.js';
import { sessionCookie } from './authentication.js';
import { requestContext } from './context.js';
import { hashSecret } from './domain/secrets.js';
import { dummyHash } from './passwords.js';
import { loginBody, sessionSchema } from './schemas.js';
import { sessionLifetime, sessionStore } from './session-store.js';
import { currentSession, signIn, signOut } from './sessions.js';

const tags = ['auth'];

/** Signing in and out with e-mail and password (a browser session), and who is signed in. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  // The first unknown e-mail address should not be the one sign-in that answers slower.
  void dummyHash();
  const secure = app.config.baseUrl.startsWith('https:');

  app.post(
    '/auth/login',
    {
      config: { access: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the session cookie `anylib_session` (HttpOnly, SameSite=Lax; by default ends after 12 hours without use, at the latest after 30 days: ANYLIB_SESSION_IDLE_MINUTES, ANYLIB_SESSION_MAX_HOURS). ' +
          'Answers the account, its roles and the CSRF token that every POST, PUT, PATCH and DELETE of the session must send as `x-csrf-token`. ' +
          'After 5 failures for one address within 15 minutes, or 20 from one client, answers 429 with Retry-After.',
        body: loginBody,
        response: { 200: sessionSchema },
      },
    },
    async (req, reply) => {
      const previous = req.cookies[sessionCookie];
      const ctx = requestContext(req);
      const session = await signIn(app.db, { email: req.body.email, password: req.body.password, ip: ctx.ip, userAgent: req.headers['user-agent'], requestId: req.id, lifetime: app.config.sessions }).catch(
        (err: unknown) => {
          if (isAppError(err) && err.code === 'RATE_LIMITED') void reply.header('retry-after', String(err.params.seconds));
          throw err;
        },
      );
      // A browser signing in again leaves no second session behind.
      if (previous) await sessionStore.deleteSession(app.db, hashSecret(previous));
      setSessionCookie(reply, session.secret, secure, app.config.sessions.absoluteSeconds);
      return {
        account: session.account,
        grants: session.account.grants,
        via: 'session' as const,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public', beforePasswordChange: true },
      schema: { tags, summary: 'Sign out: ends this browser session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await signOut(app.db, requestContext(req));
      void reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'signed-in', beforePasswordChange: true },
      schema: { tags, summary: 'Who is signed in: account, roles, and the session’s CSRF token', response: { 200: sessionSchema } },
    },
    async (req) => currentSession(app.db, req.principal!),
  );
};

export function setSessionCookie(reply: FastifyReply, secret: string, secure: boolean, maxAgeSeconds = sessionLifetime.absoluteSeconds): void {
  void reply.setCookie(sessionCookie, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    // The browser may keep it as long as the session can live; the server ends it sooner when unused.
    maxAge: maxAgeSeconds,
  });
}
