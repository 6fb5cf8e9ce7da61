// Form building blocks shared by the pages: labelled controls with hint and error text announced
// through aria-describedby, and option lists.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useI18n } from '../i18n.tsx';

/** What a control inside a Control gets: its id, its description and whether it is invalid. */
export interface ControlAttributes {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled control with optional hint and error (announced through aria-describedby). `invalid`
 * marks it invalid without an error of its own; `describedBy` names a further description (for
 * instance the form's error message).
 */
export function Control({
  id,
  label,
  hint,
  error,
  invalid,
  describedBy,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  invalid?: boolean;
  describedBy?: string;
  children: (a: ControlAttributes) => ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-error`, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children({ id, 'aria-describedby': described, ...(error || invalid ? { 'aria-invalid': true as const } : {}) })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input (uncontrolled forms read it by its name). */
export function Field({ label, hint, ...props }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Control id={id} label={label} hint={hint}>
      {(a) => <input {...a} {...props} />}
    </Control>
  );
}

/** A file input for a table import (CSV or XLSX): its label and what to do with the chosen file. */
export function TableFileField({ label, onFile }: { label: string; onFile: (file: File | undefined) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        name="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => onFile(e.target.files?.[0])}
      />
    </div>
  );
}

/** [value, text] pairs for the options of a select. */
export type OptionEntries = ReadonlyArray<readonly [string | number, string]>;

/** The <option>s of a select from [value, text] pairs, after an empty choice when `empty` is given. */
export function Options({ entries, empty }: { entries: OptionEntries; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {entries.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </>
  );
}

/** A labelled select of `entries` (see Options). */
export function SelectField({ label, hint, entries, empty, ...props }: { label: string; hint?: string; entries: OptionEntries; empty?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <Control id={id} label={label} hint={hint}>
      {(a) => (
        <select {...a} {...props}>
          <Options entries={entries} empty={empty} />
        </select>
      )}
    </Control>
  );
}

/**
 * A form's submit button, any further buttons, then Avbryt when `onCancel` is given. While busy the
 * submit button is aria-disabled and ignores presses, but stays focusable (focus is not lost, 2.4.3).
 */
export function FormButtons({ submitLabel, busy, onCancel, children }: { submitLabel: string; busy: boolean; onCancel?: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button type="submit" aria-disabled={busy || undefined} onClick={(e) => busy && e.preventDefault()}>
        {submitLabel}
      </button>
      {children}
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          {t('Avbryt')}
        </button>
      )}
    </div>
  );
}
