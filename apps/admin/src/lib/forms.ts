/**
 * The error handling every form shares: the API's BAD_USER_INPUT messages go beside the fields
 * they name, anything else above the buttons; what the user typed is never cleared by an error.
 */
import { ru } from '../i18n/ru';
import { classifyError, type AppError } from './errors';
import type { FieldErrors } from './validation';

export type { FieldErrors };

/** The API's errors for the form's own fields (others are ignored: they cannot be shown beside a field). */
export function fieldErrorsFor<K extends string>(appError: AppError, fields: readonly K[]): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of fields) if (appError.fieldErrors[key]) errors[key] = appError.fieldErrors[key];
  return errors;
}

export interface FormFailure<K extends string> {
  fieldErrors: FieldErrors<K>;
  /** The line above the buttons: «Исправьте ошибки в форме.» when fields carry the messages. */
  formError: string;
  appError: AppError;
}

/** A failed submission (any error Apollo or fetch reported) → what the form shows. */
export function formFailure<K extends string>(error: unknown, fields: readonly K[]): FormFailure<K> {
  const appError = classifyError(error);
  const fieldErrors = fieldErrorsFor(appError, fields);
  return { fieldErrors, formError: Object.keys(fieldErrors).length > 0 ? ru.form.fixErrors : appError.message, appError };
}
