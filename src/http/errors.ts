/**
 * One error shape for every answer that is not a success: `{ code, message }`, the message in the
 * caller's language. Internals of 5xx errors go to the log, never to the client.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRetryable } from '../db/transaction.js';
import { AppError, ERROR_STATUS, type ErrorCode, type ErrorParams } from '../domain/errors.js';
import { NOT_BLANK_PATTERN } from '../domain/limits.js';
import type { Locale } from './locale.js';
import { errorMessage } from './messages.js';

interface ValidationIssue {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const field = [base, typeof missing === 'string' ? missing : ''].filter(Boolean).join('.');
  return field || context || 'body';
}

/** Turns a schema violation into a sentence a person can act on. */
function describeIssue(issue: ValidationIssue, context: string | undefined, locale: Locale): string {
  const field = fieldOf(issue, context);
  const p = issue.params ?? {};
  const zh = locale === 'zh-CN';
  switch (issue.keyword) {
    case 'required':
      return zh ? `缺少字段 ${field}` : `${field} is required`;
    case 'additionalProperties':
      return zh ? `不允许的字段 ${field}` : `${field} is not an allowed field`;
    case 'type':
      return zh ? `${field} 的类型应为 ${String(p.type)}` : `${field} must be of type ${String(p.type)}`;
    case 'minLength':
      return zh ? `${field} 至少 ${String(p.limit)} 个字符` : `${field} needs at least ${String(p.limit)} characters`;
    case 'maxLength':
      return zh ? `${field} 最多 ${String(p.limit)} 个字符` : `${field} allows at most ${String(p.limit)} characters`;
    case 'minimum':
    case 'maximum':
      return zh
        ? `${field} 应${issue.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`
        : `${field} must be ${issue.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return zh ? `${field} 的取值不被允许` : `${field} has a value that is not allowed`;
    case 'pattern':
      // Text a person types (schemas.ts Text): say what is wrong, not "format".
      if (p.pattern === NOT_BLANK_PATTERN) return zh ? `${field} 不能为空白` : `${field} must not be blank`;
      return zh ? `${field} 的格式不正确` : `${field} is not in the expected format`;
    case 'format':
      return zh ? `${field} 的格式不正确` : `${field} is not in the expected format`;
    default:
      return zh ? `${field} 不符合要求` : `${field} is not valid`;
  }
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  params: ErrorParams = {},
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .status(ERROR_STATUS[code])
    .type('application/json; charset=utf-8')
    .send({ code, message: errorMessage(code, request.locale ?? 'zh-CN', params), ...extra });
}

/**
 * A request Node cannot parse (raw non-ASCII bytes in the URL, a broken request line, headers too
 * large, too slow) never reaches a route: it is answered here, on the socket, with the same
 * `{ code, message }` shape. Its headers were not read, so the message is in the default language.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
  const status = ERROR_STATUS[code];
  const body = JSON.stringify({ code, message: errorMessage(code, 'zh-CN') });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof AppError) return sendError(reply, request, error.code, error.params, error.extra);
    if (error.validation) {
      const issues = error.validation as ValidationIssue[];
      // Chinese lists its problems with the full-width semicolon, English with its own.
      const detail = issues.map((i) => describeIssue(i, error.validationContext, request.locale)).join(request.locale === 'en-US' ? '; ' : '；');
      const details = issues.map((i) => ({ path: fieldOf(i, error.validationContext), rule: i.keyword }));
      return sendError(reply, request, 'VALIDATION_FAILED', { detail }, { details });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped === 'BODY_TOO_LARGE') {
      // The route's own limit where it sets one (feeds and batches take more than the default).
      return sendError(reply, request, mapped, { limit: request.routeOptions?.bodyLimit ?? app.config.bodyLimitBytes });
    }
    if (mapped) return sendError(reply, request, mapped, { detail: error.message });
    if (error instanceof SyntaxError && error.statusCode === 400) return sendError(reply, request, 'MALFORMED_JSON');
    // A deadlock or serialization failure that escaped inTransaction's retries (or a statement run
    // outside it): the caller may simply try again.
    if (isRetryable(error)) {
      request.log.warn({ err: { code: error.code, message: error.message } }, 'transaction conflict');
      return sendError(reply, request, 'CONFLICT_RETRY');
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendError(reply, request, 'RATE_LIMITED', { seconds: 60 });
    if (status === 405) return sendError(reply, request, 'METHOD_NOT_ALLOWED');
    if (status === 503) return sendError(reply, request, 'SERVICE_UNAVAILABLE');
    if (status >= 400 && status < 500) {
      request.log.info({ err: { code: error.code, message: error.message } }, 'client error');
      return sendError(reply, request, 'VALIDATION_FAILED', { detail: error.code ?? String(status) });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, request, 'INTERNAL_ERROR');
  });
}
