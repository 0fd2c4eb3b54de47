import { BEST_PRACTICE_LIMITS } from '@nastavnik/domain';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Field, TextAreaField, TextField } from '../../components/Field';
import { ErrorNotice } from '../../components/Notice';
import { PagedTable } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { ru } from '../../i18n/ru';
import { classifyError, notFoundError } from '../../lib/errors';
import { programmePaths } from '../../lib/programmes';
import { checkPractice, questionnairePaths } from '../../lib/questionnaires';
import { formatDateTimeRu, isoToRu } from '../../lib/roadmap/dates';
import type { Tone } from '../../lib/roadmap/enums';
import { useListParams } from '../../lib/useListParams';
import { ProgrammesGuard } from '../programmes/shared';
import { BestPracticesQuery, CreateBestPracticeMutation, PracticePairsQuery, PracticeProgrammeQuery, PracticeSchoolQuery } from './documents';
import { toast } from '../../components/Toasts';
import { ComboBox } from '../../components/ComboBox';

const P = ru.practices;
export const PRACTICE_TONES: Record<string, Tone> = { draft: 'neutral', ready: 'progress', published: 'agreed' };

export function PracticesPage() {
  return (
    <ProgrammesGuard>
      <PracticesView />
    </ProgrammesGuard>
  );
}

function useProgramme(programmeId: string) {
  const { data, error, refetch } = useQuery(PracticeProgrammeQuery, { variables: { id: programmeId } });
  return { programme: data ? (data.programme ?? null) : undefined, error: error ?? (data && !data.programme ? notFoundError() : null), refetch };
}

function PracticesView() {
  const { programmeId = '' } = useParams();
  const { programme, error, refetch } = useProgramme(programmeId);
  const { page, setPage, limit, offset } = useListParams();
  const list = useQuery(BestPracticesQuery, { variables: { programmeId, page: { limit, offset } }, fetchPolicy: 'cache-and-network' });
  return (
    <QueryState data={programme} error={error} onRetry={() => void refetch()} asPage>
      {(p) => (
        <>
          <p>
            <Link to={programmePaths.programme(p.id)}>{`← ${p.name}`}</Link>
          </p>
          <PageTitle>{`${P.title}: ${p.name}`}</PageTitle>
          <p className="muted measure">{P.intro}</p>
          <div className="toolbar">
            <Link className="button" to={questionnairePaths.newPractice(p.id)}>
              {P.create}
            </Link>
            <SchoolPageLink organizationId={p.organizationId} />
          </div>
          <PagedTable
            list={(list.data ?? list.previousData)?.bestPractices}
            error={list.error}
            onRetry={() => void list.refetch()}
            page={page}
            onPage={setPage}
            tableProps={{ 'aria-label': P.title, 'data-testid': 'practices-table' }}
            head={
              <>
                <th scope="col">{P.caseTitle}</th>
                <th scope="col">{P.form}</th>
                <th scope="col">{P.status}</th>
                <th scope="col">{P.updated}</th>
              </>
            }
            row={(item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={questionnairePaths.practice(p.id, item.id)}>{item.title}</Link>
                </th>
                <td>{item.formLabel}</td>
                <td>
                  <StatusBadge label={item.statusLabel} tone={PRACTICE_TONES[item.status] ?? 'neutral'} />
                </td>
                <td>{formatDateTimeRu(item.updatedAt)}</td>
              </tr>
            )}
          />
        </>
      )}
    </QueryState>
  );
}

/** «Публичная страница школы» when the school's and district's codes can be read; nothing otherwise. */
export function SchoolPageLink({ organizationId }: { organizationId: string }) {
  const { data } = useQuery(PracticeSchoolQuery, { variables: { id: organizationId } });
  const organization = data?.organization;
  if (!organization) return null;
  return (
    <a className="button button-secondary" href={questionnairePaths.schoolPage(organization.district.code, organization.code)} target="_blank" rel="noreferrer">
      {P.schoolPage}
    </a>
  );
}

export function NewPracticePage() {
  return (
    <ProgrammesGuard>
      <NewPracticeView />
    </ProgrammesGuard>
  );
}

