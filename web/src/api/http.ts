/**
 * The one way the UI talks to the Quarry server: same-origin fetch with the session cookie,
 * Spring Security's SPA-style CSRF (cookie `XSRF-TOKEN` echoed as header `X-XSRF-TOKEN` on every
 * non-GET request) and RFC 9457 problem+json errors turned into {@link ApiError}.
 */

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** The problem+json body the server sends with every error. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  [member: string]: unknown;
}

/**
 * An error answered by the server (or a failure to reach it). `message` is always fit to show to a
 * person: the problem's `detail`, else its `title`, else a plain sentence. `code` is for program
 * logic only and is never shown.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: Problem | undefined;

  constructor(message: string, status: number, problem?: Problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code;
    this.problem = problem;
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when an API call (other than a sign-in attempt) answers 401: the session has ended. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function readCookie(name: string, cookies: string = currentCookies()): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      continue;
    }
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

function currentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

/** The CSRF token to send now, read fresh each time: Spring rotates it, e.g. after sign-in. */
export function csrfToken(): string | undefined {
  return readCookie(CSRF_COOKIE);
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Don't announce a 401 as the end of the session (sign-in and "who am I" calls). */
  quietUnauthorized?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? 'GET').toUpperCase();
  const sentToken = SAFE_METHODS.has(method) ? undefined : csrfToken();
  let response = await send(path, method, options, sentToken);

  // Spring answers 403 when the CSRF token was missing or stale. If the cookie has changed since
  // (the 403 response itself may set it), try once more with the new token.
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    const fresh = csrfToken();
    if (fresh !== undefined && fresh !== sentToken) {
      response = await send(path, method, options, fresh);
    }
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.quietUnauthorized) {
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw error;
  }
  if (response.status === 204 || response.status === 205) {
    return undefined as T;
  }
  const text = await response.text();
  return (text.length === 0 ? undefined : JSON.parse(text)) as T;
}

async function send(
  path: string,
  method: string,
  options: RequestOptions,
  token: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token !== undefined) {
    headers[CSRF_HEADER] = token;
  }
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (isAbortError(cause)) {
      throw cause;
    }
    throw new ApiError('Cannot reach the Quarry server. Check your connection and try again.', 0);
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('Content-Type') ?? '';
  let problem: Problem | undefined;
  if (contentType.includes('json')) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = undefined;
    }
  }
  const message = problemMessage(problem) ?? fallbackMessage(response.status);
  return new ApiError(message, response.status, problem);
}

function problemMessage(problem: Problem | undefined): string | undefined {
  if (problem === undefined || problem === null || typeof problem !== 'object') {
    return undefined;
  }
  if (typeof problem.detail === 'string' && problem.detail.trim() !== '') {
    return problem.detail;
  }
  if (typeof problem.title === 'string' && problem.title.trim() !== '') {
    return problem.title;
  }
  return undefined;
}

/** Plain sentences for answers that carry no problem body (proxies, gateways, a server down). */
export function fallbackMessage(status: number): string {
  if (status === 401) {
    return 'Please sign in.';
  }
  if (status === 403) {
    return 'You are not allowed to do that.';
  }
  if (status === 404) {
    return 'Not found. It may have been deleted.';
  }
  if (status === 413) {
    return 'That is too large for the server to accept.';
  }
  if (status === 429) {
    return 'Too many requests. Wait a moment and try again.';
  }
  if (status === 502 || status === 503 || status === 504) {
    return 'The Quarry server is not available right now. Try again in a moment.';
  }
  return 'Something went wrong on the server. Try again, and tell an administrator if it persists.';
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    (error as { name: unknown }).name === 'AbortError'
  );
}

/** A message fit for a person, for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
