/**
 * Attachment routes: staff upload and download, and the customer's upload through the ticket's
 * secret link. Uploads are multipart/form-data with one file in the field `file`; the multipart
 * parser is registered here only, so no other route accepts multipart bodies.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../domain/errors.js';
import { ATTACHMENT_MAX_BYTES } from '../../domain/limits.js';
import { errorResponses, IdParams } from '../../http/schemas.js';
import * as S from '../tickets/schemas.js';
import { userOf } from '../tickets/service.js';
import { PublicClaimParams, PublicEvidenceAdded, PublicEvidenceQuery } from '../claims/schemas.js';
import { customerEvidenceStep } from '../claims/service.js';
import { attachFromCustomer, attachFromCustomerFor, attachmentForDownload, attachToTicket, type AttachmentDeps, type Upload } from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

const FILE_FIELD = 'file';
/** As people read sizes: 10 MiB is said "10 MB" (the limit is never below what is said). */
const MAX_SIZE_TEXT = `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;
const UPLOAD_HELP = `multipart/form-data with one file in the field \`${FILE_FIELD}\` (JPEG, PNG, WebP, HEIC/HEIF or PDF, up to ${MAX_SIZE_TEXT}; the type is read from the content)`;

const MULTIPART_LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/** The one file of a multipart request, read whole (≤ ATTACHMENT_MAX_BYTES) into memory. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', { detail: UPLOAD_HELP });
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== FILE_FIELD || upload) throw new AppError('VALIDATION_FAILED', { detail: UPLOAD_HELP });
      upload = { fileName: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE', { limit: MAX_SIZE_TEXT });
    if (typeof code === 'string' && MULTIPART_LIMIT_CODES.has(code)) throw new AppError('VALIDATION_FAILED', { detail: UPLOAD_HELP });
    // Anything else here is a malformed or cut-off body: the sender's fault, said plainly.
    request.log.info({ err: { code, message: (error as Error).message } }, 'multipart body refused');
    throw new AppError('VALIDATION_FAILED', { detail: UPLOAD_HELP });
  }
  if (!upload) throw new AppError('VALIDATION_FAILED', { detail: UPLOAD_HELP });
  return upload;
}

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  const deps = (): AttachmentDeps => ({ db: app.db, reference: app.reference, storage: app.attachments });
  const tags = ['tickets'];

  app.post(
    '/api/tickets/:id/attachments',
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Attach a file to a ticket (damage photo, signed delivery slip)',
        description: UPLOAD_HELP,
        consumes: ['multipart/form-data'],
        params: S.TicketParams,
        response: { 201: S.Attachment, ...errorResponses, ...err(404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const attachment = await attachToTicket(deps(), userOf(request.context().actor), request.params.id, () => readUpload(request));
      return reply.status(201).send(attachment);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { permission: 'console.use' },
      schema: {
        tags,
        summary: 'Download an attachment of a ticket the caller may read',
        description:
          'The bytes, with the type read from them at upload, `X-Content-Type-Options: nosniff`, a sandboxing CSP and ' +
          '`Content-Disposition: attachment` (inline for JPEG, PNG and WebP images).',
        params: IdParams,
        response: { ...errorResponses, ...err(404) },
      },
    },
    async (request, reply) => {
      const { headers, bytes } = await attachmentForDownload(deps(), userOf(request.context().actor), request.params.id);
      return reply.headers(headers).send(bytes);
    },
  );

  // The customer's side: public behind the ticket's secret link, rate-limited like the other self-service routes.
  app.post(
    '/api/public/tickets/:token/attachments',
    {
      config: { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: 'The customer attaches a file (e.g. a photo of the damage) to their ticket',
        description: UPLOAD_HELP,
        consumes: ['multipart/form-data'],
        params: S.PublicTokenParams,
        response: { 201: S.Attachment, ...err(400, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await attachFromCustomer(deps(), request.params.token, () => readUpload(request))),
  );

  // A claim's evidence from the customer's phone (modules/claims/routes-public.ts): the upload as above,
  // recorded against the checklist item in the same transaction; a photo item takes only a photo.
  app.post(
    '/api/public/tickets/:token/claims/:claimId/evidence',
    {
      config: { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: 'The customer uploads evidence for an item of the claim’s checklist (a photo of the damage, the signed slip)',
        description: UPLOAD_HELP,
        consumes: ['multipart/form-data'],
        params: PublicClaimParams,
        querystring: PublicEvidenceQuery,
        response: { 201: PublicEvidenceAdded, ...err(400, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const step = customerEvidenceStep({ db: app.db, timeZone: app.config.timeZone, reference: app.reference, tickets: { db: app.db, reference: app.reference } }, request.params.claimId, request.query.item);
      const { attachment, result } = await attachFromCustomerFor(deps(), request.params.token, () => readUpload(request), step);
      return reply.status(201).send({ attachment, ...result });
    },
  );
};
