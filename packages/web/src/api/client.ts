// The one way the web app talks to the API: same-origin cookies, the CSRF token on writes,
// RFC 9457 problems turned into ApiError with every bad field named.

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const CSRF_KEY = 'exoclinic.csrf';
let csrfToken: string | null = readStoredCsrf();

function readStoredCsrf(): string | null {
  try {
    return sessionStorage.getItem(CSRF_KEY);
  } catch {
    return null;
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_KEY, token);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch {
    // Private mode without storage: the token lives for this page only.
  }
}

/** Called when the server answers 401: the session ended (set by the session provider). */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request: the CSRF token on writes, the answer read as JSON, a failure as an ApiError. */
async function send<T>(
  method: Method,
  path: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json, application/problem+json', ...headers };
  if (UNSAFE.has(method) && csrfToken) h['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: h,
      credentials: 'same-origin',
      ...(body !== undefined && { body }),
    });
  } catch {
    throw new ApiError(0, { status: 0, title: 'Network error', detail: 'network' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      json && typeof json === 'object' ? { status: res.status, ...(json as object) } : { status: res.status };
    if (res.status === 401 && path !== '/auth/login') onUnauthorized();
    throw new ApiError(res.status, problem);
  }
  return json as T;
}

export function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  if (body === undefined) return send<T>(method, path, undefined, headers);
  return send<T>(method, path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/**
 * A file sent as the raw request body with its own content type (a photo, a document); anything
 * else the server needs goes in the path's query string. Answers and problems as for `api()`.
 */
export function upload<T>(path: string, file: Blob, contentType?: string, method: 'POST' | 'PUT' = 'POST') {
  return send<T>(method, path, file, {
    'content-type': contentType || file.type || 'application/octet-stream',
  });
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);

/** Query string from the defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
