/**
 * Who is calling, and may they? Identity comes from a session cookie (people) or a bearer API
 * key (machines). Every route declares in its config what it needs; this hook is the one place that
 * decides, using the permission table of domain/roles.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { can, type AnyRole, type Role } from '../../domain/roles.js';
import { findLiveApiKey, findLiveSession, recordApiKeyUse } from './repository.js';
import { ApiKeyUseThrottle } from '../../http/api-key-use.js';
import { digest, sameSecret } from '../../http/tokens.js';

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

/**
 * Records that an API key was used (api_keys.last_used_at, shown on /admin/api-keys), at most once
 * a minute per key and process: the identity cache spares most requests their key lookup, and this
 * must not add the write back on the scanners' hot path.
 *
 * Awaited rather than fire-and-forget: when due it is one update by primary key (about a round
 * trip, once a minute), and awaiting keeps the write inside the request, so it never outlives a
 * closing app or its database. A failure is logged and the request goes on: a missed "last used"
 * must never refuse a scanner's batch. The minute is taken before the write, so a failed write is
 * retried a minute later, not on every request while the database struggles.
 */
async function recordKeyUse(app: FastifyInstance, request: FastifyRequest, uses: ApiKeyUseThrottle, keyId: string): Promise<void> {
  const now = Date.now();
  if (!uses.claim(keyId, now)) return;
  try {
    await recordApiKeyUse(app.db, keyId, new Date(now));
  } catch (error) {
    request.log.warn({ err: error, apiKeyId: keyId }, 'could not record the API key use');
  }
}

export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  const keyUses = new ApiKeyUseThrottle();

  // onRequest: who is calling, and whether they may, is settled before the body is read, parsed or
  // validated, so a stranger hears 401 and an agent on an admin route 403, whatever they sent.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Static files and unknown routes carry no auth config and need no identity.
    if (!request.routeOptions.url || !request.routeOptions.url.startsWith('/api/')) return;
    await identify(app, request);
    // A key that authenticated was used, whether or not this route then lets it in.
    if (request.actor?.kind === 'apiKey') await recordKeyUse(app, request, keyUses, request.actor.id);
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
