import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError } from '../../domain/errors.js';
import { SESSION_COOKIE } from './hook.js';
import { errorResponses } from '../../http/schemas.js';
import { signedInUser } from '../users/service.js';
import { LoginBody, SessionResponse, SessionStateResponse } from './schemas.js';
import { companyTimeZone, signIn, signOut } from './service.js';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
  };

  async function me(userId: string) {
    const user = await signedInUser(app.db, userId);
    if (!user) throw new AppError('AUTH_REQUIRED');
    return user;
  }

  /** Who is signed in, their CSRF token, and the zone the console shows times in. */
  async function session(userId: string, csrfToken: string) {
    const [user, timeZone] = await Promise.all([me(userId), companyTimeZone(app.db, app.reference)]);
    return { user, csrfToken, timeZone };
  }

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        // Per client address, on top of the per-account lock.
        rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: LoginBody,
        response: {
          200: SessionResponse,
          ...errorResponses,
          423: Type.Ref('ErrorResponse'),
          429: Type.Ref('ErrorResponse'),
        },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(app.db, app.config, {
        username: request.body.username.trim(),
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, { ...cookieOptions, expires: signedIn.expiresAt });
      return session(signedIn.userId, signedIn.csrfToken);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, and the company time zone the console shows times in',
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'user' || !request.csrfToken) throw new AppError('AUTH_REQUIRED');
      return session(actor.id, request.csrfToken);
    },
  );

  // The sign-in page asks whether someone is still signed in; "nobody" is an answer, not an error.
  app.get(
    '/api/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Whether this browser is signed in: the session, or null (never 401)',
        response: { 200: SessionStateResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (actor?.kind !== 'user' || !request.csrfToken) return { session: null };
      const user = await signedInUser(app.db, actor.id);
      if (!user) return { session: null };
      return { session: await session(actor.id, request.csrfToken) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await signOut(app.db, request.context());
      if (request.actor?.kind === 'user') app.identities.forgetSession(request.actor.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );
};
