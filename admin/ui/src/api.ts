/** Tiny fetch wrapper: same-origin cookies, CSRF header on writes, `{"error":{...}}` → thrown ApiError. */

/** One problem with one request field, as the server's validation reports it. */
export interface FieldProblem {
  field: string;
  message: string;
  /** A stable code (zod's, or the rule's own such as `time`, `unknown_department`) the console translates. */
  code?: string;
  /** The code's values: `minimum`, `maximum`, `expected`, `origin`, `keys`, `path`… */
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `error.details`, when it sent any (validation problems, balances…). */
    readonly details?: unknown,
    /** Seconds to wait before trying again, from a `Retry-After` header (429), when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request answers 401 (session expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** `Retry-After` as whole seconds from now: either a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** `details.retryAfter` (seconds) of an error answer, when the header was not readable. */
function detailsRetryAfter(details: unknown): number | undefined {
  const value = (details as { retryAfter?: unknown } | null | undefined)?.retryAfter;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.ceil(value)) : undefined;
}

/** `body` is sent as JSON, or as it is when `contentType` is given (CSV imports). */
async function request<T>(method: string, url: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : contentType ? String(body) : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${res.status}`;
    const message = typeof error?.message === 'string' ? error.message : res.statusText;
    if (res.status === 401 && onUnauthorized) onUnauthorized();
    const waitFor = retryAfterSeconds(res.headers.get('Retry-After')) ?? detailsRetryAfter(error?.details);
    throw new ApiError(res.status, code, message, error?.details, waitFor);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  /** POST a text body as it is, e.g. a CSV file with `text/csv`. */
  postText: <T>(url: string, text: string, contentType = 'text/csv') => request<T>('POST', url, text, contentType),
};

/** The field problems of a 400 validation answer (`details: [{field, message}]`), or none. */
export function fieldProblems(err: unknown): FieldProblem[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.filter(
    (d): d is FieldProblem => !!d && typeof d.field === 'string' && typeof d.message === 'string',
  );
}

/** What every CSV import answers: all rows or none, counted. */
export interface ImportResult {
  created: number;
  updated: number;
  total: number;
}

/** One problem of a refused import (`details: [{line, field?, message}]`). */
export interface LineProblem {
  line: number;
  field?: string;
  message: string;
}

/** The line problems of a 422 import answer, or none. */
export function lineProblems(err: unknown): LineProblem[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.filter((d): d is LineProblem => !!d && typeof d.line === 'number' && typeof d.message === 'string');
}

/** One problem of a refused body, by where it is (`sections.0.items.1.weight`; '' for the whole body). */
export interface PathProblem {
  path: string;
  message: string;
}

/**
 * The problems of a 400 that lists them (`details: [{path, message}]` for templates, `[{field, message}]`,
 * `[{index, field, message}]` for metric records, `[{message}]` for the scale); none for any other error.
 */
export function pathProblems(err: unknown): PathProblem[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d): PathProblem[] => {
    if (!d || typeof d !== 'object' || typeof (d as { message?: unknown }).message !== 'string') return [];
    const { path, field, index, message } = d as { path?: unknown; field?: unknown; index?: unknown; message: string };
    const where = typeof path === 'string' ? path : typeof field === 'string' ? field : '';
    return [{ path: typeof index === 'number' ? [index, where].filter((p) => p !== '').join('.') : where, message }];
  });
}
