// Parts the portfolio's pages share: the subpage menu and page frame, a section förbundsadmin may
// switch to a form, the year/period filter form, download links, note lists, and the parsing of
// numbers typed in Swedish (decimal comma, spaces between thousands) for the forms' schemas.
import { useState, type FormEvent, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { z } from 'zod';
import { canConfigurePortfolio } from '../../../domain/portfolio/portfolio-policy.ts';
import { ApiError } from '../../api.ts';
import { Control } from '../../components/forms.tsx';
import { dash, int, pct } from '../../components/format.ts';
import { ErrorMessage, Notice, Page, Section } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

// ---- Formatting and parsing ----------------------------------------------------------------------

export const indicatorValue = (v: number | null, unit: 'antal' | 'procent') => (unit === 'procent' ? pct(v) : int(v));
export const yearSpan = (a: number | null, b: number | null) => (a === null && b === null ? dash : a === b ? String(a) : `${a ?? '…'}–${b ?? '…'}`);

/** Parses a Swedish or English decimal ("2,5" or "2.5", "1 100 000"); '' → null; NaN when not a number. */
export function parseNumber(s: string): number | null {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  if (v === '') return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

/**
 * A number typed into a text field, for a form schema: '' → null, text that is no number → `message`,
 * then the contract's own field schema `then` (which may refuse null with its own message).
 */
export const typedNumber = <T extends z.ZodType>(then: T, message: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const v = parseNumber(s);
      if (Number.isNaN(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v;
    })
    .pipe(then as unknown as z.ZodType<z.output<T>, number | null>);

/** How a number is shown in a text field: '' for none, decimal comma. */
export const shownNumber = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));

export const currentYear = () => new Date().getFullYear();
export const validYear = (s: string | null): number | null => (s && /^\d{4}$/.test(s) && Number(s) >= 2000 && Number(s) <= 2100 ? Number(s) : null);

/** Whether the signed-in user changes the portfolio's configuration (portfolio-policy.ts). */
export function useCanConfigure() {
  const { user } = useSession();
  return canConfigurePortfolio(user ?? null);
}

// ---- Page frame ----------------------------------------------------------------------------------

const SUBPAGES = [
  { to: '/portfolj/prioritering', label: 'Prioritering' },
  { to: '/portfolj/handlingsplan', label: 'Handlingsplan' },
  { to: '/portfolj/uppfoljning', label: 'Uppföljning' },
  { to: '/portfolj/indikatorer', label: 'Indikatorer och medel' },
];

function PortfolioNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('Portföljens delar')}>
      <ul className="results-nav">
        {SUBPAGES.map((p) => (
          <li key={p.to}>
            <NavLink to={p.to} style={({ isActive }) => (isActive ? { fontWeight: 700 } : undefined)}>
              {t(p.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A portfolio page: its title, the subpage menu and the page's introduction. */
export function PortfolioPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <PortfolioNav />
      <p>{intro}</p>
      {children}
    </Page>
  );
}

/**
 * A section showing `children`, where förbundsadmin may switch to `form` (a button `editLabel`);
 * once the form is saved the section shows `savedText` (the data on screen is fetched again by the
 * mutation itself).
 */
export function EditableSection({
  id,
  title,
  intro,
  editLabel,
  savedText,
  form,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  editLabel: string;
  savedText: string;
  form: (done: { onCancel: () => void; onSaved: () => void }) => ReactNode;
  children: ReactNode;
}) {
  const canConfigure = useCanConfigure();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  return (
    <Section id={id} title={title}>
      {intro}
      <Notice message={saved} />
      {editing ? (
        form({
          onCancel: () => setEditing(false),
          onSaved: () => {
            setEditing(false);
            setSaved(savedText);
          },
        })
      ) : (
        <>
          {children}
          {canConfigure && (
            <p>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSaved(undefined);
                  setEditing(true);
                }}
              >
                {editLabel}
              </button>
            </p>
          )}
        </>
      )}
    </Section>
  );
}

/** A page's choice of period or year above its content, with the form's error message (`errorId`). */
export function FilterForm({
  label,
  submitLabel,
  onSubmit,
  error,
  errorId,
  children,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (e: FormEvent) => void;
  error?: string;
  errorId: string;
  children: ReactNode;
}) {
  return (
    <>
      <form className="results-filters" onSubmit={onSubmit} noValidate aria-label={label}>
        {children}
        <button type="submit">{submitLabel}</button>
      </form>
      <ErrorMessage id={errorId} message={error} />
    </>
  );
}

/** A year 2000–2100 in a FilterForm; `errorId` names the form's error message while there is one. */
export function YearField({ id, label, value, onChange, errorId }: { id: string; label: string; value: string; onChange: (v: string) => void; errorId?: string }) {
  return (
    <Control id={id} label={label} invalid={!!errorId} describedBy={errorId}>
      {(a) => <input {...a} type="number" min={2000} max={2100} step={1} className="count-input" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Control>
  );
}

const DOWNLOAD_LABEL = {
  docx: 'Ladda ned som Word (DOCX)',
  pdf: 'Ladda ned som PDF',
  xlsx: 'Ladda ned som Excel (XLSX)',
} as const;
type DownloadFormat = keyof typeof DOWNLOAD_LABEL;

/** A section of download links, one per format; `what` completes each link's accessible name. */
export function DownloadLinks({ id, title, formats, href, what }: { id: string; title: string; formats: DownloadFormat[]; href: (f: DownloadFormat) => string; what: string }) {
  const { t } = useI18n();
  return (
    <Section id={id} title={title}>
      <ul className="results-nav">
        {formats.map((f) => (
          <li key={f}>
            <a className="button secondary" href={href(f)} download data-format={f}>
              {t(DOWNLOAD_LABEL[f])}
              <span className="visually-hidden">: {what}</span>
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Notes under a title in an info box; nothing when there are none. */
export function NoteList({ title, notes }: { title: string; notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="notice-info">
      <p style={{ margin: 0, fontWeight: 600 }}>{title}</p>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

/** Puts the server's field messages (ApiError details with `path`) on the form's fields, then rethrows. */
export function onFields(setError: (path: never, error: { message: string }) => void) {
  return (e: unknown): never => {
    if (e instanceof ApiError && Array.isArray(e.details))
      for (const d of e.details as Array<{ path?: unknown; message?: unknown }>)
        if (typeof d.path === 'string' && d.path && typeof d.message === 'string') setError(d.path as never, { message: d.message });
    throw e;
  };
}
