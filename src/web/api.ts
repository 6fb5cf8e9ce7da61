// The web app's API client: JSON, session cookie, CSRF header on state-changing calls. `call` is typed
// by the endpoint's contract (src/contracts): its input and its answer come from the same zod schemas
// the server validates with.
import { fillPath, type CallInput, type EndpointDef, type ResponseOf } from '../contracts/endpoint.ts';

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

export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
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
  let data: any = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) throw new ApiError(res.status, data?.error ?? `Fel ${res.status}`, data?.details);
  return data as T;
}

export const get = <T = any>(url: string) => api<T>('GET', url);
export const post = <T = any>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T = any>(url: string, body?: unknown) => api<T>('PUT', url, body ?? {});
export const patch = <T = any>(url: string, body?: unknown) => api<T>('PATCH', url, body ?? {});
export const del = <T = any>(url: string) => api<T>('DELETE', url);

/** Calls an endpoint of the contract: the path filled from `params`, `query` as the query string, `body` as JSON (or a form). */
export function call<E extends EndpointDef>(ep: E, ...[input]: {} extends CallInput<E> ? [CallInput<E>?] : [CallInput<E>]): Promise<ResponseOf<E>> {
  return api<ResponseOf<E>>(ep.method, endpointUrl(ep, input as EndpointInput), (input as EndpointInput | undefined)?.body ?? (ep.method === 'GET' || ep.method === 'DELETE' ? undefined : {}));
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
