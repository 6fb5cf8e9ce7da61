// A confirmation dialog (WAI-ARIA alertdialog): it names what will happen before a consequential
// action. Focus moves into the dialog (to `initialFocus`, else to Avbryt for a destructive action, else
// to the confirm button), Tab stays inside it, buttons stay focusable while busy (aria-disabled), Escape and Avbryt cancel, and focus returns to the control that
// opened it. Render it while the question is open; the parent removes it on confirm or cancel.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n.tsx';
import { ErrorMessage } from './ui.tsx';

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy = false,
  danger = false,
  error,
  initialFocus,
}: {
  title: string;
  /** What will happen (the summary). */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** A destructive action: the confirm button is red and focus starts on Avbryt. */
  danger?: boolean;
  /** An error from the action, shown in the dialog. */
  error?: string;
  /** A field in the dialog to start on (e.g. the reason to give), instead of a button. */
  initialFocus?: RefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    (initialFocus ?? (danger ? cancelRef : confirmRef)).current?.focus();
    return () => {
      // Back to the control that opened the dialog, if it is still on the page.
      if (opener && opener.isConnected) opener.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!busy) onCancel();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>('button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')];
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`}>{children}</div>
        <ErrorMessage message={error} />
        <div className="button-row">
          <button ref={confirmRef} type="button" className={danger ? 'danger' : undefined} aria-disabled={busy || undefined} onClick={() => !busy && onConfirm()}>
            {confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="secondary" aria-disabled={busy || undefined} onClick={() => !busy && onCancel()}>
            {cancelLabel ?? t('Avbryt')}
          </button>
        </div>
      </div>
    </div>
  );
}
