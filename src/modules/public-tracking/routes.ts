import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { TrackQuery, TrackResponse } from './schemas.js';
import { trackParcels } from './service.js';

export const publicTrackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/public/track',
    {
      config: { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Track up to 20 parcels; personal data after the phone check',
        security: [],
        body: TrackQuery,
        response: { 200: TrackResponse, 400: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => trackParcels(app.db, app.phoneChecks, request.body, request.locale, app.config.timeZone),
  );
};
