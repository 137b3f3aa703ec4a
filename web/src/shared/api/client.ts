import { ApiError, NetworkError, problemOf } from './problem';

/** Decides the language of the server's answers (problem details, labels); set by the i18n start-up. */
let languageOf: () => string = () => navigator.language;
/** The session's CSRF token (sent back with every write, as the API asks). */
let csrfToken: string | null = null;
/** Called when a call that needed a session was refused with 401: the session has ended. */
let onUnauthenticated: (() => void) | undefined;

export const apiSettings = {
  language(fn: () => string): void {
    languageOf = fn;
  },
  csrf(token: string | null): void {
    csrfToken = token;
  },
  unauthenticated(fn: (() => void) | undefined): void {
    onUnauthenticated = fn;
  },
};

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A 401 here is an answer, not an ended session (asking who is signed in, signing in):
   * it does not send the reader to the sign-in page.
   */
  anonymousOk?: boolean;
  /** Extra request headers, e.g. `If-Match` with the version an editor opened. */
  headers?: Record<string, string>;
}

/** `/api/v1` + path + query; repeated values as repeated parameters. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else params.append(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Calls the Anylib API with the session cookie. Answers the JSON body; throws `ApiError` with the
 * problem document for an error status, `NetworkError` when the server could not be reached.
 */
export async function api<T>(path: string, opts: CallOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json, application/problem+json', 'accept-language': languageOf() };
  // A form (a file upload) goes as multipart with the browser's boundary; anything else as JSON.
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(String(err));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.anonymousOk) onUnauthenticated?.();
    throw new ApiError(problemOf(res.status, body));
  }
  return body as T;
}
