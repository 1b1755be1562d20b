/**
 * Carrier feeds: the 快递100 push (form POST, `param` + `sign` = MD5(param + salt)) and the
 * AfterShip webhook (JSON, HMAC-SHA256 of the raw body). The signature is the authentication, so
 * these routes are public; what they carry goes through the same ingestion as our own scanners.
 * Each lives in its own encapsulated plugin, so its body parser applies to it alone.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { mapAfterShip, parseAfterShipWebhook, verifyAfterShipHmac, AFTERSHIP_SIGNATURE_HEADER } from '../../domain/tracking/aftership.js';
import {
  KUAIDI100_SOURCE,
  KUAIDI100_SUCCESS_ANSWER,
  kuaidi100FailureAnswer,
  mapKuaidi100,
  parseKuaidi100Param,
  verifyKuaidi100Sign,
} from '../../domain/tracking/kuaidi100.js';
import { AppError } from '../../domain/errors.js';
import { findUnacceptableText } from '../../domain/text.js';
import { ingestEvents } from './ingest.js';
import { recordFeedNotice } from './feed-notices.js';
import { presentRejections, type Rejection } from './rejections.js';

/**
 * 快递100 reads `result`/`returnCode`; our own clients read `code`/`message`. Every refusal of the
 * 快递100 route — ours, a schema's, a body over the limit, a rate limit — goes out carrying both.
 */
function inKuaidi100Form(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof body !== 'object' || body === null || 'result' in body || !('code' in body)) return payload;
  const { message } = body as { message?: unknown };
  return JSON.stringify({ ...JSON.parse(kuaidi100FailureAnswer(typeof message === 'string' ? message : undefined)), ...body });
}

export const kuaidi100Feed: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // This plugin holds only the 快递100 route, so the hook touches its answers alone.
  app.addHook('onSend', async (_request, reply, payload) => (reply.statusCode >= 400 ? inKuaidi100Form(payload) : payload));

  app.post(
    '/api/feeds/kuaidi100',
    {
      config: { public: true, textCheck: 'per-item' },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['feeds'],
        summary: '快递100 subscription push (form fields param, sign)',
        description:
          'Answers exactly {"result":true,"returnCode":"200","message":"成功"} once the events are stored. A record whose ' +
          'text cannot be stored (NUL, a lone surrogate) is refused alone: the answer then also lists it in `rejected` by its ' +
          'index in `lastResult.data`, with a `code` and a `reason` in the language of Accept-Language. Refusals of the whole ' +
          'push carry `result: false` and `returnCode` as well as `code` and `message`.',
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
      },
    },
    async (request, reply) => {
      const salt = app.config.kuaidi100Salt;
      if (!salt) throw new AppError('FEED_NOT_CONFIGURED');
      const form = (request.body ?? {}) as Record<string, string>;
      if (typeof form.param !== 'string' || typeof form.sign !== 'string') {
        throw new AppError('VALIDATION_FAILED', { detail: 'param, sign' });
      }
      if (!verifyKuaidi100Sign(form.param, form.sign, salt)) throw new AppError('FEED_SIGNATURE_INVALID');
      const parsed = parseKuaidi100Param(form.param);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { detail: parsed.problems.join('; ') });
      // The envelope names the waybill of every record: bad text there refuses the push.
      const envelope = findUnacceptableText({ ...parsed.value, lastResult: { ...parsed.value.lastResult, data: [] } });
      if (envelope !== null) throw new AppError('TEXT_INVALID', { field: envelope });
      const mapped = mapKuaidi100(parsed.value);
      const result = await ingestEvents(app.db, app.tracking, mapped.events);
      // 快递100 stopped monitoring the number (abort): someone must look, so the console shows it on
      // the shipment until a later push says monitoring goes on.
      const { monitor } = mapped;
      await recordFeedNotice(
        app.db,
        mapped.waybillNo,
        monitor.status === 'abort'
          ? { feed: KUAIDI100_SOURCE, status: monitor.status, message: monitor.message, carrier: mapped.carrier, carrierCorrectedFrom: monitor.carrierCorrectedFrom, at: new Date().toISOString() }
          : null,
      );
      const rejected: Rejection[] = [
        ...mapped.unacceptableText.map(({ index, field }) => ({ index, code: 'EVENT_TEXT_INVALID' as const, params: { field } })),
        ...result.rejected.map((r) => ({ ...r, index: mapped.recordIndexes[r.index]! })),
      ].sort((a, b) => a.index - b.index);
      request.log.info(
        { feed: 'kuaidi100', stored: result.stored, problems: mapped.problems.length + rejected.length, monitor: mapped.monitor.status },
        'feed received',
      );
      reply.type('application/json; charset=utf-8');
      if (rejected.length === 0) return reply.send(KUAIDI100_SUCCESS_ANSWER);
      return reply.send({ ...JSON.parse(KUAIDI100_SUCCESS_ANSWER), rejected: presentRejections(rejected, request.locale) });
    },
  );
};

export const afterShipFeed: FastifyPluginAsyncTypebox = async (app) => {
  // The HMAC covers the bytes as sent, so the body is kept raw and parsed after the check.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/feeds/aftership',
    {
      config: { public: true, textCheck: 'per-item' },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['feeds'],
        summary: 'AfterShip tracking webhook (HMAC-SHA256 signed)',
        description:
          'A checkpoint that cannot be read or stored (no time, unknown tag, text with NUL or a lone surrogate …) is listed ' +
          'in `rejected` by its index in `msg.checkpoints` and the others are stored; bad text in the envelope ' +
          '(e.g. `msg.tracking_number`) refuses the webhook with 400 `TEXT_INVALID`.',
        security: [],
      },
    },
    async (request, reply) => {
      const secret = app.config.afterShipSecret;
      if (!secret) throw new AppError('FEED_NOT_CONFIGURED');
      const raw = request.body as Buffer;
      const signature = request.headers[AFTERSHIP_SIGNATURE_HEADER];
      if (typeof signature !== 'string' || !verifyAfterShipHmac(raw, signature, secret)) throw new AppError('FEED_SIGNATURE_INVALID');
      const parsed = parseAfterShipWebhook(raw);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', { detail: parsed.problems.join('; ') });
      // The envelope names the waybill of every checkpoint: bad text there refuses the webhook.
      const envelope = findUnacceptableText({ ...parsed.value, msg: { ...parsed.value.msg, checkpoints: [] } });
      if (envelope !== null) throw new AppError('TEXT_INVALID', { field: envelope });
      // A checkpoint dated without a time is read as the start of that day in the company's zone.
      const mapped = mapAfterShip(parsed.value, { timeZone: app.tracking.calendar.timeZone });
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
