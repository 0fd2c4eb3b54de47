import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { ErrorNotice, Notice, SuccessNotice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import type { QuestionnaireTemplateQuery as TemplateData } from '../../gql/graphql';
import { QUESTION_KIND_LABELS_RU, QUESTIONNAIRE_LIMITS } from '@nastavnik/domain';
import { ru } from '../../i18n/ru';
import { notFoundError } from '../../lib/errors';
import {
  addQuestion,
  changeQuestion,
  checkTemplate,
  hasOptions,
  moveQuestion,
  QUESTION_KINDS,
  questionnaireKindOf,
  questionnairePaths,
  removeQuestion,
  templateDraftOf,
  templateErrorsOf,
  templateInput,
  type QuestionKind,
  type TemplateDraft,
  type TemplateErrors,
} from '../../lib/questionnaires';
import { ProgrammesGuard } from '../programmes/shared';
import { QuestionnaireTemplateQuery, UpdateQuestionnaireTemplateMutation } from './documents';
import { toast } from '../../components/Toasts';

const T = ru.questionnaires;
type Template = NonNullable<TemplateData['questionnaireTemplate']>;

export function TemplateEditorPage() {
  return (
    <ProgrammesGuard>
      <TemplateEditorView />
    </ProgrammesGuard>
  );
}

function TemplateEditorView() {
  const { programmeId = '', templateId = '' } = useParams();
  const { data, error, refetch } = useQuery(QuestionnaireTemplateQuery, { variables: { id: templateId }, fetchPolicy: 'network-only' });
  return (
    <QueryState
      data={data ? (data.questionnaireTemplate ?? null) : undefined}
      error={error ?? (data && !data.questionnaireTemplate ? notFoundError() : null)}
      onRetry={() => void refetch()}
      asPage
    >
      {(template) => <Editor key={template.id} programmeId={programmeId} template={template} />}
    </QueryState>
  );
}

function Editor({ programmeId, template }: { programmeId: string; template: Template }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<TemplateDraft>(() => templateDraftOf(template));
  const [errors, setErrors] = useState<TemplateErrors>({ byQuestion: {}, formError: null });
  const [saved, setSaved] = useState<string | null>(null);
  const [save, { loading }] = useMutation(UpdateQuestionnaireTemplateMutation, { refetchQueries: ['QuestionnaireTemplates'] });
  const back = questionnairePaths.questionnaires(programmeId, questionnaireKindOf(template.kind));

  function edit(next: TemplateDraft, index?: number) {
    setDraft(next);
    setSaved(null);
    // The question being changed loses its messages until the next save.
    if (index === -1) setErrors((current) => ({ ...current, byQuestion: {} }));
    else if (index !== undefined)
      setErrors((current) => (current.byQuestion[index] ? { ...current, byQuestion: { ...current.byQuestion, [index]: {} } } : current));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    // The shared schema (the API's own rule): every problem at once, beside its question.
    const checked = checkTemplate(draft);
    setErrors(checked.errors);
    if (!checked.values) return;
    try {
      const result = await save({ variables: { id: template.id, input: templateInput(draft) } });
      const next = result.data?.updateQuestionnaireTemplate;
      if (!next) return;
      if (next.id !== template.id) {
        // A new version: the editor continues on it.
        toast.success(T.savedNewVersion(next.version));
        navigate(questionnairePaths.template(programmeId, next.id), { replace: true });
        return;
      }
      setDraft(templateDraftOf(next));
      setSaved(T.savedSame);
    } catch (failure) {
      setErrors(templateErrorsOf(failure));
    }
  }

  return (
    <>
      <p>
        <Link to={back}>{`← ${T.title}`}</Link>
      </p>
      <PageTitle>{T.editorTitle(template.title)}</PageTitle>
      <p className="muted">
        {template.kindLabel} · {T.version(template.version)}
      </p>
      <Notice tone="info">{template.isCurrent ? T.versionNote : T.notCurrent}</Notice>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="template-editor">
        <TextField
          label={T.templateName}
          required
          maxChars={QUESTIONNAIRE_LIMITS.title}
          value={draft.title}
          error={errors.title}
          onChange={(event) => edit({ ...draft, title: event.target.value })}
        />
        <TextAreaField
          label={T.templateIntro}
          maxChars={QUESTIONNAIRE_LIMITS.intro}
          value={draft.intro}
          error={errors.intro}
          onChange={(event) => edit({ ...draft, intro: event.target.value })}
        />
        <ErrorNotice>{errors.questions}</ErrorNotice>
        <ol style={{ listStyle: 'none', padding: 0 }}>
          {draft.questions.map((question, index) => {
            const qErrors = errors.byQuestion[index] ?? {};
            return (
              <li key={question.key} className="panel" style={{ marginBottom: '0.75rem' }} data-testid="template-question">
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend>
                    <strong>{T.questionN(index + 1)}</strong>
                  </legend>
                  <TextAreaField
                    label={T.questionText}
                    required
                    rows={2}
                    maxChars={QUESTIONNAIRE_LIMITS.text}
                    value={question.text}
                    error={qErrors.text}
                    onChange={(event) => edit(changeQuestion(draft, index, { text: event.target.value }), index)}
                  />
                  <SelectField
                    label={T.questionKind}
                    value={question.kind}
                    error={qErrors.kind}
                    onChange={(event) => edit(changeQuestion(draft, index, { kind: event.target.value as QuestionKind }), index)}
                  >
                    {QUESTION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {QUESTION_KIND_LABELS_RU[kind]}
                      </option>
                    ))}
                  </SelectField>
                  {hasOptions(question.kind) && (
                    <TextAreaField
                      label={T.questionOptions}
                      hint={T.questionOptionsHint}
                      rows={4}
                      value={question.options}
                      error={qErrors.options}
                      onChange={(event) => edit(changeQuestion(draft, index, { options: event.target.value }), index)}
                    />
                  )}
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={question.required}
                      onChange={(event) => edit(changeQuestion(draft, index, { required: event.target.checked }))}
                    />{' '}
                    {T.questionRequired}
                  </label>
                  <div className="form-actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === 0}
                      onClick={() => edit(moveQuestion(draft, index, -1), -1)}
                      aria-label={`${T.moveUp}: ${T.questionN(index + 1)}`}
                    >
                      ↑ {T.moveUp}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={index === draft.questions.length - 1}
                      onClick={() => edit(moveQuestion(draft, index, 1), -1)}
                      aria-label={`${T.moveDown}: ${T.questionN(index + 1)}`}
                    >
                      ↓ {T.moveDown}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => edit(removeQuestion(draft, index), -1)}
                      aria-label={`${T.removeQuestion}: ${T.questionN(index + 1)}`}
                    >
                      {T.removeQuestion}
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="toolbar">
          <button type="button" className="button button-secondary" onClick={() => edit(addQuestion(draft))}>
            {T.addQuestion}
          </button>
        </div>
        <ErrorNotice>{errors.formError}</ErrorNotice>
        {saved && <SuccessNotice>{saved}</SuccessNotice>}
        <div className="form-actions">
          <button type="submit" className="button" disabled={loading || !template.isCurrent}>
            {loading ? T.saving : T.saveTemplate}
          </button>
          <Link className="button button-secondary" to={back}>
            {ru.form.cancel}
          </Link>
        </div>
      </form>
    </>
  );
}
