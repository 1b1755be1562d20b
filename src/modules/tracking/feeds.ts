/**
 * Carrier feeds: the 快递100 push (form POST, `param` + `sign` = MD5(param + salt)) and the
 * AfterShip webhook (JSON, HMAC-SHA256 of the raw body). The signature is the authentication, so
 * these routes are public; what they carry goes through the same ingestion as our own scanners.
 * Each lives in its own encapsulated plugin, so its body parser applies to it alone.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapAfterShip, parseAfterShipWebhook, verifyAfterShipHmac, AFTERSHIP_SIGNATURE_HEADER } from '../../domain/tracking/aftership.js';
import {
  KUAIDI100_SUCCESS_ANSWER,
  kuaidi100FailureAnswer,
  mapKuaidi100,
  parseKuaidi100Param,
  verifyKuaidi100Sign,
} from '../../domain/tracking/kuaidi100.js';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { errorMessage } from '../../http/messages.js';
import { ingestEvents } from './ingest.js';
import { presentRejections, type Rejection } from './rejections.js';

/** 快递100 reads `result`/`returnCode`; our own clients read `code`/`message`: the answer carries both. */
function kuaidi100Refusal(reply: FastifyReply, request: FastifyRequest, status: number, code: ErrorCode, detail = '') {
  const message = errorMessage(code, request.locale, { detail });
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ ...JSON.parse(kuaidi100FailureAnswer(message)), code, message });
}

export const kuaidi100Feed: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post(
    '/api/feeds/kuaidi100',
    {
      config: { public: true },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['feeds'],
        summary: '快递100 subscription push (form fields param, sign)',
        description: 'Answers exactly {"result":true,"returnCode":"200","message":"成功"} once the events are stored.',
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
      },
    },
    async (request, reply) => {
      const salt = app.config.kuaidi100Salt;
      if (!salt) return kuaidi100Refusal(reply, request, 503, 'FEED_NOT_CONFIGURED');
      const form = (request.body ?? {}) as Record<string, string>;
      if (typeof form.param !== 'string' || typeof form.sign !== 'string') {
        return kuaidi100Refusal(reply, request, 400, 'VALIDATION_FAILED', 'param, sign');
      }
      if (!verifyKuaidi100Sign(form.param, form.sign, salt)) return kuaidi100Refusal(reply, request, 401, 'FEED_SIGNATURE_INVALID');
      const parsed = parseKuaidi100Param(form.param);
      if (!parsed.ok) return kuaidi100Refusal(reply, request, 400, 'VALIDATION_FAILED', parsed.problems.join('; '));
      const mapped = mapKuaidi100(parsed.value);
      const result = await ingestEvents(app.db, app.tracking, mapped.events);
      request.log.info(
        { feed: 'kuaidi100', stored: result.stored, problems: mapped.problems.length + result.rejected.length, monitor: mapped.monitor.status },
        'feed received',
      );
      return reply.type('application/json; charset=utf-8').send(KUAIDI100_SUCCESS_ANSWER);
    },
  );
};

export const afterShipFeed: FastifyPluginAsyncTypebox = async (app) => {
  // The HMAC covers the bytes as sent, so the body is kept raw and parsed after the check.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/feeds/aftership',
    {
      config: { public: true },
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags: ['feeds'], summary: 'AfterShip tracking webhook (HMAC-SHA256 signed)', security: [] },
    },
    async (request, reply) => {
      const secret = app.config.afterShipSecret;
      if (!secret) throw new AppError('FEED_NOT_CONFIGURED');
      const raw = request.body as Buffer;
      const signature = request.headers[AFTERSHIP_SIGNATURE_HEADER];
      if (typeof signature !== 'string' || !verifyAfterShipHmac(raw, signature, secret)) throw new AppError('FEED_SIGNATURE_INVALID');
      const parsed = parseAfterShipWebhook(raw);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { detail: parsed.problems.join('; ') });
      const mapped = mapAfterShip(parsed.value);
      const result = await ingestEvents(app.db, app.tracking, mapped.events);
      // Both kinds are reported by checkpoint position: ingestion counts in the mapped (sorted) events.
      const rejected: Rejection[] = [
        ...mapped.problems,
        ...result.rejected.map((r) => ({ ...r, index: mapped.checkpointIndexes[r.index]! })),
      ].sort((a, b) => a.index - b.index);
      return reply.send({
        ok: true,
        eventId: mapped.eventId,
        stored: result.stored,
        duplicates: result.duplicates,
        rejected: presentRejections(rejected, request.locale),
      });
    },
  );
};
