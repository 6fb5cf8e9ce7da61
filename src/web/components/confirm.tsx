// A confirmation dialog (native <dialog> opened modally): focus moves into it (to Avbryt), Escape
// cancels, and focus returns to the element that was focused when it opened (also when the parent
// simply stops rendering it).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';

export function ConfirmDialog({
  open,
  title,
  summary,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** What will happen: who is affected and how many. */
  summary: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
      cancelRef.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  // Unmounted while open (the parent stopped rendering it): focus still goes back.
  useEffect(
    () => () => {
      const back = returnTo.current;
      if (back) setTimeout(() => back.isConnected && back.focus(), 0);
    },
    [],
  );

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      onCancel={(e) => {
        // Escape: the parent decides (it closes by setting open to false).
        e.preventDefault();
        onCancel();
      }}
      onClose={() => {
        const back = returnTo.current;
        returnTo.current = null;
        if (back && back.isConnected) back.focus();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-summary`}>{summary}</div>
      <div className="button-row">
        <button type="button" onClick={onConfirm} disabled={busy}>
          {confirmLabel ?? t('Bekräfta')}
        </button>
        <button type="button" className="secondary" ref={cancelRef} onClick={onCancel}>
          {cancelLabel ?? t('Avbryt')}
        </button>
      </div>
    </dialog>
  );
}
