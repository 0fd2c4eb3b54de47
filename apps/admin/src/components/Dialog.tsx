import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ru } from '../i18n/ru';

/**
 * A modal dialog on the native <dialog> element: focus moves into it and stays there, Escape and
 * «Отмена» close it, the page behind is inert. Rendered only while open.
 */
export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={ru.form.close} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
