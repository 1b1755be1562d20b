/**
 * The one way the console talks to the server. Every request carries the session cookie, the
 * console language and (for anything but GET) the CSRF token the server handed out at sign-in.
 * Every failure becomes an ApiError with the server's `{ code, message }`; the message is already
 * in the request's language, so the console shows it as is.
 */
import { getLocale, translate } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** the whole error body, for codes that carry more (SURVEY_ANSWERS_INVALID's `problems`) */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the console produces itself when no server answer could be read. */
export const CLIENT_ERROR_CODES = { network: 'NETWORK_ERROR', badResponse: 'BAD_RESPONSE' } as const;

// Kept in memory only: a page reload asks /api/auth/me again, which hands out the token anew.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthorized: (() => void) | null = null;

/** Called on every 401, so an expired session sends the user back to the sign-in page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The address of a GET with its query, as requests send it (also for links that download a file). */
export function urlOf(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    // Empty filters are left out rather than sent as `q=`.
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLocale(),
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  // A request without a body sends no Content-Type: an empty body declared as JSON is an error.
  const hasBody = options.body !== undefined;
  // A file upload (FormData) lets the browser write its multipart Content-Type with the boundary.
  const isForm = options.body instanceof FormData;
  if (hasBody && !isForm) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: isForm ? (options.body as FormData) : hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, CLIENT_ERROR_CODES.network, translate('error.network'));
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      // A proxy or gateway page instead of our JSON: handled below.
      payload = undefined;
    }
  }

  if (!response.ok) {
    if (response.status === 401) {
      csrfToken = null;
      onUnauthorized?.();
    }
    if (isErrorBody(payload)) throw new ApiError(response.status, payload.code, payload.message, payload);
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      translate('error.unexpected', { status: response.status }),
    );
  }
  if (response.status === 204 || !text) return undefined as T;
  if (payload === undefined) {
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.badResponse,
      translate('error.unexpected', { status: response.status }),
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
