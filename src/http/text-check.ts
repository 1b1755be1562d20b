/**
 * The edge's text rule (domain/text.ts), applied once for every route: a request whose path
 * parameters, query string or JSON body hold a string — a key or a value, at any depth — with NUL
 * or an unpaired surrogate is refused whole with 400 TEXT_INVALID before any handler reads or
 * writes anything. PostgreSQL cannot store NUL in text, and half a character is not text.
 *
 * A route that must refuse only the bad item of a batch (the tracking feeds: one bad event must not
 * lose the others) sets `config.textCheck: 'per-item'` and checks each item itself.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { findUnacceptableText } from '../domain/text.js';

const PARTS = [
  ['params', (request: FastifyRequest) => request.params],
  ['querystring', (request: FastifyRequest) => request.query],
  ['body', (request: FastifyRequest) => request.body],
] as const;

export function installTextCheck(app: FastifyInstance): void {
  // preValidation: after the body is parsed and the caller authenticated (modules/auth/hook.ts, onRequest),
  // before the schema is checked, so a bad character is named as such and not as a format error.
  app.addHook('preValidation', async (request) => {
    // An unknown route is answered 404 by its handler, whatever it carried.
    if (!request.routeOptions.url || request.routeOptions.config.textCheck === 'per-item') return;
    for (const [part, read] of PARTS) {
      const value = read(request);
      // Raw bodies (a feed's signed bytes, an upload's stream) are not text the edge can judge:
      // multipart file names are cleaned where they are stored (domain/attachments/sniff.ts).
      if (value === undefined || value === null || Buffer.isBuffer(value)) continue;
      const path = findUnacceptableText(value);
      if (path !== null) throw new AppError('TEXT_INVALID', { field: path === '' ? part : path });
    }
  });
}
