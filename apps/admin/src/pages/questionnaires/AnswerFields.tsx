import { useCallback, useId, useState } from 'react';
import { ru } from '../../i18n/ru';
import { scaleValues, toggleChoice, type AnswerDraft, type QuestionLike } from '../../lib/questionnaires';

/**
 * The answers being typed and the API's messages per question: a change clears that question's
 * message (it is checked again on sending). `fields` goes straight to <AnswerFields>.
 */
export function useAnswerDraft() {
  const [draft, setDraft] = useState<AnswerDraft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onChange = useCallback((questionId: string, value: string | string[]) => {
    setDraft((current) => ({ ...current, [questionId]: value }));
    setErrors((current) => (current[questionId] ? { ...current, [questionId]: '' } : current));
  }, []);
  return { draft, setErrors, fields: { draft, errors, onChange } };
}

/**
 * The questions of a template as form controls: a scale (radio buttons 1–5 / 1–10), one option
 * (radio buttons), several options (checkboxes) or free text; required ones marked; the API's
 * message beside each question. The values live in the parent (`draft`), so an error keeps them.
 */
export function AnswerFields({
  questions,
  draft,
  errors,
  onChange,
}: {
  questions: readonly QuestionLike[];
  draft: AnswerDraft;
  errors: Record<string, string>;
  onChange: (questionId: string, value: string | string[]) => void;
}) {
  return (
    <ol className="questionnaire-questions" style={{ paddingLeft: '1.2rem' }}>
      {questions.map((question) => (
        <li key={question.id} style={{ marginBottom: '1rem' }}>
          <QuestionControl question={question} value={draft[question.id]} error={errors[question.id]} onChange={(value) => onChange(question.id, value)} />
        </li>
      ))}
    </ol>
  );
}

function QuestionControl({
  question,
  value,
  error,
  onChange,
}: {
  question: QuestionLike;
  value: string | string[] | undefined;
  error: string | undefined;
  onChange: (value: string | string[]) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const single = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const legend = (
    <legend className="field-label">
      {question.text}
      {question.required && (
        <span className="field-required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
      {question.required && <span className="visually-hidden"> ({ru.form.required})</span>}
    </legend>
  );
  const errorLine = error ? (
    <p id={errorId} className="field-error">
      {error}
    </p>
  ) : null;
  const invalid = error ? true : undefined;
  const describedBy = error ? errorId : undefined;
  const scale = scaleValues(question.kind);
  if (scale.length > 0 || question.kind === 'single' || question.kind === 'multiple') {
    const options = scale.length > 0 ? scale.map(String) : [...question.options];
    const multiple = question.kind === 'multiple';
    return (
      <fieldset
        className={`field${error ? ' field-invalid' : ''}`}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        data-question={question.id}
        style={{ border: 0, padding: 0, margin: 0 }}
      >
        {legend}
        {scale.length > 0 && <p className="field-hint">{ru.questionnaires.scaleLegend(scale.length)}</p>}
        <div
          style={{ display: 'flex', flexWrap: scale.length > 0 ? 'wrap' : undefined, flexDirection: scale.length > 0 ? 'row' : 'column', gap: '0.35rem 1rem' }}
        >
          {options.map((option) => (
            <label key={option} className="checkbox">
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={`${id}-q`}
                value={option}
                checked={multiple ? (Array.isArray(value) ? value.includes(option) : value === option) : single === option}
                onChange={(event) => onChange(multiple ? toggleChoice(question, value, option, event.target.checked) : option)}
              />{' '}
              {option}
            </label>
          ))}
        </div>
        {errorLine}
      </fieldset>
    );
  }
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-question={question.id}>
      <label htmlFor={id} className="field-label">
        {question.text}
        {question.required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {question.required && <span className="visually-hidden"> ({ru.form.required})</span>}
      </label>
      <textarea
        id={id}
        className="input"
        rows={3}
        value={single}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-required={question.required || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {errorLine}
    </div>
  );
}
