// Small accessible building blocks shared by the pages.
import { useCallback, useEffect, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { get } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Loads JSON from the API; `reload` fetches again. */
export function useApi<T>(url: string | null) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(!!url);
  const load = useCallback(() => {
    if (!url) return;
    setLoading(true);
    setError(undefined);
    get<T>(url)
      .then(setData)
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  }, [url]);
  useEffect(load, [load]);
  return { data, error, loading, reload: load };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t('Laddar')}…
    </p>
  );
}

export function ErrorMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Notice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="notice" role="status">
      {message}
    </p>
  );
}

export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – samverka`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

export function Field({ label, hint, ...props }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...props} />
    </div>
  );
}

export function AsyncView<T>({ state, children }: { state: { data?: T; error?: string; loading: boolean }; children: (d: T) => ReactNode }) {
  if (state.error) return <ErrorMessage message={state.error} />;
  if (state.loading || state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
