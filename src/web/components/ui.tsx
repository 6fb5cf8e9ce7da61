// Small accessible building blocks shared by the pages.
import { useEffect, type ReactNode, type Ref } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t('Laddar')}…
    </p>
  );
}

/** An error as an alert; `lang` marks a message in another language than the interface (the server's Swedish). */
export function ErrorMessage({ message, id, lang }: { message?: string; id?: string; lang?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" id={id} lang={lang}>
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

/** What an action (useAction) says: its error as an alert, its confirmation as a status. */
export function ActionMessages({ action }: { action: { message?: string; msg?: string; error?: unknown } }) {
  const { lang } = useI18n();
  // The server's messages are Swedish: marked as such in the English interface (WCAG 3.1.2).
  const serverSv = lang !== 'sv' && action.error instanceof ApiError ? 'sv' : undefined;
  // The live regions are in the page before any message, so that screen readers announce what
  // appears in them (WCAG 4.1.3); a region created together with its message may go unread.
  return (
    <>
      <div role="alert" className="live-region">
        {action.message && (
          <p className="error" lang={serverSv}>
            {action.message}
          </p>
        )}
      </div>
      <div role="status" className="live-region">
        {action.msg && <p className="notice">{action.msg}</p>}
      </div>
    </>
  );
}

/**
 * A page: its h1 and the document title. `titleLang` marks a title in another language than the
 * interface (Swedish data in the English UI); `headingRef` lets a page move focus to its heading.
 */
export function Page({
  title,
  titleLang,
  headingRef,
  children,
}: {
  title: string;
  titleLang?: string;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} – samverka`;
  }, [title]);
  return (
    <>
      <h1 lang={titleLang} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h1>
      {children}
    </>
  );
}

/** A section named by its h2 heading (`id` is the heading's id). */
export function Section({ id, title, children }: { id: string; title: ReactNode; children?: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A link in a paragraph of its own (back to a list, on to a related page). */
export function LinkParagraph({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p>
      <Link to={to}>{children}</Link>
    </p>
  );
}

/** The button that opens a page's edit form ("Ändra uppgifterna"), in a paragraph of its own. */
export function EditButton({ onClick, secondary }: { onClick: () => void; secondary?: boolean }) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" className={secondary ? 'secondary' : undefined} onClick={onClick}>
        {t('Ändra uppgifterna')}
      </button>
    </p>
  );
}

/** The note that what the page shows is demo data. */
export function DemoBanner({ children }: { children: ReactNode }) {
  return (
    <p className="demo-banner-inline">
      <span className="tag">DEMO</span> {children}
    </p>
  );
}

export function AsyncView<T>({ state, children }: { state: { data?: T; error?: string; loading: boolean }; children: (d: T) => ReactNode }) {
  if (state.error) return <ErrorMessage message={state.error} />;
  if (state.loading || state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** Horizontally scrollable table container, reachable by keyboard when it scrolls. */
function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** A column header: its text, `{ num }` for a right-aligned number column, or false to leave it out. */
export type ColumnHead = string | { num: string } | false | null | undefined;

/**
 * A table with its caption and column headers; `children` are its tbody (and tfoot). It stands in a
 * TableWrap named `label` (or its caption when that is text).
 */
export function DataTable({
  label,
  caption,
  columns,
  className,
  children,
}: {
  label?: string;
  caption: ReactNode;
  columns: ColumnHead[];
  className?: string;
  children: ReactNode;
}) {
  const table = (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) =>
            !c ? null : (
              <th key={i} scope="col" className={typeof c === 'string' ? undefined : 'num'}>
                {typeof c === 'string' ? c : c.num}
              </th>
            ),
          )}
        </tr>
      </thead>
      {children}
    </table>
  );
  // Always in a scroll container of its own, so a wide table never makes the page scroll sideways
  // (WCAG 1.4.10); named by `label`, else by a text caption.
  const name = label ?? (typeof caption === 'string' ? caption : undefined);
  if (name !== undefined) return <TableWrap label={name}>{table}</TableWrap>;
  return (
    <div className="table-wrap" tabIndex={0}>
      {table}
    </div>
  );
}
