// The web app's API client: JSON, session cookie, CSRF header on state-changing calls. `call` is typed
// by the endpoint's contract (src/contracts): its input and its answer come from the same zod schemas
// the server validates with.
import type { CallInput, EndpointDef, ResponseOf } from '../contracts/endpoint.ts';
import { fillPath } from '../contracts/fill-path.ts';

/**
 * An endpoint by its method and path alone, typed as its contract: `lite<typeof auth.me>('GET', '/api/auth/me')`
 * (a method or path other than the contract's does not compile). The shell and the first pages (sign-in,
 * results) call endpoints through these, so the browser neither loads nor builds the contracts' zod
 * schemas before it can show them (issue 15).
 */
export const lite = <E extends EndpointDef>(method: E['method'], path: E['path']): E => ({ method, path }) as unknown as E;

let csrfToken: string | undefined;
export const setCsrf = (t: string | undefined) => (csrfToken = t);

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public details?: unknown,
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const e = (data && typeof data === 'object' ? data : {}) as { error?: string; details?: unknown };
    throw new ApiError(res.status, e.error ?? `Fel ${res.status}`, e.details);
  }
  return data as T;
}

/** Calls an endpoint of the contract: the path filled from `params`, `query` as the query string, `body` as JSON (or a form). */
export function call<E extends EndpointDef>(ep: E, ...[input]: {} extends CallInput<E> ? [CallInput<E>?] : [CallInput<E>]): Promise<ResponseOf<E>> {
  return request<ResponseOf<E>>(ep.method, endpointUrl(ep, input as EndpointInput), (input as EndpointInput | undefined)?.body ?? (ep.method === 'GET' || ep.method === 'DELETE' ? undefined : {}));
}

interface EndpointInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The URL of a call: path parameters filled in, query parameters that are set appended. */
export function endpointUrl(ep: EndpointDef, input: EndpointInput | undefined): string {
  const path = fillPath(ep.path, input?.params);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(input?.query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A progress line of a long request (the import's ?progress=true answer, application/x-ndjson). */
export interface StreamProgress {
  phase: string;
  bytes: number;
  totalBytes: number;
  rows: number;
  written: number;
}

/**
 * Calls an endpoint that answers with progress lines and last {status, body} (the import with
 * progress=true): `onProgress` is told each line as it arrives; the last line is returned or thrown
 * like `call` does.
 */
export async function callWithProgress<E extends EndpointDef>(ep: E, input: CallInput<E>, onProgress: (p: StreamProgress) => void): Promise<ResponseOf<E>> {
  const i = input as EndpointInput;
  const headers: Record<string, string> = {};
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(endpointUrl(ep, { ...i, query: { ...i.query, progress: 'true' } }), { method: ep.method, headers, credentials: 'same-origin', body: i.body as FormData });
  if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('ndjson')) {
    const text = await res.text();
    let data: { error?: string; details?: unknown } = {};
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (!res.ok) throw new ApiError(res.status, data.error ?? `Fel ${res.status}`, data.details);
    return data as ResponseOf<E>;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let result: { status: number; body: { error?: string; details?: unknown } } | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line) as { progress?: StreamProgress; status?: number; body?: { error?: string; details?: unknown } };
      if (msg.progress) onProgress(msg.progress);
      else if (msg.status !== undefined) result = { status: msg.status, body: msg.body ?? {} };
    }
    if (done) break;
  }
  if (!result) throw new ApiError(0, 'Svaret avbröts innan importen var klar. Kontrollera resultatet och försök igen.');
  if (result.status >= 400) throw new ApiError(result.status, result.body.error ?? `Fel ${result.status}`, result.body.details);
  return result.body as ResponseOf<E>;
}
