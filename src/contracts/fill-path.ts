// Filling an endpoint's path, without zod: the web app's first pages import this and not the
// contracts' schemas (src/web/api.ts). Re-exported by endpoint.ts.

/** `/api/rounds/:id` with `{ id: 4 }` → `/api/rounds/4` (each value percent-encoded). */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`Parametern ${name} saknas för ${path}`);
    return encodeURIComponent(String(v));
  });
}