function NewPracticeView() {
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  const { programme, error, refetch } = useProgramme(programmeId);
  const pairs = useQuery(PracticePairsQuery, { variables: { programmeId }, fetchPolicy: 'network-only' });
  const [draft, setDraft] = useState({ pairId: '', title: '', summary: '', results: '', showNames: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateBestPracticeMutation, { refetchQueries: ['BestPractices'] });
  const set = (name: keyof typeof draft, value: string | boolean) => {
    setDraft((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: '' }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    // The pair is the form's own check; the texts go through the shared schema (the API's own check): all at once.
    const checked = checkPractice(draft);
    const problems: Record<string, string> = { ...(draft.pairId ? {} : { pairId: `${P.pair}: ${ru.form.required}` }), ...checked.errors };
    setErrors(problems);
    if (!checked.values || Object.keys(problems).length > 0) {
      setFormError(ru.form.fixErrors);
      return;
    }
    try {
      const result = await create({ variables: { input: { pairId: draft.pairId, ...checked.values } } });
      const id = result.data?.createBestPractice.id;
      if (id) {
        toast.success(P.saved);
        navigate(questionnairePaths.practice(programmeId, id));
      }
    } catch (failure) {
      const appError = classifyError(failure);
      const fields = ['pairId', 'title', 'summary', 'results', 'showNames'];
      const next: Record<string, string> = {};
      for (const f of fields) if (appError.fieldErrors[f]) next[f] = appError.fieldErrors[f];
      setErrors(next);
      setFormError(Object.keys(next).length > 0 ? ru.form.fixErrors : appError.message);
    }
  }

  return (
    <QueryState data={programme} error={error} onRetry={() => void refetch()} asPage>
      {(p) => {
        const completed = (pairs.data?.pairs ?? []).filter((pair) => pair.status === 'completed');
        return (
          <>
            <p>
              <Link to={questionnairePaths.practices(p.id)}>{P.back}</Link>
            </p>
            <PageTitle>{P.createTitle}</PageTitle>
            <QueryState data={pairs.data?.pairs} error={pairs.error} onRetry={() => void pairs.refetch()}>
              {() =>
                completed.length === 0 ? (
                  <p className="muted">{P.noCompletedPairs}</p>
                ) : (
                  <form className="form measure" onSubmit={(event) => void submit(event)} noValidate>
                    <ComboBox
                      label={P.pair}
                      required
                      value={draft.pairId}
                      error={errors.pairId}
                      onChange={(id) => set('pairId', id)}
                      items={completed.map((pair) => ({
                        id: pair.id,
                        label: P.pairOption(
                          pair.mentor.displayName,
                          pair.mentees.map((m) => m.displayName).join(', '),
                          isoToRu(pair.completedOn ?? pair.endDate),
                        ),
                      }))}
                    />
                    <PracticeFields draft={draft} errors={errors} set={set} />
                    <ErrorNotice>{formError}</ErrorNotice>
                    <div className="form-actions">
                      <button type="submit" className="button" disabled={loading}>
                        {loading ? P.saving : P.save}
                      </button>
                      <Link className="button button-secondary" to={questionnairePaths.practices(p.id)}>
                        {ru.form.cancel}
                      </Link>
                    </div>
                  </form>
                )
              }
            </QueryState>
          </>
        );
      }}
    </QueryState>
  );
}

/** Title, description, results, «show names» — shared by the new case and the case's editor. */
export function PracticeFields({
  draft,
  errors,
  set,
}: {
  draft: { title: string; summary: string; results: string; showNames: boolean };
  errors: Record<string, string>;
  set: (name: 'title' | 'summary' | 'results' | 'showNames', value: string | boolean) => void;
}) {
  return (
    <>
      <TextField
        label={P.caseTitle}
        required
        maxChars={BEST_PRACTICE_LIMITS.title}
        value={draft.title}
        error={errors.title || undefined}
        onChange={(event) => set('title', event.target.value)}
      />
      <TextAreaField
        label={P.summary}
        required
        rows={5}
        maxChars={BEST_PRACTICE_LIMITS.text}
        value={draft.summary}
        error={errors.summary || undefined}
        onChange={(event) => set('summary', event.target.value)}
      />
      <TextAreaField
        label={P.results}
        required
        rows={4}
        maxChars={BEST_PRACTICE_LIMITS.text}
        value={draft.results}
        error={errors.results || undefined}
        onChange={(event) => set('results', event.target.value)}
      />
      <Field label={P.showNames} hint={P.showNamesHint} error={errors.showNames || undefined}>
        {(control) => (
          <input {...control} className="" type="checkbox" checked={draft.showNames} onChange={(event) => set('showNames', event.target.checked)} />
        )}
      </Field>
    </>
  );
}
