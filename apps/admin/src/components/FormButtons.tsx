import { Link } from 'react-router';
import { ru } from '../i18n/ru';
import { DISCARD_FORM_STATE } from '../lib/leaveGuard';

/**
 * The form's error line and its buttons: submit (disabled and relabelled while busy) and «Отмена»,
 * a link back or a handler (dialogs).
 */
export function FormButtons({
  label,
  busy = false,
  busyLabel,
  cancel,
}: {
  label: string;
  busy?: boolean;
  busyLabel: string;
  cancel: { to: string } | { onClick: () => void };
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      {'to' in cancel ? (
        <Link className="button button-secondary" to={cancel.to} state={DISCARD_FORM_STATE}>
          {ru.form.cancel}
        </Link>
      ) : (
        <button type="button" className="button button-secondary" onClick={cancel.onClick}>
          {ru.form.cancel}
        </button>
      )}
    </div>
  );
}
