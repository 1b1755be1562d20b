import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { MAX_PUBLIC_WAYBILLS, PUBLIC_WAYBILL_INPUT_MAX } from '../../domain/limits.js';
import { TrackQuery, TrackResponse } from './schemas.js';
import { trackParcels } from './service.js';

export const publicTrackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/public/track',
    {
      config: { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: `Track up to ${MAX_PUBLIC_WAYBILLS} parcels; personal data after the phone check`,
        description:
          'Each number gets its own result, in the order asked. A number that is not a waybill number (6–32 letters, ' +
          'digits or dashes) comes back with `invalid: true` and `found: false` and does not refuse the others; ' +
          `400 only for a body that is not a list of 1–${MAX_PUBLIC_WAYBILLS} strings of at most ${PUBLIC_WAYBILL_INPUT_MAX} characters, or bad phone digits.`,
        security: [],
        body: TrackQuery,
        response: { 200: TrackResponse, 400: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => trackParcels(app.db, app.phoneChecks.forClient(request.ip), request.body, request.locale, app.config.timeZone),
  );
};
