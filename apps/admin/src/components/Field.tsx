import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ru } from '../i18n/ru';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** A length limit shown while typing: «12 из 300 символов», marked when exceeded. */
  counter?: { used: number; max: number } | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  className?: string;
  /** Renders the control with the ids that tie it to the label, the hint and the error. */
  children: (control: ControlProps) => ReactNode;
}

/** What a control needs to be tied to its label, hint and error (spread onto the element). */
export interface ControlProps {
  id: string;
  className: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

/**
 * A labelled form control with its hint and, beside it, its error. TextField, SelectField and
 * TextAreaField are this with an input, a select or a textarea; other controls use it directly.
 */
export function Field({ label, hint, counter, error, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counterId = counter ? `${id}-counter` : undefined;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {required && <span className="visually-hidden"> ({ru.form.required})</span>}
      </label>
      {children({
        id,
        className: 'input',
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        'aria-required': required ? true : undefined,
      })}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {counter && (
        <p id={counterId} className={counter.used > counter.max ? 'field-counter field-counter-over' : 'field-counter'}>
          {ru.form.counter(counter.used, counter.max)}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface Labelled {
  label: ReactNode;
  hint?: ReactNode;
  /** The API's length limit of the value: a counter under the field while typing. */
  maxChars?: number;
  error?: string | undefined;
  fieldClassName?: string;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & Labelled;

/** The counter of a value against its limit (spaces at the ends do not count: the API trims them). */
function counterOf(value: unknown, max: number | undefined) {
  return max === undefined ? undefined : { used: String(value ?? '').trim().length, max };
}

export function TextField({ label, hint, error, required, fieldClassName, maxChars, ...input }: InputProps) {
  return (
    <Field label={label} hint={hint} counter={counterOf(input.value, maxChars)} error={error} required={required} className={fieldClassName}>
      {(control) => <input {...control} {...input} />}
    </Field>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & Labelled & { children: ReactNode };

export function SelectField({ label, hint, error, required, fieldClassName, children, ...select }: SelectProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} className={fieldClassName}>
      {(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & Labelled;

export function TextAreaField({ label, hint, error, required, fieldClassName, maxChars, rows = 3, ...textarea }: TextAreaProps) {
  return (
    <Field label={label} hint={hint} counter={counterOf(textarea.value, maxChars)} error={error} required={required} className={fieldClassName}>
      {(control) => <textarea {...control} rows={rows} {...textarea} />}
    </Field>
  );
}
