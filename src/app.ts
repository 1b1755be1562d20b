/**
 * Wires the HTTP application: validation, security headers, limits, auth, OpenAPI, the feature
 * modules and the console's static files. Nothing here knows a business rule.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { AppError } from './domain/errors.js';
import { apiKeyRoutes } from './modules/api-keys/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { claimRoutes } from './modules/claims/routes.js';
import { claimConsoleRoutes } from './modules/claims/console-routes.js';
import { kpiDashboardRoutes } from './modules/kpis/dashboard-routes.js';
import { kpiRoutes } from './modules/kpis/routes.js';
import { classifierRoutes } from './modules/classifier/routes.js';
import { supervisionReportRoutes } from './modules/supervision-reports/routes.js';
import { qualityRoutes } from './modules/quality/routes.js';
import { claimPublicRoutes } from './modules/claims/routes-public.js';
import { LocalDiskStorage } from './modules/attachments/storage.js';
import { auditRoutes } from './modules/audit/routes.js';
import { customerRoutes } from './modules/customers/routes.js';
import { deskRoutes } from './modules/customers/desk-routes.js';
import { statementRoutes } from './modules/customers/statement-routes.js';
import { monthlyReportRoutes } from './modules/reports/monthly/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { exceptionRoutes } from './modules/exceptions/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { PhoneCheckStore } from './modules/public-tracking/phone-check-guard.js';
import { publicTrackingRoutes } from './modules/public-tracking/routes.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { createReferenceData } from './modules/reference/cache.js';
import { referenceRoutes } from './modules/reference/routes.js';
import { timeLimitRoutes } from './modules/time-limits/routes.js';
import { serviceOrderRoutes } from './modules/service-orders/routes.js';
import { shipmentRoutes } from './modules/shipments/routes.js';
import { surveyRoutes } from './modules/surveys/routes.js';
import { createTrackingContext } from './modules/tracking/context.js';
import { afterShipFeed, kuaidi100Feed } from './modules/tracking/feeds.js';
import { trackingRoutes } from './modules/tracking/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { installAuth } from './modules/auth/hook.js';
import { IdentityCache } from './http/identity-cache.js';
import { clientErrorHandler, installErrorHandling, sendError } from './http/errors.js';
import { localeFrom } from './http/locale.js';
import { installTextCheck } from './http/text-check.js';
import { ErrorResponse } from './http/schemas.js';
import { cachedSerializers } from './http/serializers.js';

// ajv-formats is CommonJS: under ESM its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface AppOptions {
  config: Config;
  database: Database;
  /** false for silence (tests); otherwise logs go to `logStream` (stdout by default). */
  logger?: false;
  logStream?: NodeJS.WritableStream;
}

function validator(options: AjvOptions): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * The request validators, made once per process: Ajv keeps what it compiled by schema object, and
 * the route schemas are the same objects for every app a process builds (see http/serializers.ts).
 * Bodies are taken as sent: no type coercion, no silent dropping of unknown fields. Query strings
 * and paths are text, so numbers and booleans there are coerced.
 */
let validators: { bodies: Ajv; params: Ajv } | undefined;
function requestValidators(): { bodies: Ajv; params: Ajv } {
  validators ??= { bodies: validator({ coerceTypes: false }), params: validator({ coerceTypes: 'array' }) };
  return validators;
}

/** Request logs carry the route and status, never query strings, headers, bodies or addresses. */
const serializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      serializers,
      ...(options.logStream && { stream: options.logStream }),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    clientErrorHandler,
    schemaController: { compilersFactory: { buildSerializer: cachedSerializers } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const { bodies, params } = requestValidators();
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodies.compile(schema) : params.compile(schema),
  );

  app.decorate('db', database.db);
  app.decorate('config', config);
  const reference = createReferenceData({ timeZone: config.timeZone });
  app.decorate('reference', reference);
  app.decorate('tracking', createTrackingContext({ timeZone: config.timeZone, days: (db) => reference.calendar(db), publicBaseUrl: config.publicBaseUrl }));
  app.decorate('attachments', new LocalDiskStorage(config.attachmentsDir));
  app.decorate('identities', new IdentityCache(config.identityCacheSeconds * 1000));
  app.decorate('phoneChecks', new PhoneCheckStore(database.db));
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('context', function (this: FastifyRequest) {
    return { actor: this.actor, ip: this.ip };
  });
  app.addHook('onRequest', async (request) => {
    request.locale = localeFrom(request.headers['accept-language']);
  });

  // The API speaks JSON only; a text body is refused (415) rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  app.addSchema(ErrorResponse);

  // Security headers, built once (the Fastify wrapper rebuilt helmet on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ParcelDesk API',
        version: '0.1.0',
        description:
          'ParcelDesk — customer service for an express and logistics company (快递物流客服系统). ' +
          'People sign in with POST /api/auth/login (session cookie + x-csrf-token header on changes); ' +
          'machines send `Authorization: Bearer pd_…`. Errors are `{ code, message }`; the message follows Accept-Language (zh-CN default, en-US).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pd_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets a few inline styles; the rest of its policy stays as the plugin writes it.
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
    uiConfig: { docExpansion: 'list', deepLinking: false },
  });

  installAuth(app);
  installTextCheck(app);
  await app.register(healthRoutes(database.ping));
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(apiKeyRoutes);
  await app.register(shipmentRoutes);
  await app.register(trackingRoutes);
  await app.register(kuaidi100Feed);
  await app.register(afterShipFeed);
  await app.register(exceptionRoutes);
  await app.register(timeLimitRoutes);
  await app.register(publicTrackingRoutes);
  await app.register(referenceRoutes);
  await app.register(ticketRoutes);
  await app.register(attachmentRoutes);
  await app.register(customerRoutes);
  await app.register(surveyRoutes);
  await app.register(deskRoutes);
  await app.register(statementRoutes);
  await app.register(claimRoutes);
  await app.register(claimConsoleRoutes);
  await app.register(kpiRoutes);
  await app.register(kpiDashboardRoutes);
  await app.register(claimPublicRoutes);
  await app.register(monthlyReportRoutes);
  await app.register(serviceOrderRoutes);
  await app.register(classifierRoutes);
  await app.register(supervisionReportRoutes);
  await app.register(qualityRoutes);

  await registerConsole(app, config.webDir);
  return app;
}

/**
 * The console is a single-page app: its files are served as they are, and any other GET that
 * asks for HTML gets index.html so client-side routes survive a reload. API paths never do.
 */
async function registerConsole(app: FastifyInstance, webDir: string): Promise<void> {
  const hasConsole = existsSync(path.join(webDir, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each file; the one the browser accepts is sent.
      preCompressed: true,
      cacheControl: false,
      // Files under /assets/ carry a hash of their content in their name: a new build gives new
      // names, so a browser may keep them for a year without asking. Anything else is checked.
      setHeaders: (reply, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  } else {
    app.log.warn({ webDir }, 'console not built: run `npm run build:web`; serving the API only');
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    const isApi = /^\/(api|docs|healthz|readyz)(\/|$)/.test(request.url);
    if (hasConsole && wantsPage && !isApi) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendError(reply, request, 'NOT_FOUND');
  });
}
