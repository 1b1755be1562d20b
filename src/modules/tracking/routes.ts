import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CanonicalEvent, TrackingStatus } from '../../domain/tracking/vocabulary.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';
import { errorResponses } from '../../http/schemas.js';
import { ingestEvents } from './ingest.js';
import { presentRejections } from './rejections.js';
import { EventBatch, IngestResult } from './schemas.js';

export const trackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/tracking/events',
    {
      config: { permission: 'tracking.ingest', rateLimit: false, textCheck: 'per-item' },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['tracking'],
        summary: 'Scanner batch: up to 5,000 events (API key)',
        description:
          'Idempotent and order-independent. A request whose shape is wrong is refused whole (400, nothing stored). ' +
          'An event that is well-formed but not acceptable (text with NUL or a lone surrogate, unknown status pair, time out of range) is listed in ' +
          '`rejected` by its index, with a stable `code` and a `reason` in the language of Accept-Language (zh-CN by default, en-US), ' +
          'and the rest of the batch is stored. A 200 means the stored events are durable.',
        body: EventBatch,
        response: { 200: IngestResult, ...errorResponses },
      },
    },
    async (request) => {
      const events: CanonicalEvent[] = request.body.events.map((e) => ({
        waybillNo: normalizeWaybillNo(e.waybillNo),
        eventTime: new Date(e.eventTime),
        status: e.status as TrackingStatus,
        subStatus: e.subStatus,
        site: e.site ?? null,
        areaCode: e.areaCode ?? null,
        courier: e.courier ?? null,
        rawText: e.text,
        source: 'scanner',
        externalId: e.eventId ?? null,
      }));
      const result = await ingestEvents(app.db, app.tracking, events);
      return { ...result, rejected: presentRejections(result.rejected, request.locale) };
    },
  );
};
