/**
 * Who is calling, and may they? Identity comes from a session cookie (people) or a bearer API
 * key (machines). Every route declares in its config what it needs; this hook is the one place that
 * decides, using the permission table of domain/roles.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { can, type AnyRole, type Role } from '../domain/roles.js';
import { findLiveApiKey, findLiveSession } from '../modules/auth/repository.js';
import { digest, sameSecret } from './tokens.js';

export const SESSION_COOKIE = 'pd_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_KEY_PREFIX = 'pd_';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function identify(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const key = match?.[1];
    if (!key || !key.startsWith(API_KEY_PREFIX)) throw new AppError('API_KEY_INVALID');
    const keyHash = digest(key);
    const cached = app.identities.get(keyHash, Date.now());
    if (cached) {
      request.actor = cached.actor;
      return;
    }
    const row = await findLiveApiKey(app.db, keyHash);
    if (!row) throw new AppError('API_KEY_INVALID');
    request.actor = { kind: 'apiKey', id: row.id, name: row.name, role: row.role as AnyRole };
    app.identities.set(keyHash, request.actor, null, Date.now());
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const tokenHash = digest(token);
  const now = new Date();
  const cached = app.identities.get(tokenHash, now.getTime());
  if (cached) {
    request.actor = cached.actor;
    request.csrfToken = cached.csrfToken;
    return;
  }
  const row = await findLiveSession(app.db, tokenHash, now);
  if (!row) return;
  request.actor = {
    kind: 'user',
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    departmentId: row.department_id,
    sessionId: row.session_id,
  };
  request.csrfToken = row.csrf_token;
  app.identities.set(tokenHash, request.actor, row.csrf_token, now.getTime(), row.expires_at);
}

export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    // Static files and unknown routes carry no auth config and need no identity.
    if (!request.routeOptions.url || !request.routeOptions.url.startsWith('/api/')) return;
    await identify(app, request);
    if (config.public) return;

    // A cookie-borne session must prove the request came from our own page (double-submit token);
    // API keys are not sent by browsers on their own, so they need no CSRF token.
    if (request.actor?.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.csrfToken || !sameSecret(sent, request.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID');
      }
    }
    if (!request.actor) throw new AppError('AUTH_REQUIRED');
    const needed = config.permission ?? 'console.use';
    if (!can(request.actor.role, needed)) throw new AppError('FORBIDDEN');
  });
}
