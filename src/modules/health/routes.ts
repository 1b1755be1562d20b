import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError } from '../../domain/errors.js';

const Health = Type.Object({ status: Type.String() });

/** Liveness (the process answers) and readiness (it can reach its database). */
export const healthRoutes = (ping: () => Promise<void>): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/healthz',
      { config: { public: true, rateLimit: false }, schema: { tags: ['health'], response: { 200: Health } } },
      async () => ({ status: 'ok' }),
    );
    app.get(
      '/readyz',
      {
        config: { public: true, rateLimit: false },
        schema: { tags: ['health'], response: { 200: Health, 503: Type.Ref('ErrorResponse') } },
      },
      async (request) => {
        try {
          await ping();
          return { status: 'ready' };
        } catch (err) {
          request.log.warn({ err }, 'database not reachable');
          throw new AppError('SERVICE_UNAVAILABLE');
        }
      },
    );
  };
