/**
 * Confirmation of a destructive action, on React Aria Components' `Modal` + `Dialog` with
 * role="alertdialog" (the project's one UI-component library: unstyled, so the app's CSS; focus is
 * trapped inside and returns to the button that opened it; Escape cancels; maintained by Adobe).
 * The focus starts on «Отмена», so a stray Enter does not destroy anything.
 */
import { useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ru } from '../i18n/ru';

export interface ConfirmDialogProps {
  /** The question: «Удалить новость «…»?» */
  title: string;
  /** What follows from it, if it needs saying. */
  children?: ReactNode;
  /** The destructive button's text; «Удалить» by default. */
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel = ru.widgets.confirmRemove, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalOverlay className="confirm-overlay" isOpen isDismissable={false} onOpenChange={(open) => !open && onCancel()}>
      <Modal className="confirm-modal">
        <Dialog role="alertdialog" className="dialog confirm-dialog">
          <Heading slot="title" className="confirm-title">
            {title}
          </Heading>
          {children && <div className="confirm-body">{children}</div>}
          <div className="form-actions">
            <Button className="button button-danger" onPress={onConfirm}>
              {confirmLabel}
            </Button>
            <Button className="button button-secondary" onPress={onCancel} autoFocus>
              {ru.widgets.confirmCancel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * A destructive action behind a confirmation: `ask(action)` opens the dialog, «Удалить» runs the
 * action, «Отмена» drops it. Render `dialog` where the component renders.
 *
 *   const confirm = useConfirm();
 *   <button onClick={() => confirm.ask({ title: ru.news.confirmRemove(title), onConfirm: () => remove(id) })}>
 *   {confirm.dialog}
 */
export function useConfirm() {
  const [pending, setPending] = useState<{ title: string; body?: ReactNode; confirmLabel?: string; onConfirm: () => void } | null>(null);
  return {
    ask: (request: { title: string; body?: ReactNode; confirmLabel?: string; onConfirm: () => void }) => setPending(request),
    dialog: pending && (
      <ConfirmDialog
        title={pending.title}
        confirmLabel={pending.confirmLabel}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          setPending(null);
          pending.onConfirm();
        }}
      >
        {pending.body}
      </ConfirmDialog>
    ),
  };
}
