/**
 * Business errors with a stable code. The HTTP layer maps each code to a status and a message in
 * the caller's language (http/errors.ts); nothing else decides either.
 */

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PASSWORD_TOO_WEAK: 400,
  DEPARTMENT_NOT_FOUND: 400,
  POLICY_INVALID: 400,
  CALENDAR_INVALID: 400,
  PHRASE_INVALID: 400,
  TRANSFER_TARGET_INVALID: 400,
  TICKET_CODE_INVALID: 400,
  RATING_REASON_REQUIRED: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  API_KEY_INVALID: 401,
  FEED_SIGNATURE_INVALID: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  PUBLIC_VERIFICATION_FAILED: 403,
  CUSTOMER_REVEAL_FORBIDDEN: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  SHIPMENT_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CALLBACK_NOT_FOUND: 404,
  DEPARTMENT_REQUEST_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  PHRASE_NOT_FOUND: 404,
  TICKET_CODE_NOT_FOUND: 404,
  CALENDAR_DAY_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  USER_USERNAME_TAKEN: 409,
  CONFLICT_STALE_VERSION: 409,
  USER_SELF_LOCKOUT: 409,
  TICKET_TRANSITION_INVALID: 409,
  TICKET_MERGE_INVALID: 409,
  TICKET_CLOSE_NEEDS_CALLBACK: 409,
  RATING_NOT_ALLOWED: 409,
  DEPARTMENT_REQUEST_ANSWERED: 409,
  PHRASE_DUPLICATE: 409,
  TICKET_CODE_TAKEN: 409,
  CALLBACK_DONE: 409,
  BODY_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  PHRASE_FORBIDDEN: 422,
  AUTH_ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  FEED_NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** more facts for the client, e.g. the forbidden phrases found (must be in ErrorResponse) */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
