import { useCallback, useState, type ChangeEvent } from 'react';
import { ru } from '../i18n/ru';
import { formFailure, type FieldErrors, type FormFailure } from './forms';
import { useLeaveGuard } from './leaveGuard';

type Draft<D> = { [K in keyof D]: string };

/**
 * A form's typed values, the errors beside its fields and the line above its buttons.
 * `field(name)` gives a TextField/SelectField its value, change handler and error; `check` applies
 * the client-side validation; `fail` shows what the API said — the values typed stay as they are.
 * Typed but unsent input makes the form "dirty": leaving the page then asks first (lib/leaveGuard).
 * A submission that passes the checks clears it (the page may move on after success); a failed one
 * restores it.
 */
export function useForm<D extends Draft<D>>(initial: D | (() => D), options: { onEdit?: () => void } = {}) {
  type K = keyof D & string;
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [edited, setEdited] = useState(false);
  const [sending, setSending] = useState(false);
  useLeaveGuard(edited && !sending);
  const { onEdit } = options;

  /** A change of one value: its error (and the line above the buttons) go until the next check. */
  const set = useCallback(
    (name: K, value: string) => {
      setDraft((current) => ({ ...current, [name]: value }));
      setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
      setFormError(null);
      setEdited(true);
      setSending(false);
      onEdit?.();
    },
    [onEdit],
  );

  const field = (name: K) => ({
    name,
    value: draft[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(name, event.target.value),
    error: errors[name],
  });

  /** The same for controls whose change hands over the value, not an event (DateField, ComboBox). */
  const valueField = (name: K) => ({ name, value: draft[name], onChange: (text: string) => set(name, text), error: errors[name] });

  /** Starts a submission without a client-side check: clears the last messages. */
  function begin(): void {
    setFormError(null);
    setErrors({});
    setSending(true);
  }

  /** Starts a submission with a client-side check: its errors beside the fields; null if any. */
  function check<V>(result: { errors: FieldErrors<K>; values: V | null }): V | null {
    setFormError(result.values ? null : ru.form.fixErrors);
    setErrors(result.errors);
    setSending(result.values !== null);
    return result.values;
  }

  /** A failed submission: the API's messages beside the fields, or above the buttons. */
  function fail(error: unknown): FormFailure<K> {
    const failure = formFailure(error, Object.keys(draft) as K[]);
    setErrors(failure.fieldErrors);
    setFormError(failure.formError);
    setSending(false);
    return failure;
  }

  return { draft, setDraft, set, field, valueField, errors, setErrors, formError, setFormError, begin, check, fail };
}
