/** Schemas shared by every module's routes. */
import Type, { type TSchema } from 'typebox';
import { INT4_MAX, INT4_MIN, NOT_BLANK_PATTERN, PAGE_SIZE_MAX } from '../domain/limits.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * Text a person types: a subject, a reply, a note, a name. Like the console's forms it must hold a
 * non-space character ("   " is refused with VALIDATION_FAILED, see errors.ts); an optional field
 * may be left out, but when given the same holds.
 */
export const Text = (options: { maxLength: number; minLength?: number; description?: string }) =>
  Type.String({ minLength: 1, ...options, pattern: NOT_BLANK_PATTERN });

/**
 * A whole number that fits an `integer` column. Every integer a request carries is bounded (issue
 * 14: 2147483648, 9007199254740992 or 1e21 reached the database and answered 500); use this, or
 * give tighter bounds of your own.
 */
export const Int32 = (options: { minimum?: number; maximum?: number; default?: number; description?: string } = {}) =>
  Type.Integer({ minimum: INT4_MIN, maximum: INT4_MAX, ...options });

/** The version of a record the caller read (optimistic concurrency); a stale one gives 409. */
export const Version = (description = 'the version you read; a stale one gives 409 CONFLICT_STALE_VERSION') =>
  Int32({ minimum: 1, description });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. USER_NOT_FOUND' }),
    message: Type.String({ description: "A sentence for a person, in the caller's language" }),
    details: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), rule: Type.String() }), {
        description: 'Which fields failed validation',
      }),
    ),
    allowed: Type.Optional(
      Type.Array(Type.String(), {
        description: 'SERVICE_ORDER_STATUS_*: what the caller may do to the notification instead — user status codes, then system actions (put_in_process, postpone, complete, reopen)',
      }),
    ),
    hits: Type.Optional(
      Type.Array(
        Type.Object({ phrase: Type.String(), category: Type.String(), start: Type.Integer(), end: Type.Integer() }),
        { description: 'PHRASE_FORBIDDEN: the forbidden phrases found, as offsets into the text sent' },
      ),
    ),
    problems: Type.Optional(
      Type.Array(Type.Object({ question: Type.String(), code: Type.String() }), {
        description: 'SURVEY_ANSWERS_INVALID: each question whose answer was refused and why (domain/customers/surveys.ts AnswerProblemCode)',
      }),
    ),
    openCases: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          number: Type.String(),
          kind: Type.String(),
          status: Type.String(),
          subject: Type.String(),
          ownerName: Type.Union([Type.String(), Type.Null()]),
          teamName: Type.Union([Type.String(), Type.Null()]),
          waybillNos: Type.Array(Type.String()),
          suggestion: Type.Union([Type.Enum(['join', 'link']), Type.Null()]),
        }),
        { description: 'TICKET_OPEN_CASE: the cases of this customer or waybill not closed yet; send followUp to join one or open beside it' },
      ),
    ),
  },
  { $id: 'ErrorResponse' },
);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })),
};

export function pageWindow(query: { page?: number; pageSize?: number }): { limit: number; offset: number } {
  const pageSize = query.pageSize ?? 20;
  return { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}

/** The error answers every authenticated route may give, for the OpenAPI document. */
export const errorResponses = {
  400: Type.Ref('ErrorResponse'),
  401: Type.Ref('ErrorResponse'),
  403: Type.Ref('ErrorResponse'),
};
